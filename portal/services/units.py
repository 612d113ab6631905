"""The org tree, managed by those above: create, rename, move and close units."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import record
from portal.models import EndReason, Membership, OrgUnit, User
from portal.services.members import check_open, end_row
from portal.signals import figures_changed
from portal.vietnamese import fold


def _code_for(parent: OrgUnit, name: str) -> str:
    base = "-".join(fold(name).replace("đ", "d").split())[:50] or "don-vi"
    code, n = base, 1
    while OrgUnit.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def create_unit(*, parent: OrgUnit, actor: User, name: str, short_name: str, kind: str, place=""):
    """Create a unit beneath `parent`. Side effects: audit entry. The caller's policy
    check decides which kinds are allowed; a closed parent is refused here."""
    check_open(parent)
    unit = OrgUnit.objects.create(
        code=_code_for(parent, name),
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        parent=parent,
        place=place or parent.place,
    )
    record(actor=actor, action="unit.create", obj=unit, unit=parent, name=unit.name, kind=kind)
    return unit


@transaction.atomic
def rename_unit(*, unit: OrgUnit, actor: User, name: str, short_name: str, place: str = ""):
    """Rename a unit. Side effects: audit entry with the old and new names."""
    check_open(unit)
    old = unit.name
    unit.name, unit.short_name = name.strip(), short_name.strip()
    unit.place = place or unit.place
    unit.save()
    record(actor=actor, action="unit.rename", obj=unit, unit=unit, old=old, new=unit.name)
    return unit


@transaction.atomic
def move_unit(*, unit: OrgUnit, actor: User, parent: OrgUnit) -> OrgUnit:
    """Put `unit` (and everything beneath it) under `parent`, paths rewritten in one
    transaction. Raises ValidationError for a closed target or a move into its own subtree."""
    check_open(parent)
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    if parent.path.startswith(unit.path):
        raise ValidationError(
            _("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.")
        )
    old_parent = unit.parent
    unit.parent = parent
    unit.save()
    record(
        actor=actor, action="unit.move", obj=unit, unit=unit, old=str(old_parent), new=str(parent)
    )
    return unit


@transaction.atomic
def close_unit(*, unit: OrgUnit, actor: User, closed_on: dt.date) -> OrgUnit:
    """Close a unit on `closed_on`: it keeps its history and becomes read-only.

    Units beneath it must be closed first. Every membership still open in it ends the day
    before, for "Đơn vị giải thể": its members keep their accounts and their own history,
    and nobody holds a role in it any more (so nobody can report, score or manage there).
    Side effects: audit entry.
    """
    check_open(unit)
    if unit.children.filter(closed_on__isnull=True).exists():
        raise ValidationError(_("Hãy giải thể hoặc chuyển các đơn vị cấp dưới trước."))
    last_day = closed_on - dt.timedelta(days=1)
    open_rows = list(Membership.objects.filter(unit=unit, ends_on__isnull=True))
    for row in open_rows:
        end_row(row, last_day, EndReason.UNIT_CLOSED)
    unit.closed_on = closed_on
    unit.save(update_fields=["closed_on"])
    figures_changed.send(sender=Membership, unit_ids=[unit.pk])
    record(
        actor=actor,
        action="unit.close",
        obj=unit,
        unit=unit,
        closed_on=closed_on.isoformat(),
        memberships_ended=len(open_rows),
    )
    return unit
