"""The issue's "done when", on the demo: the whole seed-000 order on the live Sen Hồng
plan — self-reports, the BCH's review finalised, proposals, the opinions of the chi bộ
and the school board, the members' secret vote, the list, its publication with an
objection window, sending up — and ldld_govap receives the nominee at the federation's
plan. Each step is first tried too early and refused, naming the step it waits for.

The clock moves along the plan's own milestones, so the services are called with `now`
(the pages use the real clock); the pages are used where the clock allows (scoring during
the self-report window, the buttons that say why they are not available, the federation's
reception)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from campaigns.models import Criterion, Milestone, SelfReport, Title
from campaigns.selectors.selfreports import own_report
from campaigns.services.selfreports import submit_self_report
from nominations.models import Ballot, Dossier, Nomination, Participation
from nominations.services.ballots import cast_ballot
from nominations.services.dossiers import forward_dossier, prepare_dossier
from nominations.services.lists import finalise_list, publish_list
from nominations.services.nominations import give_opinion, propose_nomination
from nominations.services.reviews import finalise_review, score_report
from nominations.services.votes import create_vote_round
from tests.nominations.committee import close_round, open_round
from tests.walk.demo import DemoData, load_demo

pytestmark = pytest.mark.django_db

MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def as_user(demo, username) -> Client:
    client = Client()
    client.force_login(demo.user(username))
    return client


def refused(action, *words) -> str:
    """Run `action`, expect a refusal, return its message (checking it names `words`)."""
    with pytest.raises(ValidationError) as error:
        action()
    message = " ".join(error.value.messages)
    for word in words:
        assert word in message, message
    return message


def full_scores(criteria) -> dict:
    return {
        c.pk: {"met": True} if c.kind == Criterion.Kind.MET else {"points": c.max_points}
        for c in criteria
    }


def test_demo_runs_in_the_plans_order(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    demo = DemoData()
    plan = demo.live_cdcs_plan
    chair_user, bch_user = demo.user("chutich_senhong"), demo.user("bch_senhong")
    nominee = demo.user("doanvien_senhong")
    at = {m.kind: m for m in plan.milestones.all()}
    deadline = at[Milestone.Kind.SELF_REPORT].ends_at
    review_at = at[Milestone.Kind.REVIEW_MEETING].starts_at
    consult_at = at[Milestone.Kind.CONSULTATION].starts_at
    vote_at = at[Milestone.Kind.VOTE].starts_at
    during = deadline - DAY
    criteria = list(plan.criteria.filter(target="individual"))
    district = plan.titles.get(level=Title.Level.DISTRICT, target="individual")

    # 1. Self-reports: doanvien_senhong submits inside the window.
    report = own_report(plan, nominee)
    answers = {
        c.pk: {"met": True, "evidence": "Giấy khen"}
        if c.kind == Criterion.Kind.MET
        else {"points": c.max_points, "evidence": ""}
        for c in criteria  # collective criteria are the unit's, not the member's
    }
    report = submit_self_report(
        report=report,
        actor=nominee,
        data={"narrative": "Báo cáo", "answers": answers},
    ).report

    # The BCH scores while the window is open (on the page, as the BCH would).
    scores = {
        f"c{c.pk}": "1" if c.kind == Criterion.Kind.MET else f"{c.max_points.normalize():f}"
        for c in criteria
    }
    for username in ("bch_senhong", "chutich_senhong"):
        response = as_user(demo, username).post(
            reverse("nominations:score_report", args=[report.pk]), scores
        )
        assert response.status_code == 302, response.content
    for other in SelfReport.objects.filter(plan=plan, status="submitted").exclude(pk=report.pk):
        reviewer = bch_user if other.member_id != bch_user.pk else chair_user
        score_report(report=other, actor=reviewer, scores=full_scores(criteria), now=during)

    # Too early: every later step is refused, naming what it waits for.
    refused(
        lambda: finalise_review(plan=plan, actor=chair_user, now=during),
        "“hết hạn tự báo cáo",
    )
    refused(
        lambda: propose_nomination(
            plan=plan, title=district, nominee=nominee, actor=chair_user, now=during
        ),
        "“hết hạn tự báo cáo",
    )
    refused(lambda: finalise_list(plan=plan, actor=chair_user, now=during), "“hết hạn tự báo cáo")
    board = as_user(demo, "chutich_senhong").get(
        reverse("nominations:review_board", args=[plan.pk])
    )
    assert board.context["blocked"]["finalise"].startswith("Chưa thể chốt kết quả bình xét")
    assert 'disabled aria-disabled="true">Chốt và khóa điểm</button>' in board.content.decode()

    # After the deadline, before the BCH meets: still not.
    refused(
        lambda: finalise_review(plan=plan, actor=chair_user, now=deadline + MINUTE),
        "bắt đầu từ",
    )
    refused(
        lambda: propose_nomination(
            plan=plan, title=district, nominee=nominee, actor=chair_user, now=deadline + MINUTE
        ),
        "“BCH chốt kết quả bình xét”",
    )

    # 2. The BCH meets and the chair finalises the review.
    review = finalise_review(plan=plan, actor=chair_user, now=review_at)
    assert review.finalised_at == review_at
    refused(
        lambda: submit_self_report(
            report=report, actor=nominee, data={"narrative": "Sửa"}, now=review_at + MINUTE
        ),
    )

    # 3. Proposals, then the opinions of the chi bộ and the school board.
    nomination = propose_nomination(
        plan=plan,
        title=district,
        nominee=nominee,
        actor=chair_user,
        achievements="Giáo viên dạy giỏi",
        now=review_at + HOUR,
    )
    never_reported = demo.user("senhong16")
    refused(
        lambda: propose_nomination(
            plan=plan,
            title=district,
            nominee=never_reported,
            actor=chair_user,
            now=review_at + HOUR,
        ),
        "chưa có báo cáo tự đánh giá",
    )

    def new_round(opens_at, now):
        return create_vote_round(
            plan=plan,
            name="Lấy ý kiến tập thể",
            nominations=[nomination],
            electorate="members",
            opens_at=opens_at,
            closes_at=opens_at + 2 * HOUR,
            actor=chair_user,
            now=now,
        )

    refused(lambda: new_round(vote_at, consult_at), "ý kiến của chi bộ và Ban Giám hiệu")
    for username, body in (("bithu_senhong", "party_cell"), ("bgh_senhong", "school_board")):
        give_opinion(
            nomination=nomination, body=body, agree=True, actor=demo.user(username), now=consult_at
        )

    # 4. The collective vote: not before its milestone, then every member votes.
    refused(lambda: new_round(vote_at - 6 * DAY, consult_at), "mốc lấy ý kiến tập thể")
    round = new_round(vote_at, consult_at)
    # The counting committee: the BCH members of the demo (README), each takes a code.
    counters = [demo.user("bch_senhong"), demo.user("senhong02")]
    refused(
        lambda: open_round(round=round, actor=chair_user, now=consult_at, counters=counters),
        "bắt đầu từ",
    )
    round = open_round(round=round, actor=chair_user, now=vote_at, counters=counters)
    refused(lambda: finalise_list(plan=plan, actor=chair_user, now=vote_at), "còn 1 đợt")
    electors = list(round.electors.select_related("user"))
    for elector in electors:
        code = cast_ballot(
            round=round,
            actor=elector.user,
            choices={str(nomination.pk): "approve"},
            now=vote_at + MINUTE,
        )
        assert code
    assert Ballot.objects.filter(round=round).count() == len(electors) > 5
    assert Participation.objects.filter(round=round).count() == len(electors)
    close_round(round=round, actor=chair_user, now=vote_at + 2 * HOUR)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PASSED

    # 5–6. The list, then its publication with an objection window.
    counted = vote_at + 3 * HOUR
    nomination_list = finalise_list(plan=plan, actor=chair_user, now=counted)
    nomination_list = publish_list(
        nomination_list=nomination_list, actor=chair_user, feedback_days=1, now=counted + HOUR
    )
    dossier = prepare_dossier(nomination=nomination, actor=chair_user, now=counted + HOUR)

    # 7. Sending up: not during the objection window; then up it goes.
    refused(
        lambda: forward_dossier(dossier=dossier, actor=chair_user, now=counted + 2 * HOUR),
        "“công khai danh sách",
        "còn nhận góp ý",
    )
    forward_dossier(dossier=dossier, actor=chair_user, now=counted + 2 * DAY)
    refused(
        lambda: finalise_review(plan=plan, actor=chair_user, now=counted + 2 * DAY),
        "đã được chốt",
    )

    federation = as_user(demo, "ldld_govap")
    incoming = federation.get(
        reverse("nominations:incoming", args=[demo.live_federation_plan.pk])
    ).context["dossiers"]
    assert [d.nomination.nominee for d in incoming] == [nominee]
    federation.post(reverse("nominations:dossier_receive", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert (dossier.status, dossier.received_as.plan) == ("received", demo.live_federation_plan)
    assert Dossier.objects.count() == 1
