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
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import AgendaItem, Criterion, Milestone, Plan, PlanPhase, PlanSection, Title
from campaigns.models.plans import STEP_ORDER
from portal.audit import record
from portal.models import OrgUnit
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
CRITERION_FIELDS = frozenset({"text", "kind", "max_points", "required", "target", "order"})
CRITERION_INHERITED_EDITABLE = frozenset({"order"})
TITLE_FIELDS = frozenset(
    {
        "name",
        "level",
        "target",
        "quota_count",
        "quota_share",
        "min_points",
        "criterion_floor_share",
        "prerequisite",
        "requires_registration",
        "vote_quorum",
        "vote_base",
        "vote_threshold",
        "vote_strict",
        "secret_ballot",
        "valid_from",
        "valid_to",
        "order",
    }
)
TITLE_INHERITED_EDITABLE = frozenset(
    {
        "quota_count",
        "quota_share",
        "vote_quorum",
        "vote_base",
        "vote_threshold",
        "vote_strict",
        "secret_ballot",
        "order",
    }
)
MILESTONE_FIELDS = frozenset({"kind", "label", "starts_at", "ends_at", "place"})
AGENDA_FIELDS = frozenset({"order", "text", "presenter"})
SECTION_FIELDS = frozenset({"order", "heading", "body"})
PHASE_FIELDS = frozenset({"name", "starts_on", "ends_on", "description"})

