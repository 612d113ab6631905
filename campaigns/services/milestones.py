"""Every write on a plan's milestones and their agenda. A child plan's milestone must fall
inside its parent's, and a change to a parent's milestones may not leave a published child
plan outside them (see ``milestone_errors`` in campaigns.services.plans)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import AgendaItem, Milestone, Plan
from campaigns.services.plans import (
    _apply,
    _ensure_editable,
    _full_clean,
    _next_order,
    _refuse,
    _unknown,
    milestone_errors,
    plan_reference,
)
from portal.audit import record
from portal.vietnamese import format_deadline

MILESTONE_FIELDS = frozenset({"kind", "label", "starts_at", "ends_at", "place"})
AGENDA_FIELDS = frozenset({"order", "text", "presenter"})


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
