from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import Criterion, Target, Title
from nominations.models import CollectiveCondition, Exclusion, Score
from nominations.selectors.reviews import collective_gates, review_board
from nominations.services.reviews import finalise_review, record_exclusion, score_report
from portal.models import AuditEntry, Role
from tests.factories import CriterionFactory, MembershipFactory, TitleFactory, UserFactory
from tests.nominations.factories import RegistrationFactory, SelfReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ethics(plan):
    return CriterionFactory(plan=plan, text="Chấp hành tốt chủ trương, chính sách", order=1)


@pytest.fixture
def teaching(plan):
    return CriterionFactory(
        plan=plan, text="Chất lượng giảng dạy", kind=Criterion.Kind.POINTS, max_points=10, order=2
    )


@pytest.fixture
def report(plan, union, bob):
    return SelfReportFactory(plan=plan, member=bob, unit=union)


def full(ethics, teaching, met=True, points=8, comment=""):
    return {
        ethics.pk: {"met": met, "comment": comment},
        teaching.pk: {"points": points},
    }


def test_score_report_stores_each_criterion(bch, report, ethics, teaching):
    stored = score_report(report=report, actor=bch[1], scores=full(ethics, teaching, comment="Tốt"))

    assert stored == 2
    assert list(
        Score.objects.order_by("criterion__order").values_list("met", "points", "comment")
    ) == [(True, None, "Tốt"), (None, Decimal("8.00"), "")]
    assert AuditEntry.objects.get(action="review.score").data == {"criteria": 2}


def test_score_report_again_replaces_scores(bch, report, ethics, teaching):
    score_report(report=report, actor=bch[1], scores=full(ethics, teaching))

    score_report(report=report, actor=bch[1], scores=full(ethics, teaching, met=False, points=5))

    assert list(Score.objects.order_by("criterion__order").values_list("met", "points")) == [
        (False, None),
        (None, Decimal("5.00")),
    ]


def test_score_own_report_refused(bch, plan, union, ethics, teaching):
    own = SelfReportFactory(plan=plan, member=bch[1], unit=union)

    with pytest.raises(PermissionDenied) as error:
        score_report(report=own, actor=bch[1], scores=full(ethics, teaching))

    assert str(error.value) == "Không ai chấm báo cáo của chính mình."
    assert Score.objects.count() == 0


def test_score_report_outside_own_unit_refused(other_union, report, ethics, teaching):
    outsider = UserFactory()
    MembershipFactory(user=outsider, unit=other_union, role=Role.CHAIR)

    with pytest.raises(PermissionDenied):
        score_report(report=report, actor=outsider, scores=full(ethics, teaching))


def test_score_report_by_plain_member_refused(bch, report, plan, union, ethics, teaching):
    member = UserFactory()
    MembershipFactory(user=member, unit=union, role=Role.MEMBER)

    with pytest.raises(PermissionDenied):
        score_report(report=report, actor=member, scores=full(ethics, teaching))


def test_score_points_above_max_refused(bch, report, ethics, teaching):
    with pytest.raises(ValidationError) as error:
        score_report(report=report, actor=bch[1], scores=full(ethics, teaching, points=11))

    assert error.value.messages == ["Điểm của “Chất lượng giảng dạy” phải từ 0 đến 10."]
    assert Score.objects.count() == 0


def test_score_points_not_a_number_refused(bch, report, ethics, teaching):
    with pytest.raises(ValidationError) as error:
        score_report(report=report, actor=bch[1], scores=full(ethics, teaching, points="tám"))

    assert error.value.messages == ["Điểm của “Chất lượng giảng dạy” không phải là số."]


def test_score_draft_report_refused(bch, report, ethics, teaching):
    report.status = "draft"
    report.save()

    with pytest.raises(ValidationError):
        score_report(report=report, actor=bch[1], scores=full(ethics, teaching))


def test_finalise_locks_scores(bch, report, plan, ethics, teaching):
    score_report(report=report, actor=bch[1], scores=full(ethics, teaching))
    finalise_review(plan=plan, actor=bch[0])

    with pytest.raises(ValidationError) as error:
        score_report(report=report, actor=bch[2], scores=full(ethics, teaching))

    assert error.value.messages == ["Chủ tịch đã chốt kết quả bình xét; điểm không sửa được nữa."]


def test_finalise_refused_for_bch_member(bch, report, plan):
    with pytest.raises(PermissionDenied):
        finalise_review(plan=plan, actor=bch[1])


def test_finalise_refused_while_a_report_is_unscored(bch, report, plan):
    with pytest.raises(ValidationError) as error:
        finalise_review(plan=plan, actor=bch[0])

    assert error.value.messages == ["Còn 1 báo cáo đã nộp chưa ai chấm."]


