"""Clusters (issue 16, item 3): create, assign, rotate, pact, cross-score, consolidate."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import Cluster, ClusterMember, CrossScore, PactConfirmation
from campaigns.selectors.clusters import consolidation, proposed_rotation
from campaigns.services import clusters as services
from portal.models import AuditEntry
from tests.campaigns.clusters.conftest import (
    CREATED,
    CRITERIA,
    DEADLINE,
    PACT,
    SCORING,
    points_for,
    score_all,
)
from tests.factories import FederationFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


# --- create and assign -----------------------------------------------------------------


def test_staff_create_a_cluster_with_its_criteria(cluster, federation):
    assert cluster.federation == federation
    assert cluster.year == 2026
    assert [(c.order, c.text, c.max_points) for c in cluster.criteria.all()] == [
        (1, "Tổ chức phong trào thi đua", Decimal(40)),
        (2, "Chăm lo đời sống đoàn viên", Decimal(60)),
    ]
    assert AuditEntry.objects.filter(action="cluster.create").count() == 1


def test_a_chair_cannot_create_a_cluster(fed_plan, alice):
    with pytest.raises(PermissionDenied):
        services.create_cluster(
            plan=fed_plan,
            actor=alice,
            name="Cụm",
            kind="cluster",
            scoring_ends_at=DEADLINE,
            criteria=CRITERIA,
            now=CREATED,
        )


@pytest.mark.parametrize(
    ("name", "criteria", "message"),
    [
        ("", CRITERIA, "Cần ghi tên cụm, khối thi đua."),
        ("Cụm A", [], "Cụm cần ít nhất một tiêu chí chấm chéo."),
        ("Cụm A", [{"text": "X", "max_points": "abc"}], "Tiêu chí 1: điểm phải là số từ 0"),
        ("Cụm A", [{"text": "X", "max_points": "0"}], "Tiêu chí 1: điểm tối đa phải lớn hơn 0."),
        ("Cụm A", [{"text": " ", "max_points": "5"}], "Tiêu chí 1: cần ghi nội dung."),
    ],
)
def test_bad_cluster_input_is_refused(fed_plan, federation_staff, name, criteria, message):
    with pytest.raises(ValidationError) as error:
        services.create_cluster(
            plan=fed_plan,
            actor=federation_staff,
            name=name,
            kind="cluster",
            scoring_ends_at=DEADLINE,
            criteria=criteria,
            now=CREATED,
        )
    assert error.value.messages[0].startswith(message)
    assert Cluster.objects.count() == 0


def test_a_unit_is_in_one_cluster_per_kind_and_year(
    cluster, members, fed_plan, federation_staff, union
):
    other = services.create_cluster(
        plan=fed_plan,
        actor=federation_staff,
        name="Cụm tiểu học",
        kind="cluster",
        scoring_ends_at=DEADLINE,
        criteria=CRITERIA,
        now=CREATED,
    )
    with pytest.raises(ValidationError) as error:
        services.assign_units(cluster=other, actor=federation_staff, units=[union], now=CREATED)
    assert error.value.messages == [
        "CĐCS Trường MN Sen Hồng đã thuộc cụm thi đua “Cụm thi đua các trường mầm non” năm "
        "2026: mỗi đơn vị chỉ ở một cụm thi đua mỗi năm."
    ]
    assert not other.members.exists()
    # A block (khối) is another kind: the same unit may be in one.
    block = services.create_cluster(
        plan=fed_plan,
        actor=federation_staff,
        name="Khối giáo dục",
        kind="block",
        scoring_ends_at=DEADLINE,
        criteria=CRITERIA,
        now=CREATED,
    )
    services.assign_units(cluster=block, actor=federation_staff, units=[union], now=CREATED)
    assert ClusterMember.objects.filter(unit=union).count() == 2


def test_only_the_federations_unions_can_be_assigned(cluster, federation_staff, group):
    stranger = OrgUnitFactory(name="CĐCS Trường MN Quận 1", parent=FederationFactory(code="q1"))
    with pytest.raises(ValidationError) as error:
        services.assign_units(
            cluster=cluster, actor=federation_staff, units=[stranger, group], now=CREATED
        )
    assert error.value.messages == [
        "CĐCS Trường MN Quận 1 không phải công đoàn cơ sở thuộc LĐLĐ Quận Gò Vấp.",
        "Tổ Chồi không phải công đoàn cơ sở thuộc LĐLĐ Quận Gò Vấp.",
    ]


def test_a_chair_cannot_assign_units(cluster, alice, union):
    with pytest.raises(PermissionDenied):
        services.assign_units(cluster=cluster, actor=alice, units=[union], now=CREATED)


def test_removing_a_head_clears_it_but_a_unit_that_signed_stays(
    signed, federation_staff, union, other_union, third_union
):
    with pytest.raises(ValidationError):
        services.assign_units(
            cluster=signed, actor=federation_staff, units=[other_union, third_union]
        )
    assert signed.members.count() == 3


# --- head and deputy -------------------------------------------------------------------


def test_rotation_puts_units_that_have_not_led_first(
    federation, federation_staff, members, cluster, union, other_union, third_union
):
    for year, head, deputy in [(2024, third_union, union), (2025, union, other_union)]:
        old = Cluster.objects.create(
            federation=federation,
            plan=cluster.plan,
            year=year,
            kind="cluster",
            name="Cụm mầm non",
            head=head,
            deputy=deputy,
            scoring_ends_at=DEADLINE,
            created_by=federation_staff,
            created_at=CREATED,
        )
        assert old.pk
    rows = proposed_rotation(cluster)
    assert [(r.unit, r.last_head) for r in rows] == [
        (other_union, None),  # never head
        (third_union, 2024),
        (union, 2025),
    ]


def test_staff_set_head_and_deputy(led, union, other_union):
    led.refresh_from_db()
    assert (led.head, led.deputy) == (union, other_union)


def test_head_and_deputy_must_differ_and_be_members(cluster, members, federation_staff, union):
    with pytest.raises(ValidationError) as error:
        services.set_leaders(cluster=cluster, actor=federation_staff, head=union, deputy=union)
    assert error.value.messages == ["Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."]
    stranger = OrgUnitFactory(name="CĐCS Trường MN Sao Mai", parent=cluster.federation)
    with pytest.raises(ValidationError) as error:
        services.set_leaders(cluster=cluster, actor=federation_staff, head=stranger, deputy=None)
    assert error.value.messages == ["CĐCS Trường MN Sao Mai không thuộc cụm này."]


def test_a_member_chair_cannot_set_leaders(cluster, members, alice, union):
    with pytest.raises(PermissionDenied):
        services.set_leaders(cluster=cluster, actor=alice, head=union, deputy=None)


# --- pact --------------------------------------------------------------------------------


def test_members_confirm_the_pact_once_each(led, federation_staff, chairs, union):
    with pytest.raises(ValidationError) as error:
        services.confirm_pact(cluster=led, actor=chairs[union], now=PACT)
    assert error.value.messages == ["Giao ước thi đua chưa được ban hành."]
    services.issue_pact(cluster=led, actor=federation_staff, text="Cam kết.", now=PACT)
    services.confirm_pact(cluster=led, actor=chairs[union], now=PACT)
    assert AuditEntry.objects.filter(action="cluster.pact_confirm", unit=union).count() == 1
    with pytest.raises(ValidationError) as error:
        services.confirm_pact(cluster=led, actor=chairs[union], now=PACT)
    assert error.value.messages == [
        "CĐCS Trường MN Sen Hồng đã xác nhận giao ước lúc 15:00:00 ngày 20/1/2026."
    ]
    assert PactConfirmation.objects.count() == 1
    with pytest.raises(ValidationError):
        services.issue_pact(cluster=led, actor=federation_staff, text="Sửa.", now=PACT)


def test_the_head_may_write_the_pact_but_not_a_member(led, chairs, union, other_union):
    services.issue_pact(cluster=led, actor=chairs[union], text="Cam kết của cụm.", now=PACT)
    with pytest.raises(PermissionDenied):
        services.issue_pact(cluster=led, actor=chairs[other_union], text="Khác.", now=PACT)


def test_an_outsider_cannot_confirm(led, federation_staff, charlie):
    services.issue_pact(cluster=led, actor=federation_staff, text="Cam kết.", now=PACT)
    with pytest.raises(PermissionDenied):
        services.confirm_pact(cluster=led, actor=charlie, now=PACT)


# --- cross-scoring -------------------------------------------------------------------------


def test_a_unit_scores_every_other_unit_not_itself(signed, chairs, union, other_union, third_union):
    table = {other_union: (30, 50), third_union: (20, 40)}
    services.submit_cross_scores(
        cluster=signed, actor=chairs[union], scores=points_for(signed, union, table), now=SCORING
    )
    assert CrossScore.objects.filter(scorer=union).count() == 4
    own = points_for(signed, None, {union: (40, 60), **table})
    with pytest.raises(ValidationError) as error:
        services.submit_cross_scores(cluster=signed, actor=chairs[union], scores=own, now=SCORING)
    assert error.value.messages == ["Đơn vị không tự chấm điểm cho mình."]


def test_scores_are_complete_and_within_the_maximum(
    signed, chairs, union, other_union, third_union
):
    scores = points_for(signed, union, {other_union: (41, 50), third_union: (20, 40)})
    del scores[third_union.pk]
    with pytest.raises(ValidationError) as error:
        services.submit_cross_scores(
            cluster=signed, actor=chairs[union], scores=scores, now=SCORING
        )
    assert error.value.messages == [
        "CĐCS Trường MN Hoa Hồng, tiêu chí 1: điểm phải là số từ 0 đến 40.",
        "CĐCS Trường MN Họa Mi, tiêu chí 1: chưa chấm.",
        "CĐCS Trường MN Họa Mi, tiêu chí 2: chưa chấm.",
    ]
    assert not CrossScore.objects.exists()


def test_scores_after_the_deadline_are_refused(signed, chairs, union, other_union, third_union):
    scores = points_for(signed, union, {other_union: (30, 50), third_union: (20, 40)})
    late = DEADLINE + dt.timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        services.submit_cross_scores(cluster=signed, actor=chairs[union], scores=scores, now=late)
    assert error.value.messages == [
        "Đã hết hạn chấm chéo lúc 17h00 ngày 30/11/2026; điểm gửi lúc 17:01:00 ngày 30/11/2026 "
        "không được nhận."
    ]


def test_a_unit_that_has_not_signed_cannot_score(led, federation_staff, chairs, union, other_union):
    services.issue_pact(cluster=led, actor=federation_staff, text="Cam kết.", now=PACT)
    scores = points_for(led, union, {other_union: (30, 50)})
    with pytest.raises(ValidationError) as error:
        services.submit_cross_scores(cluster=led, actor=chairs[union], scores=scores, now=SCORING)
    assert error.value.messages == ["CĐCS Trường MN Sen Hồng chưa xác nhận giao ước thi đua."]


def test_sending_again_replaces_the_scores(signed, chairs, union, other_union, third_union):
    for first in (30, 35):
        scores = points_for(signed, union, {other_union: (first, 50), third_union: (20, 40)})
        services.submit_cross_scores(
            cluster=signed, actor=chairs[union], scores=scores, now=SCORING
        )
    assert CrossScore.objects.filter(scorer=union).count() == 4
    assert CrossScore.objects.get(scorer=union, scored=other_union, criterion__order=1).points == 35


# --- consolidation -------------------------------------------------------------------------


def test_consolidation_shows_mean_median_spread_and_flags_outliers(
    signed, federation, federation_staff, chairs, union, other_union, third_union
):
    # A fourth member makes three scorers per unit; Họa Mi is harsh on Sen Hồng.
    fourth = OrgUnitFactory(code="saomai", name="CĐCS Trường MN Sao Mai", parent=federation)
    from tests.campaigns.clusters.conftest import _chair

    chairs[fourth] = _chair(fourth, "chair_saomai", "Trần Sao Mai")
    services.assign_units(
        cluster=signed, actor=federation_staff, units=[union, other_union, third_union, fourth]
    )
    services.confirm_pact(cluster=signed, actor=chairs[fourth], now=PACT)
    score_all(
        signed,
        chairs,
        {
            union: {other_union: (30, 50), third_union: (20, 40), fourth: (25, 45)},
            other_union: {union: (38, 55), third_union: (22, 40), fourth: (25, 45)},
            third_union: {union: (10, 20), other_union: (32, 50), fourth: (25, 45)},
            fourth: {union: (36, 56), other_union: (30, 48), third_union: (20, 42)},
        },
    )
    board = consolidation(signed)
    rows = {s.unit: s for s in board.standings}
    sen = rows[union]
    assert (sen.scorers, sen.mean, sen.median, sen.spread) == (
        3,
        Decimal("71.67"),
        Decimal("92.00"),
        Decimal("63.00"),
    )
    assert sen.outliers == [third_union]
    assert sen.flagged
    assert rows[other_union].mean == Decimal("80.00")
    assert rows[other_union].outliers == []
    assert not rows[fourth].flagged
    assert [s.unit for s in board.standings] == [other_union, union, fourth, third_union]
    assert [s.rank for s in board.standings] == [1, 2, 3, 4]
    assert board.waiting == []


def test_a_closed_union_is_not_put_in_a_cluster(cluster, federation_staff, union):
    closed = OrgUnitFactory(code="dong", name="CĐCS Trường MN Đã Đóng", parent=cluster.federation)
    closed.closed_on = dt.date(2025, 12, 31)
    closed.save()
    with pytest.raises(ValidationError) as refused:
        services.assign_units(cluster=cluster, actor=federation_staff, units=[union, closed])
    assert refused.value.messages == ["CĐCS Trường MN Đã Đóng đã giải thể: không phân vào cụm."]
    assert not cluster.members.exists()


def _inserts(captured, table):
    return [q for q in captured if q["sql"].startswith("INSERT") and table in q["sql"]]


def test_rows_per_unit_are_written_in_one_statement_each(
    fed_plan, federation_staff, union, other_union, third_union, chairs
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as made:
        cluster = services.create_cluster(
            plan=fed_plan,
            actor=federation_staff,
            name="Cụm một câu lệnh",
            kind="cluster",
            scoring_ends_at=DEADLINE,
            criteria=CRITERIA,
            now=CREATED,
        )
    assert len(_inserts(made, "campaigns_clustercriterion")) == 1
    assert [c.order for c in cluster.criteria.all()] == [1, 2]
    with CaptureQueriesContext(connection) as assigned:
        services.assign_units(
            cluster=cluster,
            actor=federation_staff,
            units=[union, other_union, third_union],
            now=CREATED,
        )
    assert len(_inserts(assigned, "campaigns_clustermember")) == 1
    assert cluster.members.count() == 3
    services.set_leaders(cluster=cluster, actor=federation_staff, head=union, deputy=None)
    services.issue_pact(cluster=cluster, actor=federation_staff, text="Cam kết.", now=PACT)
    services.confirm_pact(cluster=cluster, actor=chairs[union], now=PACT)
    table = {other_union: (30, 50), third_union: (20, 40)}
    with CaptureQueriesContext(connection) as scored:
        saved = services.submit_cross_scores(
            cluster=cluster,
            actor=chairs[union],
            scores=points_for(cluster, union, table),
            now=SCORING,
        )
    assert len(_inserts(scored, "campaigns_crossscore")) == 1
    assert len(saved) == 4 and all(s.pk for s in saved)
    assert sorted(CrossScore.objects.filter(scorer=union).values_list("points", flat=True)) == [
        20,
        30,
        40,
        50,
    ]