# How a milestone is named in a refusal: (its deadline, its start).
MILESTONE_NOUNS = {
    Milestone.Kind.REGISTRATION: ("Hạn đăng ký thi đua", "Thời gian đăng ký thi đua"),
    Milestone.Kind.SELF_REPORT: ("Hạn tự báo cáo", "Thời gian tự báo cáo"),
    Milestone.Kind.REVIEW_MEETING: ("Buổi BCH họp xét", "Buổi BCH họp xét"),
    Milestone.Kind.CONSULTATION: ("Hạn lấy ý kiến cấp ủy, BGH", "Thời gian lấy ý kiến cấp ủy, BGH"),
    Milestone.Kind.VOTE: ("Hạn lấy ý kiến tập thể", "Thời gian lấy ý kiến tập thể"),
    Milestone.Kind.NOMINATION_DUE: (
        "Hạn gửi danh sách đề nghị",
        "Thời gian gửi danh sách đề nghị",
    ),
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
    return {
        "signing_mode": Plan.SigningMode.ON_BEHALF,
        "signing_body": body,
        "signer_title": title,
    }


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


def may_implement_path(issuer: OrgUnit, unit_path: str, unit_kind: str) -> bool:
    """May the unit at `unit_path` make its own plan from a plan of `issuer`?

    Units below the issuer may (plans cascade down the tree); so may a party body adopt a
    union plan (a school's chi bộ sits in the party's tree, not under the school's CĐCS,
    yet implements its plan). Union groups issue no plans.
    """
    if unit_kind == OrgUnit.Kind.UNION_GROUP or unit_path == issuer.path:
        return False
    if unit_path.startswith(issuer.path):
        return True
    return unit_kind in OrgUnit.PARTY_KINDS and not issuer.is_party


def may_implement(issuer: OrgUnit, unit: OrgUnit) -> bool:
    return may_implement_path(issuer, unit.path, unit.kind)


def expects_cascade(issuer: OrgUnit, unit: OrgUnit) -> bool:
    """Is `unit` expected to implement the plans of `issuer` (its direct parent)?

    Union groups issue no plans; party bodies implement party plans and union bodies
    union plans (a chi bộ under a CĐCS may implement the CĐCS plan, but is not counted
    as missing when it does not).
    """
    return (
        unit.parent_id == issuer.pk
        and unit.kind != OrgUnit.Kind.UNION_GROUP
        and unit.is_party == issuer.is_party
    )


@transaction.atomic
def create_child_plan(
    *, parent: Plan, issuer: OrgUnit, actor, now: dt.datetime | None = None, **fields
) -> Plan:
    """Create `issuer`'s draft plan implementing `parent`.

    The child starts with the parent's title, kind, period and late policy; it inherits
    copies of the parent's criteria and titles (``inherited_from`` set, prerequisites
    re-pointed to the copies). Milestones are not copied: the child sets its own, inside
    the parent's. Side effects: locks the unit's row until commit (one plan per unit per
    parent), writes the plan, its inherited items and an audit entry. Raises
    ValidationError when the parent is not published, the unit may not implement it (see
    ``may_implement``), or the unit already has a plan for this parent.
    """
    if parent.status != Plan.Status.PUBLISHED:
        _refuse(_("Chỉ triển khai được kế hoạch đang ban hành."))
    if not may_implement(parent.issuer, issuer):
        _refuse(
            _("%(unit)s không trực thuộc %(issuer)s nên không triển khai kế hoạch này.")
            % {"unit": issuer.name, "issuer": parent.issuer.name},
            "issuer",
        )
    # One plan per unit per parent: serialise on the unit's row (a double click, two tabs).
    OrgUnit.objects.select_for_update().filter(pk=issuer.pk).first()
    existing = Plan.objects.filter(parent=parent, issuer=issuer).first()
    if existing is not None:
        _refuse(
            _("%(unit)s đã có kế hoạch thực hiện %(parent)s: “%(title)s”.")
            % {"unit": issuer.name, "parent": plan_reference(parent), "title": existing.title},
            "issuer",
        )
    values = {
        "title": parent.title,
        "kind": parent.kind,
        "school_year": parent.school_year,
        "period_start": parent.period_start,
        "period_end": parent.period_end,
        "late_policy": parent.late_policy,
        "allows_extensions": parent.allows_extensions,
        **fields,
    }
    plan = _new_plan(issuer=issuer, parent=parent, now=now or timezone.now(), fields=values)
    _inherit_criteria(parent, plan)
    _inherit_titles(parent, plan)
    record(
        actor=actor,
        action="plan.cascade",
        obj=plan,
        unit=issuer,
        parent=parent.pk,
        parent_symbol=parent.symbol,
    )
    return plan


def _inherit_criteria(parent: Plan, plan: Plan) -> None:
    Criterion.objects.bulk_create(
        Criterion(
            plan=plan,
            text=c.text,
            kind=c.kind,
            max_points=c.max_points,
            required=c.required,
            target=c.target,
            order=c.order,
            inherited_from=c,
        )
        for c in parent.criteria.all()
    )


def _inherit_titles(parent: Plan, plan: Plan) -> None:
    originals = list(parent.titles.all())
    copies = {}
    for t in originals:
        copies[t.pk] = Title.objects.create(
            plan=plan,
            name=t.name,
            level=t.level,
            target=t.target,
            quota_count=t.quota_count,
            quota_share=t.quota_share,
            min_points=t.min_points,
            criterion_floor_share=t.criterion_floor_share,
            requires_registration=t.requires_registration,
            vote_quorum=t.vote_quorum,
            vote_base=t.vote_base,
            vote_threshold=t.vote_threshold,
            vote_strict=t.vote_strict,
            secret_ballot=t.secret_ballot,
            valid_from=t.valid_from,
            valid_to=t.valid_to,
            order=t.order,
            inherited_from=t,
        )
    for t in originals:
        if t.prerequisite_id in copies:
            copy = copies[t.pk]
            copy.prerequisite = copies[t.prerequisite_id]
            copy.save(update_fields=["prerequisite"])


# --- criteria -----------------------------------------------------------------------


def _check_criterion(criterion: Criterion) -> None:
    if criterion.kind == Criterion.Kind.POINTS:
        if criterion.max_points is None or criterion.max_points <= 0:
            _refuse(_("Tiêu chuẩn chấm điểm cần điểm tối đa lớn hơn 0."), "max_points")
    else:
        criterion.max_points = None
    if not (criterion.text or "").strip():
        _refuse(_("Cần nhập nội dung tiêu chuẩn."), "text")


@transaction.atomic
def add_criterion(*, plan: Plan, actor, **fields) -> Criterion:
    """Add the plan's own criterion. Side effects: saves it, writes an audit entry."""
    _unknown(fields, CRITERION_FIELDS)
    _ensure_editable(plan)
    fields.setdefault("order", _next_order(plan.criteria))
    criterion = Criterion(plan=plan, **fields)
    _check_criterion(criterion)
    _full_clean(criterion)
    criterion.save()
    record(actor=actor, action="criterion.add", obj=criterion, unit=plan.issuer, plan=plan.pk)
    return criterion


@transaction.atomic
def update_criterion(*, criterion: Criterion, actor, **fields) -> Criterion:
    """Change a criterion. An inherited criterion can only change its order.

    Side effects: saves it, writes an audit entry.
    """
    _unknown(fields, CRITERION_FIELDS)
    plan = criterion.plan
    _ensure_editable(plan)
    if criterion.is_inherited:
        _refuse_locked(
            criterion,
            fields,
            CRITERION_INHERITED_EDITABLE,
            _(
                "Tiêu chuẩn này kế thừa từ kế hoạch cấp trên: chỉ đổi được thứ tự, "
                "không sửa được nội dung."
            ),
        )
    changed = _apply(criterion, fields)
    _check_criterion(criterion)
    _full_clean(criterion)
    criterion.save()
    record(
        actor=actor,
        action="criterion.update",
        obj=criterion,
        unit=plan.issuer,
        plan=plan.pk,
        changed=changed,
    )
    return criterion


@transaction.atomic
def delete_criterion(*, criterion: Criterion, actor) -> None:
    """Delete the plan's own criterion; inherited ones stay (the parent requires them).

    Side effects: deletes it, writes an audit entry.
    """
    plan = criterion.plan
    _ensure_editable(plan)
    if criterion.is_inherited:
        _refuse(_("Tiêu chuẩn kế thừa từ kế hoạch cấp trên không xóa được."))
    record(
        actor=actor,
        action="criterion.delete",
        obj=criterion,
        unit=plan.issuer,
        plan=plan.pk,
        text=criterion.text[:200],
    )
    criterion.delete()


# --- titles -------------------------------------------------------------------------


_SHARE = Decimal("0.0001")


def _check_title(title: Title) -> None:
    for name in ("quota_share", "criterion_floor_share", "vote_quorum", "vote_threshold"):
        value = getattr(title, name)
        if value is not None:  # the model's defaults are floats (2/3)
            setattr(title, name, Decimal(str(value)).quantize(_SHARE, ROUND_HALF_UP))
    errors = {}
    if title.quota_count is not None and title.quota_share is not None:
        errors["quota_share"] = [_("Chỉ tiêu là một số lượng hoặc một tỷ lệ, không nhập cả hai.")]
    for name in ("quota_share", "criterion_floor_share", "vote_quorum"):
        value = getattr(title, name)
        if value is not None and not 0 <= value <= 1:
            errors[name] = [_("Tỷ lệ phải từ 0 đến 1 (ví dụ 0,7 cho 70%).")]
    if title.vote_threshold is not None and not 0 < title.vote_threshold <= 1:
        errors["vote_threshold"] = [_("Ngưỡng đạt phải lớn hơn 0 và không quá 1.")]
    if title.valid_from and title.valid_to and title.valid_to < title.valid_from:
        errors["valid_to"] = [_("Ngày hết áp dụng phải sau ngày bắt đầu áp dụng.")]
    if title.prerequisite_id is not None:
        prerequisite = title.prerequisite
        if prerequisite.plan_id != title.plan_id or prerequisite.pk == title.pk:
            errors["prerequisite"] = [_("Điều kiện trước phải là một danh hiệu khác của kế hoạch.")]
    if not (title.name or "").strip():
        errors["name"] = [_("Cần nhập tên danh hiệu.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_title(*, plan: Plan, actor, **fields) -> Title:
    """Add the plan's own title. Side effects: saves it, writes an audit entry."""
    _unknown(fields, TITLE_FIELDS)
    _ensure_editable(plan)
    fields.setdefault("order", _next_order(plan.titles))
    title = Title(plan=plan, **fields)
    _check_title(title)
    _full_clean(title)
    title.save()
    record(actor=actor, action="title.add", obj=title, unit=plan.issuer, plan=plan.pk)
    return title


# What the gates read: locked once the BCH starts scoring the plan's reports.
TITLE_GATE_FIELDS = frozenset(
    {"target", "min_points", "criterion_floor_share", "prerequisite", "requires_registration"}
)
# What a count reads: not changed while a vote on the title is open; a change after a
# count is a new version of the rule (the audit entry keeps the one before).
TITLE_VOTE_FIELDS = frozenset(
    {"vote_quorum", "vote_base", "vote_threshold", "vote_strict", "secret_ballot"}
)


def _check_title_rules(title: Title, fields: dict) -> dict:
    """Refuse gate changes once scoring started, vote-rule changes during an open vote;
    return {field: value before} of the rule fields that change (for the audit entry)."""
    stored = Title.objects.get(pk=title.pk)
    changing = {
        name: getattr(stored, name)
        for name, value in fields.items()
        if name in TITLE_GATE_FIELDS | TITLE_VOTE_FIELDS and getattr(stored, name) != value
    }
    if not changing:
        return {}
    plan = title.plan
    # Scores and nominations are the review's (nominations/), reached through the
    # reverse relations so that campaigns/ imports nothing from above it.
    scoring_started = plan.criteria.filter(scores__isnull=False).exists()
    if scoring_started and set(changing) & TITLE_GATE_FIELDS:
        _refuse(
            _(
                "Ban Chấp hành đã bắt đầu chấm điểm: điều kiện của danh hiệu “%(title)s” đã "
                "khóa (điểm tối thiểu, tỷ lệ mỗi tiêu chuẩn, danh hiệu phải có trước, đăng ký)."
            )
            % {"title": stored.name}
        )
    if set(changing) & TITLE_VOTE_FIELDS and title.nominations.filter(status="in_vote").exists():
        _refuse(
            _("Đang có đợt biểu quyết danh hiệu “%(title)s”: không đổi cách biểu quyết lúc này.")
            % {"title": stored.name}
        )
    return {
        name: str(value.pk if hasattr(value, "pk") else value) if value is not None else None
        for name, value in changing.items()
    }


@transaction.atomic
def update_title(*, title: Title, actor, **fields) -> Title:
    """Change a title. An inherited title keeps its name, level, target and gates; the
    child plan sets its own quota, vote rule and order.

    Side effects: saves it, writes an audit entry.
    """
    _unknown(fields, TITLE_FIELDS)
    plan = title.plan
    _ensure_editable(plan)
    if title.is_inherited:
        _refuse_locked(
            title,
            fields,
            TITLE_INHERITED_EDITABLE,
            _(
                "Danh hiệu này kế thừa từ kế hoạch cấp trên: chỉ đổi được chỉ tiêu, "
                "cách biểu quyết và thứ tự."
            ),
        )
    before = _check_title_rules(title, fields)
    changed = _apply(title, fields)
    _check_title(title)
    _full_clean(title)
    title.save()
    record(
        actor=actor,
        action="title.update",
        obj=title,
        unit=plan.issuer,
        plan=plan.pk,
        changed=changed,
        **({"rule_before": before} if before else {}),
    )
    return title


@transaction.atomic
def delete_title(*, title: Title, actor) -> None:
    """Delete the plan's own title; inherited ones stay.

    Side effects: deletes it (titles naming it as prerequisite lose the link), writes an
    audit entry.
    """
    plan = title.plan
    _ensure_editable(plan)
    if title.is_inherited:
        _refuse(_("Danh hiệu kế thừa từ kế hoạch cấp trên không xóa được."))
    record(
        actor=actor,
        action="title.delete",
        obj=title,
        unit=plan.issuer,
        plan=plan.pk,
        name=title.name,
    )
    title.delete()


# --- milestones ---------------------------------------------------------------------


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


def _check_milestone(milestone: Milestone) -> None:
    if milestone.starts_at is None or milestone.ends_at is None:
        _refuse(_("Cần nhập thời điểm bắt đầu và kết thúc."))
    if milestone.ends_at < milestone.starts_at:
        _refuse(_("Thời điểm kết thúc phải sau hoặc đúng thời điểm bắt đầu."), "ends_at")
    errors = milestone_errors(
        milestone.plan, milestone.kind, milestone.starts_at, milestone.ends_at
    )
    if errors:
        raise ValidationError({field: [message] for field, message in errors.items()})


def _check_children(plan: Plan) -> None:
    """A change to `plan`'s milestones may not leave a published plan made from it outside
    it (nesting is checked from the child's side when the child is edited; this is the
    parent's side). Refuses naming each child plan and milestone it would break."""
    broken = []
    children = plan.children.filter(status=Plan.Status.PUBLISHED).select_related("issuer")
    for child in children:
        for milestone in child.milestones.all():
            errors = milestone_errors(child, milestone.kind, milestone.starts_at, milestone.ends_at)
            if errors:
                broken.append(
                    _("%(plan)s của %(unit)s — %(what)s (%(start)s – %(end)s)")
                    % {
                        "plan": plan_reference(child),
                        "unit": child.issuer.name,
                        "what": milestone.label or milestone.get_kind_display(),
                        "start": format_deadline(milestone.starts_at),
                        "end": format_deadline(milestone.ends_at),
                    }
                )
    if broken:
        _refuse(
            _(
                "Không thay đổi được: các kế hoạch cấp dưới đã ban hành sẽ nằm ngoài mốc của "
                "kế hoạch này: %(plans)s. Hãy để đơn vị cấp dưới điều chỉnh trước."
            )
            % {"plans": "; ".join(broken)}
        )


@transaction.atomic
def add_milestone(*, plan: Plan, actor, **fields) -> Milestone:
    """Add a milestone (times are aware datetimes). A child plan's milestone must fall
    inside its parent's (see ``milestone_errors``).

    Side effects: saves it, writes an audit entry.
    """
    _unknown(fields, MILESTONE_FIELDS)
    _ensure_editable(plan)
    milestone = Milestone(plan=plan, **fields)
    _check_milestone(milestone)
    _full_clean(milestone)
    milestone.save()
    _check_children(plan)
    record(
        actor=actor,
        action="milestone.add",
        obj=milestone,
        unit=plan.issuer,
        plan=plan.pk,
        kind=milestone.kind,
        starts_at=milestone.starts_at.isoformat(),
        ends_at=milestone.ends_at.isoformat(),
    )
    return milestone


@transaction.atomic
def update_milestone(*, milestone: Milestone, actor, **fields) -> Milestone:
    """Change a milestone, with the same checks as ``add_milestone``.

    Side effects: saves it, writes an audit entry.
    """
    _unknown(fields, MILESTONE_FIELDS)
    plan = milestone.plan
    _ensure_editable(plan)
    changed = _apply(milestone, fields)
    _check_milestone(milestone)
    _full_clean(milestone)
    milestone.save()
    _check_children(plan)
    record(
        actor=actor,
        action="milestone.update",
        obj=milestone,
        unit=plan.issuer,
        plan=plan.pk,
        changed=changed,
        starts_at=milestone.starts_at.isoformat(),
        ends_at=milestone.ends_at.isoformat(),
    )
    return milestone


@transaction.atomic
def delete_milestone(*, milestone: Milestone, actor) -> None:
    """Delete a milestone and its agenda. Side effects: writes an audit entry."""
    plan = milestone.plan
    _ensure_editable(plan)
    record(
        actor=actor,
        action="milestone.delete",
        obj=milestone,
        unit=plan.issuer,
        plan=plan.pk,
        kind=milestone.kind,
        ends_at=milestone.ends_at.isoformat(),
    )
    milestone.delete()
    _check_children(plan)


@transaction.atomic
def add_agenda_item(*, milestone: Milestone, actor, **fields) -> AgendaItem:
    """Append an item to a milestone's agenda (last unless `order` is given).

    Side effects: saves it, writes an audit entry.
    """
    _unknown(fields, AGENDA_FIELDS)
    plan = milestone.plan
    _ensure_editable(plan)
    if fields.get("order") is None:
        fields["order"] = _next_order(milestone.agenda_items)
    item = AgendaItem(milestone=milestone, **fields)
    if not (item.text or "").strip():
        _refuse(_("Cần nhập nội dung mục chương trình."), "text")
    _full_clean(item)
    item.save()
    record(actor=actor, action="agenda.add", obj=item, unit=plan.issuer, plan=plan.pk)
    return item


@transaction.atomic
def update_agenda_item(*, item: AgendaItem, actor, **fields) -> AgendaItem:
    """Change an agenda item. Side effects: saves it, writes an audit entry."""
    _unknown(fields, AGENDA_FIELDS)
    plan = item.milestone.plan
    _ensure_editable(plan)
    if fields.get("order", 0) is None:
        fields.pop("order")
    changed = _apply(item, fields)
    if not (item.text or "").strip():
        _refuse(_("Cần nhập nội dung mục chương trình."), "text")
    _full_clean(item)
    item.save()
    record(
        actor=actor,
        action="agenda.update",
        obj=item,
        unit=plan.issuer,
        plan=plan.pk,
        changed=changed,
    )
    return item


@transaction.atomic
def delete_agenda_item(*, item: AgendaItem, actor) -> None:
    """Delete an agenda item. Side effects: writes an audit entry."""
    plan = item.milestone.plan
    _ensure_editable(plan)
    record(actor=actor, action="agenda.delete", obj=item, unit=plan.issuer, plan=plan.pk)
    item.delete()


# --- sections and phases ------------------------------------------------------------


@transaction.atomic
def add_section(*, plan: Plan, actor, **fields) -> PlanSection:
    """Append a content section (last unless `order` is given).

    Side effects: saves it, writes an audit entry.
    """
    _unknown(fields, SECTION_FIELDS)
    _ensure_editable(plan)
    if fields.get("order") is None:
        fields["order"] = _next_order(plan.sections)
    section = PlanSection(plan=plan, **fields)
    if not (section.heading or "").strip():
        _refuse(_("Cần nhập tiêu đề mục."), "heading")
    _full_clean(section)
    section.save()
    record(actor=actor, action="section.add", obj=section, unit=plan.issuer, plan=plan.pk)
    return section


@transaction.atomic
def update_section(*, section: PlanSection, actor, **fields) -> PlanSection:
    """Change a content section. Side effects: saves it, writes an audit entry."""
    _unknown(fields, SECTION_FIELDS)
    plan = section.plan
    _ensure_editable(plan)
    if fields.get("order", 0) is None:
        fields.pop("order")
    changed = _apply(section, fields)
    if not (section.heading or "").strip():
        _refuse(_("Cần nhập tiêu đề mục."), "heading")
    _full_clean(section)
    section.save()
    record(
        actor=actor,
        action="section.update",
        obj=section,
        unit=plan.issuer,
        plan=plan.pk,
        changed=changed,
    )
    return section


@transaction.atomic
def delete_section(*, section: PlanSection, actor) -> None:
    """Delete a content section. Side effects: writes an audit entry."""
    plan = section.plan
    _ensure_editable(plan)
    record(
        actor=actor,
        action="section.delete",
        obj=section,
        unit=plan.issuer,
        plan=plan.pk,
        heading=section.heading,
    )
    section.delete()


def _check_phase(phase: PlanPhase) -> None:
    plan = phase.plan
    if phase.starts_on and phase.ends_on and phase.ends_on < phase.starts_on:
        _refuse(_("Ngày kết thúc giai đoạn phải sau hoặc đúng ngày bắt đầu."), "ends_on")
    if plan.period_start and phase.starts_on and phase.starts_on < plan.period_start:
        _refuse(
            _("Giai đoạn phải bắt đầu từ ngày %(day)s trở đi — thời gian của kế hoạch.")
            % {"day": format_short_date(plan.period_start)},
            "starts_on",
        )
    if plan.period_end and phase.ends_on and phase.ends_on > plan.period_end:
        _refuse(
            _("Giai đoạn phải kết thúc trước hoặc đúng ngày %(day)s — thời gian của kế hoạch.")
            % {"day": format_short_date(plan.period_end)},
            "ends_on",
        )


@transaction.atomic
def add_phase(*, plan: Plan, actor, **fields) -> PlanPhase:
    """Add a phase inside the plan's period. Side effects: saves it, writes an audit entry."""
    _unknown(fields, PHASE_FIELDS)
    _ensure_editable(plan)
    phase = PlanPhase(plan=plan, **fields)
    _check_phase(phase)
    _full_clean(phase)
    phase.save()
    record(actor=actor, action="phase.add", obj=phase, unit=plan.issuer, plan=plan.pk)
    return phase


@transaction.atomic
def update_phase(*, phase: PlanPhase, actor, **fields) -> PlanPhase:
    """Change a phase. Side effects: saves it, writes an audit entry."""
    _unknown(fields, PHASE_FIELDS)
    plan = phase.plan
    _ensure_editable(plan)
    changed = _apply(phase, fields)
    _check_phase(phase)
    _full_clean(phase)
    phase.save()
    record(
        actor=actor,
        action="phase.update",
        obj=phase,
        unit=plan.issuer,
        plan=plan.pk,
        changed=changed,
    )
    return phase


@transaction.atomic
def delete_phase(*, phase: PlanPhase, actor) -> None:
    """Delete a phase. Side effects: writes an audit entry."""
    plan = phase.plan
    _ensure_editable(plan)
    record(
        actor=actor,
        action="phase.delete",
        obj=phase,
        unit=plan.issuer,
        plan=plan.pk,
        name=phase.name,
    )
    phase.delete()
