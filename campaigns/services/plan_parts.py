"""Every write on a plan's parts: criteria, titles, sections, phases (milestones and
their agenda are in campaigns.services.milestones). Inherited parts stay the parent's
(see campaigns.services.plans)."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import (
    Criterion,
    Plan,
    PlanPhase,
    PlanSection,
    Target,
    Title,
)
from campaigns.services.plans import (
    _apply,
    _ensure_editable,
    _full_clean,
    _next_order,
    _refuse,
    _refuse_locked,
    _unknown,
)
from portal.audit import record
from portal.vietnamese import format_short_date

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
        "rating_level",
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
SECTION_FIELDS = frozenset({"order", "heading", "body"})
PHASE_FIELDS = frozenset({"name", "starts_on", "ends_on", "description"})


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
    if title.rating_level_id is not None and (
        title.target != Target.COLLECTIVE or title.rating_level.scheme.plan_id != title.plan_id
    ):
        errors["rating_level"] = [
            _("Điều kiện xếp loại chỉ đặt cho danh hiệu tập thể, theo xếp loại của kế hoạch này.")
        ]
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
