"""Every write on plans: create, edit, publish, close, cascade, and the plan's parts.

Each service is keyword-only, takes the acting user as `actor=`, runs in one transaction,
checks the plan's state and the domain rules itself (views only decide who may ask), and
appends one audit entry. Bad input raises ``ValidationError`` with a Vietnamese message
(keyed by field name where one field is at fault) and changes nothing.

Inheritance: a plan created *from* a parent copies the parent's criteria and titles with
``inherited_from`` set. The child may add its own. Inherited items cannot be deleted by the
child, and what they demand stays the parent's: an inherited criterion can only be moved
(its order); an inherited title keeps its name, level, target and gates, while the child
sets its own quota, vote rule and order (the unit holds its own vote).
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Milestone, Plan
from campaigns.models.plans import STEP_ORDER
from portal.audit import record
from portal.models import OrgUnit
from portal.signals import figures_changed
from portal.vietnamese import format_deadline, format_short_date

# The plan fields a person edits, in the order the form shows them.
PLAN_FORM_FIELDS = (
    "title",
    "kind",
    "doc_type",
    "issued_on",
    "place",
    "school_year",
    "period_start",
    "period_end",
    "external_reference",
    "preamble",
    "purpose",
    "requirements",
    "closing",
    "recipients",
    "signing_mode",
    "signing_body",
    "signer_title",
    "signer_name",
    "late_policy",
    "allows_extensions",
    "steps",
)
PLAN_FIELDS = frozenset(PLAN_FORM_FIELDS)

# How a milestone is named in a refusal: (its deadline, its start).
MILESTONE_NOUNS = {
    Milestone.Kind.REGISTRATION: ("Hạn đăng ký thi đua", "Thời gian đăng ký thi đua"),
    Milestone.Kind.SELF_REPORT: ("Hạn tự báo cáo", "Thời gian tự báo cáo"),
    Milestone.Kind.REVIEW_MEETING: ("Buổi BCH họp xét", "Buổi BCH họp xét"),
    Milestone.Kind.CONSULTATION: ("Hạn lấy ý kiến cấp ủy, BGH", "Thời gian lấy ý kiến cấp ủy, BGH"),
    Milestone.Kind.VOTE: ("Hạn lấy ý kiến tập thể", "Thời gian lấy ý kiến tập thể"),
    Milestone.Kind.NOMINATION_DUE: ("Hạn gửi danh sách đề nghị", "Thời gian gửi danh sách đề nghị"),
    Milestone.Kind.CEREMONY: ("Hội nghị tuyên dương", "Hội nghị tuyên dương"),
    Milestone.Kind.PERIODIC_REPORT: ("Hạn báo cáo định kỳ", "Thời gian báo cáo định kỳ"),
    Milestone.Kind.THEMATIC_MEETING: ("Buổi sinh hoạt chuyên đề", "Buổi sinh hoạt chuyên đề"),
}

# Signature block a new plan starts with, by the kind of issuing unit.
_PARTY_SIGNING = ("CHI BỘ", "BÍ THƯ")
_DEFAULT_SIGNING = {
    OrgUnit.Kind.PARTY_CELL: _PARTY_SIGNING,
    OrgUnit.Kind.PARTY_COMMITTEE: ("ĐẢNG ỦY", "BÍ THƯ"),
    OrgUnit.Kind.CITY_FEDERATION: ("BAN THƯỜNG VỤ", "CHỦ TỊCH"),
    OrgUnit.Kind.DISTRICT_FEDERATION: ("BAN THƯỜNG VỤ", "CHỦ TỊCH"),
    OrgUnit.Kind.SECTOR_UNION: ("BAN THƯỜNG VỤ", "CHỦ TỊCH"),
}


# --- helpers ------------------------------------------------------------------------


def plan_reference(plan: Plan) -> str:
    """How other documents cite `plan`: "Kế hoạch số 09/LĐLĐ" (or its title, unnumbered)."""
    if plan.number or plan.symbol_override:
        return _("Kế hoạch số %(symbol)s") % {"symbol": plan.symbol}
    return _("Kế hoạch “%(title)s”") % {"title": plan.title}


def _refuse(message: str, field: str | None = None):
    raise ValidationError({field: [message]} if field else message)


def _ensure_editable(plan: Plan) -> None:
    if plan.is_historical:
        _refuse(_("Kế hoạch lưu trữ không sửa được."))
    if plan.status == Plan.Status.CLOSED:
        _refuse(_("Kế hoạch đã kết thúc, không sửa được."))


def _unknown(fields: Iterable[str], allowed: frozenset) -> None:
    extra = set(fields) - allowed
    if extra:
        raise TypeError(f"Unknown fields: {sorted(extra)}")


def _apply(obj, fields: dict) -> list[str]:
    """Set `fields` on `obj`; return the names of those that differ from the stored row
    (compared with the database, as a bound ModelForm has already set them on `obj`)."""
    stored = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    changed = [name for name, value in fields.items() if getattr(stored, name) != value]
    for name, value in fields.items():
        setattr(obj, name, value)
    return changed


def _refuse_locked(obj, fields: dict, editable: frozenset, message: str) -> None:
    """Refuse changes to the fields an inherited item keeps from the parent plan."""
    stored = type(obj)._default_manager.get(pk=obj.pk)
    if any(
        name not in editable and getattr(stored, name) != value for name, value in fields.items()
    ):
        _refuse(message)


def _full_clean(obj, exclude=None) -> None:
    """Model validation (choices, lengths, constraints) before saving."""
    obj.full_clean(exclude=exclude)


def _next_order(queryset) -> int:
    return (queryset.aggregate(m=Max("order"))["m"] or 0) + 1


def _check_plan_fields(plan: Plan) -> None:
    errors = {}
    if not (plan.title or "").strip():
        errors["title"] = [_("Cần nhập trích yếu (tên) của kế hoạch.")]
    if plan.period_start and plan.period_end and plan.period_end < plan.period_start:
        errors["period_end"] = [_("Ngày kết thúc phải sau hoặc đúng ngày bắt đầu.")]
    steps = plan.steps if plan.steps is not None else []
    if not isinstance(steps, list) or len(set(steps)) != len(steps) or set(steps) - set(STEP_ORDER):
        errors["steps"] = [_("Các bước phải là những bước đã biết, mỗi bước một lần.")]
    if errors:
        raise ValidationError(errors)


def _default_signing(issuer: OrgUnit) -> dict:
    body, title = _DEFAULT_SIGNING.get(issuer.kind, ("BAN CHẤP HÀNH", "CHỦ TỊCH"))
    return {"signing_mode": Plan.SigningMode.ON_BEHALF, "signing_body": body, "signer_title": title}


# --- plans --------------------------------------------------------------------------


def _new_plan(*, issuer: OrgUnit, parent: Plan | None, now: dt.datetime, fields: dict) -> Plan:
    _unknown(fields, PLAN_FIELDS)
    if issuer.kind == OrgUnit.Kind.UNION_GROUP:
        _refuse(_("Tổ công đoàn không ban hành kế hoạch."), "issuer")
    values = {"place": issuer.place, **_default_signing(issuer), **fields}
    issued_on = values.get("issued_on")
    plan = Plan(
        issuer=issuer,
        parent=parent,
        year=issued_on.year if issued_on else timezone.localdate(now).year,
        status=Plan.Status.DRAFT,
        **values,
    )
    _check_plan_fields(plan)
    _full_clean(plan)
    plan.save()
    figures_changed.send(sender=Plan, plan_ids=[plan.pk])
    return plan


@transaction.atomic
def create_plan(*, issuer: OrgUnit, actor, now: dt.datetime | None = None, **fields) -> Plan:
    """Create a draft plan issued by `issuer` (its number is given at publication).

    Side effects: writes the plan and an audit entry.
    """
    plan = _new_plan(issuer=issuer, parent=None, now=now or timezone.now(), fields=fields)
    record(actor=actor, action="plan.create", obj=plan, unit=issuer, title=plan.title)
    return plan


@transaction.atomic
def update_plan(*, plan: Plan, actor, **fields) -> Plan:
    """Change a plan's text and settings (not its issuer, parent, number or status).

    Side effects: saves the plan and writes an audit entry listing the changed fields.
    """
    _unknown(fields, PLAN_FIELDS)
    _ensure_editable(plan)
    changed = _apply(plan, fields)
    if plan.status != Plan.Status.DRAFT and "doc_type" in changed:
        _refuse(_("Kế hoạch đã ban hành không đổi được loại văn bản."), "doc_type")
    if plan.status == Plan.Status.DRAFT and plan.issued_on:
        plan.year = plan.issued_on.year
    _check_plan_fields(plan)
    _full_clean(plan)
    plan.save()
    record(actor=actor, action="plan.update", obj=plan, unit=plan.issuer, changed=changed)
    return plan


@transaction.atomic
def publish_plan(*, plan: Plan, actor, now: dt.datetime | None = None) -> Plan:
    """Publish a draft: give it the next number in its issuer's series for the year and
    document type, and its issue date (today in Vietnam) if it has none.

    Side effects: locks the issuing unit's row until commit (numbers are allocated one
    at a time per issuer), saves the plan, writes an audit entry. Raises ValidationError
    if the plan is not a draft, or a milestone of a child plan no longer fits the parent's.
    """
    now = now or timezone.now()
    OrgUnit.objects.select_for_update().filter(pk=plan.issuer_id).first()
    status = Plan.objects.select_for_update().values_list("status", flat=True).get(pk=plan.pk)
    if status != Plan.Status.DRAFT:
        _refuse(_("Kế hoạch này đã được ban hành trước đó, không ban hành lại được."))
    if plan.is_historical:
        _refuse(_("Kế hoạch lưu trữ không ban hành được."))
    _check_plan_fields(plan)
    for milestone in plan.milestones.all():
        errors = milestone_errors(plan, milestone.kind, milestone.starts_at, milestone.ends_at)
        if errors:
            raise ValidationError(
                _("Chưa ban hành được: %(error)s") % {"error": next(iter(errors.values()))}
            )
    if plan.issued_on is None:
        plan.issued_on = timezone.localdate(now)
    plan.year = plan.issued_on.year
    if plan.number is None and not plan.symbol_override:
        last = Plan.objects.filter(
            issuer_id=plan.issuer_id, year=plan.year, doc_type=plan.doc_type
        ).aggregate(m=Max("number"))["m"]
        plan.number = (last or 0) + 1
    plan.status = Plan.Status.PUBLISHED
    plan.save()
    record(
        actor=actor,
        action="plan.publish",
        obj=plan,
        unit=plan.issuer,
        symbol=plan.symbol,
        issued_on=plan.issued_on.isoformat(),
    )
    return plan


@transaction.atomic
def close_plan(*, plan: Plan, actor, now: dt.datetime | None = None) -> Plan:
    """Close a published plan (the campaign is over; it stays readable).

    Side effects: saves the status and writes an audit entry. Raises ValidationError
    unless the plan is published.
    """
    status = Plan.objects.select_for_update().values_list("status", flat=True).get(pk=plan.pk)
    if status != Plan.Status.PUBLISHED:
        _refuse(_("Chỉ kết thúc được kế hoạch đang ban hành."))
    plan.status = Plan.Status.CLOSED
    plan.save()
    record(actor=actor, action="plan.close", obj=plan, unit=plan.issuer)
    return plan


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone()
    )


def milestone_errors(
    plan: Plan, kind: str, starts_at: dt.datetime, ends_at: dt.datetime
) -> dict[str, str]:
    """Why a milestone of `kind` from `starts_at` to `ends_at` does not fit `plan`'s parent.

    Inside the parent's milestone of the same kind if the parent has one (any of them,
    when it has several); otherwise inside the parent's span, from its earliest milestone
    to its latest, or its period when it has no milestone. Returns {field: message};
    empty when it fits or the plan has no parent.
    """
    parent = plan.parent
    if parent is None:
        return {}
    deadline_noun, start_noun = MILESTONE_NOUNS.get(kind, ("Mốc thời gian", "Mốc thời gian"))
    reference = plan_reference(parent)
    milestones = sorted(parent.milestones.all(), key=lambda m: (m.starts_at, m.pk))
    same = [m for m in milestones if m.kind == kind]
    if same:
        if any(m.starts_at <= starts_at and ends_at <= m.ends_at for m in same):
            return {}
        target = next((m for m in same if m.ends_at >= starts_at), same[-1])
        low, high = target.starts_at, target.ends_at
        low_text, high_text = format_deadline(low), format_deadline(high)
        low_source = high_source = _("mốc của %(plan)s") % {"plan": reference}
    elif milestones:
        low = milestones[0].starts_at
        high = max(m.ends_at for m in milestones)
        low_text, high_text = format_deadline(low), format_deadline(high)
        low_source = _("mốc đầu tiên của %(plan)s") % {"plan": reference}
        high_source = _("mốc cuối cùng của %(plan)s") % {"plan": reference}
    elif parent.period_start or parent.period_end:
        low = _local_midnight(parent.period_start) if parent.period_start else None
        high = (
            _local_midnight(parent.period_end + dt.timedelta(days=1)) if parent.period_end else None
        )
        low_text = (
            _("ngày %(day)s") % {"day": format_short_date(parent.period_start)} if low else ""
        )
        high_text = (
            _("ngày %(day)s") % {"day": format_short_date(parent.period_end)} if high else ""
        )
        low_source = high_source = _("thời gian thực hiện %(plan)s") % {"plan": reference}
    else:
        return {}
    errors = {}
    if low is not None and starts_at < low:
        errors["starts_at"] = _("%(what)s phải từ %(when)s trở đi — %(source)s.") % {
            "what": start_noun,
            "when": low_text,
            "source": low_source,
        }
    if high is not None and ends_at > high:
        errors["ends_at"] = _("%(what)s phải trước hoặc đúng %(when)s — %(source)s.") % {
            "what": deadline_noun,
            "when": high_text,
            "source": high_source,
        }
    return errors
