"""Who may see and do what in nominations/. Registered with the one policy in portal.

- The BCH of a unit sees its nominations and vote rounds; the chair (or vice chair)
  manages them.
- The consulted bodies — the committee of a party cell under the unit (secretary, cell
  committee) and the unit's school board — see the nominations and give opinions.
- Electors see the rounds they vote in; federation staff see what units below them do.
"""

from django.db.models import Q

from nominations.models import (
    CollectiveCondition,
    Dossier,
    DossierAttachment,
    Nomination,
    Objection,
    VoteRound,
)
from portal.models import BCH_ROLES, UNION_MEMBER_ROLES, OrgUnit, Role
from portal.permissions import (
    grants,
    has_role,
    has_role_over,
    is_admin,
    is_bch,
    is_chair,
    paths_with,
    rule,
    selector,
    unit_ids_with,
)

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


def _federation_q(user, field: str) -> Q:
    q = Q(pk__in=[])
    for path in paths_with(user, (Role.FEDERATION_STAFF,)):
        q |= Q(**{f"{field}__path__startswith": path})
    return q


# --- nominations ----------------------------------------------------------------------


@selector(Nomination)
def nominations_visible_to(user):
    """The unit's BCH, the consulted bodies, federation staff above the unit."""
    qs = Nomination.objects.select_related("plan__issuer", "title", "nominee", "collective")
    if is_admin(user):
        return qs
    units = unit_ids_with(user, BCH_ROLES) | consulted_unit_ids(user)
    return qs.filter(Q(plan__issuer_id__in=units) | _federation_q(user, "plan__issuer"))


@rule("nomination.view")
def can_view_nomination(user, nomination):
    return True  # visibility is decided by nominations_visible_to


@rule("nomination.list")
def can_list_nominations(user, plan):
    """The plan's BCH, the consulted bodies, federation staff above, administrators."""
    unit = plan.issuer
    return (
        is_admin(user)
        or on_committee(user, unit)
        or bool(bodies_of(user, unit))
        or has_role_over(user, unit, (Role.FEDERATION_STAFF,))
    )


@rule("nomination.propose")
def can_propose(user, plan):
    """The BCH of the plan's issuing unit proposes nominees."""
    return plan is not None and on_committee(user, plan.issuer)


@rule("nomination.give_opinion")
def can_give_opinion(user, nomination):
    return bool(bodies_of(user, nomination.plan.issuer))


@rule("nomination.give_opinions")
def can_give_opinions(user, plan):
    """The consulted bodies (chi bộ committee, school board) on the plan's one page."""
    return bool(bodies_of(user, plan.issuer))


@rule("nomination.withdraw")
def can_withdraw(user, nomination):
    return leads(user, nomination.plan.issuer)


# --- vote rounds ----------------------------------------------------------------------


@selector(VoteRound)
def vote_rounds_visible_to(user):
    """All rounds of the units where the user is on the BCH; the rounds the user votes
    in once they are open; rounds below a federation officer's unit once open."""
    qs = VoteRound.objects.select_related("plan", "unit")
    if is_admin(user):
        return qs
    bch = Q(unit_id__in=unit_ids_with(user, (*BCH_ROLES, Role.FEDERATION_STAFF)))
    others = Q(electors__user=user) | _federation_q(user, "unit")
    return qs.filter(bch | (others & ~Q(status=VoteRound.Status.DRAFT))).distinct()


@rule("vote_round.create")
def can_create_round(user, plan):
    return plan is not None and leads(user, plan.issuer)


@rule("vote_round.manage")
def can_manage_round(user, round):
    return leads(user, round.unit)


@rule("vote_round.view")
def can_view_round(user, round):
    return True  # visibility is decided by vote_rounds_visible_to


@rule("vote_round.vote")
def can_vote(user, round):
    return round.electors.filter(user=user).exists()


def is_federation_above(user, unit) -> bool:
    return has_role_over(user, unit, (Role.FEDERATION_STAFF,))


# --- review -------------------------------------------------------------------------------


@rule("review.board")
def can_see_review_board(user, plan):
    """The plan's BCH, federation staff above, administrators (read only)."""
    unit = plan.issuer
    return (
        is_admin(user) or is_bch(user, unit) or has_role_over(user, unit, (Role.FEDERATION_STAFF,))
    )


@rule("review.score")
def can_score(user, report):
    """A BCH member of the report's union, never on their own report."""
    return (
        report.status == "submitted"
        and report.member_id != user.pk
        and on_committee(user, report.unit)
    )


