import datetime as dt
import hashlib

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from nominations.models import Ballot, Nomination, OpenVote, Participation, VoteResult, VoteRound
from nominations.selectors.votes import (
    TallyNotReady,
    bulletin,
    bulletin_text,
    recount,
    round_progress,
    tally,
)
from nominations.services.ballots import cast_ballot, enter_written_ballot, mark_paper_voter
from nominations.services.counting import issue_key_share, submit_key_share
from nominations.services.votes import (
    cancel_vote_round,
    close_vote_round,
    create_vote_round,
    open_vote_round,
)
from portal.models import AuditEntry, Role
from tests.factories import MembershipFactory, UserFactory
from tests.nominations import committee
from tests.nominations.committee import close_round, open_round
from tests.nominations.factories import NominationFactory

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
MINUTE = dt.timedelta(minutes=1)


def make_round(chair, plan, nominations, now, **kwargs):
    round = create_vote_round(
        plan=plan,
        name="Bình chọn Lao động tiên tiến",
        nominations=nominations,
        opens_at=now,
        closes_at=now + HOUR,
        actor=chair,
        now=now,
        **kwargs,
    )
    return open_round(round=round, actor=chair, now=now)


def approve_all(round):
    return {str(n.pk): "approve" for n in round.nominations.all()}


