"""Self-report pages: the member's one-page report (phone first), its receipt, evidence
files, extension requests, and the BCH's overview. Thin: fetch through the policy, bind a
form, call one service, redirect or render."""

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.deadlines import WindowState, format_deadline, format_moment, seconds_left
from campaigns.forms.selfreports import (
    EvidenceUploadForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    SelfReportForm,
    datetime_local_value,
)
from campaigns.models import DeadlineExtension, EvidenceFile, Plan, SelfReport
from campaigns.selectors import selfreports as selectors
from campaigns.selectors.selfreports import MemberStatus, plan_structure
from campaigns.services import evidence, extensions
from campaigns.services import selfreports as services
from campaigns.uploads import served_name
from portal.arrival import arrival_time
from portal.permissions import can, policy_view


def _report_form(plan, report, data=None):
    structure = plan_structure(plan)  # read once per plan version, also by the service
    criteria, titles = list(structure.criteria), structure.titles
    if data is not None:  # a bound form never shows its initial values
        return SelfReportForm(data, criteria=criteria, titles=titles)
    initial = SelfReportForm.initial_from(report, selectors.answers_by_criterion(report))
    return SelfReportForm(criteria=criteria, titles=titles, initial=initial)


def _page(request, plan, *, form=None, late_error="", failing=(), status=200):
    windows = selectors.self_report_windows(plan, request.user)
    if windows is None:
        raise Http404
    original, window = windows
    now = timezone.now()
    report = selectors.own_report(plan, request.user)
    extensions = selectors.extensions_of(plan, request.user)
    form = form or _report_form(plan, report)
    files = list(report.files.all()) if report.pk else []
    criterion_rows = [
        SimpleNamespace(
            criterion=criterion,
            answer=answer,
            evidence=evidence_field,
            files=[f for f in files if f.criterion_id == criterion.pk],
            failing=criterion.pk in failing,
        )
        for criterion, answer, evidence_field in form.criterion_rows()
    ]
    shown = {row.criterion.pk for row in criterion_rows}
    context = {
        "plan": plan,
        "report": report,
        "form": form,
        "criterion_rows": criterion_rows,
        "failing": bool(failing),
        "general_files": [f for f in files if f.criterion_id not in shown],
        "upload_form": EvidenceUploadForm(plan=plan),
        "extension_form": ExtensionRequestForm(),
        "files": files,
        "window": window,
        "state": window.state(now).value,
        "original_deadline": format_deadline(original.ends_at),
        "deadline_text": format_deadline(window.ends_at),
        "is_extended": window.ends_at != original.ends_at,
        "start_text": format_deadline(window.starts_at),
        "seconds_left": int(seconds_left(window, now)),
        "server_now": now.isoformat(),
        "late_error": late_error,
        "late_policy": plan.get_late_policy_display(),
        "extensions": extensions,
        "open_request": any(e.status == DeadlineExtension.Status.REQUESTED for e in extensions),
        "saved_text": format_moment(report.draft_saved_at) if report.draft_saved_at else "",
        "submitted_text": format_moment(report.submitted_at) if report.submitted_at else "",
        "can_edit": plan.status == Plan.Status.PUBLISHED,
    }
    return render(request, "campaigns/selfreports/fill.html", context, status=status)


@policy_view("selfreport.fill", model=Plan)
def selfreport_fill(request, obj):
    """The member's report: GET shows it; POST saves a draft or submits."""
    plan = obj
    if request.method != "POST":
        return _page(request, plan)
    submit = request.POST.get("action") == "submit"
    # The submit checks the window itself (fresh, with the member's extension): a plan
    # without one is a 404 either way.
    if not submit and selectors.self_report_milestone(plan) is None:
        raise Http404
    # The services find (and lock) the stored row themselves: no read of it here.
    report = SelfReport(plan=plan, member=request.user, unit=plan.issuer)
    form = _report_form(plan, report, data=request.POST)
    if not form.is_valid():
        return _page(request, plan, form=form)
    try:
        if submit:
            version = services.submit_self_report(
                report=report,
                actor=request.user,
                data=form.service_data(),
                now=arrival_time(request),
            )
            return redirect("campaigns:selfreport_receipt", version.report_id)
        report = services.save_draft(
            report=report, actor=request.user, data=form.service_data(), now=arrival_time(request)
        )
    except services.DeadlineError as exc:
        return _page(request, plan, form=form, late_error=exc.messages[0])
    except ValidationError as exc:
        if getattr(exc, "code", None) == services.NO_SELF_REPORT_WINDOW:
            raise Http404 from exc
        for message in exc.messages:
            form.add_error(None, message)
        # The required criteria left unanswered: their cards are marked on the page.
        return _page(request, plan, form=form, failing=set(getattr(exc, "criteria", ())))
    messages.success(
        request, _("Đã lưu nháp lúc %(at)s.") % {"at": format_moment(report.draft_saved_at)}
    )
    return redirect("campaigns:selfreport_fill", plan.pk)


