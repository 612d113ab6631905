"""A federation plan of 2026 with two collective titles, three kindergartens' unions of Gò
Vấp with their chairs, and a kindergartens' cluster created by the federation's staff."""

import datetime as dt

import pytest

from campaigns.models import Target, Title
from campaigns.services import clusters as services
from portal.models import Role
from tests.factories import (
    MembershipFactory,
    OrgUnitFactory,
    PlanFactory,
    TitleFactory,
    UserFactory,
)

CREATED = dt.datetime(2026, 1, 10, 8, 0, tzinfo=dt.UTC)
PACT = dt.datetime(2026, 1, 20, 8, 0, tzinfo=dt.UTC)
SCORING = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
DEADLINE = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)
AFTER = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)

CRITERIA = [
    {"text": "Tổ chức phong trào thi đua", "max_points": "40"},
    {"text": "Chăm lo đời sống đoàn viên", "max_points": "60"},
]


@pytest.fixture
def fed_plan(federation):
    # The cluster's proposals join the federation plan's consultation: no members' review.
    return PlanFactory(
        issuer=federation,
        year=2026,
        title="Kế hoạch thi đua năm 2026",
        steps=["consultation", "vote", "list", "publication", "sending_up"],
    )


@pytest.fixture
def flag(fed_plan):
    return TitleFactory(
        plan=fed_plan, name="Cờ thi đua", target=Target.COLLECTIVE, level=Title.Level.PROVINCE
    )


@pytest.fixture
def merit(fed_plan):
    return TitleFactory(
        plan=fed_plan, name="Bằng khen", target=Target.COLLECTIVE, level=Title.Level.PROVINCE
    )


@pytest.fixture
def third_union(federation):
    return OrgUnitFactory(code="hoami", name="CĐCS Trường MN Họa Mi", parent=federation)


def _chair(unit, username, name):
    user = UserFactory(username=username, full_name=name)
    MembershipFactory(user=user, unit=unit, role=Role.CHAIR)
    return user


@pytest.fixture
def chairs(union, other_union, third_union, alice):
    """{unit: its chair}; alice chairs Sen Hồng."""
    return {
        union: alice,
        other_union: _chair(other_union, "chair_hoahong", "Nguyễn Thị Hoa"),
        third_union: _chair(third_union, "chair_hoami", "Lê Thị Mi"),
    }


@pytest.fixture
def cluster(fed_plan, federation_staff):
    return services.create_cluster(
        plan=fed_plan,
        actor=federation_staff,
        name="Cụm thi đua các trường mầm non",
        kind="cluster",
        scoring_ends_at=DEADLINE,
        criteria=CRITERIA,
        now=CREATED,
    )


@pytest.fixture
def members(cluster, federation_staff, union, other_union, third_union, chairs):
    services.assign_units(
        cluster=cluster,
        actor=federation_staff,
        units=[union, other_union, third_union],
        now=CREATED,
    )
    return [union, other_union, third_union]


@pytest.fixture
def led(cluster, members, federation_staff, union, other_union):
    return services.set_leaders(
        cluster=cluster, actor=federation_staff, head=union, deputy=other_union
    )


@pytest.fixture
def signed(led, federation_staff, chairs):
    """The pact issued and confirmed by every member."""
    services.issue_pact(
        cluster=led, actor=federation_staff, text="Các đơn vị cam kết thi đua.", now=PACT
    )
    for chair in chairs.values():
        services.confirm_pact(cluster=led, actor=chair, now=PACT)
    return led


def points_for(cluster, scorer, table):
    """Scores for `scorer` from {unit: (points, points)} of the other units."""
    criteria = list(cluster.criteria.all())
    return {
        unit.pk: {c.pk: str(p) for c, p in zip(criteria, pts, strict=True)}
        for unit, pts in table.items()
        if unit != scorer
    }


def score_all(cluster, chairs, table_by_scorer, now=SCORING):
    for scorer, table in table_by_scorer.items():
        services.submit_cross_scores(
            cluster=cluster,
            actor=chairs[scorer],
            scores=points_for(cluster, scorer, table),
            now=now,
        )
