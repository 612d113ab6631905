"""The federation's dashboard and the generated files (workbook, summary report, PDFs made
in the background): thin views over reports.builders and reports.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from campaigns.models import Plan
from nominations.money import dong
from nominations.selectors.funds import funds_below
from portal.permissions import policy_view, visible_to
from reports.builders.city import build_city_dashboard
from reports.builders.dashboard import FILTERS, SORTS, build_dashboard, cluster_boards
from reports.models import Artifact
from reports.services.dashboard import request_artifact
from reports.views.documents import ascii_filename

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_KINDS = (Artifact.Kind.WORKBOOK, Artifact.Kind.SUMMARY, Artifact.Kind.PLAN)


@policy_view("report.dashboard", model=Plan)
def dashboard(request, obj):
    status = request.GET.get("status", "")
    status = status if status in FILTERS else ""
    sort = request.GET.get("sort", "name")
    sort = sort if sort.lstrip("-") in SORTS else "name"
    board = build_dashboard(obj, status=status, search=request.GET.get("q", "")[:100], sort=sort)
    files = list(
        visible_to(request.user, Artifact)
        .filter(plan=obj, unit=obj.issuer)
        .order_by("kind", "-created_at")
    )
    latest = {}
    for artifact in files:
        latest.setdefault(artifact.kind, artifact)
    funds = funds_below(obj.issuer, obj.year)
    return render(
        request,
        "reports/dashboard.html",
        {
            "plan": obj,
            "board": board,
            "clusters": cluster_boards(obj),
            "filters": FILTERS,
            "status": status,
            "sort": sort,
            "q": request.GET.get("q", ""),
            "export_kinds": [(k, Artifact.Kind(k).label, latest.get(k)) for k in EXPORT_KINDS],
            "funds": [(f, dong(f.opening), dong(f.moved), dong(f.balance)) for f in funds],
            "funds_total": dong(sum(f.balance for f in funds)),
        },
    )


@policy_view("report.city_dashboard", model=Plan)
def city_dashboard(request, obj):
    """A city federation's plan: one row per district federation, from the rolled-up
    figures, each drilling down into the district's dashboard."""
    return render(
        request, "reports/city_dashboard.html", {"plan": obj, "board": build_city_dashboard(obj)}
    )


@policy_view("report.export", model=Plan)
@require_POST
def export_start(request, obj, kind):
    if kind not in EXPORT_KINDS:
        raise Http404
    try:
        artifact = request_artifact(plan=obj, unit=obj.issuer, kind=kind, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:dashboard", obj.pk)
    return redirect("reports:artifact_detail", artifact.pk)


@policy_view("artifact.view", model=Artifact)
def artifact_detail(request, obj):
    return render(request, "reports/dashboard_artifact.html", {"artifact": obj})


@policy_view("artifact.view", model=Artifact)
def artifact_status(request, obj):
    """The progress fragment the detail page polls (htmx) until the file is ready."""
    return render(request, "reports/dashboard_artifact_status.html", {"artifact": obj})


@policy_view("artifact.view", model=Artifact)
def artifact_download(request, obj):
    if not obj.is_ready or not obj.file:
        raise Http404("Tệp chưa sẵn sàng.")
    extension = obj.filename.rsplit(".", 1)[-1]
    stem = f"{obj.filename.rsplit('.', 1)[0]}-{obj.plan.symbol}-{obj.plan.year}"
    with obj.file.open("rb") as handle:  # read now: no handle left open after the view
        content = handle.read()
    response = HttpResponse(
        content, content_type=CONTENT_TYPES.get(extension, "application/octet-stream")
    )
    response["Content-Disposition"] = f'attachment; filename="{ascii_filename(stem)}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