def test_open_round_fixes_electorate_to_bch(bch, bob, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    assert sorted(round.electors.values_list("user__username", flat=True)) == [
        "alice",
        "bch0",
        "bch1",
        "bch2",
        "bch3",
    ]
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.IN_VOTE


def test_open_round_for_all_members_includes_plain_members(bch, bob, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now, electorate=VoteRound.Electorate.MEMBERS)

    assert round.electors.count() == 6


def test_create_round_refused_for_plain_member(bch, bob, plan, nomination, now):
    with pytest.raises(PermissionDenied):
        create_vote_round(
            plan=plan,
            name="x",
            nominations=[nomination],
            opens_at=now,
            closes_at=now + HOUR,
            actor=bob,
            now=now,
        )


def test_create_round_refuses_show_of_hands_for_secret_title(bch, plan, nomination, now):
    with pytest.raises(ValidationError) as error:
        make_round(bch[0], plan, [nomination], now, mode=VoteRound.Mode.OPEN)

    assert error.value.messages == ["Danh hiệu “Lao động tiên tiến” phải bỏ phiếu kín."]
    assert VoteRound.objects.count() == 0


def test_create_round_refuses_close_before_open(bch, plan, nomination, now):
    with pytest.raises(ValidationError) as error:
        create_vote_round(
            plan=plan,
            name="x",
            nominations=[nomination],
            opens_at=now + HOUR,
            closes_at=now + MINUTE,
            actor=bch[0],
            now=now,
        )

    assert error.value.messages == ["Giờ đóng phải sau giờ mở."]


def test_cast_ballot_stores_participation_and_anonymous_ballot(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    code = cast_ballot(round=round, actor=bch[1], choices=approve_all(round), now=now + MINUTE)

    assert len(code) == 11 and code[3] == "-" and code[7] == "-"
    assert list(Participation.objects.values_list("voter__username", "written")) == [
        ("bch0", False)
    ]
    assert committee.filled(round) == [(code, {str(nomination.pk): "approve"})]
    # One encrypted slot per elector, none of them in clear.
    assert Ballot.objects.filter(round=round).count() == 5
    assert "approve" not in str(list(Ballot.objects.values_list("cipher", flat=True)))
    entry = AuditEntry.objects.get(action="vote.cast")
    assert (
        entry.actor == bch[1] and code not in str(entry.data) and "approve" not in str(entry.data)
    )


def test_cast_ballot_twice_refused_and_nothing_added(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    cast_ballot(round=round, actor=bch[1], choices=approve_all(round), now=now + MINUTE)

    with pytest.raises(ValidationError) as error:
        cast_ballot(round=round, actor=bch[1], choices=approve_all(round), now=now + 2 * MINUTE)

    assert error.value.messages == ["Bạn đã bỏ phiếu trong đợt này rồi."]
    assert (committee.ballots(round), Participation.objects.count()) == (1, 1)


def test_cast_ballot_refused_for_non_elector(bch, bob, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    with pytest.raises(ValidationError) as error:
        cast_ballot(round=round, actor=bob, choices=approve_all(round), now=now + MINUTE)

    assert error.value.messages == ["Bạn không có trong danh sách bỏ phiếu của đợt này."]
    assert committee.ballots(round) == 0


def test_cast_ballot_refused_at_close_time(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    with pytest.raises(ValidationError) as error:
        cast_ballot(round=round, actor=bch[1], choices=approve_all(round), now=now + HOUR)

    # 09:00 UTC + 1 h = 17h00 in Asia/Ho_Chi_Minh.
    assert error.value.messages == [
        "Đã hết giờ bỏ phiếu lúc 17h00 ngày 20/11/2026; phiếu gửi đến lúc 17:00:00 ngày 20/11/2026."
    ]
    assert committee.ballots(round) == 0


def test_cast_ballot_accepted_one_millisecond_before_close(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    cast_ballot(
        round=round,
        actor=bch[1],
        choices=approve_all(round),
        now=now + HOUR - dt.timedelta(milliseconds=1),
    )

    assert committee.ballots(round) == 1


def test_cast_ballot_refused_before_opening(bch, plan, nomination, now):
    round = create_vote_round(
        plan=plan,
        name="x",
        nominations=[nomination],
        opens_at=now + HOUR,
        closes_at=now + 2 * HOUR,
        actor=bch[0],
        now=now,
    )
    round = open_round(round=round, actor=bch[0], now=now)

    with pytest.raises(ValidationError) as error:
        cast_ballot(round=round, actor=bch[1], choices={}, now=now)

    assert error.value.messages == [
        "Chưa đến giờ bỏ phiếu: mở lúc 17h00 ngày 20/11/2026; phiếu gửi đến lúc 16:00:00 ngày "
        "20/11/2026."
    ]


def test_cast_ballot_refused_in_draft_round(bch, plan, nomination, now):
    round = create_vote_round(
        plan=plan,
        name="x",
        nominations=[nomination],
        opens_at=now,
        closes_at=now + HOUR,
        actor=bch[0],
        now=now,
    )

    with pytest.raises(ValidationError):
        cast_ballot(round=round, actor=bch[1], choices={}, now=now + MINUTE)


def test_cast_ballot_unknown_choice_refused(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    with pytest.raises(ValidationError) as error:
        cast_ballot(round=round, actor=bch[1], choices={str(nomination.pk): "yes"}, now=now)

    assert error.value.messages == ["Lựa chọn không hợp lệ trên phiếu."]
    assert Participation.objects.count() == 0


def test_cast_ballot_unanswered_nominee_counts_as_abstention(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    cast_ballot(round=round, actor=bch[1], choices={}, now=now)

    assert committee.filled(round)[0][1] == {str(nomination.pk): "abstain"}


def test_choose_up_to_k_refuses_more_than_k(bch, plan, title, nomination, now):
    second = NominationFactory(plan=plan, title=title, proposed_by=bch[0])
    round = make_round(
        bch[0],
        plan,
        [nomination, second],
        now,
        choice_mode=VoteRound.ChoiceMode.CHOOSE_UP_TO,
        max_choices=1,
    )

    with pytest.raises(ValidationError) as error:
        cast_ballot(round=round, actor=bch[1], choices=[nomination.pk, second.pk], now=now)
    cast_ballot(round=round, actor=bch[2], choices=[second.pk], now=now)

    assert error.value.messages == ["Chỉ được chọn tối đa 1 người; phiếu đã chọn 2 người."]
    assert committee.filled(round)[0][1] == {
        str(nomination.pk): "disapprove",
        str(second.pk): "approve",
    }


def test_tally_hidden_before_close(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    cast_ballot(round=round, actor=bch[1], choices=approve_all(round), now=now)

    with pytest.raises(TallyNotReady) as error:
        tally(round, now=now + HOUR - MINUTE)

    assert error.value.messages == [
        "Kết quả chỉ được công bố sau khi đợt biểu quyết kết thúc lúc 17h00 ngày 20/11/2026."
    ]


def test_close_refused_before_close_time_while_someone_has_not_voted(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    cast_ballot(round=round, actor=bch[1], choices=approve_all(round), now=now)

    with pytest.raises(ValidationError):
        close_round(round=round, actor=bch[0], now=now + MINUTE)

    round.refresh_from_db()
    assert round.status == VoteRound.Status.OPEN


def test_close_refused_for_non_chair(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    with pytest.raises(PermissionDenied):
        close_round(round=round, actor=bch[1], now=now + HOUR)


def test_close_applies_pass_rule_and_publishes_codes(bch, plan, title, nomination, now):
    second = NominationFactory(plan=plan, title=title, proposed_by=bch[0])
    round = make_round(bch[0], plan, [nomination, second], now)
    codes = []
    for i, voter in enumerate(bch):
        # nomination: 4 of 5 approve (80 %); second: 3 of 5 (60 %).
        choices = {
            str(nomination.pk): "approve" if i < 4 else "disapprove",
            str(second.pk): "approve" if i < 3 else "abstain",
        }
        codes.append(cast_ballot(round=round, actor=voter, choices=choices, now=now))

    round = close_round(round=round, actor=bch[0], now=now + HOUR)

    result = tally(round, now=now + HOUR)
    assert result.final is True
    assert result.codes == sorted(codes)
    assert [(r.nomination, r.count.approve, r.decision.passed) for r in result.rows] == [
        (nomination, 4, True),
        (second, 3, False),
    ]
    assert list(Nomination.objects.order_by("id").values_list("status", flat=True)) == [
        "passed",
        "failed",
    ]
    assert VoteResult.objects.get(nomination=second).reason == (
        "3/5 đồng ý = 60%, cần ≥ 70%: không đạt."
    )
    round.refresh_from_db()
    assert (round.status, round.present_count) == (VoteRound.Status.CLOSED, 5)


def test_close_early_when_everyone_voted(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    for voter in bch:
        cast_ballot(round=round, actor=voter, choices=approve_all(round), now=now)

    close_round(round=round, actor=bch[0], now=now + MINUTE)

    round.refresh_from_db()
    assert round.status == VoteRound.Status.CLOSED


def test_close_with_quorum_missed_nobody_passes(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    for voter in bch[:3]:
        cast_ballot(round=round, actor=voter, choices=approve_all(round), now=now)

    close_round(round=round, actor=bch[0], now=now + HOUR)

    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.FAILED
    assert VoteResult.objects.get().reason == (
        "Không đủ số người có mặt: 3/5, cần tối thiểu 66,7%."
    )


def test_close_present_count_entered_by_chair_meets_quorum(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    for voter in bch[:4]:
        cast_ballot(round=round, actor=voter, choices=approve_all(round), now=now)

    close_round(round=round, actor=bch[0], present_count=4, now=now + HOUR)

    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PASSED


def test_close_present_count_above_electorate_refused(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    with pytest.raises(ValidationError) as error:
        close_round(round=round, actor=bch[0], present_count=6, now=now + HOUR)

    assert error.value.messages == ["Số người có mặt phải từ 0 đến 5."]


def test_close_twice_refused(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    close_round(round=round, actor=bch[0], now=now + HOUR)

    with pytest.raises(ValidationError):
        close_round(round=round, actor=bch[0], now=now + HOUR)


def test_paper_ballot_entered_by_one_counter_confirmed_by_another(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    counters = [m.user for m in round.counters.order_by("user_id")]
    mark_paper_voter(round=round, voter=bch[4], actor=counters[0], now=now)

    enter_written_ballot(
        round=round,
        voter=bch[4],
        choices=approve_all(round),
        actor=counters[0],
        confirmed_by=counters[1],
        now=now,
    )

    participation = Participation.objects.get()
    assert (participation.voter, participation.written, participation.entered_by) == (
        bch[4],
        True,
        counters[0],
    )
    assert round_progress(round)["written"] == 1
    assert AuditEntry.objects.get(action="vote.paper").data == {
        "voter": bch[4].pk,
        "confirmed_by": counters[1].pk,
    }
    assert AuditEntry.objects.get(action="vote.paper_mark").data == {"voter": bch[4].pk}
    assert committee.filled(round)[0][1] == {str(nomination.pk): "approve"}


def test_paper_ballot_refused_for_someone_outside_the_committee(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    with pytest.raises(PermissionDenied):
        enter_written_ballot(
            round=round, voter=bch[4], choices={}, actor=bch[3], confirmed_by=bch[0], now=now
        )


def test_paper_ballot_needs_a_second_counter(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    first = round.counters.order_by("user_id").first().user
    mark_paper_voter(round=round, voter=bch[4], actor=first, now=now)

    for confirmer in (first, bch[3], None):
        with pytest.raises(ValidationError):
            enter_written_ballot(
                round=round, voter=bch[4], choices={}, actor=first, confirmed_by=confirmer, now=now
            )
    assert Participation.objects.count() == 0


def test_paper_ballot_refused_for_someone_not_marked_as_voting_on_paper(bch, plan, nomination, now):
    """The chair (a counter here) can no longer vote on behalf of a member who has not
    voted: the member was never marked to vote on paper."""
    round = make_round(bch[0], plan, [nomination], now)
    counters = [m.user for m in round.counters.order_by("user_id")]

    with pytest.raises(ValidationError) as error:
        enter_written_ballot(
            round=round,
            voter=bch[4],
            choices=approve_all(round),
            actor=counters[0],
            confirmed_by=counters[1],
            now=now,
        )

    assert "không được ghi là bỏ phiếu giấy" in error.value.messages[0]
    assert Participation.objects.count() == 0


def test_paper_ballot_refused_after_own_vote_online(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    counters = [m.user for m in round.counters.order_by("user_id")]
    cast_ballot(round=round, actor=bch[4], choices=approve_all(round), now=now)

    with pytest.raises(ValidationError) as error:
        mark_paper_voter(round=round, voter=bch[4], actor=counters[0], now=now)
    assert "đã bỏ phiếu trong đợt này rồi, không nhận phiếu giấy" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        enter_written_ballot(
            round=round,
            voter=bch[4],
            choices={},
            actor=counters[0],
            confirmed_by=counters[1],
            now=now,
        )
    assert "đã bỏ phiếu trong đợt này rồi, không nhận phiếu giấy" in error.value.messages[0]
    assert Participation.objects.count() == 1


def test_elector_marked_for_paper_cannot_vote_online(bch, plan, nomination, now):
    round = create_vote_round(
        plan=plan,
        name="x",
        nominations=[nomination],
        opens_at=now,
        closes_at=now + HOUR,
        actor=bch[0],
        now=now,
    )
    round = open_round(round=round, actor=bch[0], now=now, paper_voters=[bch[4]])

    with pytest.raises(ValidationError) as error:
        cast_ballot(round=round, actor=bch[4], choices=approve_all(round), now=now)

    assert "bỏ phiếu giấy" in error.value.messages[0]
    assert Participation.objects.count() == 0


def test_open_round_records_names(bch, plan, title, nomination, now):
    title.secret_ballot = False
    title.save()
    round = make_round(bch[0], plan, [nomination], now, mode=VoteRound.Mode.OPEN)

    code = cast_ballot(round=round, actor=bch[1], choices=approve_all(round), now=now)

    assert code == ""
    assert list(OpenVote.objects.values_list("voter__username", "choices")) == [
        ("bch0", {str(nomination.pk): "approve"})
    ]
    assert committee.ballots(round) == 0


def test_small_electorate_warns_about_secrecy(union, alice, plan, nomination, now):
    for _ in range(2):
        MembershipFactory(user=UserFactory(), unit=union, role=Role.BCH_MEMBER)
    round = make_round(alice, plan, [nomination], now)

    assert round_progress(round)["warnings"] == [
        "Chỉ có 3 người bỏ phiếu: với dưới 5 người, kết quả có thể cho biết ai đã chọn gì."
    ]


def test_unanimous_result_among_three_warns(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    for voter in bch[:3]:
        cast_ballot(round=round, actor=voter, choices=approve_all(round), now=now)

    round = close_round(round=round, actor=bch[0], present_count=5, now=now + HOUR)

    assert tally(round, now=now + HOUR).warnings == [
        "Lê Văn Bob: kết quả nhất trí với 3 phiếu làm lộ lựa chọn của từng người."
    ]


def test_cancel_round_returns_nominees_to_proposed(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    cancel_vote_round(round=round, actor=bch[0], reason="Sai danh sách")

    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PROPOSED


def test_cancel_round_needs_reason(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)

    with pytest.raises(ValidationError) as error:
        cancel_vote_round(round=round, actor=bch[0], reason="  ")

    assert error.value.messages == ["Cần ghi lý do hủy."]


# --- secrecy by schema -----------------------------------------------------------------


def _relations(model):
    return [f for f in model._meta.get_fields() if f.is_relation and f.concrete]


def test_schema_ballot_has_no_voter_no_time_and_no_sequential_key():
    fields = Ballot._meta.get_fields()

    assert [f.related_model for f in _relations(Ballot)] == [VoteRound]
    assert not [f for f in fields if isinstance(f, models.DateField | models.TimeField)]
    assert isinstance(Ballot._meta.pk, models.UUIDField)


def test_schema_no_table_links_a_voter_to_a_secret_choice():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    linking = []
    for model in apps.get_models(include_auto_created=True):
        targets = {f.related_model for f in _relations(model)}
        if user_model in targets and Ballot in targets:
            linking.append(model)
    # Participation holds the voter and no choice; the only other voter-and-choice table
    # is OpenVote, which the services write for show-of-hands rounds only.
    participation_fields = {f.name for f in Participation._meta.get_fields()}

    assert linking == []
    assert not {"choices", "code", "ballot"} & participation_fields
    assert [f.related_model for f in _relations(Ballot)] == [VoteRound]


def test_schema_database_tables_agree(django_db_setup):
    from django.db import connection

    with connection.cursor() as cursor:
        ballot_columns = {
            c.name
            for c in connection.introspection.get_table_description(cursor, "nominations_ballot")
        }
        participation_columns = {
            c.name
            for c in connection.introspection.get_table_description(
                cursor, "nominations_participation"
            )
        }

    assert ballot_columns == {"id", "round_id", "code", "cipher"}
    assert participation_columns == {"id", "round_id", "voter_id", "written", "entered_by_id"}


def test_open_round_results_name_each_voter(bch, plan, title, nomination, now):
    title.secret_ballot = False
    title.save()
    round = make_round(
        bch[0], plan, [nomination], now, mode=VoteRound.Mode.OPEN, counters=[bch[0], bch[3]]
    )
    cast_ballot(round=round, actor=bch[1], choices=approve_all(round), now=now)
    mark_paper_voter(round=round, voter=bch[2], actor=bch[3], now=now)
    enter_written_ballot(
        round=round,
        voter=bch[2],
        choices={str(nomination.pk): "disapprove"},
        actor=bch[0],
        confirmed_by=bch[3],
        now=now,
    )

    round = close_round(round=round, actor=bch[0], present_count=5, now=now + HOUR)

    assert tally(round, now=now + HOUR).named == [
        (bch[1], False, ["Đồng ý"]),
        (bch[2], True, ["Không đồng ý"]),
    ]
    assert tally(round, now=now + HOUR).codes == []


def test_every_vote_rewrites_every_slot_and_keeps_every_ballot(bch, plan, title, nomination, now):
    second = NominationFactory(plan=plan, title=title, proposed_by=bch[0])
    round = make_round(bch[0], plan, [nomination, second], now)
    expected = []
    for i, voter in enumerate(bch[:4]):
        choices = {str(nomination.pk): "approve", str(second.pk): "approve" if i % 2 else "abstain"}
        before = dict(Ballot.objects.filter(round=round).values_list("id", "cipher"))
        code = cast_ballot(round=round, actor=voter, choices=choices, now=now)
        expected.append((code, choices))
        after = dict(Ballot.objects.filter(round=round).values_list("id", "cipher"))
        # Same slots (keys and codes), every ciphertext changed: no slot stands out.
        assert set(after) == set(before)
        assert all(after[k]["cast"] != before[k]["cast"] for k in after)

    assert committee.filled(round) == sorted(expected)


def test_voting_ends_by_itself_when_everyone_voted(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    for voter in bch:
        cast_ballot(round=round, actor=voter, choices=approve_all(round), now=now + MINUTE)

    round.refresh_from_db()
    assert round.status == VoteRound.Status.COUNTING
    assert round.voting_closed_at == now + MINUTE
    assert round.close_reason == "Mọi người trong danh sách đã bỏ phiếu."
    with pytest.raises(TallyNotReady):
        tally(round, now=now + MINUTE)
    round = committee.count(round)
    assert round.status == VoteRound.Status.CLOSED
    assert VoteResult.objects.get().approve == 5


def test_chair_ends_voting_early_with_a_reason_once_quorum_voted(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    for voter in bch[:3]:
        cast_ballot(round=round, actor=voter, choices=approve_all(round), now=now)

    # Quorum 2/3 of 5 = 4 ballots: three are not enough, even with a reason.
    with pytest.raises(ValidationError) as error:
        close_round(round=round, actor=bch[0], reason="Hội nghị kết thúc", now=now + MINUTE)
    assert error.value.messages == ["Chưa đủ số người bỏ phiếu để kết thúc sớm: 3/5, cần 4."]
    cast_ballot(round=round, actor=bch[3], choices=approve_all(round), now=now)
    with pytest.raises(ValidationError) as error:
        close_round(round=round, actor=bch[0], now=now + MINUTE)
    assert "hãy ghi lý do" in error.value.messages[0]

    round = close_round(
        round=round, actor=bch[0], reason="Hội nghị kết thúc", present_count=4, now=now + MINUTE
    )

    assert round.status == VoteRound.Status.CLOSED
    assert round.close_reason == "Kết thúc sớm: Hội nghị kết thúc"
    assert round.voting_closed_at == now + MINUTE
    assert VoteResult.objects.get().approve == 4


def test_results_follow_the_rule_stored_at_the_opening(bch, plan, title, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    for voter in bch[:4]:
        cast_ballot(round=round, actor=voter, choices=approve_all(round), now=now)
    # The title's rule changes while the round is open: 4/5 = 80 % would now fail.
    title.vote_threshold = "0.9"
    title.save()

    round = close_round(round=round, actor=bch[0], now=now + HOUR)

    assert round.rules[str(title.pk)]["threshold"] == "0.7000"
    assert tally(round, now=now + HOUR).rows[0].decision.passed is True
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PASSED


def test_wrong_share_code_refused_and_nothing_counted(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    cast_ballot(round=round, actor=bch[2], choices=approve_all(round), now=now)
    round = close_vote_round(round=round, actor=bch[0], now=now + HOUR)
    member = round.counters.order_by("user_id").first()

    with pytest.raises(ValidationError) as error:
        submit_key_share(round=round, actor=member.user, code="AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
    assert error.value.messages == ["Mã khóa không đúng. Kiểm tra lại tờ giấy ghi mã."]
    with pytest.raises(PermissionDenied):
        submit_key_share(round=round, actor=bch[4], code="AAAAA")
    member.refresh_from_db()
    assert member.decryption == {}
    assert VoteResult.objects.count() == 0


def test_open_refused_until_every_counter_took_their_code(bch, plan, nomination, now):
    round = create_vote_round(
        plan=plan,
        name="x",
        nominations=[nomination],
        opens_at=now,
        closes_at=now + HOUR,
        actor=bch[0],
        counters=[bch[0], bch[1]],
        now=now,
    )
    issue_key_share(round=round, actor=bch[0])

    with pytest.raises(ValidationError) as error:
        open_vote_round(round=round, actor=bch[0], now=now)
    assert "mã khóa" in error.value.messages[0]
    with pytest.raises(ValidationError):
        create_vote_round(
            plan=plan,
            name="y",
            nominations=[nomination],
            opens_at=now,
            closes_at=now + HOUR,
            actor=bch[0],
            counters=[bch[0]],
            now=now,
        )


def test_recount_from_the_bulletin_matches_and_catches_tampering(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    for i, voter in enumerate(bch[:4]):
        choice = "approve" if i < 3 else "disapprove"
        cast_ballot(round=round, actor=voter, choices={str(nomination.pk): choice}, now=now)
    round = close_round(round=round, actor=bch[0], now=now + HOUR)

    check = recount(round)
    assert check.matches and check.proofs_ok and check.sums_match
    assert check.totals == {nomination.pk: (3, 1, 0)} and check.cast == 4
    assert round.bulletin_hash == hashlib.sha256(bulletin_text(round).encode()).hexdigest()
    # A bulletin with one slot swapped for another encryption no longer adds up.
    data = bulletin(round)
    data["slots"][0]["cipher"][str(nomination.pk)]["a"] = data["slots"][1]["cipher"]["cast"]
    assert not recount(round, data).matches


def test_round_opened_before_encryption_refuses_votes_and_count(bch, plan, nomination, now):
    round = make_round(bch[0], plan, [nomination], now)
    VoteRound.objects.filter(pk=round.pk).update(public_key="")  # as migrated from before
    round.refresh_from_db()
    message = "Đợt bỏ phiếu kín này mở trước khi phiếu được mã hóa; hãy hủy và tạo đợt mới."

    with pytest.raises(ValidationError) as error:
        cast_ballot(round=round, actor=bch[1], choices=approve_all(round), now=now)
    assert error.value.messages == [message]
    with pytest.raises(ValidationError) as error:
        close_vote_round(round=round, actor=bch[0], now=now + HOUR)
    assert error.value.messages == [message]
    cancel_vote_round(round=round, actor=bch[0], reason="Làm lại với phiếu mã hóa")
