"""The PDF downloads of a party-cell meeting: its minutes and the quarter's report."""

from django.http import Http404
from django.utils import timezone

from campaigns.models import Minutes
from campaigns.selectors import meetings as selectors
from portal.permissions import policy_view
from reports.builders.meetings import build_minutes_document, build_quarter_report
from reports.renderers.pdf import in_official_language, render_pdf
from reports.views.documents import pdf_response


@policy_view("minutes.pdf", model=Minutes)
@in_official_language
def minutes_pdf(request, obj):
    doc = build_minutes_document(obj)
    pdf = render_pdf("reports/pdf/meeting_minutes.html", {"doc": doc})
    day = timezone.localdate(obj.started_at)
    return pdf_response(pdf, f"bien-ban-sinh-hoat-{day:%Y-%m-%d}-lan-{obj.version}")


@policy_view("meetings.quarter_report")
@in_official_language
def quarter_report_pdf(request, pk, quarter):
    if quarter not in selectors.QUARTERS:
        raise Http404
    plan = selectors.get_thematic_plan_for(request.user, pk, "meetings.quarter_report")
    doc = build_quarter_report(request.user, plan, quarter, timezone.now())
    pdf = render_pdf("reports/pdf/meeting_quarter_report.html", {"doc": doc})
    return pdf_response(pdf, f"bao-cao-sinh-hoat-chuyen-de-quy-{quarter}-{plan.year}")
