"""The Sen Hồng BCH's secret vote run by hand, as in the README: the counting committee
(bch_senhong and senhong02) take their key codes, the chair opens the round, members vote,
the chair ends voting early with a reason, both members enter their codes, and the results
show the recount from the bulletin beside them."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from campaigns.models import Plan, SelfReport, Title
from nominations.models import Score, VoteRound
from nominations.services.ballots import cast_ballot
from nominations.services.nominations import propose_nomination
from nominations.services.votes import create_vote_round
from tests.browser.test_vote_phone import sign_in
from tests.walk.demo import DemoData, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COUNTERS = ("bch_senhong", "senhong02")


def _round(demo):
    plan, chair = demo.live_cdcs_plan, demo.user("chutich_senhong")
    title = plan.titles.get(level=Title.Level.DISTRICT, target="individual")
    now = timezone.now()
    Plan.objects.filter(pk=plan.pk).update(steps=["vote", "list", "publication", "sending_up"])
    plan.refresh_from_db()
    plan.milestones.filter(kind="vote").update(starts_at=now - dt.timedelta(days=1))
    nominee = demo.user("bgh_senhong")
    report = SelfReport.objects.get(plan=plan, member=nominee)
    for criterion in plan.criteria.filter(target="individual"):
        Score.objects.create(
            report=report,
            reviewer=demo.user("bch_senhong"),
            criterion=criterion,
            met=True if criterion.kind == "met" else None,
            points=criterion.max_points if criterion.kind == "points" else None,
        )
    nomination = propose_nomination(plan=plan, title=title, nominee=nominee, actor=chair)
    return create_vote_round(
        plan=plan,
        name="BCH bỏ phiếu kín",
        nominations=[nomination],
        opens_at=now - dt.timedelta(minutes=5),
        closes_at=now + dt.timedelta(hours=2),
        actor=chair,
        counters=[demo.user(u) for u in COUNTERS],
        now=now - dt.timedelta(minutes=10),
    )


def _switch(page, username):
    page.context.clear_cookies()
    sign_in(page, username)


def test_committee_runs_the_secret_count_by_hand(phone):
    load_demo()
    demo = DemoData()
    round = _round(demo)
    detail = f"/xet-chon/bieu-quyet/{round.pk}/"
    codes = {}
    for username in COUNTERS:
        _switch(phone, username)
        phone.goto(detail)
        phone.get_by_role("link", name="Nhận mã khóa của tôi").click()
        phone.get_by_role("button", name="Hiện mã khóa của tôi").click()
        codes[username] = phone.locator("#share-code").inner_text()
        assert re.fullmatch(r"([A-Z2-9]{5}-){4}[A-Z2-9]{5}", codes[username])

    _switch(phone, "chutich_senhong")
    phone.goto(detail)
    phone.get_by_role("button", name="Mở đợt biểu quyết").click()
    round.refresh_from_db()
    assert round.status == VoteRound.Status.OPEN and round.public_key
    electors = [e.user for e in round.electors.select_related("user").order_by("user_id")]
    quorum = -(-2 * len(electors) // 3)
    for voter in electors[:quorum]:
        cast_ballot(round=round, actor=voter, choices={str(round.nominations.get().pk): "approve"})

    phone.on("dialog", lambda dialog: dialog.accept())
    phone.goto(detail)
    phone.get_by_label("Lý do kết thúc sớm").fill("Hội nghị đã biểu quyết xong")
    phone.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    phone.wait_for_url(re.compile(r"/kiem-phieu-kin/$"))

    for username in COUNTERS:
        _switch(phone, username)
        phone.goto(f"{detail}kiem-phieu-kin/")
        phone.get_by_label("Mã khóa kiểm phiếu của bạn").fill(codes[username].lower())
        phone.get_by_role("button", name="Nhập mã khóa").click()

    phone.wait_for_url(re.compile(r"/ket-qua/$"))
    text = phone.locator("main").inner_text()
    assert "Kiểm lại từ bảng niêm yết: khớp với kết quả công bố." in text
    assert "Kết thúc sớm: Hội nghị đã biểu quyết xong" in text
    round.refresh_from_db()
    assert round.status == VoteRound.Status.CLOSED
    assert round.results.get().approve == quorum
    phone.get_by_role("link", name="Xem bảng niêm yết").click()
    assert round.bulletin_hash in phone.locator("#bulletin-hash").inner_text()
