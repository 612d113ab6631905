"""Every write on party-cell meetings: plan a meeting, post materials, draft, confirm and
correct minutes. Each runs in a transaction and writes an audit entry."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import (
    MeetingMaterial,
    Minutes,
    MinutesAttendee,
    Plan,
    SpeakerEntry,
    ThematicMeeting,
)
from campaigns.selectors.meetings import cell_members, quarter_of
from campaigns.uploads import check_upload, random_name, served_name
from portal.audit import record
from portal.models import User
from portal.vietnamese import format_deadline, name_sort_key

MATERIALS_PREFIX = "meetings"


class MinutesLocked(ValidationError):
    """Confirmed minutes are read-only; a correction is a new version."""


# --- meetings ------------------------------------------------------------------------


def _check_meeting_date(plan: Plan, planned_at: dt.datetime) -> None:
    day = timezone.localdate(planned_at)
    if day.year != plan.year:
        raise ValidationError(
            _("Ngày dự kiến phải thuộc năm %(year)s của kế hoạch.") % {"year": plan.year}
        )


@transaction.atomic
def plan_meeting(
    *,
    plan: Plan,
    actor: User,
    topic: str,
    planned_at: dt.datetime,
    kind: str = ThematicMeeting.Kind.THEMATIC,
    place: str = "",
    preparer: User | None = None,
    preparer_name: str = "",
) -> ThematicMeeting:
    """Add a meeting to the cell's plan; its quarter follows from the planned date.

    Side effects: writes an audit entry. Raises ValidationError for a date outside the
    plan's year or a plan that is not a thematic-meeting plan.
    """
    if plan.kind != Plan.Kind.THEMATIC_MEETINGS:
        raise ValidationError(_("Kế hoạch này không phải kế hoạch sinh hoạt chuyên đề."))
    _check_meeting_date(plan, planned_at)
    meeting = ThematicMeeting.objects.create(
        plan=plan,
        year=plan.year,
        quarter=quarter_of(timezone.localdate(planned_at)),
        kind=kind,
        topic=topic.strip(),
        planned_at=planned_at,
        place=place.strip(),
        preparer=preparer,
        preparer_name="" if preparer else preparer_name.strip(),
    )
    record(
        actor=actor,
        action="meeting.plan",
        obj=meeting,
        unit=plan.issuer,
        topic=meeting.topic,
        quarter=meeting.quarter,
        kind=meeting.kind,
        planned_at=meeting.planned_at.isoformat(),
    )
    return meeting


@transaction.atomic
def update_meeting(
    *,
    meeting: ThematicMeeting,
    actor: User,
    topic: str,
    planned_at: dt.datetime,
    kind: str,
    place: str = "",
    preparer: User | None = None,
    preparer_name: str = "",
) -> ThematicMeeting:
    """Change a planned meeting (topic, date, place, preparer). Held meetings stay as
    they were. Side effects: writes an audit entry with the old and new values."""
    meeting = ThematicMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != ThematicMeeting.Status.PLANNED:
        raise ValidationError(_("Buổi sinh hoạt đã tổ chức, không sửa được kế hoạch."))
    _check_meeting_date(meeting.plan, planned_at)
    before = {"topic": meeting.topic, "planned_at": meeting.planned_at.isoformat()}
    meeting.topic = topic.strip()
    meeting.planned_at = planned_at
    meeting.quarter = quarter_of(timezone.localdate(planned_at))
    meeting.kind = kind
    meeting.place = place.strip()
    meeting.preparer = preparer
    meeting.preparer_name = "" if preparer else preparer_name.strip()
    meeting.save()
    record(
        actor=actor,
        action="meeting.update",
        obj=meeting,
        unit=meeting.plan.issuer,
        before=before,
        after={"topic": meeting.topic, "planned_at": meeting.planned_at.isoformat()},
    )
    return meeting


# --- materials -----------------------------------------------------------------------


@transaction.atomic
def post_materials(
    *,
    meeting: ThematicMeeting,
    actor: User,
    files: list,
    description: str = "",
    now: dt.datetime | None = None,
) -> list[MeetingMaterial]:
    """Store the meeting's materials and notify the cell's members.

    Every file is checked (by content, size) before any is stored; on a bad file
    nothing is stored. Side effects: stores the files under random names through the
    storage API, writes an audit entry, mails the cell's party members after commit.
    """
    now = now or timezone.now()
    if not files:
        raise ValidationError(_("Chọn ít nhất một tệp tài liệu."))
    kinds = [check_upload(f) for f in files]
    stored: list[MeetingMaterial] = []
    names: list[str] = []
    try:
        for upload, kind in zip(files, kinds, strict=True):
            names.append(default_storage.save(random_name(MATERIALS_PREFIX, kind), upload))
            stored.append(
                MeetingMaterial.objects.create(
                    meeting=meeting,
                    file=names[-1],
                    original_name=served_name(
                        getattr(upload, "name", ""), kind, fallback="tai-lieu"
                    ),
                    mime=kind.mime,
                    size=upload.size,
                    description=description.strip(),
                    uploaded_by=actor,
                    uploaded_at=now,
                )
            )
    except Exception:
        for name in names:  # no orphan files when the rows could not be written
            default_storage.delete(name)
        raise
    record(
        actor=actor,
        action="meeting.post_materials",
        obj=meeting,
        unit=meeting.plan.issuer,
        files=[m.original_name for m in stored],
    )
    recipients = [u.email for u in cell_members(meeting.plan.issuer) if u.email and u != actor]
    if recipients:
        transaction.on_commit(lambda: _mail_materials(meeting, stored, recipients))
    return stored


def _mail_materials(meeting: ThematicMeeting, materials, recipients: list[str]) -> None:
    cell = meeting.plan.issuer
    subject = _("[%(cell)s] Tài liệu sinh hoạt: %(topic)s") % {
        "cell": cell.name,
        "topic": meeting.topic[:80],
    }
    body = _(
        "Kính gửi các đồng chí đảng viên %(cell)s,\n\n"
        "Tài liệu cho buổi %(kind)s “%(topic)s” (%(when)s) đã được đăng:\n%(files)s\n\n"
        "Xem và tải tài liệu tại: %(url)s\n"
    ) % {
        "cell": cell.name,
        "kind": meeting.get_kind_display().lower(),
        "topic": meeting.topic,
        "when": format_deadline(meeting.planned_at),
        "files": "\n".join(f"- {m.original_name}" for m in materials),
        "url": meeting.get_absolute_url(),
    }
    send_mass_mail([(subject, body, None, [address]) for address in recipients])


# --- minutes -------------------------------------------------------------------------


@dataclass(frozen=True)
class Attendance:
    user: User
    present: bool
    reason: str = ""


@dataclass(frozen=True)
class Speech:
    opinion: str
    speaker: User | None = None
    speaker_name: str = ""


def _validate_minutes(started_at, ended_at, attendance, chair, secretary, *, plan, now=None):
    if plan.status == Plan.Status.CLOSED:
        raise ValidationError(_("Kế hoạch đã kết thúc: chỉ xem, không thay đổi được nữa."))
    now = now or timezone.now()
    if started_at > now:
        raise ValidationError(
            _("Buổi họp chưa diễn ra (bắt đầu %(at)s): chưa lập biên bản được.")
            % {"at": format_deadline(started_at)}
        )
    if ended_at < started_at:
        raise ValidationError(_("Giờ kết thúc phải sau giờ bắt đầu."))
    for a in attendance:
        if not a.present and not a.reason.strip():
            raise ValidationError(_("Ghi lý do vắng mặt của đồng chí %(name)s.") % {"name": a.user})
    if chair is None or secretary is None:
        raise ValidationError(_("Chọn người chủ trì và thư ký."))


def _write_body(minutes: Minutes, attendance, speeches) -> None:
    minutes.attendees.all().delete()
    minutes.speakers.all().delete()
    MinutesAttendee.objects.bulk_create(
        MinutesAttendee(
            minutes=minutes,
            user=a.user,
            name=str(a.user),
            sort_name=name_sort_key(str(a.user)),
            present=a.present,
            absence_reason="" if a.present else a.reason.strip(),
        )
        for a in attendance
    )
    SpeakerEntry.objects.bulk_create(
        SpeakerEntry(
            minutes=minutes,
            order=i,
            speaker=s.speaker,
            speaker_name=str(s.speaker) if s.speaker else s.speaker_name.strip(),
            opinion=s.opinion.strip(),
        )
        for i, s in enumerate(speeches, start=1)
    )


@transaction.atomic
def draft_minutes(
    *,
    meeting: ThematicMeeting,
    actor: User,
    started_at: dt.datetime,
    ended_at: dt.datetime,
    place: str,
    chair: User,
    secretary: User,
    agenda: str,
    conclusions: str = "",
    resolutions: str = "",
    attendance: list[Attendance],
    speeches: list[Speech],
    now: dt.datetime | None = None,
) -> Minutes:
    """Write the first draft of the meeting's minutes.

    Side effects: writes an audit entry. Raises ValidationError when the meeting already
    has minutes (a correction of confirmed minutes is ``start_correction``).
    """
    meeting = ThematicMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes.exists():
        raise ValidationError(_("Buổi sinh hoạt này đã có biên bản."))
    _validate_minutes(
        started_at, ended_at, attendance, chair, secretary, plan=meeting.plan, now=now
    )
    minutes = Minutes.objects.create(
        meeting=meeting,
        version=1,
        started_at=started_at,
        ended_at=ended_at,
        place=place.strip(),
        chair=chair,
        chair_name=str(chair),
        secretary=secretary,
        secretary_name=str(secretary),
        members_total=len(attendance),
        agenda=agenda.strip(),
        conclusions=conclusions.strip(),
        resolutions=resolutions.strip(),
        drafted_by=actor,
    )
    _write_body(minutes, attendance, speeches)
    record(actor=actor, action="minutes.draft", obj=minutes, unit=meeting.plan.issuer, version=1)
    return minutes


@transaction.atomic
def update_minutes(
    *,
    minutes: Minutes,
    actor: User,
    started_at: dt.datetime,
    ended_at: dt.datetime,
    place: str,
    chair: User,
    secretary: User,
    agenda: str,
    conclusions: str = "",
    resolutions: str = "",
    attendance: list[Attendance],
    speeches: list[Speech],
    now: dt.datetime | None = None,
) -> Minutes:
    """Change a draft. Any confirmation already given is withdrawn (the text changed).

    Side effects: writes an audit entry. Raises MinutesLocked for confirmed minutes.
    """
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.is_confirmed:
        raise MinutesLocked(_("Biên bản đã được xác nhận, không sửa được. Hãy lập bản đính chính."))
    _validate_minutes(
        started_at, ended_at, attendance, chair, secretary, plan=minutes.meeting.plan, now=now
    )
    withdrawn = bool(minutes.chair_confirmed_at or minutes.secretary_confirmed_at)
    minutes.started_at, minutes.ended_at = started_at, ended_at
    minutes.place = place.strip()
    minutes.chair, minutes.chair_name = chair, str(chair)
    minutes.secretary, minutes.secretary_name = secretary, str(secretary)
    minutes.members_total = len(attendance)
    minutes.agenda = agenda.strip()
    minutes.conclusions = conclusions.strip()
    minutes.resolutions = resolutions.strip()
    minutes.chair_confirmed_at = minutes.secretary_confirmed_at = None
    minutes.save()
    _write_body(minutes, attendance, speeches)
    record(
        actor=actor,
        action="minutes.update",
        obj=minutes,
        unit=minutes.meeting.plan.issuer,
        version=minutes.version,
        confirmations_withdrawn=withdrawn,
    )
    return minutes


@transaction.atomic
def confirm_minutes(*, minutes: Minutes, actor: User, now: dt.datetime | None = None) -> Minutes:
    """The chair or the secretary confirms the draft they have read back. Once both have,
    the minutes are confirmed (read-only) and the meeting counts as held.

    Side effects: locks the minutes row, writes an audit entry. Raises MinutesLocked for
    confirmed minutes and ValidationError for anyone but the chair or secretary.
    """
    now = now or timezone.now()
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    if minutes.is_confirmed:
        raise MinutesLocked(_("Biên bản đã được xác nhận."))
    roles = []
    if actor.pk == minutes.chair_id and minutes.chair_confirmed_at is None:
        minutes.chair_confirmed_at = now
        roles.append("chair")
    if actor.pk == minutes.secretary_id and minutes.secretary_confirmed_at is None:
        minutes.secretary_confirmed_at = now
        roles.append("secretary")
    if not roles:
        if actor.pk in (minutes.chair_id, minutes.secretary_id):
            raise ValidationError(_("Đồng chí đã xác nhận biên bản này."))
        raise ValidationError(_("Chỉ người chủ trì và thư ký xác nhận biên bản."))
    if minutes.chair_confirmed_at and minutes.secretary_confirmed_at:
        minutes.status = Minutes.Status.CONFIRMED
        minutes.confirmed_at = now
        ThematicMeeting.objects.filter(pk=minutes.meeting_id).update(
            status=ThematicMeeting.Status.HELD
        )
    minutes.save()
    record(
        actor=actor,
        action="minutes.confirm",
        obj=minutes,
        unit=minutes.meeting.plan.issuer,
        version=minutes.version,
        roles=roles,
        confirmed=minutes.is_confirmed,
    )
    return minutes


@transaction.atomic
def start_correction(*, minutes: Minutes, actor: User, reason: str) -> Minutes:
    """A correction of confirmed minutes: a new draft version linked to them, with their
    content copied. The confirmed version stays as it is.

    Side effects: writes an audit entry. Raises ValidationError without a reason, for a
    draft, or when a correction already exists.
    """
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if not minutes.is_confirmed:
        raise ValidationError(_("Chỉ đính chính biên bản đã xác nhận; bản dự thảo thì sửa."))
    if Minutes.objects.filter(previous=minutes).exists():
        raise ValidationError(_("Biên bản này đã có bản đính chính."))
    if not reason.strip():
        raise ValidationError(_("Ghi lý do đính chính."))
    correction = Minutes.objects.create(
        meeting=minutes.meeting,
        version=minutes.version + 1,
        previous=minutes,
        started_at=minutes.started_at,
        ended_at=minutes.ended_at,
        place=minutes.place,
        chair=minutes.chair,
        chair_name=minutes.chair_name,
        secretary=minutes.secretary,
        secretary_name=minutes.secretary_name,
        members_total=minutes.members_total,
        agenda=minutes.agenda,
        conclusions=minutes.conclusions,
        resolutions=minutes.resolutions,
        correction_reason=reason.strip(),
        drafted_by=actor,
    )
    MinutesAttendee.objects.bulk_create(
        MinutesAttendee(
            minutes=correction,
            user_id=a.user_id,
            name=a.name,
            sort_name=a.sort_name,
            present=a.present,
            absence_reason=a.absence_reason,
        )
        for a in minutes.attendees.all()
    )
    SpeakerEntry.objects.bulk_create(
        SpeakerEntry(
            minutes=correction,
            order=s.order,
            speaker_id=s.speaker_id,
            speaker_name=s.speaker_name,
            opinion=s.opinion,
        )
        for s in minutes.speakers.all()
    )
    record(
        actor=actor,
        action="minutes.correct",
        obj=correction,
        unit=minutes.meeting.plan.issuer,
        version=correction.version,
        previous=minutes.pk,
        reason=correction.correction_reason,
    )
    return correction