def test_finalise_twice_refused(bch, report, plan, ethics, teaching):
    score_report(report=report, actor=bch[1], scores=full(ethics, teaching))
    finalise_review(plan=plan, actor=bch[0])

    with pytest.raises(ValidationError):
        finalise_review(plan=plan, actor=bch[0])


# --- the board and the gates --------------------------------------------------------------


def test_board_shows_waiting_reviewers_and_consolidation(bch, report, plan, ethics, teaching):
    score_report(report=report, actor=bch[1], scores=full(ethics, teaching, points=8))
    score_report(report=report, actor=bch[2], scores=full(ethics, teaching, met=False, points=6))

    board = review_board(bch[3], plan)

    row = board.rows[0]
    assert (row.report, row.reviewers_expected, row.reviewers_done) == (report, 5, 2)
    assert row.status_text == "Chờ 3 người chấm"
    assert row.my_status == "todo"
    assert row.result.criteria[ethics.pk].majority == "tie"
    assert row.result.mean_total == Decimal("7.00")


def test_board_author_in_bch_is_not_a_reviewer_of_own_report(bch, plan, union, ethics, teaching):
    SelfReportFactory(plan=plan, member=bch[1], unit=union)

    row = review_board(bch[1], plan).rows[0]

    assert (row.my_status, row.reviewers_expected) == ("own", 4)


def test_board_ranks_by_mean_total(bch, plan, union, ethics, teaching):
    low = SelfReportFactory(plan=plan, member=bch[3], unit=union)
    high = SelfReportFactory(plan=plan, member=bch[4], unit=union)
    score_report(report=low, actor=bch[1], scores=full(ethics, teaching, points=4))
    score_report(report=high, actor=bch[1], scores=full(ethics, teaching, points=9))

    board = review_board(bch[0], plan)

    assert [(r.report, r.rank) for r in board.rows] == [(high, 1), (low, 2)]


def test_gates_name_each_failed_condition(bch, bob, report, plan, ethics, teaching):
    title = TitleFactory(
        plan=plan,
        name="Chiến sĩ thi đua cơ sở",
        level=Title.Level.UNIT,
        min_points=Decimal("9"),
        criterion_floor_share=Decimal("0.9"),
        requires_registration=True,
    )
    score_report(report=report, actor=bch[1], scores=full(ethics, teaching, met=False, points=8))
    record_exclusion(plan=plan, member=bob, kind=Exclusion.Kind.DISCIPLINE, actor=bch[0])

    gate = next(g for g in review_board(bch[0], plan).rows[0].gates if g.title == title)

    assert gate.failures == [
        "Tiêu chuẩn bắt buộc không đạt: Chấp hành tốt chủ trương, chính sách",
        "Chất lượng giảng dạy: 8 điểm, dưới 90% của 10 điểm",
        "Tổng điểm 8, dưới mức tối thiểu 9",
        "Chưa đăng ký thi đua danh hiệu này",
        "Thuộc trường hợp không xét: Bị kỷ luật từ khiển trách trở lên",
    ]


def test_gates_pass_when_registered_and_scored_well(
    bch, bob, union, report, plan, ethics, teaching
):
    title = TitleFactory(
        plan=plan, name="Lao động tiên tiến", min_points=Decimal("7"), requires_registration=True
    )
    RegistrationFactory(plan=plan, title=title, member=bob, unit=union)
    score_report(report=report, actor=bch[1], scores=full(ethics, teaching, points=8))

    gate = review_board(bch[0], plan).rows[0].gates[0]

    assert (gate.title, gate.passed, gate.failures) == (title, True, [])


def test_gates_prerequisite_named(bch, report, plan, ethics, teaching):
    basic = TitleFactory(plan=plan, name="Lao động tiên tiến", min_points=Decimal("9"))
    higher = TitleFactory(plan=plan, name="Chiến sĩ thi đua cơ sở", prerequisite=basic)
    score_report(report=report, actor=bch[1], scores=full(ethics, teaching, points=8))

    gates = {g.title: g.failures for g in review_board(bch[0], plan).rows[0].gates}

    assert gates[higher] == ["Chưa đạt danh hiệu phải có trước: Lao động tiên tiến"]


def test_gates_tie_on_required_criterion_named(bch, report, plan, ethics, teaching):
    TitleFactory(plan=plan, name="Lao động tiên tiến")
    score_report(report=report, actor=bch[1], scores=full(ethics, teaching, met=True))
    score_report(report=report, actor=bch[2], scores=full(ethics, teaching, met=False))

    gate = review_board(bch[0], plan).rows[0].gates[0]

    assert gate.failures == [
        "Tiêu chuẩn bắt buộc hòa ý kiến (1 đạt, 1 không đạt): Chấp hành tốt chủ trương, chính sách"
    ]


