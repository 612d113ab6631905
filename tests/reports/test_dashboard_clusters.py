"""Issue 16 item 5: the federation dashboard shows its clusters' standings (rank, mean,
median, spread), with a query count that does not grow with the number of units."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.models import Cluster, ClusterCriterion, ClusterMember, CrossScore
from portal.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.reports.cascade import NOW
from tests.reports.test_dashboard import district

pytestmark = pytest.mark.django_db


def clustered_district(n_units: int):
    """A district whose units all form one cluster; every unit scores every other one,
    unit i getting 50 + i points on each of two criteria from everybody."""
    plan = district(n_units)
    staff = UserFactory(username=f"staff-c{n_units}")
    MembershipFactory(user=staff, unit=plan.issuer, role=Role.FEDERATION_STAFF)
    cluster = Cluster.objects.create(
        federation=plan.issuer,
        plan=plan,
        year=plan.year,
        name="Cụm thi đua số 1",
        scoring_ends_at=NOW + dt.timedelta(days=1),
        created_by=staff,
        created_at=NOW,
    )
    criteria = [
        ClusterCriterion.objects.create(cluster=cluster, order=n, text=f"TC {n}", max_points=100)
        for n in (1, 2)
    ]
    units = list(plan.issuer.children.order_by("code"))
    for unit in units:
        ClusterMember.objects.create(
            cluster=cluster, unit=unit, year=cluster.year, kind=cluster.kind, added_at=NOW
        )
    Cluster.objects.filter(pk=cluster.pk).update(head=units[0])
    CrossScore.objects.bulk_create(
        CrossScore(
            cluster=cluster,
            scorer=scorer,
            scored=scored,
            criterion=criterion,
            points=Decimal(50 + i),
            scored_by=staff,
            scored_at=NOW,
        )
        for i, scored in enumerate(units)
        for scorer in units
        if scorer != scored
        for criterion in criteria
    )
    return plan, staff, units


@pytest.mark.parametrize("n_units", [1, 30])
def test_dashboard_shows_cluster_standings_in_bounded_queries(
    client, django_assert_max_num_queries, n_units
):
    plan, staff, units = clustered_district(n_units)
    client.force_login(staff)
    url = reverse("reports:dashboard", args=[plan.pk])
    client.get(url)  # warm the session and the caches
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200
    (board,) = response.context["clusters"]
    assert board.name == "Cụm thi đua số 1"
    assert board.head == units[0].name
    best = board.standings[0]
    if n_units == 1:
        # Nobody else to score the only unit: no mean, no rank.
        assert (best.rank, best.mean) == (None, None)
    else:
        assert (best.rank, best.unit, best.mean, best.spread) == (
            1,
            units[-1],
            Decimal(2 * (50 + n_units - 1)),
            Decimal(0),
        )
        assert board.scored == n_units
    html = response.content.decode()
    assert f'id="cluster-standings-{board.cluster_id}"' in html


def test_cluster_query_count_is_the_same_for_1_and_30_units(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (1, 30):
        plan, staff, _units = clustered_district(n)
        client.force_login(staff)
        url = reverse("reports:dashboard", args=[plan.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
