"""Issue 11: the campaign runs in the plan's order, and its results stay made.

First the rule itself as a table (step × state → allowed, or refused naming the missing
step), then each service that asks it, on a plan that uses seed 000's whole order."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from campaigns.models import DeadlineExtension, Milestone, Plan, SelfReport, Title
from campaigns.models.plans import STEP_ORDER
from campaigns.services.extensions import decide_extension, request_extension
from campaigns.services.milestones import update_milestone
from campaigns.services.selfreports import submit_self_report
from nominations.models import (
    Dossier,
    Nomination,
    NominationList,
    Opinion,
    Review,
    Score,
    VoteResult,
    VoteRound,
)
from nominations.selectors.reviews import review_board
from nominations.services.ballots import cast_ballot
from nominations.services.lists import finalise_list
from nominations.services.nominations import give_opinion, propose_nomination
from nominations.services.reviews import finalise_review, record_exclusion, score_report
from nominations.services.votes import create_vote_round
from nominations.steps import Action, Facts, check
from tests.factories import CriterionFactory, PlanFactory, TitleFactory
from tests.nominations.committee import close_round, open_round
from tests.nominations.factories import NominationFactory, SelfReportFactory, scored_report

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
T0 = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)  # 10h00 in Hồ Chí Minh City
DEADLINE = T0 + 5 * DAY  # self-report deadline
REVIEW_AT = DEADLINE + 3 * HOUR  # the BCH's meeting
VOTE_AT = T0 + 12 * DAY


# --- the rule, as a table -----------------------------------------------------------------

BEFORE = DEADLINE - HOUR
AFTER = VOTE_AT + DAY
REVIEWED = {"review_finalised_at": REVIEW_AT}
CONSULTED = {**REVIEWED, "nominations": 2}
VOTED = {**CONSULTED, "rounds_counted": 1}
LISTED = {**VOTED, "list_finalised": True}
PUBLISHED = {**LISTED, "list_published": True, "feedback_ends_at": AFTER - HOUR}


def facts(**overrides) -> Facts:
    base = {
        "reports_until": DEADLINE,
        "review_starts_at": REVIEW_AT,
        "vote_starts_at": VOTE_AT,
    }
    return Facts(**{**base, **overrides})


TABLE = [
    # (action, state, now, expected: None = allowed, else a piece of the reason)
    (Action.FINALISE_REVIEW, {}, BEFORE, "“hết hạn tự báo cáo"),
    (Action.FINALISE_REVIEW, {"reports_until": DEADLINE + DAY}, DEADLINE + HOUR, "còn nhận báo"),
    (Action.FINALISE_REVIEW, {}, DEADLINE + HOUR, "bắt đầu từ"),  # before the meeting
    (Action.FINALISE_REVIEW, {}, REVIEW_AT, None),
    (Action.FINALISE_REVIEW, {"forwarded": 1}, AFTER, "“gửi hồ sơ lên cấp trên”"),
    (Action.FINALISE_REVIEW, {"list_finalised": True}, AFTER, "“chốt danh sách đề nghị”"),
    (Action.PROPOSE, {}, AFTER, "“BCH chốt kết quả bình xét”"),
    (Action.PROPOSE, REVIEWED, AFTER, None),
    (Action.OPINION, {}, AFTER, "“BCH chốt kết quả bình xét”"),
    (Action.CREATE_ROUND, REVIEWED, AFTER, "chưa có ai được đề nghị"),
    (Action.CREATE_ROUND, {**CONSULTED, "without_opinion": ("Bob",)}, AFTER, "về Bob"),
    (Action.CREATE_ROUND, CONSULTED, AFTER, None),
    (Action.OPEN_ROUND, CONSULTED, DEADLINE - HOUR, "“hết hạn tự báo cáo"),
    (Action.OPEN_ROUND, CONSULTED, VOTE_AT - 6 * DAY, "bắt đầu từ"),
    (Action.OPEN_ROUND, CONSULTED, VOTE_AT - HOUR, "bắt đầu từ"),
    (Action.OPEN_ROUND, CONSULTED, VOTE_AT, None),
    (Action.FINALISE_LIST, CONSULTED, AFTER, "chưa có đợt biểu quyết"),
    (Action.FINALISE_LIST, {**VOTED, "rounds_pending": 1}, AFTER, "còn 1 đợt"),
    (Action.FINALISE_LIST, VOTED, AFTER, None),
    (Action.PUBLISH_LIST, VOTED, AFTER, "“chốt danh sách đề nghị”"),
    (Action.PUBLISH_LIST, LISTED, AFTER, None),
    (Action.FORWARD_DOSSIER, LISTED, AFTER, "chưa được công khai"),
    (Action.FORWARD_DOSSIER, PUBLISHED, AFTER - 2 * HOUR, "còn nhận góp ý"),
    (Action.FORWARD_DOSSIER, {**PUBLISHED, "objections_waiting": 1}, AFTER, "chưa trả lời"),
    (Action.FORWARD_DOSSIER, PUBLISHED, AFTER, None),
    # A step the plan does not use is not waited for.
    (Action.PROPOSE, {"steps": ("self_report", "vote", "list")}, AFTER, None),
    (Action.CREATE_ROUND, {**REVIEWED, "steps": ("review", "vote")}, AFTER, None),
    (Action.FORWARD_DOSSIER, {**LISTED, "steps": ("vote", "list", "sending_up")}, AFTER, None),
    # A closed (or unpublished) plan takes no step at all.
    (Action.FORWARD_DOSSIER, {**PUBLISHED, "plan_status": "closed"}, AFTER, "đã kết thúc"),
    (Action.PROPOSE, {**REVIEWED, "plan_status": "closed"}, AFTER, "đã kết thúc"),
    (Action.PROPOSE, {**REVIEWED, "plan_status": "draft"}, AFTER, "chưa ban hành"),
]


@pytest.mark.parametrize(("action", "state", "now", "expected"), TABLE)
def test_step_table(action, state, now, expected):
    verdict = check(action, facts(**state), now)

    if expected is None:
        assert verdict.allowed, verdict.reason
    else:
        assert not verdict.allowed
        assert expected in verdict.reason


def test_refusal_names_the_first_missing_step():
    verdict = check(Action.FINALISE_LIST, facts(), AFTER)

    assert verdict.reason == (
        "Chưa thể chốt danh sách đề nghị: phải xong bước trước “BCH chốt kết quả bình xét” "
        "(chưa chốt)."
    )
    assert verdict.missing == "review"


def test_default_order_is_seed_000s():
    assert (
        PlanFactory().steps
        == list(STEP_ORDER)
        == [
            "self_report",
            "review",
            "consultation",
            "vote",
            "list",
            "publication",
            "sending_up",
        ]
    )


# --- the services, on a plan with the whole order --------------------------------------


@pytest.fixture
def ordered(union, federation):
    """Sen Hồng's plan with seed 000's order and its milestones."""
    parent = PlanFactory(issuer=federation, title="Kế hoạch của LĐLĐ")
    Milestone.objects.create(
        plan=parent, kind="self_report", starts_at=T0 - DAY, ends_at=DEADLINE + 2 * DAY
    )
    plan = PlanFactory(issuer=union, parent=parent, title="Kế hoạch bình xét")
    Milestone.objects.create(plan=plan, kind="self_report", starts_at=T0, ends_at=DEADLINE)
    Milestone.objects.create(
        plan=plan, kind="review_meeting", starts_at=REVIEW_AT, ends_at=REVIEW_AT + 2 * HOUR
    )
    Milestone.objects.create(plan=plan, kind="vote", starts_at=VOTE_AT, ends_at=VOTE_AT + DAY)
    return plan


@pytest.fixture
def lđtt(ordered):
    return TitleFactory(plan=ordered, name="Lao động tiên tiến", level=Title.Level.UNIT)


@pytest.fixture
def cstđ(ordered, lđtt):
    return TitleFactory(
        plan=ordered, name="Chiến sĩ thi đua cơ sở", level=Title.Level.UNIT, prerequisite=lđtt
    )


def finalised(plan, chair):
    return Review.objects.create(
        plan=plan, unit=plan.issuer, finalised_by=chair, finalised_at=REVIEW_AT
    )


def test_finalise_refused_while_self_reports_can_still_arrive(bch, ordered):
    with pytest.raises(ValidationError) as error:
        finalise_review(plan=ordered, actor=bch[0], now=DEADLINE - HOUR)

    assert "còn nhận báo cáo đến 10h00 ngày 6/12/2026" in error.value.messages[0]
    assert not Review.objects.filter(finalised_at__isnull=False).exists()


def test_finalise_waits_for_a_granted_extension(bch, bob, ordered):
    DeadlineExtension.objects.create(
        plan=ordered,
        member=bob,
        reason="Ốm",
        requested_at=T0,
        status=DeadlineExtension.Status.GRANTED,
        new_deadline=REVIEW_AT + HOUR,
    )

    with pytest.raises(ValidationError) as error:
        finalise_review(plan=ordered, actor=bch[0], now=REVIEW_AT)
    assert "còn nhận báo cáo đến 14h00 ngày 6/12/2026" in error.value.messages[0]

    review = finalise_review(plan=ordered, actor=bch[0], now=REVIEW_AT + HOUR)
    assert review.is_final


def test_finalise_refused_after_the_list_was_sent_up(bch, bob, ordered, lđtt):
    nomination = NominationFactory(
        plan=ordered, title=lđtt, nominee=bob, proposed_by=bch[0], status="forwarded"
    )
    NominationList.objects.create(plan=ordered, finalised_by=bch[0], finalised_at=REVIEW_AT)
    Dossier.objects.create(
        nomination=nomination,
        target_plan=ordered.parent,
        created_by=bch[0],
        status="forwarded",
        forwarded_at=VOTE_AT + DAY,
    )

    with pytest.raises(ValidationError) as error:
        finalise_review(plan=ordered, actor=bch[0], now=VOTE_AT + 2 * DAY)

    assert error.value.messages == [
        "Không chốt lại kết quả bình xét được: đã có bước sau “gửi hồ sơ lên cấp trên”."
    ]


def test_report_after_finalising_is_refused_saying_why(bch, bob, ordered):
    Plan.objects.filter(pk=ordered.pk).update(late_policy=Plan.LatePolicy.ACCEPT_LATE)
    ordered.refresh_from_db()
    finalise_review(plan=ordered, actor=bch[0], now=REVIEW_AT)

    with pytest.raises(ValidationError) as error:
        submit_self_report(
            report=SelfReport(plan=ordered, member=bob),
            actor=bob,
            data={"narrative": "Nộp trễ", "answers": {}},
            now=REVIEW_AT + HOUR,
        )

    assert error.value.messages == [
        "Báo cáo không được nhận: Ban Chấp hành đã chốt kết quả bình xét lúc 13:00:00 ngày "
        "6/12/2026, điểm đã khóa nên không nhận báo cáo hay bản nộp lại nữa. Nội dung bạn "
        "nhập chưa được gửi."
    ]
    assert not SelfReport.objects.filter(member=bob, status="submitted").exists()


def test_resubmission_after_finalising_is_refused(bch, bob, ordered):
    Plan.objects.filter(pk=ordered.pk).update(late_policy=Plan.LatePolicy.ACCEPT_LATE)
    ordered.refresh_from_db()
    version = submit_self_report(
        report=SelfReport(plan=ordered, member=bob),
        actor=bob,
        data={"narrative": "Lần 1", "answers": {}},
        now=T0 + HOUR,
    )
    criterion = CriterionFactory(plan=ordered, required=False)
    Score.objects.create(
        report=version.report,
        reviewer=bch[1],
        criterion=criterion,
        met=True,
        scored_at=T0 + 2 * HOUR,
    )
    finalise_review(plan=ordered, actor=bch[0], now=REVIEW_AT)

    with pytest.raises(ValidationError, match="đã chốt kết quả bình xét"):
        submit_self_report(
            report=version.report,
            actor=bob,
            data={"narrative": "Lần 2"},
            now=REVIEW_AT + HOUR,
        )
    version.report.refresh_from_db()
    assert version.report.version == 1


def test_board_flags_a_report_resubmitted_after_scoring(bch, bob, ordered, union):
    criterion = CriterionFactory(plan=ordered)
    report = SelfReportFactory(plan=ordered, member=bob, unit=union, submitted_at=T0 + DAY)
    Score.objects.create(
        report=report, reviewer=bch[1], criterion=criterion, met=True, scored_at=T0 + HOUR
    )

    row = review_board(bch[0], ordered).rows[0]

    assert (row.resubmitted, row.reviewers_done) == (True, 0)
    with pytest.raises(ValidationError) as error:
        finalise_review(plan=ordered, actor=bch[0], now=REVIEW_AT)
    assert error.value.messages == ["Báo cáo nộp lại sau khi đã chấm, cần chấm lại: Lê Văn Bob."]


def test_nomination_before_the_review_is_finalised_is_refused(bch, bob, ordered, lđtt):
    scored_report(ordered, bob, bch[1])

    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=ordered, title=lđtt, nominee=bob, actor=bch[0], now=REVIEW_AT)

    assert "“BCH chốt kết quả bình xét”" in error.value.messages[0]
    assert not Nomination.objects.exists()


def test_nomination_of_someone_who_never_reported_is_refused(bch, bob, ordered, lđtt):
    finalised(ordered, bch[0])

    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=ordered, title=lđtt, nominee=bob, actor=bch[0], now=REVIEW_AT)

    assert error.value.messages == [
        "Lê Văn Bob chưa có báo cáo tự đánh giá đã nộp và được BCH chấm: không đề nghị danh "
        "hiệu “Lao động tiên tiến” được."
    ]


def test_nomination_goes_through_the_gates(bch, bob, ordered, lđtt):
    finalised(ordered, bch[0])
    scored_report(ordered, bob, bch[1], met=False)

    with pytest.raises(ValidationError, match="Tiêu chuẩn bắt buộc không đạt"):
        propose_nomination(plan=ordered, title=lđtt, nominee=bob, actor=bch[0], now=REVIEW_AT)


def test_vote_round_without_opinions_is_refused(bch, bob, ordered, lđtt, secretary, school_board):
    finalised(ordered, bch[0])
    nomination = NominationFactory(plan=ordered, title=lđtt, nominee=bob, proposed_by=bch[0])
    after = REVIEW_AT + HOUR
    give_opinion(nomination=nomination, body="party_cell", agree=True, actor=secretary, now=after)

    with pytest.raises(ValidationError) as error:
        create_vote_round(
            plan=ordered,
            name="Lấy ý kiến tập thể",
            nominations=[nomination],
            opens_at=VOTE_AT,
            closes_at=VOTE_AT + HOUR,
            actor=bch[0],
            now=VOTE_AT - HOUR,
        )
    assert "chưa đủ ý kiến về Lê Văn Bob" in error.value.messages[0]

    give_opinion(
        nomination=nomination, body="school_board", agree=True, actor=school_board, now=after
    )
    round = create_vote_round(
        plan=ordered,
        name="Lấy ý kiến tập thể",
        nominations=[nomination],
        opens_at=VOTE_AT,
        closes_at=VOTE_AT + HOUR,
        actor=bch[0],
        now=VOTE_AT - HOUR,
    )
    assert round.status == VoteRound.Status.DRAFT


def test_vote_six_days_before_its_milestone_is_refused(bch, bob, ordered, lđtt):
    finalised(ordered, bch[0])
    nomination = NominationFactory(plan=ordered, title=lđtt, nominee=bob, proposed_by=bch[0])
    early = VOTE_AT - 6 * DAY

    with pytest.raises(ValidationError) as error:
        create_vote_round(
            plan=ordered,
            name="Sớm",
            nominations=[nomination],
            opens_at=early,
            closes_at=early + HOUR,
            actor=bch[0],
            now=early,
        )
    assert error.value.messages == [
        "Giờ mở phải từ 10h00 ngày 13/12/2026 trở đi — mốc lấy ý kiến tập thể của kế hoạch."
    ]

    round = create_vote_round(
        plan=ordered,
        name="Đúng mốc",
        nominations=[nomination],
        opens_at=VOTE_AT,
        closes_at=VOTE_AT + HOUR,
        actor=bch[0],
        now=early,
    )
    with pytest.raises(ValidationError, match="bắt đầu từ 10h00 ngày 13/12/2026"):
        open_round(round=round, actor=bch[0], now=early)
    assert open_round(round=round, actor=bch[0], now=VOTE_AT).status == "open"


def _voted(plan, chair, nomination, approve, base):
    round = VoteRound.objects.create(
        plan=plan,
        unit=plan.issuer,
        name="Biểu quyết",
        opens_at=VOTE_AT,
        closes_at=VOTE_AT + HOUR,
        created_by=chair,
        status=VoteRound.Status.CLOSED,
    )
    passed = approve * 10 >= base * 7
    VoteResult.objects.create(
        round=round,
        nomination=nomination,
        approve=approve,
        base=base,
        share=approve / base,
        passed=passed,
    )
    nomination.status = "passed" if passed else "failed"
    nomination.save()


def test_failed_prerequisite_removes_the_title_that_depends_on_it(
    client, bch, bob, ordered, lđtt, cstđ
):
    finalised(ordered, bch[0])
    lđtt_nomination = NominationFactory(plan=ordered, title=lđtt, nominee=bob, proposed_by=bch[0])
    cstđ_nomination = NominationFactory(plan=ordered, title=cstđ, nominee=bob, proposed_by=bch[0])
    _voted(ordered, bch[0], lđtt_nomination, 10, 21)
    _voted(ordered, bch[0], cstđ_nomination, 20, 21)
    other = NominationFactory(plan=ordered, title=lđtt, proposed_by=bch[0])
    _voted(ordered, bch[0], other, 20, 21)

    nomination_list = finalise_list(plan=ordered, actor=bch[0], now=AFTER)

    assert [e.nomination for e in nomination_list.entries.all()] == [other]
    cstđ_nomination.refresh_from_db()
    assert cstđ_nomination.status == Nomination.Status.PREREQUISITE_FAILED
    assert cstđ_nomination.dropped_reason == (
        "Danh hiệu phải có trước: không đạt biểu quyết “Lao động tiên tiến” (10/21)."
    )
    client.force_login(bch[0])
    page = client.get(reverse("nominations:list_page", args=[ordered.pk])).content.decode()
    assert "Chiến sĩ thi đua cơ sở: Danh hiệu phải có trước" in page
    from reports.builders.lists import build_nomination_list

    assert build_nomination_list(ordered.pk).dropped == (
        "Lê Văn Bob — Chiến sĩ thi đua cơ sở: Danh hiệu phải có trước: không đạt biểu quyết "
        "“Lao động tiên tiến” (10/21).",
    )


@pytest.fixture
def closed(ordered, bch, bob, lđtt):
    scored_report(ordered, bob, bch[1])
    Plan.objects.filter(pk=ordered.pk).update(status=Plan.Status.CLOSED)
    ordered.refresh_from_db()
    return ordered


CLOSED_ACTIONS = {
    "propose": lambda p, bch, bob, t: propose_nomination(
        plan=p, title=t, nominee=bob, actor=bch[0], now=AFTER
    ),
    "finalise_review": lambda p, bch, bob, t: finalise_review(plan=p, actor=bch[0], now=AFTER),
    "exclusion": lambda p, bch, bob, t: record_exclusion(
        plan=p, member=bob, kind="discipline", actor=bch[0]
    ),
    "score": lambda p, bch, bob, t: score_report(
        report=SelfReport.objects.get(plan=p, member=bob), actor=bch[2], scores={}
    ),
    "create_round": lambda p, bch, bob, t: create_vote_round(
        plan=p,
        name="x",
        nominations=[NominationFactory(plan=p, title=t, nominee=bob, proposed_by=bch[0])],
        opens_at=AFTER,
        closes_at=AFTER + HOUR,
        actor=bch[0],
        now=AFTER,
    ),
    "finalise_list": lambda p, bch, bob, t: finalise_list(plan=p, actor=bch[0], now=AFTER),
}


@pytest.mark.parametrize("action", sorted(CLOSED_ACTIONS))
def test_closed_plan_is_read_only_for_every_workflow(closed, bch, bob, lđtt, action):
    with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc"):
        CLOSED_ACTIONS[action](closed, bch, bob, lđtt)


def test_closed_plan_refuses_opinions(ordered, bch, bob, lđtt, secretary):
    finalised(ordered, bch[0])
    nomination = NominationFactory(plan=ordered, title=lđtt, nominee=bob, proposed_by=bch[0])
    Plan.objects.filter(pk=ordered.pk).update(status=Plan.Status.CLOSED)
    nomination.plan.refresh_from_db()

    with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc"):
        give_opinion(
            nomination=nomination, body="party_cell", agree=True, actor=secretary, now=AFTER
        )


def test_closed_plan_refuses_ballots_and_counting(ordered, bch, bob, lđtt):
    finalised(ordered, bch[0])
    nomination = NominationFactory(plan=ordered, title=lđtt, nominee=bob, proposed_by=bch[0])
    round = create_vote_round(
        plan=ordered,
        name="x",
        nominations=[nomination],
        opens_at=VOTE_AT,
        closes_at=VOTE_AT + HOUR,
        actor=bch[0],
        now=VOTE_AT,
    )
    round = open_round(round=round, actor=bch[0], now=VOTE_AT)
    Plan.objects.filter(pk=ordered.pk).update(status=Plan.Status.CLOSED)
    round.plan.refresh_from_db()

    with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc"):
        cast_ballot(round=round, actor=bch[1], choices={str(nomination.pk): "approve"}, now=VOTE_AT)
    with pytest.raises(ValidationError, match="Kế hoạch đã kết thúc"):
        close_round(round=round, actor=bch[0], now=VOTE_AT + 2 * HOUR)


# --- the parent's plan and extensions ----------------------------------------------------


def test_parent_change_cannot_leave_a_published_child_outside(ordered, federation_staff):
    parent_window = ordered.parent.milestones.get(kind="self_report")

    with pytest.raises(ValidationError) as error:
        update_milestone(
            milestone=parent_window, actor=federation_staff, ends_at=DEADLINE - 2 * DAY
        )

    message = error.value.messages[0]
    assert "Không thay đổi được" in message and "Kế hoạch bình xét" in message
    assert "CĐCS Trường MN Sen Hồng" in message
    parent_window.refresh_from_db()
    assert parent_window.ends_at == DEADLINE + 2 * DAY


def test_a_plan_can_forbid_extensions(ordered, bob, alice):
    Plan.objects.filter(pk=ordered.pk).update(allows_extensions=False)
    ordered.refresh_from_db()

    with pytest.raises(ValidationError, match="không có ngoại lệ"):
        request_extension(plan=ordered, actor=bob, reason="Ốm", now=T0)
    asked = DeadlineExtension.objects.create(plan=ordered, member=bob, reason="Ốm", requested_at=T0)
    with pytest.raises(ValidationError, match="không có ngoại lệ"):
        decide_extension(
            extension=asked, actor=alice, grant=True, new_deadline=DEADLINE + HOUR, now=T0
        )


@pytest.mark.parametrize(
    ("new_deadline", "message"),
    [
        (DEADLINE + 3 * DAY, "quá hạn tự báo cáo của kế hoạch cấp trên: 10h00 ngày 8/12/2026"),
        (REVIEW_AT + HOUR, "quá buổi BCH họp xét của đơn vị: 13h00 ngày 6/12/2026"),
    ],
)
def test_extension_stays_inside_the_parent_and_before_the_review(
    ordered, bob, alice, new_deadline, message
):
    asked = DeadlineExtension.objects.create(plan=ordered, member=bob, reason="Ốm", requested_at=T0)

    with pytest.raises(ValidationError, match=message):
        decide_extension(
            extension=asked, actor=alice, grant=True, new_deadline=new_deadline, now=T0
        )

    granted = decide_extension(
        extension=asked, actor=alice, grant=True, new_deadline=REVIEW_AT - HOUR, now=T0
    )
    assert granted.status == DeadlineExtension.Status.GRANTED


# --- buttons say why they are not available --------------------------------------------


def test_finalise_button_disabled_with_the_reason(client, alice, ordered):
    # Pages read the clock: the self-report window is still open now (not on a fixed date,
    # which passed on 6/12/2026 and made this test fail from then on).
    now = timezone.now()
    Milestone.objects.filter(plan=ordered.parent, kind="self_report").update(
        starts_at=now - 3 * DAY, ends_at=now + 3 * DAY
    )
    Milestone.objects.filter(plan=ordered, kind="self_report").update(
        starts_at=now - 2 * DAY, ends_at=now + DAY
    )
    Milestone.objects.filter(plan=ordered, kind="review_meeting").update(
        starts_at=now + DAY + 3 * HOUR, ends_at=now + DAY + 5 * HOUR
    )
    client.force_login(alice)

    page = client.get(reverse("nominations:review_board", args=[ordered.pk])).content.decode()

    assert 'disabled aria-disabled="true">Chốt và khóa điểm</button>' in page
    assert "phải xong bước trước “hết hạn tự báo cáo" in page


def test_count_button_disabled_before_the_close(client, bch, bob, ordered, lđtt):
    finalised(ordered, bch[0])
    nomination = NominationFactory(plan=ordered, title=lđtt, nominee=bob, proposed_by=bch[0])
    from django.utils import timezone

    now = timezone.now()
    Milestone.objects.filter(plan=ordered).update(starts_at=now - 3 * DAY, ends_at=now - 2 * DAY)
    round = create_vote_round(
        plan=ordered,
        name="x",
        nominations=[nomination],
        opens_at=now,
        closes_at=now + HOUR,
        actor=bch[0],
        now=now,
    )
    open_round(round=round, actor=bch[0], now=now)
    client.force_login(bch[0])

    page = client.get(reverse("nominations:round_detail", args=[round.pk])).content.decode()

    assert 'disabled aria-disabled="true">Kết thúc bỏ phiếu</button>' in page
    assert "Chưa hết giờ bỏ phiếu" in page


def test_opinion_needs_the_review(ordered, bob, bch, lđtt, secretary):
    nomination = NominationFactory(plan=ordered, title=lđtt, nominee=bob, proposed_by=bch[0])

    with pytest.raises(ValidationError, match="“BCH chốt kết quả bình xét”"):
        give_opinion(
            nomination=nomination,
            body="party_cell",
            agree=True,
            actor=secretary,
            now=REVIEW_AT + HOUR,
        )
    assert not Opinion.objects.exists()


def test_member_cannot_propose(ordered, bob, bch, lđtt):
    with pytest.raises(PermissionDenied):
        propose_nomination(plan=ordered, title=lđtt, nominee=bob, actor=bob)


# --- title settings once scoring starts ------------------------------------------------


def test_title_gates_locked_once_scoring_starts(bch, bob, ordered, lđtt, alice):
    from campaigns.services.plan_parts import update_title

    scored_report(ordered, bob, bch[1])

    with pytest.raises(ValidationError, match="đã bắt đầu chấm điểm"):
        update_title(title=lđtt, actor=alice, min_points=50)
    lđtt.refresh_from_db()
    assert lđtt.min_points is None


def test_vote_rule_change_is_audited_with_the_rule_before(bch, bob, ordered, lđtt, alice):
    from decimal import Decimal

    from campaigns.services.plan_parts import update_title
    from portal.models import AuditEntry

    update_title(title=lđtt, actor=alice, vote_threshold=Decimal("0.5"))

    entry = AuditEntry.objects.filter(action="title.update").latest("pk")
    assert entry.data["rule_before"] == {"vote_threshold": "0.7000"}


def test_vote_rule_not_changed_during_an_open_vote(bch, bob, ordered, lđtt, alice):
    from decimal import Decimal

    from campaigns.services.plan_parts import update_title

    NominationFactory(plan=ordered, title=lđtt, nominee=bob, proposed_by=bch[0], status="in_vote")

    with pytest.raises(ValidationError, match="Đang có đợt biểu quyết"):
        update_title(title=lđtt, actor=alice, vote_threshold=Decimal("0.1"))


# --- documents carry when things happened; reports count the published list -----------


def test_review_minutes_carry_the_moment_of_finalising(bch, bob, ordered):
    from portal.vietnamese import format_deadline
    from reports.builders.reviews import build_review_minutes

    late = REVIEW_AT + 4 * DAY  # long after the scheduled meeting
    Review.objects.create(plan=ordered, unit=ordered.issuer, finalised_by=bch[0], finalised_at=late)

    minutes = build_review_minutes(ordered.pk)

    assert minutes.when == format_deadline(late)
    assert minutes.finalised.endswith(format_deadline(late))
    assert "ngày 10 tháng 12 năm 2026" in minutes.header.place_date  # the day it was finalised


def test_published_list_counts_as_nominations_in_reports(bch, bob, ordered, lđtt):
    from reports.builders.dashboard import build_dashboard
    from reports.builders.figures import nominee_rows

    NominationFactory(plan=ordered, title=lđtt, nominee=bob, proposed_by=bch[0], status="listed")
    NominationList.objects.create(
        plan=ordered,
        finalised_by=bch[0],
        finalised_at=AFTER,
        status="published",
        published_at=AFTER,
        feedback_ends_at=AFTER + DAY,
    )
    ordered.issuer.refresh_from_db()

    assert [r.is_forwarded for r in nominee_rows(ordered)] == [True]
    board = build_dashboard(ordered, now=AFTER)
    assert board.totals.forwarded == {f"t{lđtt.pk}": 1}


def test_forward_button_disabled_during_the_objection_window(client, bch, bob, ordered, lđtt):
    from django.utils import timezone

    now = timezone.now()
    Plan.objects.filter(pk=ordered.pk).update(steps=["list", "publication", "sending_up"])
    nomination = NominationFactory(
        plan=ordered, title=lđtt, nominee=bob, proposed_by=bch[0], status="listed"
    )
    NominationList.objects.create(
        plan=ordered,
        finalised_by=bch[0],
        finalised_at=now - DAY,
        status="published",
        published_at=now - HOUR,
        feedback_ends_at=now + DAY,
    )
    dossier = Dossier.objects.create(
        nomination=nomination, target_plan=ordered.parent, created_by=bch[0]
    )
    client.force_login(bch[0])

    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()

    assert 'disabled aria-disabled="true">Gửi hồ sơ lên cấp trên</button>' in page
    assert "(còn nhận góp ý đến" in page


def test_propose_links_hidden_with_the_reason_before_the_review(client, alice, ordered):
    client.force_login(alice)

    response = client.get(reverse("nominations:review_board", args=[ordered.pk]))

    assert response.context["can_propose"] is False
    assert "Đề xuất danh hiệu: Chưa thể đề xuất" in response.content.decode()
