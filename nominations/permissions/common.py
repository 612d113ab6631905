"""Shared answers of nominations/ permissions: who sits on a unit's committee, who
leads it, which bodies are consulted."""

from django.db.models import Q

from portal.models import BCH_ROLES, OrgUnit, Role
from portal.permissions import grants, has_role, has_role_over, is_chair, paths_with, unit_ids_with

CELL_COMMITTEE_ROLES = (Role.CELL_SECRETARY, Role.CELL_COMMITTEE)


def committee_roles(unit) -> tuple:
    """The roles of a unit's committee: the BCH, and at a federation its staff too."""
    return (*BCH_ROLES, Role.FEDERATION_STAFF) if unit.is_federation else BCH_ROLES


def on_committee(user, unit) -> bool:
    """Sits on `unit`'s committee (scores, proposes, votes in committee)."""
    return has_role(user, unit, committee_roles(unit))


def leads(user, unit) -> bool:
    """Leads `unit`: its chair or vice chair, or at a federation its staff."""
    return is_chair(user, unit) or (
        unit.is_federation and has_role(user, unit, (Role.FEDERATION_STAFF,))
    )


def party_cells_of(unit):
    """The party cells consulted on `unit`'s nominations: a cell placed under the unit, or
    a cell whose plan implements one of the unit's plans (a school's chi bộ sits in the
    party tree, and adopts the union's plan)."""
    return OrgUnit.objects.filter(kind=OrgUnit.Kind.PARTY_CELL).filter(
        Q(parent=unit) | Q(plans__parent__issuer=unit)
    )


def consulted_unit_ids(user) -> set[int]:
    """Units whose nominations `user` gives an opinion on: those of each party cell where
    they sit on the committee, and each unit where they are on the school board."""
    cell_ids = [g.unit_id for g in grants(user) if g.role in CELL_COMMITTEE_ROLES]
    units = set()
    if cell_ids:
        cells = OrgUnit.objects.filter(pk__in=cell_ids, kind=OrgUnit.Kind.PARTY_CELL)
        units |= set(cells.values_list("parent_id", flat=True))
        units |= set(cells.values_list("plans__parent__issuer_id", flat=True))
        units.discard(None)
    return units | unit_ids_with(user, (Role.SCHOOL_BOARD,))


def bodies_of(user, unit) -> list[str]:
    """The consulted bodies `user` speaks for on `unit`'s nominations."""
    from nominations.models import Opinion

    bodies = []
    cell_ids = [g.unit_id for g in grants(user) if g.role in CELL_COMMITTEE_ROLES]
    if cell_ids and party_cells_of(unit).filter(pk__in=cell_ids).exists():
        bodies.append(Opinion.Body.PARTY_CELL)
    if has_role(user, unit, (Role.SCHOOL_BOARD,)):
        bodies.append(Opinion.Body.SCHOOL_BOARD)
    return bodies


def expected_bodies(unit) -> list[str]:
    """The bodies whose opinion `unit`'s nominations need: the committee of the unit's
    party cell, and the unit's school board, when they exist."""
    from nominations.models import Opinion

    bodies = []
    if party_cells_of(unit).exists():
        bodies.append(Opinion.Body.PARTY_CELL)
    if unit.memberships.current().filter(role=Role.SCHOOL_BOARD).exists():
        bodies.append(Opinion.Body.SCHOOL_BOARD)
    return bodies


def federation_q(user, field: str) -> Q:
    q = Q(pk__in=[])
    for path in paths_with(user, (Role.FEDERATION_STAFF,)):
        q |= Q(**{f"{field}__path__startswith": path})
    return q


def is_federation_above(user, unit) -> bool:
    return has_role_over(user, unit, (Role.FEDERATION_STAFF,))
