"""doanvien_senhong votes in a secret round of all Sen Hồng's members on a phone (390×844):
from "what is due for me" to the ballot, approves, and gets a ballot code shown once."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from campaigns.models import Plan, SelfReport, Title
from nominations.models import Ballot, Participation, Score
from nominations.services.nominations import propose_nomination
from nominations.services.votes import create_vote_round
from tests.nominations import committee
from tests.nominations.committee import open_round
from tests.walk.demo import DEMO_PASSWORD, DemoData, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username):
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/$"))


def test_member_votes_in_secret_round_on_phone(phone):
    load_demo()
    demo = DemoData()
    plan, chair = demo.live_cdcs_plan, demo.user("chutich_senhong")
    member = demo.user("doanvien_senhong")
    title = plan.titles.get(level=Title.Level.DISTRICT, target="individual")
    now = timezone.now()
    # The phone's ballot, not the order of steps (tests/nominations/test_demo_flow.py): the
    # live plan skips the steps before the vote, whose milestone has begun; the nominee's
    # report is scored by the BCH member.
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
    round = create_vote_round(
        plan=plan,
        name="Lấy ý kiến tập thể bình chọn",
        nominations=[nomination],
        electorate="members",
        opens_at=now - dt.timedelta(minutes=5),
        closes_at=now + dt.timedelta(hours=2),
        actor=chair,
        now=now - dt.timedelta(minutes=10),
    )
    open_round(
        round=round,
        actor=chair,
        counters=[demo.user("bch_senhong"), demo.user("senhong02")],
    )
    sign_in(phone, "doanvien_senhong")

    phone.get_by_role("link", name=re.compile("Bỏ phiếu: Lấy ý kiến tập thể bình chọn")).click()
    phone.wait_for_url(re.compile(rf"/xet-chon/bieu-quyet/{round.pk}/phieu/$"))
    assert "Đang bỏ phiếu, đóng lúc" in phone.locator("main").inner_text()
    phone.get_by_text("Đồng ý", exact=True).click()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="Gửi phiếu").click()

    code = phone.locator("#ballot-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}", code)
    assert "Đồng ý" in phone.locator("#my-choices").inner_text()
    phone.get_by_role("button", name="Lưu lựa chọn trên máy này").click()
    kept = phone.evaluate(f"localStorage.getItem('thidua-ballot-{round.pk}-{code}')")
    assert kept and "Đồng ý" in kept
    # Stored encrypted: one slot per elector, this ballot in the slot of its code.
    assert committee.filled(round) == [(code, {str(nomination.pk): "approve"})]
    assert Ballot.objects.filter(round=round).count() == round.electors.count()
    assert list(Participation.objects.filter(round=round).values_list("voter", flat=True)) == [
        member.pk
    ]
    phone.goto(f"/xet-chon/bieu-quyet/{round.pk}/phieu/")
    assert "Bạn đã bỏ phiếu trong đợt này" in phone.locator("main").inner_text()
    assert code not in phone.content()
