"""Every write on self-reports: drafts, submits, reminders (extensions are in
``extensions``, evidence files in ``evidence``).

Services are keyword-only, take the acting user as `actor=` and the clock as `now=`, check
the rules on the server (owner, plan status, deadline, limits), write the audit entry in
the same transaction and send mail only after commit.

`data` for ``save_draft`` and ``submit_self_report`` is a dict::

    {"narrative": str, "titles": [title ids], "answers": {criterion id: {"met": bool | None,
     "points": Decimal | None, "evidence": str}}}

A key left out keeps what is stored: the narrative, the titles, criteria missing from
"answers", and within an answer each of "met", "points" and "evidence" (an autosave of
one field changes that field only).
"""

import base64
import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import Window, WindowState, format_deadline, format_moment
from campaigns.mail import selfreports as mail
from campaigns.models import (
    Criterion,
    Plan,
    SelfReport,
    SelfReportAnswer,
    SelfReportVersion,
    Target,
)
from campaigns.permissions.selfreports import may_fill
from campaigns.selectors.selfreports import (
    members_to_remind,
    plan_structure,
    self_report_windows,
)
from portal.audit import record
from portal.permissions import can
from portal.signals import figures_changed
from portal.vietnamese import format_number

MAX_NARRATIVE = 20_000
MAX_EVIDENCE_TEXT = 5_000
NO_SELF_REPORT_WINDOW = "no_self_report_window"  # ValidationError code: the page is a 404


class DeadlineError(ValidationError):
    """A submit refused by the clock. What was typed has been kept as a draft."""

    def __init__(self, message: str, *, deadline: datetime, arrived_at: datetime):
        super().__init__(message, code="deadline")
        self.deadline = deadline
        self.arrived_at = arrived_at


KEEP = object()  # an answer's part the request left out: the stored value stays


@dataclass(frozen=True)
class Answer:
    met: bool | None  # or KEEP
    points: Decimal | None  # or KEEP
    evidence: str  # or KEEP

    @property
    def is_partial(self) -> bool:
        return KEEP in (self.met, self.points, self.evidence)


@dataclass(frozen=True)
class ReportData:
    narrative: str | None  # None: leave the narrative as it is
    title_ids: tuple[int, ...] | None  # None: leave the titles as they are
    answers: dict[int, Answer]
    criteria: tuple[Criterion, ...]  # all of the plan's, in order
    title_names: dict[int, str]  # the plan's individual titles


# --- drafts and submits ---------------------------------------------------------------


@transaction.atomic
def save_draft(*, report: SelfReport, actor, data: dict, now: datetime | None = None) -> SelfReport:
    """Save what the member typed as a draft, whatever the deadline.

    Allowed to the owner while the plan is published, even after the deadline: nothing
    typed is ever lost. Side effects: creates the report row on the first save, writes
    the working copy, marks changes made after a submission as not yet sent. No audit
    entry: autosave runs every few seconds while typing, and a draft changes no status.
    Raises ValidationError (nothing changed) on unknown criteria or points out of range.
    """
    now = now or timezone.now()
    report = _lock_for_owner(report, actor)
    cleaned = _complete(report, _clean(report.plan, data))
    _write_working_copy(report, cleaned)
    report.draft_saved_at = now
    report.has_unsent_changes = report.is_submitted
    report.save(update_fields=["narrative", "draft_saved_at", "has_unsent_changes", "updated_at"])
    return report


def submit_self_report(
    *, report: SelfReport, actor, data: dict, now: datetime | None = None
) -> SelfReportVersion:
    """Submit the member's report: a new immutable version, numbered, to the second.

    Side effects: locks the report row (two racing submits make versions n and n+1),
    writes the working copy, stores a ``SelfReportVersion`` with a receipt code, writes
    the audit entry "selfreport.submitted" and mails the receipt after commit.

    At or after the member's deadline (their granted extension included) a plan whose
    late policy is "refuse" refuses: what was typed is committed as a draft with the
    audit entry "selfreport.refused_late", then DeadlineError is raised naming the
    deadline and the moment the request arrived. With "accept_late" the version is
    stored and marked late. Raises ValidationError, with nothing changed, on bad input
    or unanswered required criteria.
    """
    now = now or timezone.now()
    outcome = _submit(report=report, actor=actor, data=data, now=now)
    if isinstance(outcome, DeadlineError):
        raise outcome  # after the draft and the refusal were committed
    return outcome


