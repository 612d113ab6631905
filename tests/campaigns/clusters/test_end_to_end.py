"""Issue 16, "a cluster runs from pact to proposal": the federation's staff create the
kindergartens' cluster, assign three units and take the proposed rotation; the pact is
issued and confirmed; every unit scores the two others; the head reads the consolidation,
records the year-end meeting and proposes its best unit for "Cờ thi đua". The proposal is
then an ordinary collective nomination of the federation's plan: its BCH votes on it, the
list is finalised and published, and the dossier goes up to the city's plan."""

import datetime as dt
from decimal import Decimal

import pytest

from campaigns.models import Target, Title
from campaigns.selectors.clusters import consolidation, proposed_rotation
from campaigns.services import clusters as services
from nominations.models import Dossier, Nomination
from nominations.services.ballots import cast_ballot
from nominations.services.clusters import Pick, propose_from_cluster
from nominations.services.dossiers import forward_dossier, prepare_dossier
from nominations.services.lists import finalise_list, publish_list
from nominations.services.votes import create_vote_round
from portal.models import AuditEntry, OrgUnit, Role
from tests.campaigns.clusters.conftest import AFTER, CREATED, CRITERIA, DEADLINE, PACT, SCORING
from tests.factories import MembershipFactory, PlanFactory, TitleFactory, UserFactory
from tests.nominations.committee import close_round, open_round

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)


def test_a_cluster_runs_from_pact_to_proposal_and_up(
    federation, fed_plan, federation_staff, union, other_union, third_union, chairs
):
    # The city's plan, which the district's implements, awards the flag.
    city = OrgUnit.objects.create(
        code="tphcm", name="LĐLĐ Thành phố Hồ Chí Minh", kind=OrgUnit.Kind.CITY_FEDERATION
    )
    federation.parent = city
    federation.save()  # moves the subtree: read the units' new paths
    for unit in (union, other_union, third_union):
        unit.refresh_from_db()
    city_plan = PlanFactory(issuer=city, year=2026, title="Kế hoạch thi đua của Thành phố")
    TitleFactory(
        plan=city_plan, name="Cờ thi đua", target=Target.COLLECTIVE, level=Title.Level.PROVINCE
    )
    fed_plan.parent = city_plan
    fed_plan.save()
    flag = TitleFactory(
        plan=fed_plan,
        name="Cờ thi đua",
        target=Target.COLLECTIVE,
        level=Title.Level.PROVINCE,
        secret_ballot=False,
    )

    # 1. Staff create the cluster, assign the units and take the proposed rotation.
    cluster = services.create_cluster(
        plan=fed_plan,
        actor=federation_staff,
        name="Cụm thi đua các trường mầm non",
        kind="cluster",
        scoring_ends_at=DEADLINE,
        criteria=CRITERIA,
        now=CREATED,
    )
    services.assign_units(
        cluster=cluster, actor=federation_staff, units=[union, other_union, third_union]
    )
    first, second, *_ = proposed_rotation(cluster)
    services.set_leaders(
        cluster=cluster, actor=federation_staff, head=first.unit, deputy=second.unit
    )
    head = first.unit  # nobody has led: by name, Hoa Hồng goes first
    assert head == other_union

    # 2. The pact, confirmed by each member's chair.
    services.issue_pact(cluster=cluster, actor=chairs[head], text="Cam kết thi đua.", now=PACT)
    for chair in chairs.values():
        services.confirm_pact(cluster=cluster, actor=chair, now=PACT)

    # 3. Cross-scoring: each unit scores the two others.
    table = {
        union: {other_union: (30, 50), third_union: (25, 40)},
        other_union: {union: (38, 57), third_union: (20, 42)},
        third_union: {union: (36, 55), other_union: (32, 48)},
    }
    criteria = list(cluster.criteria.all())
    for scorer, given in table.items():
        services.submit_cross_scores(
            cluster=cluster,
            actor=chairs[scorer],
            scores={
                u.pk: {c.pk: str(p) for c, p in zip(criteria, pts, strict=True)}
                for u, pts in given.items()
            },
            now=SCORING,
        )

    # 4. The head's consolidation and the year-end meeting.
    board = consolidation(cluster)
    assert [(s.unit, s.mean, s.median, s.spread) for s in board.standings] == [
        (union, Decimal("93.00"), Decimal("93.00"), Decimal("4.00")),
        (other_union, Decimal("80.00"), Decimal("80.00"), Decimal("0.00")),
        (third_union, Decimal("63.50"), Decimal("63.50"), Decimal("3.00")),
    ]
    services.record_meeting(
        cluster=cluster, actor=chairs[head], at=AFTER, place="Trường MN Hoa Hồng", notes="Nhất trí."
    )

    # 5. The head proposes the best unit; it is a collective nomination of the district.
    (nomination,) = propose_from_cluster(
        cluster=cluster, actor=chairs[head], picks=[Pick(union, flag)], now=AFTER
    )
    assert (nomination.plan, nomination.collective, nomination.status) == (
        fed_plan,
        union,
        Nomination.Status.PROPOSED,
    )

    # 6. The district's BCH votes, lists, publishes and sends the dossier up.
    fed_chair = UserFactory(username="ldld_chair", full_name="Chủ tịch LĐLĐ")
    MembershipFactory(user=fed_chair, unit=federation, role=Role.CHAIR)
    voters = [fed_chair]
    for i in range(2):
        member = UserFactory(username=f"ldld_bch{i}", full_name=f"Ủy viên {i}")
        MembershipFactory(user=member, unit=federation, role=Role.BCH_MEMBER)
        voters.append(member)
    start = AFTER + HOUR
    round = create_vote_round(
        plan=fed_plan,
        name="Biểu quyết đề nghị Cờ thi đua",
        nominations=[nomination],
        opens_at=start,
        closes_at=start + HOUR,
        actor=fed_chair,
        now=start,
    )
    round = open_round(round=round, actor=fed_chair, now=start)
    for voter in voters:
        cast_ballot(round=round, actor=voter, choices={str(nomination.pk): "approve"}, now=start)
    close_round(round=round, actor=fed_chair, now=start + HOUR)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PASSED
    listed = finalise_list(plan=fed_plan, actor=fed_chair, now=start + 2 * HOUR)
    publish_list(nomination_list=listed, actor=fed_chair, feedback_days=1, now=start + 3 * HOUR)
    later = start + 3 * HOUR + dt.timedelta(days=2)
    dossier = prepare_dossier(nomination=nomination, actor=fed_chair, now=later)
    assert dossier.target_plan == city_plan
    forward_dossier(dossier=dossier, actor=fed_chair, now=later)
    assert Dossier.objects.get().status == Dossier.Status.FORWARDED
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.FORWARDED
    assert AuditEntry.objects.filter(action__startswith="cluster.").count() == 12
