"""Downloads of a unit rating: the standards table (PDF) for everyone who sees the plan,
one unit's scoring sheet (PDF) for the rater and, once published, the unit, and the
summary of levels (PDF, XLSX) for the rater."""

from django.http import Http404

from campaigns.models import Plan, RatingScheme, UnitAssessment
from portal.permissions import policy_view
from reports.builders.ratings import build_sheet, build_standards, build_summary, rating_sheets
from reports.renderers.pdf import in_official_language, render_pdf
from reports.renderers.xlsx import write_workbook
from reports.views.decisions import xlsx_response
from reports.views.documents import pdf_response


def _rated(plan: Plan) -> Plan:
    if not RatingScheme.objects.filter(plan=plan).exists():
        raise Http404
    return plan


@policy_view("plan.view", model=Plan)
@in_official_language
def rating_standards_pdf(request, obj):
    pdf = render_pdf("reports/pdf/rating.html", {"doc": build_standards(_rated(obj))})
    return pdf_response(pdf, f"tieu-chuan-xep-loai-{obj.year}-{obj.pk}")


@policy_view("unitassessment.see_result", model=UnitAssessment)
@in_official_language
def rating_sheet_pdf(request, obj):
    pdf = render_pdf("reports/pdf/rating.html", {"doc": build_sheet(obj)})
    return pdf_response(pdf, f"phieu-cham-diem-{obj.unit.code}-{obj.scheme.plan.year}")


@policy_view("rating.board", model=Plan)
@in_official_language
def rating_summary_pdf(request, obj):
    pdf = render_pdf("reports/pdf/rating.html", {"doc": build_summary(_rated(obj))})
    return pdf_response(pdf, f"ket-qua-xep-loai-{obj.year}-{obj.pk}")


@policy_view("rating.board", model=Plan)
def rating_xlsx(request, obj):
    data = write_workbook(rating_sheets(_rated(obj)))
    return xlsx_response(data, f"xep-loai-don-vi-{obj.year}-{obj.pk}")