@transaction.atomic
def _submit(*, report, actor, data, now) -> SelfReportVersion | DeadlineError:
    report = _lock_for_owner(report, actor)
    plan = report.plan
    cleaned = _complete(report, _clean(plan, data))
    windows = self_report_windows(plan, actor)  # fresh: deadline and granted extension
    if windows is None:
        raise ValidationError(
            _("Kế hoạch này không có đợt cá nhân tự báo cáo."), code=NO_SELF_REPORT_WINDOW
        )
    _check_reports_open(plan)
    original, window = windows
    state = window.state(now)
    late = state is WindowState.CLOSED
    refuses_late = report.plan_late_policy == Plan.LatePolicy.REFUSE
    if state is WindowState.NOT_YET_OPEN or (late and refuses_late):
        return _refuse(report, actor, cleaned, window, state, now)
    stored = _stored_answers(report, cleaned)
    _check_required(cleaned, stored)
    _write_working_copy(report, cleaned)
    version = SelfReportVersion.objects.create(
        report=report,
        number=report.version + 1,
        submitted_at=now,
        submitted_by=actor,
        is_late=late,
        within_extension=not late and now >= original.ends_at,
        receipt_code=_receipt_code(),
        snapshot=_snapshot(report, cleaned, stored),
    )
    before = _counted_as(report)
    report.status = SelfReport.Status.SUBMITTED
    report.submitted_at = now
    report.is_late = version.is_late
    report.within_extension = version.within_extension
    report.version = version.number
    report.receipt_code = version.receipt_code
    report.has_unsent_changes = False
    report.draft_saved_at = now
    report.save()
    after = _counted_as(report)
    if after != before:  # a first submit, or a resubmit on the other side of the deadline
        deltas = {key: 0 for key in (*before, *after)}
        for key in before:
            deltas[key] -= 1
        for key in after:
            deltas[key] += 1
        figures_changed.send(sender=SelfReport, plan_id=plan.pk, deltas=deltas)
    record(
        actor=actor,
        action="selfreport.submitted",
        obj=report,
        unit=report.unit,
        plan=plan.pk,
        version=version.number,
        late=version.is_late,
        within_extension=version.within_extension,
        receipt=version.receipt_code,
        submitted_at=now.isoformat(),
    )
    if report.member.email:
        transaction.on_commit(lambda: mail.send_receipt_mail.enqueue(version.pk))
    return version


def _counted_as(report: SelfReport) -> tuple[str, ...]:
    """The rolled-up counter (reports' UnitFigures) the report counts in: none, on time
    ("submitted") or late."""
    if report.status != SelfReport.Status.SUBMITTED:
        return ()
    return ("late",) if report.is_late else ("submitted",)


def _check_reports_open(plan: Plan) -> None:
    """After the BCH finalised its review no report or resubmission is taken: its scores
    are locked and a new version would stand unscored for good. Reads the plan row under
    a lock, so a submit racing the finalisation waits for it."""
    closed_at = (
        Plan.objects.select_for_update()
        .filter(pk=plan.pk)
        .values_list("reports_closed_at", flat=True)
        .first()
    )
    if closed_at is not None:
        raise ValidationError(
            _(
                "Báo cáo không được nhận: Ban Chấp hành đã chốt kết quả bình xét lúc %(at)s, "
                "điểm đã khóa nên không nhận báo cáo hay bản nộp lại nữa. Nội dung bạn nhập "
                "chưa được gửi."
            )
            % {"at": format_moment(closed_at)},
            code="reports_closed",
        )