@rule("review.view_scores")
def can_view_scores(user, report):
    """Everyone who sees the review board sees the scores of a report on it — except the
    report's author, who is not shown who gave what."""
    return report.member_id != user.pk and can_see_review_board(user, report.plan)


@rule("review.finalise")
def can_finalise_review(user, plan):
    return plan is not None and leads(user, plan.issuer)


# --- nomination lists and dossiers ------------------------------------------------------------


@rule("list.manage")
def can_manage_list(user, plan):
    return plan is not None and leads(user, plan.issuer)


@rule("list.view")
def can_view_list(user, plan):
    """Who sees the nominations, and once published (công khai) every member of the unit."""
    from nominations.models import NominationList

    if can_list_nominations(user, plan):
        return True
    return (
        has_role(user, plan.issuer, UNION_MEMBER_ROLES)
        and NominationList.objects.filter(
            plan=plan, status=NominationList.Status.PUBLISHED
        ).exists()
    )


@rule("list.object")
def can_object(user, nomination_list):
    return has_role(user, nomination_list.plan.issuer, UNION_MEMBER_ROLES)


@selector(Dossier)
def dossiers_visible_to(user):
    """The sending unit's committee; once sent, the receiving plan's leaders and federation
    staff above the sending unit."""
    qs = Dossier.objects.select_related(
        "nomination__plan__issuer",
        "nomination__title",
        "nomination__nominee",
        "nomination__collective",
        "target_plan__issuer",
    )
    if is_admin(user):
        return qs
    committee = unit_ids_with(user, (*BCH_ROLES, Role.FEDERATION_STAFF))
    receivers = unit_ids_with(user, (Role.CHAIR, Role.VICE_CHAIR, Role.FEDERATION_STAFF))
    sent = ~Q(status=Dossier.Status.DRAFT)
    return qs.filter(
        Q(nomination__plan__issuer_id__in=committee)
        | (sent & Q(target_plan__issuer_id__in=receivers))
        | (sent & _federation_q(user, "nomination__plan__issuer"))
    )


@rule("dossier.view")
def can_view_dossier(user, dossier):
    return True  # visibility is decided by dossiers_visible_to


@rule("dossier.manage")
def can_manage_dossier(user, dossier):
    return leads(user, dossier.nomination.plan.issuer)


@rule("dossier.decide")
def can_decide_dossier(user, dossier):
    return leads(user, dossier.target_plan.issuer)


@rule("dossier.prepare")
def can_prepare_dossier(user, nomination):
    return leads(user, nomination.plan.issuer)


@rule("dossier.incoming")
def can_see_incoming(user, plan):
    """The receiving plan's leaders (and federation staff above them)."""
    return is_admin(user) or leads(user, plan.issuer) or is_federation_above(user, plan.issuer)


@selector(Objection)
def objections_visible_to(user):
    """Own objections; every objection to the lists of the units one leads or sits on the
    committee of."""
    qs = Objection.objects.select_related("list__plan__issuer", "author")
    if is_admin(user):
        return qs
    committee = unit_ids_with(user, (*BCH_ROLES, Role.FEDERATION_STAFF))
    return qs.filter(Q(author=user) | Q(list__plan__issuer_id__in=committee))


@rule("objection.answer")
def can_answer_objection(user, objection):
    return leads(user, objection.list.plan.issuer)


@selector(DossierAttachment)
def dossier_attachments_visible_to(user):
    """The attachments of the dossiers the user may see."""
    return DossierAttachment.objects.filter(
        dossier__in=dossiers_visible_to(user).values("pk")
    ).select_related("dossier")


@rule("dossier.download")
def can_download_attachment(user, attachment):
    return True  # visibility is decided by dossier_attachments_visible_to


@rule("condition.manage")
def can_manage_conditions(user, plan):
    return plan is not None and leads(user, plan.issuer) and plan.status != "closed"


@selector(CollectiveCondition)
def conditions_visible_to(user):
    """Conditions on the titles of the plans of units the user sits on the committee of,
    or is federation staff above."""
    qs = CollectiveCondition.objects.select_related("title__plan__issuer", "member_title")
    if is_admin(user):
        return qs
    committee = unit_ids_with(user, (*BCH_ROLES, Role.FEDERATION_STAFF))
    return qs.filter(
        Q(title__plan__issuer_id__in=committee) | _federation_q(user, "title__plan__issuer")
    )


@rule("condition.remove")
def can_remove_condition(user, condition):
    return can_manage_conditions(user, condition.title.plan)
