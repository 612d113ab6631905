"""Document downloads: the plan and its ceremony programme, and the documents that follow
from the nominations (the nomination list, the minutes of the review meeting and of each
vote round, a forwarded nominee's dossier, the certificates). Thin: the policy fetches the
object, a builder reads the data, a renderer makes the bytes, the view wraps them."""

from django.http import Http404, HttpResponse
from django.utils.text import slugify

from campaigns.models import Plan
from nominations.models import Dossier, VoteRound
from portal.permissions import policy_view
from portal.vietnamese import fold
from reports.builders.dossiers import build_dossier
from reports.builders.lists import build_certificates, build_nomination_list
from reports.builders.plan import build_ceremony_programme, build_plan_document
from reports.builders.reviews import build_review_minutes
from reports.builders.votes import build_vote_minutes
from reports.renderers.pdf import in_official_language, render_pdf


@policy_view("document.nomination_list", model=Plan)
@in_official_language
def nomination_list_pdf(request, obj):
    doc = build_nomination_list(obj.pk)
    if doc is None:
        raise Http404("Danh sách đề nghị chưa được chốt.")
    pdf = render_pdf("reports/pdf/nominations.html", {"doc": doc})
    return pdf_response(pdf, f"danh-sach-de-nghi-{_plan_slug(obj)}")


@policy_view("document.review_minutes", model=Plan)
@in_official_language
def review_minutes_pdf(request, obj):
    doc = build_review_minutes(obj.pk)
    if doc is None:
        raise Http404("Chủ tịch chưa chốt kết quả bình xét.")
    pdf = render_pdf("reports/pdf/review_minutes.html", {"doc": doc})
    return pdf_response(pdf, f"bien-ban-hop-xet-{_plan_slug(obj)}")


@policy_view("document.vote_minutes", model=VoteRound)
@in_official_language
def vote_minutes_pdf(request, obj):
    doc = build_vote_minutes(obj.pk)
    if doc is None:
        raise Http404("Đợt biểu quyết chưa kiểm phiếu.")
    pdf = render_pdf("reports/pdf/vote_minutes.html", {"doc": doc})
    return pdf_response(pdf, f"bien-ban-bieu-quyet-{obj.pk}")


@policy_view("document.dossier", model=Dossier)
@in_official_language
def dossier_pdf(request, obj):
    doc = build_dossier(obj.pk)
    pdf = render_pdf("reports/pdf/dossier.html", {"doc": doc})
    return pdf_response(pdf, f"ho-so-de-nghi-{doc.nominee.name}")


@policy_view("document.certificates", model=Plan)
@in_official_language
def certificates_pdf(request, obj):
    doc = build_certificates(obj.pk)
    if doc is None:
        raise Http404("Chưa có người được khen thưởng.")
    pdf = render_pdf("reports/pdf/certificate.html", {"doc": doc})
    return pdf_response(pdf, f"giay-khen-{_plan_slug(obj)}")


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