def _refuse(report, actor, cleaned, window: Window, state, now) -> DeadlineError:
    _write_working_copy(report, cleaned)
    report.draft_saved_at = now
    report.has_unsent_changes = report.is_submitted
    report.save(update_fields=["narrative", "draft_saved_at", "has_unsent_changes", "updated_at"])
    early = state is WindowState.NOT_YET_OPEN
    record(
        actor=actor,
        action="selfreport.refused_early" if early else "selfreport.refused_late",
        obj=report,
        unit=report.unit,
        plan=report.plan_id,
        deadline=window.ends_at.isoformat(),
        arrived_at=now.isoformat(),
    )
    values = {
        "start": format_deadline(window.starts_at),
        "deadline": format_deadline(window.ends_at),
        "arrived": format_moment(now),
    }
    if early:
        message = _(
            "Chưa đến thời gian nộp báo cáo: bắt đầu nhận từ %(start)s; yêu cầu của bạn gửi "
            "đến lúc %(arrived)s. Nội dung đã được lưu nháp."
        )
    else:
        message = _(
            "Báo cáo không được nhận vì đã quá hạn chót %(deadline)s: yêu cầu nộp của bạn gửi "
            "đến lúc %(arrived)s. Nội dung bạn đã nhập được giữ lại dưới dạng bản nháp."
        )
    return DeadlineError(message % values, deadline=window.ends_at, arrived_at=now)


def ensure_self_report(*, plan: Plan, member) -> SelfReport:
    """The member's report row for `plan`, created empty on first use."""
    report, _created = SelfReport.objects.get_or_create(
        plan=plan, member=member, defaults={"unit": plan.issuer}
    )
    return report


def _lock_for_owner(report: SelfReport, actor) -> SelfReport:
    """The member's report row, locked until commit, with the plan still published.

    `report` may be unsaved (``SelfReport(plan=..., member=actor)``, as the page posts
    it): the stored row is then found by plan and member, and created on first use.
    The row is read without joins: the plan is the caller's (its status and late policy
    are read again with the lock), the member is the actor.
    """
    if report.member_id != getattr(actor, "pk", None):
        raise PermissionDenied
    plan = report.plan
    if report.pk is None:
        if not may_fill(actor, plan):
            raise PermissionDenied
        locked = _locked(plan_id=plan.pk, member_id=actor.pk)
        if locked is None:
            ensure_self_report(plan=plan, member=actor)
            locked = _locked(plan_id=plan.pk, member_id=actor.pk)
    else:
        locked = _locked(pk=report.pk)
    if locked.plan_status != Plan.Status.PUBLISHED:
        raise ValidationError(_("Kế hoạch không còn mở, báo cáo không sửa được nữa."))
    locked.plan = plan
    locked.member = actor
    if locked.unit_id == plan.issuer_id and Plan.issuer.is_cached(plan):
        locked.unit = plan.issuer
    return locked


def _locked(**lookup) -> SelfReport | None:
    return (
        SelfReport.objects.select_for_update(of=("self",))
        .annotate(plan_status=F("plan__status"), plan_late_policy=F("plan__late_policy"))
        .filter(**lookup)
        .first()
    )


def _write_working_copy(report: SelfReport, cleaned: ReportData) -> None:
    if cleaned.narrative is not None:
        report.narrative = cleaned.narrative
    if cleaned.answers:
        SelfReportAnswer.objects.bulk_create(
            [
                SelfReportAnswer(
                    report=report, criterion_id=cid, met=a.met, points=a.points, evidence=a.evidence
                )
                for cid, a in cleaned.answers.items()
            ],
            update_conflicts=True,
            unique_fields=["report", "criterion"],
            update_fields=["met", "points", "evidence"],
        )
    if cleaned.title_ids is not None:
        report.titles.set(cleaned.title_ids)