@policy_view("selfreport.fill", model=Plan)
@require_POST
def selfreport_autosave(request, obj):
    """htmx autosave while typing: answers a one-line status fragment."""
    plan = obj
    report = SelfReport(plan=plan, member=request.user, unit=plan.issuer)  # found by save_draft
    form = _report_form(plan, report, data=request.POST)
    error = ""
    if form.is_valid():
        try:
            report = services.save_draft(
                report=report, actor=request.user, data=form.service_data()
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(m for errors in form.errors.values() for m in errors)
    context = {"error": error, "saved_at": report.draft_saved_at}
    return render(request, "campaigns/selfreports/_autosave.html", context)


@policy_view("selfreport.fill", model=Plan)
@require_POST
def evidence_upload(request, obj):
    plan = obj
    report = selectors.own_report(plan, request.user)
    form = EvidenceUploadForm(request.POST, request.FILES, plan=plan)
    error = ""
    if form.is_valid():
        try:
            evidence.add_evidence_file(
                report=report,
                actor=request.user,
                file=form.cleaned_data["file"],
                criterion=form.cleaned_data["criterion"],
                now=arrival_time(request),
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(m for errors in form.errors.values() for m in errors)
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Đã tải tệp minh chứng lên."))
        return redirect("campaigns:selfreport_fill", plan.pk)
    report = selectors.own_report(plan, request.user)
    files = list(report.files.all()) if report.pk else []
    criterion = request.POST.get("criterion") or ""
    if criterion:
        # From a criterion's card (static/js/selfreport.js): that criterion's files.
        files = [f for f in files if str(f.criterion_id) == criterion]
        template = "campaigns/selfreports/_criterion_files.html"
    else:
        files = [f for f in files if f.criterion_id is None]
        template = "campaigns/selfreports/_files.html"
    context = {"files": files, "error": error, "can_edit": True, "plan": plan}
    return render(request, template, context)


@policy_view("evidence.remove", model=EvidenceFile)
@require_POST
def evidence_remove(request, obj):
    plan_id = obj.report.plan_id
    try:
        evidence.remove_evidence_file(evidence=obj, actor=request.user, now=arrival_time(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã xoá tệp “%(name)s”.") % {"name": obj.original_name})
    return redirect("campaigns:selfreport_fill", plan_id)


@policy_view("evidence.download", model=EvidenceFile)
def evidence_download(request, obj):
    return serve_evidence(obj)


def serve_evidence(obj) -> FileResponse:
    """An evidence file (a member's or a unit's), served only through the policy, always
    as an attachment named with the extension of the type its content has."""
    return FileResponse(
        obj.file.open("rb"),
        as_attachment=True,
        filename=served_name(obj.original_name, obj.mime),
        content_type=obj.mime,
    )


@policy_view("selfreport.receipt", model=SelfReport)
def selfreport_receipt(request, obj):
    report = obj
    versions = list(report.versions.order_by("-number"))
    return render(
        request,
        "campaigns/selfreports/receipt.html",
        {
            "report": report,
            "plan": report.plan,
            "version": versions[0],
            "versions": versions,
            "submitted_text": format_moment(versions[0].submitted_at),
            "version_times": [(v, format_moment(v.submitted_at)) for v in versions],
        },
    )


@policy_view("selfreport.view", model=SelfReport)
def selfreport_detail(request, obj):
    """A submitted version, read-only (the BCH, the federation, the owner)."""
    report = obj
    versions = list(report.versions.order_by("-number"))
    if not versions:
        if report.member_id == request.user.pk:
            return redirect("campaigns:selfreport_fill", report.plan_id)
        raise Http404
    wanted = request.GET.get("v")
    version = next((v for v in versions if str(v.number) == wanted), versions[0])
    file_ids = [f["id"] for f in version.snapshot.get("files", [])]
    existing = set(report.files.filter(pk__in=file_ids).values_list("pk", flat=True))
    return render(
        request,
        "campaigns/selfreports/detail.html",
        {
            "report": report,
            "plan": report.plan,
            "version": version,
            "versions": [(v, format_moment(v.submitted_at)) for v in versions],
            "submitted_text": format_moment(version.submitted_at),
            "snapshot": version.snapshot,
            "existing_files": existing,
        },
    )


@policy_view("extension.request", model=Plan)
@require_POST
def extension_request(request, obj):
    plan = obj
    form = ExtensionRequestForm(request.POST)
    if form.is_valid():
        try:
            extensions.request_extension(
                plan=plan, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã gửi yêu cầu gia hạn đến Chủ tịch công đoàn."))
    else:
        messages.error(request, _("Hãy ghi lý do xin gia hạn."))
    return redirect(reverse("campaigns:selfreport_fill", args=[plan.pk]) + "#gia-han")


@policy_view("selfreport.overview", model=Plan)
def selfreport_overview(request, obj):
    """The BCH's view: every member with their status, by union group."""
    plan = obj
    milestone = selectors.self_report_milestone(plan)
    if milestone is None:
        raise Http404
    status = request.GET.get("status", "")
    if status not in MemberStatus.values:
        status = ""
    search = request.GET.get("q", "")[:100]
    overview = selectors.unit_overview(plan, status=status, search=search)
    requests_ = selectors.open_extension_requests(plan, request.user)
    may_decide = bool(requests_) and can(request.user, "extension.decide", requests_[0])
    now = timezone.now()
    return render(
        request,
        "campaigns/selfreports/overview.html",
        {
            "plan": plan,
            "overview": overview,
            "statuses": [(s, s.label, overview.counts[s]) for s in MemberStatus],
            "status": status,
            "q": search,
            "deadline_text": format_deadline(milestone.ends_at),
            "closed": milestone.ends_at <= now,
            "state": WindowState.CLOSED.value if milestone.ends_at <= now else "",
            "requests": requests_,
            "decided": selectors.decided_extensions(plan, request.user),
            "may_decide": may_decide,
            "may_remind": can(request.user, "selfreport.remind", plan),
            "suggested_deadline": datetime_local_value(max(milestone.ends_at, now))
            if requests_
            else "",
        },
    )


@policy_view("selfreport.remind", model=Plan)
@require_POST
def selfreport_remind(request, obj):
    plan = obj
    count = services.remind_missing_members(plan=plan, actor=request.user)
    messages.success(
        request, _("Đã gửi thư nhắc đến %(n)d đoàn viên chưa nộp báo cáo.") % {"n": count}
    )
    return redirect("campaigns:selfreport_overview", plan.pk)


@policy_view("extension.decide", model=DeadlineExtension)
@require_POST
def extension_decide(request, obj):
    extension = obj
    form = ExtensionDecisionForm(request.POST)
    target = reverse("campaigns:selfreport_overview", args=[extension.plan_id]) + "#gia-han"
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect(target)
    grant = form.cleaned_data["decision"] == "grant"
    try:
        extensions.decide_extension(
            extension=extension,
            actor=request.user,
            grant=grant,
            new_deadline=form.cleaned_data["new_deadline"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        name = extension.member.full_name or extension.member.username
        if grant:
            text = _("Đã gia hạn cho %(name)s đến %(deadline)s.") % {
                "name": name,
                "deadline": format_deadline(form.cleaned_data["new_deadline"]),
            }
        else:
            text = _("Đã không chấp thuận yêu cầu gia hạn của %(name)s.") % {"name": name}
        messages.success(request, text)
    return redirect(target)
