import datetime as dt
import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from nominations.models import Participation, VoteRound
from nominations.services.ballots import cast_ballot
from nominations.services.votes import create_vote_round
from tests.nominations import committee
from tests.nominations.committee import open_round
from tests.nominations.factories import NominationFactory

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
NEXT_YEAR = timezone.localdate().year + 1


def live_round(chair, plan, nominations, **kwargs):
    now = timezone.now()
    round = create_vote_round(
        plan=plan,
        name="Bình chọn tập thể",
        nominations=nominations,
        opens_at=now - HOUR,
        closes_at=now + HOUR,
        actor=chair,
        now=now - HOUR,
        **kwargs,
    )
    return open_round(round=round, actor=chair, now=now)


def test_round_list_visible_to_bch(client, bch, plan, nomination):
    live_round(bch[0], plan, [nomination])
    client.force_login(bch[1])

    response = client.get(reverse("nominations:round_list", args=[plan.pk]))

    assert response.status_code == 200
    assert [r.name for r, _ in response.context["rounds"]] == ["Bình chọn tập thể"]
    assert response.context["can_create"] is False


def test_round_list_hides_other_unit_plan(client, charlie, plan):
    client.force_login(charlie)

    assert client.get(reverse("nominations:round_list", args=[plan.pk])).status_code == 404


