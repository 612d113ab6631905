"""Downloads of award decisions and what follows from them: the decision (PDF), its
payment list (PDF, XLSX), a unit's fund ledger (PDF, XLSX) and award history (XLSX).
Thin: the policy fetches the object, a builder reads the data, a renderer makes bytes."""

from django.http import HttpResponse

from nominations.models import Decision
from portal.models import OrgUnit
from portal.permissions import login_view, policy_view
from reports.builders.decisions import (
    build_decision,
    build_fund_ledger,
    build_payment_list,
    fund_sheet,
    history_sheet,
    payment_sheet,
    person_history,
    unit_history,
)
from reports.renderers.pdf import in_official_language, render_pdf
from reports.renderers.xlsx import write_workbook
from reports.views.documents import ascii_filename, pdf_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(data: bytes, stem: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{ascii_filename(stem)}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _stem(decision: Decision) -> str:
    return f"{decision.number:02d}-QD-{decision.year}-{decision.pk}"


@policy_view("decision.view", model=Decision)
@in_official_language
def decision_pdf(request, obj):
    pdf = render_pdf("reports/pdf/decision.html", {"doc": build_decision(obj.pk)})
    return pdf_response(pdf, f"quyet-dinh-{_stem(obj)}")


@policy_view("decision.view", model=Decision)
@in_official_language
def payment_pdf(request, obj):
    pdf = render_pdf("reports/pdf/payment_list.html", {"doc": build_payment_list(obj.pk)})
    return pdf_response(pdf, f"chi-tien-thuong-{_stem(obj)}")


@policy_view("decision.view", model=Decision)
def payment_xlsx(request, obj):
    return xlsx_response(write_workbook([payment_sheet(obj.pk)]), f"chi-tien-thuong-{_stem(obj)}")


@policy_view("fund.view", model=OrgUnit)
@in_official_language
def fund_pdf(request, obj, year):
    pdf = render_pdf("reports/pdf/fund_ledger.html", {"doc": build_fund_ledger(obj, year)})
    return pdf_response(pdf, f"quy-thi-dua-{obj.code}-{year}")


@policy_view("fund.view", model=OrgUnit)
def fund_xlsx(request, obj, year):
    return xlsx_response(write_workbook([fund_sheet(obj, year)]), f"quy-thi-dua-{obj.code}-{year}")


@policy_view("history.unit", model=OrgUnit)
def unit_history_xlsx(request, obj):
    sheet = history_sheet(unit_history(obj))
    return xlsx_response(write_workbook([sheet]), f"ho-so-thi-dua-{obj.code}")


@login_view
def my_history_xlsx(request):
    sheet = history_sheet(person_history(request.user))
    return xlsx_response(write_workbook([sheet]), "ho-so-thi-dua-cua-toi")
