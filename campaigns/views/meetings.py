"""Party-cell meeting pages. Thin: fetch through the policy, bind a form, call a service."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.forms.meetings import (
    CorrectionForm,
    MaterialsForm,
    MeetingForm,
    MinutesForm,
    SpeakerFormSet,
)
from campaigns.models import MeetingMaterial, Minutes, ThematicMeeting
from campaigns.selectors import meetings as selectors
from campaigns.services import meetings as services
from campaigns.uploads import served_name
from portal.forms.fields import year_bounds
from portal.permissions import can, policy_view


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- plans ---------------------------------------------------------------------------


@policy_view("meetings.browse")
def meeting_plan_list(request):
    plans = selectors.thematic_plans_for_list(request.user)
    return render(
        request,
        "campaigns/meetings/plan_list.html",
        {
            "plans": plans,
            "committee": can(request.user, "meetings.committee_overview"),
        },
    )


@policy_view("meetings.plan_view")
def meeting_plan(request, pk):
    plan = selectors.get_thematic_plan_for(request.user, pk, "meetings.plan_view")
    now = timezone.now()
    meetings = list(selectors.meetings_for_plan(request.user, plan))
    for meeting in meetings:
        meeting.ahead = selectors.posted_ahead(meeting, meeting.first_material_at)
    return render(
        request,
        "campaigns/meetings/plan.html",
        {
            "plan": plan,
            "quarters": selectors.plan_quarters(meetings, plan.year, now),
            "can_edit": can(request.user, "meetings.plan_edit", plan),
            "now": now,
        },
    )


@policy_view("meetings.plan_edit")
def meeting_create(request, pk):
    plan = selectors.get_thematic_plan_for(request.user, pk, "meetings.plan_edit")
    members = selectors.cell_members(plan.issuer)
    form = MeetingForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.plan_meeting(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("planned_at", _errors(exc))
        else:
            messages.success(request, _("Đã thêm buổi sinh hoạt vào kế hoạch."))
            return redirect(meeting)
    return render(request, "campaigns/meetings/meeting_form.html", {"plan": plan, "form": form})


# --- meetings ------------------------------------------------------------------------


@policy_view("meeting.view", model=ThematicMeeting)
def meeting_detail(request, obj):
    meeting = obj
    materials = list(meeting.materials.select_related("uploaded_by"))
    first_posted = materials[0].uploaded_at if materials else None
    versions = selectors.minutes_for_meeting(request.user, meeting)
    return render(
        request,
        "campaigns/meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "plan": meeting.plan,
            "materials": materials,
            "ahead": selectors.posted_ahead(meeting, first_posted),
            "deadline": meeting.planned_at - selectors.MATERIALS_LEAD,
            "versions": versions,
            "current": selectors.current_minutes(versions),
            "materials_form": MaterialsForm(),
            "can_edit": can(request.user, "meeting.edit", meeting),
            "can_post": can(request.user, "meeting.post_materials", meeting),
            "can_draft": not versions and can(request.user, "meeting.draft_minutes", meeting),
        },
    )


@policy_view("meeting.edit", model=ThematicMeeting)
def meeting_edit(request, obj):
    meeting = obj
    members = selectors.cell_members(meeting.plan.issuer)
    initial = {
        "kind": meeting.kind,
        "topic": meeting.topic,
        "planned_at": timezone.localtime(meeting.planned_at),
        "place": meeting.place,
        "preparer": meeting.preparer_id,
        "preparer_name": meeting.preparer_name,
    }
    form = MeetingForm(request.POST or None, initial=initial, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, _("Đã lưu buổi sinh hoạt."))
            return redirect(meeting)
    return render(
        request,
        "campaigns/meetings/meeting_form.html",
        {"plan": meeting.plan, "meeting": meeting, "form": form},
    )


@require_POST
@policy_view("meeting.post_materials", model=ThematicMeeting)
def materials_post(request, obj):
    meeting = obj
    form = MaterialsForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            stored = services.post_materials(
                meeting=meeting,
                actor=request.user,
                files=form.cleaned_data["files"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(
                request,
                _("Đã đăng %(n)s tài liệu và báo cho đảng viên của chi bộ.") % {"n": len(stored)},
            )
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect(meeting)


@policy_view("material.download", model=MeetingMaterial)
def material_download(request, obj):
    material = obj
    try:
        with material.file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = HttpResponse(content, content_type=material.mime)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=served_name(material.original_name, material.mime)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- minutes -------------------------------------------------------------------------


def _minutes_forms(request, meeting, initial=None, speakers=None):
    members = selectors.cell_members(meeting.plan.issuer)
    data = request.POST if request.method == "POST" else None
    form = MinutesForm(data, initial=initial, members=members)
    formset = SpeakerFormSet(
        data, initial=speakers, prefix="speakers", form_kwargs={"members": members}
    )
    return form, formset


def _meeting_initial(meeting: ThematicMeeting, user) -> dict:
    start = timezone.localtime(meeting.planned_at)
    return {
        "started_at": start,
        "ended_at": start + dt.timedelta(hours=2),
        "place": meeting.place,
        "chair": user.pk,
    }


@policy_view("meeting.draft_minutes", model=ThematicMeeting)
def minutes_create(request, obj):
    meeting = obj
    if meeting.minutes.exists():
        messages.info(request, _("Buổi sinh hoạt này đã có biên bản."))
        return redirect(meeting)
    form, formset = _minutes_forms(
        request, meeting, initial=_meeting_initial(meeting, request.user)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            minutes = services.draft_minutes(
                meeting=meeting,
                actor=request.user,
                attendance=form.attendance(),
                speeches=formset.speeches(),
                **form.minutes_fields(),
            )
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, _("Đã lưu dự thảo biên bản. Hãy đọc lại trước khi xác nhận."))
            return redirect(minutes)
    return render(
        request,
        "campaigns/meetings/minutes_form.html",
        {"meeting": meeting, "form": form, "formset": formset},
    )


@policy_view("minutes.view", model=Minutes)
def minutes_detail(request, obj):
    minutes = selectors.minutes_with_details(obj)
    attendees = list(minutes.attendees.all())
    return render(
        request,
        "campaigns/meetings/minutes_detail.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "present": [a for a in attendees if a.present],
            "absent": [a for a in attendees if not a.present],
            "speakers": list(minutes.speakers.all()),
            "correction": Minutes.objects.filter(previous=minutes).only("pk", "version").first(),
            "can_edit": can(request.user, "minutes.edit", minutes),
            "can_confirm": can(request.user, "minutes.confirm", minutes),
            "can_correct": can(request.user, "minutes.correct", minutes),
            "correction_form": CorrectionForm(),
            "minutes_pdf_url": _pdf_url("minutes_pdf", minutes.pk),
        },
    )


def _pdf_url(name: str, *args) -> str:
    """The PDFs live in reports/ (above campaigns): link to them by URL name only."""
    try:
        return reverse(f"reports:{name}", args=args)
    except NoReverseMatch:
        return ""


@policy_view("minutes.edit", model=Minutes)
def minutes_edit(request, obj):
    minutes = selectors.minutes_with_details(obj)
    meeting = minutes.meeting
    initial = {
        "started_at": timezone.localtime(minutes.started_at),
        "ended_at": timezone.localtime(minutes.ended_at),
        "place": minutes.place,
        "chair": minutes.chair_id,
        "secretary": minutes.secretary_id,
        "agenda": minutes.agenda,
        "conclusions": minutes.conclusions,
        "resolutions": minutes.resolutions,
    }
    for a in minutes.attendees.all():
        if a.user_id:
            initial[f"present_{a.user_id}"] = a.present
            initial[f"reason_{a.user_id}"] = a.absence_reason
    speakers = [
        {
            "speaker": s.speaker_id,
            "speaker_name": "" if s.speaker_id else s.speaker_name,
            "opinion": s.opinion,
        }
        for s in minutes.speakers.all()
    ]
    form, formset = _minutes_forms(request, meeting, initial=initial, speakers=speakers)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.update_minutes(
                minutes=minutes,
                actor=request.user,
                attendance=form.attendance(),
                speeches=formset.speeches(),
                **form.minutes_fields(),
            )
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, _("Đã lưu biên bản. Hãy đọc lại trước khi xác nhận."))
            return redirect(minutes)
    return render(
        request,
        "campaigns/meetings/minutes_form.html",
        {"meeting": meeting, "minutes": minutes, "form": form, "formset": formset},
    )


@require_POST
@policy_view("minutes.confirm", model=Minutes)
def minutes_confirm(request, obj):
    try:
        minutes = services.confirm_minutes(minutes=obj, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect(obj)
    if minutes.is_confirmed:
        messages.success(request, _("Biên bản đã được chủ trì và thư ký xác nhận."))
    else:
        messages.success(request, _("Đã ghi nhận xác nhận của đồng chí."))
    return redirect(minutes)


@require_POST
@policy_view("minutes.correct", model=Minutes)
def minutes_correct(request, obj):
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ghi lý do đính chính."))
        return redirect(obj)
    try:
        correction = services.start_correction(
            minutes=obj, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect(obj)
    messages.success(request, _("Đã tạo bản đính chính (lần %(v)s).") % {"v": correction.version})
    return redirect("campaigns:minutes_edit", pk=correction.pk)


# --- reporting up --------------------------------------------------------------------


@policy_view("meetings.quarter_report")
def quarter_report(request, pk, quarter):
    if quarter not in selectors.QUARTERS:
        raise Http404
    plan = selectors.get_thematic_plan_for(request.user, pk, "meetings.quarter_report")
    rows = selectors.quarter_report(request.user, plan, quarter)
    window = selectors.quarter_window(plan.year, quarter)
    return render(
        request,
        "campaigns/meetings/quarter_report.html",
        {
            "plan": plan,
            "quarter": quarter,
            "rows": rows,
            "window": window,
            "last_day": timezone.localdate(window.ends_at) - dt.timedelta(days=1),
            "pdf_url": _pdf_url("meeting_quarter_report_pdf", plan.pk, quarter),
        },
    )


@policy_view("meetings.committee_overview")
def committee_overview(request):
    now = timezone.now()
    try:
        year = int(request.GET.get("nam") or timezone.localdate(now).year)
    except ValueError:
        year = timezone.localdate(now).year
    low, high = year_bounds(None)
    if not low <= year <= high:  # ?nam=100000000 is no year to show
        year = timezone.localdate(now).year
    return render(
        request,
        "campaigns/meetings/committee_overview.html",
        {
            "year": year,
            "years": range(timezone.localdate(now).year, 2019, -1),
            "rows": selectors.committee_overview(request.user, year, now),
        },
    )