def _complete(report: SelfReport, cleaned: ReportData) -> ReportData:
    """`cleaned` with the parts of answers the request left out taken from the stored
    answers (read only when some answer is partial)."""
    partial = [cid for cid, a in cleaned.answers.items() if a.is_partial]
    if not partial:
        return cleaned
    stored = {}
    if report.pk is not None:
        stored = {a.criterion_id: a for a in report.answers.filter(criterion_id__in=partial)}
    answers = dict(cleaned.answers)
    for cid in partial:
        a, old = answers[cid], stored.get(cid)
        answers[cid] = Answer(
            met=(old.met if old else None) if a.met is KEEP else a.met,
            points=(old.points if old else None) if a.points is KEEP else a.points,
            evidence=(old.evidence if old else "") if a.evidence is KEEP else a.evidence,
        )
    return replace(cleaned, answers=answers)


def _stored_answers(report: SelfReport, cleaned: ReportData) -> dict:
    """Stored answers for the criteria `cleaned` does not answer (no query when it answers
    them all, as the page always does)."""
    if all(c.pk in cleaned.answers for c in cleaned.criteria):
        return {}
    return {a.criterion_id: a for a in report.answers.all()}


def _snapshot(report: SelfReport, cleaned: ReportData, stored: dict) -> dict:
    def answer(c):
        a = cleaned.answers.get(c.pk) or stored.get(c.pk)
        return {
            "criterion_id": c.pk,
            "order": c.order,
            "text": c.text,
            "kind": c.kind,
            "max_points": str(c.max_points) if c.max_points is not None else None,
            "met": a.met if a else None,
            "points": _decimal_text(a.points) if a else None,
            "evidence": a.evidence if a else "",
        }

    if cleaned.title_ids is None:
        titles = [{"id": t.pk, "name": t.name} for t in report.titles.order_by("order", "id")]
    else:
        titles = [{"id": pk, "name": cleaned.title_names[pk]} for pk in cleaned.title_ids]
    return {
        "narrative": report.narrative,
        "titles": titles,
        "answers": [answer(c) for c in cleaned.criteria],
        "files": [
            {"id": f.pk, "name": f.original_name, "size": f.size, "mime": f.mime}
            for f in report.files.all()
        ],
    }


def _decimal_text(value: Decimal | None) -> str | None:
    """Points as stored (two decimals), so a snapshot reads the same whatever its source."""
    return None if value is None else str(value.quantize(Decimal("0.01")))


def _receipt_code() -> str:
    """Eight characters of base32 (40 random bits): short enough to read over the phone."""
    return base64.b32encode(secrets.token_bytes(5)).decode()


# --- validation -----------------------------------------------------------------------


def _clean(plan: Plan, data: dict) -> ReportData:
    """Check `data` against the plan; raise one ValidationError listing every problem."""
    errors: list[str] = []
    structure = plan_structure(plan)
    ordered = structure.criteria
    criteria = {c.pk: c for c in ordered}
    answers = {}
    for key, raw in (data.get("answers") or {}).items():
        criterion = criteria.get(_int(key))
        if criterion is None:
            errors.append(_("Tiêu chuẩn “%(key)s” không thuộc kế hoạch này.") % {"key": key})
            continue
        answers[criterion.pk] = _clean_answer(criterion, raw or {}, errors)
    narrative = None if "narrative" not in data else (data["narrative"] or "").strip()
    if narrative is not None and len(narrative) > MAX_NARRATIVE:
        errors.append(
            _("Phần kết quả học tập và làm theo dài quá %(max)d ký tự.") % {"max": MAX_NARRATIVE}
        )
    title_names = structure.title_names
    title_ids = None
    if data.get("titles") is not None:
        title_ids = tuple(_title_ids(title_names, data["titles"], errors))
    if errors:
        raise ValidationError(errors)
    return ReportData(
        narrative=narrative,
        title_ids=title_ids,
        answers=answers,
        criteria=ordered,
        title_names=title_names,
    )