def test_record_exclusion_refused_for_bch_member(bch, bob, plan):
    with pytest.raises(PermissionDenied):
        record_exclusion(plan=plan, member=bob, kind="discipline", actor=bch[1])


def test_collective_condition_share_of_members_named(bch, union, plan, ethics, teaching):
    basic = TitleFactory(plan=plan, name="Lao động tiên tiến", min_points=Decimal("7"))
    collective = TitleFactory(
        plan=plan, name="Tập thể lao động tiên tiến", target=Target.COLLECTIVE
    )
    CollectiveCondition.objects.create(
        title=collective, member_title=basic, min_share=Decimal("0.5"), strict=True
    )
    CollectiveCondition.objects.create(title=collective, member_title=basic, min_count=3)
    # 5 BCH members are the union's members; two reach the title, three do not.
    for i, member in enumerate(bch):
        report = SelfReportFactory(plan=plan, member=member, unit=union)
        reviewer = bch[1] if member != bch[1] else bch[2]
        score_report(
            report=report, actor=reviewer, scores=full(ethics, teaching, points=8 if i < 2 else 5)
        )

    board = review_board(bch[0], plan)
    gate = collective_gates(board, collective, union)

    assert gate.failures == [
        "Tỷ lệ đạt “Lao động tiên tiến”: 40% (2/5), cần > 50%",
        "Số người đạt “Lao động tiên tiến”: 2, cần ít nhất 3",
    ]


def test_board_query_count_does_not_grow(
    django_assert_num_queries, bch, plan, union, ethics, teaching
):
    TitleFactory(plan=plan, name="Lao động tiên tiến")
    counts = []
    for n in (1, 3):
        for _ in range(n if not counts else n - 1):
            member = UserFactory()
            MembershipFactory(user=member, unit=union)
            report = SelfReportFactory(plan=plan, member=member, unit=union)
            score_report(report=report, actor=bch[1], scores=full(ethics, teaching))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        bch[2].__dict__.pop("_policy_grants", None)
        with CaptureQueriesContext(connection) as context:
            board = review_board(bch[2], plan)
        counts.append((len(board.rows), len(context)))

    assert counts[0][0] == 1 and counts[1][0] == 3
    assert counts[0][1] == counts[1][1]


def test_propose_refused_when_scored_report_fails_gates(bch, bob, report, plan, ethics, teaching):
    from nominations.services.nominations import propose_nomination

    title = TitleFactory(plan=plan, name="Lao động tiên tiến", min_points=Decimal("9"))
    score_report(report=report, actor=bch[1], scores=full(ethics, teaching, points=8))

    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=plan, title=title, nominee=bob, actor=bch[0])

    assert error.value.messages == [
        "Lê Văn Bob chưa đủ điều kiện danh hiệu “Lao động tiên tiến”: "
        "Tổng điểm 8, dưới mức tối thiểu 9."
    ]


def test_propose_allowed_when_scored_report_passes_gates(bch, bob, report, plan, ethics, teaching):
    from nominations.services.nominations import propose_nomination

    title = TitleFactory(plan=plan, name="Lao động tiên tiến", min_points=Decimal("8"))
    score_report(report=report, actor=bch[1], scores=full(ethics, teaching, points=8))

    assert propose_nomination(plan=plan, title=title, nominee=bob, actor=bch[0]).nominee == bob


def test_propose_collective_refused_when_members_fall_short(
    bch, union, group, plan, ethics, teaching
):
    from nominations.services.nominations import propose_nomination

    basic = TitleFactory(plan=plan, name="Lao động tiên tiến", min_points=Decimal("7"))
    collective = TitleFactory(
        plan=plan, name="Tập thể lao động tiên tiến", target=Target.COLLECTIVE
    )
    CollectiveCondition.objects.create(title=collective, member_title=basic, min_count=1)

    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=plan, title=collective, collective=group, actor=bch[0])

    assert error.value.messages == [
        "Tổ Chồi chưa đủ điều kiện danh hiệu “Tập thể lao động tiên tiến”: "
        "Số người đạt “Lao động tiên tiến”: 0, cần ít nhất 1."
    ]


@pytest.mark.parametrize("points", ["NaN", "sNaN", "-NaN", "Infinity", "-inf", "1e999999999"])
def test_non_finite_points_refused_with_a_message(report, bch, ethics, teaching, points):
    with pytest.raises(ValidationError) as refused:
        score_report(report=report, actor=bch[1], scores=full(ethics, teaching, points=points))

    assert refused.value.messages in (
        ["Điểm của “Chất lượng giảng dạy” không phải là số."],
        ["Điểm của “Chất lượng giảng dạy” phải từ 0 đến 10."],
    )
    assert Score.objects.count() == 0
