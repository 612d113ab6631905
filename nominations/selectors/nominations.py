"""Reads for nominations: the plan's board per title, with quota use and the opinions of
the consulted bodies beside each nominee."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from nominations.models import Nomination, Opinion
from nominations.models.nominations import QUOTA_STATUSES
from nominations.permissions.common import expected_bodies
from nominations.quotas import Quota, member_count, quota_for
from portal.permissions import visible_to


@dataclass(frozen=True)
class NominationRow:
    nomination: Nomination
    opinions: dict[str, Opinion]  # body -> opinion
    missing: list[str]  # labels of the bodies that have not given an opinion


@dataclass
class TitleGroup:
    title: object
    quota: Quota
    taken: int = 0
    rows: list[NominationRow] = field(default_factory=list)


def nominations_for_plan(user, plan):
    """The plan's nominations the user may see, with what a row shows, in fixed queries."""
    return (
        visible_to(user, Nomination)
        .filter(plan=plan)
        .select_related("title", "nominee", "collective", "proposed_by")
        .prefetch_related(Prefetch("opinions", queryset=Opinion.objects.select_related("author")))
        .order_by("title__order", "title_id", "nominee__sort_name", "collective__name", "id")
    )


def nomination_board(user, plan) -> list[TitleGroup]:
    """Every title of the plan with its quota, how many places are taken and its nominees,
    each with the consulted bodies' opinions and the bodies still to give one."""
    bodies = expected_bodies(plan.issuer)
    labels = dict(Opinion.Body.choices)
    members = member_count(plan.issuer)
    groups = {
        t.pk: TitleGroup(t, quota_for(t, plan.issuer, members=members)) for t in plan.titles.all()
    }
    for nomination in nominations_for_plan(user, plan):
        opinions = {o.body: o for o in nomination.opinions.all()}
        missing = [str(labels[b]) for b in bodies if b not in opinions]
        group = groups[nomination.title_id]
        group.rows.append(NominationRow(nomination, opinions, missing))
        if nomination.status in QUOTA_STATUSES:
            group.taken += 1
    return list(groups.values())


def missing_opinions(board: list[TitleGroup]) -> dict[str, list[Nomination]]:
    """For the chair, from a ``nomination_board``: body label -> the nominees (proposed or
    in the vote) it has not given an opinion on yet."""
    waiting = defaultdict(list)
    for group in board:
        for row in group.rows:
            if row.nomination.status in (
                Nomination.Status.PROPOSED,
                Nomination.Status.IN_VOTE,
            ):
                for label in row.missing:
                    waiting[label].append(row.nomination)
    return dict(waiting)