def _clean_answer(criterion: Criterion, raw: dict, errors: list[str]) -> Answer:
    evidence = KEEP if "evidence" not in raw else (raw.get("evidence") or "").strip()
    number = _("Tiêu chuẩn %(n)s") % {"n": criterion.order or criterion.pk}
    if evidence is not KEEP and len(evidence) > MAX_EVIDENCE_TEXT:
        errors.append(
            _("%(c)s: phần minh chứng dài quá %(max)d ký tự.")
            % {"c": number, "max": MAX_EVIDENCE_TEXT}
        )
    if criterion.kind == Criterion.Kind.MET:
        if "met" not in raw:
            return Answer(met=KEEP, points=None, evidence=evidence)
        met = raw.get("met")
        if met not in (True, False, None):
            errors.append(_("%(c)s: chọn Đạt hoặc Không đạt.") % {"c": number})
            met = None
        return Answer(met=met, points=None, evidence=evidence)
    if "points" not in raw:
        return Answer(met=None, points=KEEP, evidence=evidence)
    points = raw.get("points")
    if points is not None and points != "":
        try:
            points = Decimal(str(points))
        except InvalidOperation:
            errors.append(_("%(c)s: điểm phải là một số.") % {"c": number})
            points = None
        else:
            if points.is_finite() and points.as_tuple().exponent < -2:
                errors.append(_("%(c)s: điểm lấy tối đa hai chữ số thập phân.") % {"c": number})
                points = None
            elif not points.is_finite() or points < 0 or points > criterion.max_points:
                errors.append(
                    _("%(c)s: điểm phải từ 0 đến %(max)s.")
                    % {"c": number, "max": _points(criterion.max_points)}
                )
                points = None
    else:
        points = None
    return Answer(met=None, points=points, evidence=evidence)


def _title_ids(title_names: dict[int, str], titles, errors: list[str]) -> list[int]:
    wanted = {_int(getattr(t, "pk", t)) for t in titles}
    if wanted - set(title_names):
        errors.append(_("Danh hiệu đề nghị không thuộc kế hoạch này."))
    return [pk for pk in title_names if pk in wanted]  # in the plan's order


def _check_required(cleaned: ReportData, stored: dict) -> None:
    missing, missing_pks = [], []
    for c in cleaned.criteria:
        if not c.required or c.target != Target.INDIVIDUAL:
            continue
        a = cleaned.answers.get(c.pk) or stored.get(c.pk)
        value = None if a is None else (a.met if c.kind == Criterion.Kind.MET else a.points)
        if value is None:
            missing.append(str(c.order or c.pk))
            missing_pks.append(c.pk)
    if missing:
        error = ValidationError(
            _("Chưa trả lời tiêu chuẩn bắt buộc: %(list)s.") % {"list": ", ".join(missing)},
            code="required",
        )
        error.criteria = missing_pks  # the page marks these cards
        raise error


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _points(value: Decimal) -> str:
    return format_number(value)


# --- reminders from the BCH -----------------------------------------------------------


@transaction.atomic
def remind_missing_members(*, plan: Plan, actor, now: datetime | None = None) -> int:
    """The BCH's "Nhắc nhở" button: mail every member who has submitted nothing yet.

    Side effects: writes "selfreport.reminded" with the members reminded, mails them
    after commit. Returns the number of members reminded (those with an e-mail address).
    """
    now = now or timezone.now()
    if not can(actor, "selfreport.remind", plan):
        raise PermissionDenied
    rows = [r for r in members_to_remind(plan) if r.email]
    user_ids = [r.user_id for r in rows]
    record(
        actor=actor,
        action="selfreport.reminded",
        obj=plan,
        unit=plan.issuer,
        members=user_ids,
        at=now.isoformat(),
    )
    if user_ids:
        transaction.on_commit(
            lambda: mail.send_reminder_mail.enqueue(plan.pk, user_ids, str(actor))
        )
    return len(user_ids)