def test_round_list_anonymous_goes_to_login(client, plan):
    response = client.get(reverse("nominations:round_list", args=[plan.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


@pytest.mark.parametrize("rows", [1, 3])
def test_round_list_query_count_does_not_grow(
    client, django_assert_num_queries, bch, plan, title, rows
):
    for _ in range(rows):
        nomination = NominationFactory(plan=plan, title=title, proposed_by=bch[0])
        live_round(bch[0], plan, [nomination])
    client.force_login(bch[0])

    with django_assert_num_queries(5):
        response = client.get(reverse("nominations:round_list", args=[plan.pk]))

    assert len(response.context["rounds"]) == rows


def test_round_create_page_refused_for_plain_member(client, bob, plan):
    client.force_login(bob)

    assert client.get(reverse("nominations:round_create", args=[plan.pk])).status_code == 403


def test_round_create_post_makes_draft_round(client, bch, plan, nomination):
    client.force_login(bch[0])

    response = client.post(
        reverse("nominations:round_create", args=[plan.pk]),
        {
            "name": "Bình chọn LĐTT",
            "nominations": [nomination.pk],
            "electorate": "members",
            "mode": "secret",
            "choice_mode": "per_nominee",
            "opens_at": f"{NEXT_YEAR}-11-20T15:00",
            "closes_at": f"{NEXT_YEAR}-11-20T16:00",
        },
    )

    round = VoteRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:round_detail", args=[round.pk])
    assert (round.status, round.electorate) == ("draft", "members")
    # 16:00 in Asia/Ho_Chi_Minh is 09:00 UTC.
    assert round.closes_at == dt.datetime(NEXT_YEAR, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "opens_at, closes_at",
    [
        ("0001-01-01T00:00", "9999-12-31T23:59"),  # stored on PostgreSQL, unreadable after
        ("2026-11-20T15:00+07:00", "2026-11-20T16:00-23:59"),
        ("0001-01-01T00:00", "0001-01-01T01:00"),
    ],
)
def test_round_create_with_absurd_times_shows_errors_and_stores_nothing(
    client, bch, plan, nomination, opens_at, closes_at
):
    client.force_login(bch[0])

    response = client.post(
        reverse("nominations:round_create", args=[plan.pk]),
        {
            "name": "x",
            "nominations": [nomination.pk],
            "electorate": "bch",
            "mode": "secret",
            "choice_mode": "per_nominee",
            "opens_at": opens_at,
            "closes_at": closes_at,
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "opens_at" in errors or "closes_at" in errors
    assert all(
        re.search("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", e)
        for e in errors.get("opens_at", []) + errors.get("closes_at", [])
    )
    assert VoteRound.objects.count() == 0
    assert client.get(reverse("nominations:round_list", args=[plan.pk])).status_code == 200


def test_round_create_post_with_past_close_shows_error(client, bch, plan, nomination):
    client.force_login(bch[0])

    response = client.post(
        reverse("nominations:round_create", args=[plan.pk]),
        {
            "name": "x",
            "nominations": [nomination.pk],
            "electorate": "bch",
            "mode": "secret",
            "choice_mode": "per_nominee",
            "opens_at": "2020-01-01T08:00",
            "closes_at": "2020-01-01T09:00",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Giờ đóng đã qua."]
    assert VoteRound.objects.count() == 0


def test_round_detail_chair_sees_who_voted_not_how(client, bch, plan, nomination):
    round = live_round(bch[0], plan, [nomination])
    cast_ballot(round=round, actor=bch[1], choices={str(nomination.pk): "approve"})
    client.force_login(bch[0])

    response = client.get(reverse("nominations:round_detail", args=[round.pk]))

    progress = response.context["progress"]
    assert [p.voter for p in progress["voted"]] == [bch[1]]
    assert len(progress["not_voted"]) == 4
    assert "Đang bỏ phiếu, đóng lúc" in response.context["status_text"]


def test_round_detail_hidden_from_non_elector_member(client, bch, bob, plan, nomination):
    round = live_round(bch[0], plan, [nomination])
    client.force_login(bob)

    assert client.get(reverse("nominations:round_detail", args=[round.pk])).status_code == 404


def test_round_detail_draft_hidden_from_federation(client, bch, federation_staff, plan, nomination):
    now = timezone.now()
    round = create_vote_round(
        plan=plan,
        name="x",
        nominations=[nomination],
        opens_at=now,
        closes_at=now + HOUR,
        actor=bch[0],
    )
    client.force_login(federation_staff)

    assert client.get(reverse("nominations:round_detail", args=[round.pk])).status_code == 404


def test_round_open_by_get_not_allowed(client, bch, plan, nomination):
    now = timezone.now()
    round = create_vote_round(
        plan=plan,
        name="x",
        nominations=[nomination],
        opens_at=now,
        closes_at=now + HOUR,
        actor=bch[0],
    )
    client.force_login(bch[0])

    assert client.get(reverse("nominations:round_open", args=[round.pk])).status_code == 405
    round.refresh_from_db()
    assert round.status == "draft"


def test_round_open_by_bch_member_forbidden(client, bch, plan, nomination):
    now = timezone.now()
    round = create_vote_round(
        plan=plan,
        name="x",
        nominations=[nomination],
        opens_at=now,
        closes_at=now + HOUR,
        actor=bch[0],
    )
    client.force_login(bch[1])

    assert client.post(reverse("nominations:round_open", args=[round.pk])).status_code == 403


def test_round_open_by_chair(client, bch, plan, nomination):
    now = timezone.now()
    round = create_vote_round(
        plan=plan,
        name="x",
        nominations=[nomination],
        opens_at=now,
        closes_at=now + HOUR,
        actor=bch[0],
    )
    client.force_login(bch[0])
    refused = client.post(reverse("nominations:round_open", args=[round.pk]), follow=True)
    assert "ban kiểm phiếu" in [str(m) for m in refused.context["messages"]][0]
    committee.prepare_committee(round, bch[0])

    page = client.get(reverse("nominations:round_detail", args=[round.pk]))
    assert bch[4] in page.context["paper_voters_form"].fields["paper_voters"].queryset

    response = client.post(
        reverse("nominations:round_open", args=[round.pk]), {"paper_voters": [bch[4].pk]}
    )

    assert response.status_code == 302
    round.refresh_from_db()
    assert round.status == "open"
    assert round.public_key and round.ballots.count() == round.electors.count()
    assert list(round.electors.filter(paper=True).values_list("user", flat=True)) == [bch[4].pk]


def test_ballot_page_member_votes_and_sees_code_once(client, bch, bob, plan, nomination):
    round = live_round(bch[0], plan, [nomination], electorate="members")
    client.force_login(bob)
    url = reverse("nominations:ballot", args=[round.pk])

    page = client.get(url)
    response = client.post(url, {f"n{nomination.pk}": "approve"})

    assert page.status_code == 200
    code = response.context["code"]
    assert committee.filled(round) == [(code, {str(nomination.pk): "approve"})]
    assert code.encode() in response.content
    # The voter's own page shows what they chose, once; the portal keeps it nowhere.
    assert response.context["picked"] == [(nomination.nominee_name, "Đồng ý")]
    again = client.get(url)
    assert again.context["has_voted"] is True
    assert code.encode() not in again.content


def test_ballot_second_post_refused(client, bch, bob, plan, nomination):
    round = live_round(bch[0], plan, [nomination], electorate="members")
    client.force_login(bob)
    url = reverse("nominations:ballot", args=[round.pk])
    client.post(url, {f"n{nomination.pk}": "approve"})

    response = client.post(url, {f"n{nomination.pk}": "disapprove"})

    assert response.context["form"].non_field_errors() == ["Bạn đã bỏ phiếu trong đợt này rồi."]
    assert [c for _, c in committee.filled(round)] == [{str(nomination.pk): "approve"}]


def test_ballot_page_non_elector_refused(client, bch, bob, plan, nomination):
    round = live_round(bch[0], plan, [nomination])
    client.force_login(bob)

    assert client.get(reverse("nominations:ballot", args=[round.pk])).status_code == 404


def test_ballot_page_federation_sees_round_but_cannot_vote(
    client, bch, federation_staff, plan, nomination
):
    round = live_round(bch[0], plan, [nomination])
    client.force_login(federation_staff)

    assert client.get(reverse("nominations:round_detail", args=[round.pk])).status_code == 200
    assert client.post(reverse("nominations:ballot", args=[round.pk])).status_code == 403


def test_results_before_close_show_message(client, bch, plan, nomination):
    round = live_round(bch[0], plan, [nomination])
    client.force_login(bch[1])

    response = client.get(reverse("nominations:round_results", args=[round.pk]))

    assert response.status_code == 200
    assert response.context["not_ready"].startswith(
        "Kết quả chỉ được công bố sau khi đợt biểu quyết kết thúc lúc "
    )
    assert "result" not in response.context


def test_close_then_results_show_codes(client, bch, plan, nomination):
    round = live_round(bch[0], plan, [nomination])
    codes = sorted(
        cast_ballot(round=round, actor=voter, choices={str(nomination.pk): "approve"})
        for voter in bch
    )
    client.force_login(bch[0])

    response = client.post(reverse("nominations:round_close", args=[round.pk]), {})
    count_url = reverse("nominations:round_count", args=[round.pk])
    assert response["Location"] == count_url
    members = list(round.counters.order_by("user_id"))
    client.force_login(members[0].user)
    wrong = client.post(count_url, {"code": "AAAAA-BBBBB"})
    assert wrong.context["form"].errors["code"] == [
        "Mã khóa không đúng. Kiểm tra lại tờ giấy ghi mã."
    ]
    first = client.post(count_url, {"code": committee.CODES[round.pk][members[0].user_id]})
    assert first["Location"] == count_url
    client.force_login(members[1].user)
    last = client.post(count_url, {"code": committee.CODES[round.pk][members[1].user_id]})
    results = client.get(reverse("nominations:round_results", args=[round.pk]))

    assert last["Location"] == reverse("nominations:round_results", args=[round.pk])
    assert results.context["result"].codes == codes
    assert [r.decision.passed for r in results.context["result"].rows] == [True]
    assert results.context["recount"].matches is True
    bulletin = client.get(reverse("nominations:round_bulletin", args=[round.pk]))
    round.refresh_from_db()
    assert round.bulletin_hash.encode() in bulletin.content
    assert [c for c, _ in bulletin.context["slots"]] == codes
    assert bulletin.context["check"].totals == {nomination.pk: (5, 0, 0)}
    download = client.get(reverse("nominations:round_bulletin", args=[round.pk]), {"tai": "json"})
    assert hashlib.sha256(download.content).hexdigest() == round.bulletin_hash


def test_close_before_time_shows_error_and_keeps_round_open(client, bch, plan, nomination):
    round = live_round(bch[0], plan, [nomination])
    client.force_login(bch[0])

    response = client.post(reverse("nominations:round_close", args=[round.pk]), {}, follow=True)

    assert [str(m) for m in response.context["messages"]][0].startswith("Chưa hết giờ bỏ phiếu")
    round.refresh_from_db()
    assert round.status == "open"


def test_paper_ballot_page_two_counters_record_a_paper_voter(client, bch, plan, nomination):
    round = live_round(bch[0], plan, [nomination])
    first, second = [m.user for m in round.counters.order_by("user_id")]
    client.force_login(first)
    url = reverse("nominations:written_ballot", args=[round.pk])
    # Not marked for paper: not offered, and refused.
    unmarked = client.post(
        url,
        {
            "voter": bch[3].pk,
            f"n{nomination.pk}": "disapprove",
            "confirmed_by": second.pk,
            "confirm_password": "thidua2026",
        },
    )
    assert "voter" in unmarked.context["form"].errors
    client.post(reverse("nominations:paper_mark", args=[round.pk]), {"voter": bch[3].pk})
    data = {
        "voter": bch[3].pk,
        f"n{nomination.pk}": "disapprove",
        "confirmed_by": second.pk,
        "confirm_password": "sai-mat-khau",
    }
    bad_password = client.post(url, data)
    assert bad_password.context["form"].errors["confirm_password"] == [
        "Mật khẩu của người xác nhận không đúng."
    ]
    assert Participation.objects.count() == 0

    response = client.post(url, data | {"confirm_password": "thidua2026"})

    assert response.status_code == 302
    assert list(Participation.objects.values_list("voter", "written")) == [(bch[3].pk, True)]
    assert [c for _, c in committee.filled(round)] == [{str(nomination.pk): "disapprove"}]
    # Marked for paper: the phone ballot is closed to them.
    client.force_login(first)
    client.post(reverse("nominations:paper_mark", args=[round.pk]), {"voter": bch[4].pk})
    client.force_login(bch[4])
    phone = client.post(
        reverse("nominations:ballot", args=[round.pk]), {f"n{nomination.pk}": "approve"}
    )
    assert "bỏ phiếu giấy tại hội nghị" in phone.context["form"].non_field_errors()[0]


def test_chair_ends_voting_early_with_reason_on_the_page(client, bch, plan, nomination):
    round = live_round(bch[0], plan, [nomination])
    for voter in bch[1:]:
        cast_ballot(round=round, actor=voter, choices={str(nomination.pk): "approve"})
    client.force_login(bch[0])

    response = client.post(
        reverse("nominations:round_close", args=[round.pk]),
        {"reason": "Hội nghị đã biểu quyết xong", "present_count": 4},
    )

    assert response["Location"] == reverse("nominations:round_count", args=[round.pk])
    round.refresh_from_db()
    assert (round.status, round.close_reason, round.present_count) == (
        "counting",
        "Kết thúc sớm: Hội nghị đã biểu quyết xong",
        4,
    )
    detail = client.get(reverse("nominations:round_detail", args=[round.pk]))
    assert "Hội nghị đã biểu quyết xong" in detail.content.decode()


def test_written_ballot_page_forbidden_for_bch_member(client, bch, plan, nomination):
    round = live_round(bch[0], plan, [nomination])
    client.force_login(bch[2])

    assert client.get(reverse("nominations:written_ballot", args=[round.pk])).status_code == 403


def test_due_items_list_open_ballot_until_voted(bch, bob, plan, nomination):
    from portal.due import due_items_for

    round = live_round(bch[0], plan, [nomination], electorate="members")
    before = [i.title for i in due_items_for(bob)]
    cast_ballot(round=round, actor=bob, choices={})

    assert before == ["Bỏ phiếu: Bình chọn tập thể"]
    assert [i.title for i in due_items_for(bob)] == []


def test_open_round_results_page_names_voters(client, bch, plan, title, nomination):
    title.secret_ballot = False
    title.save()
    round = live_round(bch[0], plan, [nomination], mode="open")
    for voter in bch:
        cast_ballot(round=round, actor=voter, choices={str(nomination.pk): "approve"})
    client.force_login(bch[0])
    client.post(reverse("nominations:round_close", args=[round.pk]), {})

    response = client.get(reverse("nominations:round_results", args=[round.pk]))

    assert len(response.context["result"].named) == 5
    assert b'id="named-votes"' in response.content
    assert b'id="ballot-codes"' not in response.content


def test_round_create_form_starts_from_the_vote_milestone(client, bch, plan):
    from campaigns.models import Milestone
    from tests.factories import MilestoneFactory

    opens = dt.datetime(2026, 11, 26, 6, 30, tzinfo=dt.UTC)
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.VOTE,
        label="Lấy ý kiến tập thể",
        starts_at=opens,
        ends_at=opens + HOUR,
    )
    client.force_login(bch[0])

    form = client.get(reverse("nominations:round_create", args=[plan.pk])).context["form"]

    assert form.initial["name"] == "Lấy ý kiến tập thể"
    assert form.initial["opens_at"] == opens
    assert b'value="2026-11-26T13:30"' in form["opens_at"].as_widget().encode()


def test_results_check_a_ballot_code(client, bch, plan, nomination):
    round = live_round(bch[0], plan, [nomination])
    code = cast_ballot(round=round, actor=bch[1], choices={})
    for voter in (bch[0], *bch[2:]):
        cast_ballot(round=round, actor=voter, choices={})
    committee.count(round)
    client.force_login(bch[1])
    url = reverse("nominations:round_results", args=[round.pk])

    found = client.get(url, {"ma": code.lower()})
    missing = client.get(url, {"ma": "AAA-BBB-CCC"})

    assert found.context["code_counted"] is True
    assert missing.context["code_counted"] is False
    assert "Không có phiếu mã AAA-BBB-CCC trong đợt này." in missing.content.decode()
