"""Document downloads. Thin: the policy fetches the object, a builder reads the data, a
renderer makes the bytes, the view wraps them."""

from django.http import Http404, HttpResponse
from django.utils.text import slugify

from campaigns.models import Plan
from portal.permissions import policy_view
from portal.vietnamese import fold
from reports.builders.plan import build_ceremony_programme, build_plan_document
from reports.renderers.pdf import in_official_language, render_pdf


@policy_view("plan.view", model=Plan)
@in_official_language
def plan_pdf(request, obj):
    doc = build_plan_document(obj.pk)
    pdf = render_pdf("reports/pdf/plan.html", {"doc": doc})
    return pdf_response(pdf, f"ke-hoach-{_plan_slug(obj)}")


@policy_view("plan.view", model=Plan)
@in_official_language
def ceremony_pdf(request, obj):
    doc = build_ceremony_programme(obj.pk)
    if doc is None:
        raise Http404("Kế hoạch không có hội nghị tuyên dương.")
    pdf = render_pdf("reports/pdf/ceremony.html", {"doc": doc})
    return pdf_response(pdf, f"chuong-trinh-hoi-nghi-{_plan_slug(obj)}")


def pdf_response(pdf: bytes, stem: str) -> HttpResponse:
    """`pdf` as a download named `stem`.pdf (ASCII only), never cached by shared caches."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{ascii_filename(stem)}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def ascii_filename(text: str) -> str:
    """ "ke-hoach-08/KH-CĐCS" -> "ke-hoach-08-kh-cdcs" (safe in any header and any OS)."""
    return slugify(fold(text).replace("/", "-"))[:120] or "tai-lieu"


def _plan_slug(plan: Plan) -> str:
    if plan.number or plan.symbol_override:
        return f"{plan.symbol}-{plan.year}"
    return f"{plan.year}-{plan.pk}"
