"""Downloads of the documents that follow from the nominations: the nomination list, the
minutes of the review meeting and of each vote round, a forwarded nominee's dossier and
the certificates. Thin, as reports/views.py: the policy fetches the object, a builder
reads the data, the renderer makes the bytes."""

from django.http import Http404

from campaigns.models import Plan
from nominations.models import Dossier, VoteRound
from portal.permissions import policy_view
from reports.builders.nominations import (
    build_certificates,
    build_dossier,
    build_nomination_list,
    build_review_minutes,
    build_vote_minutes,
)
from reports.renderers.pdf import in_official_language, render_pdf
from reports.views import _plan_slug, pdf_response


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
