from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import Target
from nominations.models import Nomination, Opinion
from nominations.quotas import quota_for
from nominations.selectors.nominations import missing_opinions, nomination_board
from nominations.services.nominations import give_opinion, propose_nomination, withdraw_nomination
from portal.models import AuditEntry, Role
from tests.factories import MembershipFactory, TitleFactory, UserFactory
from tests.nominations.factories import scored_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(union, bch, plan):
    """Ten more plain members: the union has 15 members with the BCH; each reported and
    was scored (a nomination needs a scored report)."""
    people = []
    for i in range(10):
        user = UserFactory(username=f"dv{i}", full_name=f"Đoàn Viên Số{i}")
        MembershipFactory(user=user, unit=union, role=Role.MEMBER)
        scored_report(plan, user, bch[1])
        people.append(user)
    return people


def test_propose_member_for_title(bch, members, plan, title):
    nomination = propose_nomination(plan=plan, title=title, nominee=members[0], actor=bch[1])

    assert (nomination.status, nomination.nominee, nomination.proposed_by) == (
        Nomination.Status.PROPOSED,
        members[0],
        bch[1],
    )
    assert AuditEntry.objects.get(action="nomination.propose").data == {
        "title": "Lao động tiên tiến",
        "nominee": "Đoàn Viên Số0",
    }


def test_propose_refused_for_plain_member(bch, members, plan, title):
    with pytest.raises(PermissionDenied):
        propose_nomination(plan=plan, title=title, nominee=members[1], actor=members[0])


def test_propose_refused_for_bch_of_other_unit(other_union, members, plan, title):
    outsider = UserFactory()
    MembershipFactory(user=outsider, unit=other_union, role=Role.CHAIR)

    with pytest.raises(PermissionDenied):
        propose_nomination(plan=plan, title=title, nominee=members[0], actor=outsider)


def test_propose_refuses_non_member(bch, charlie, plan, title):
    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=plan, title=title, nominee=charlie, actor=bch[0])

    assert error.value.messages == [
        "Phạm Văn Charlie không phải đoàn viên của CĐCS Trường MN Sen Hồng."
    ]


def test_propose_same_person_twice_refused(bch, members, plan, title):
    propose_nomination(plan=plan, title=title, nominee=members[0], actor=bch[0])

    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=plan, title=title, nominee=members[0], actor=bch[1])

    assert error.value.messages == ["Đoàn Viên Số0 đã được đề nghị danh hiệu này."]
    assert Nomination.objects.count() == 1


def test_propose_person_for_collective_title_refused(bch, members, plan):
    title = TitleFactory(plan=plan, name="Tập thể lao động tiên tiến", target=Target.COLLECTIVE)

    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=plan, title=title, nominee=members[0], actor=bch[0])

    assert error.value.messages == ["Danh hiệu “Tập thể lao động tiên tiến” dành cho tập thể."]


def test_propose_collective_union_group(bch, group, plan):
    title = TitleFactory(plan=plan, name="Tập thể lao động tiên tiến", target=Target.COLLECTIVE)

    nomination = propose_nomination(plan=plan, title=title, collective=group, actor=bch[0])

    assert (nomination.collective, nomination.nominee_name) == (group, "Tổ Chồi")


def test_propose_collective_outside_unit_refused(bch, other_union, plan):
    title = TitleFactory(plan=plan, name="Tập thể lao động tiên tiến", target=Target.COLLECTIVE)

    with pytest.raises(ValidationError):
        propose_nomination(plan=plan, title=title, collective=other_union, actor=bch[0])


def test_propose_title_of_other_plan_refused(bch, members, plan):
    other_title = TitleFactory()

    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=plan, title=other_title, nominee=members[0], actor=bch[0])

    assert error.value.messages == ["Danh hiệu không thuộc kế hoạch này."]


def test_nomination_person_xor_collective_constraint(bch, group, plan, title, members):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.create(
            plan=plan, title=title, nominee=members[0], collective=group, proposed_by=bch[0]
        )


def test_quota_count_enforced_with_message_naming_it(bch, members, plan, title):
    title.quota_count = 2
    title.save()
    propose_nomination(plan=plan, title=title, nominee=members[0], actor=bch[0])
    propose_nomination(plan=plan, title=title, nominee=members[1], actor=bch[0])

    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=plan, title=title, nominee=members[2], actor=bch[0])

    assert error.value.messages == [
        "Vượt chỉ tiêu danh hiệu “Lao động tiên tiến”: chỉ tiêu 2 người, đã có 2 người."
    ]
    assert Nomination.objects.count() == 2


def test_quota_share_of_members_rounds_down(bch, members, union, plan, title):
    title.quota_share = Decimal("0.15")
    title.save()

    quota = quota_for(title, union)

    # 15 members × 15 % = 2.25 → 2
    assert (quota.limit, quota.text) == (2, "chỉ tiêu 15% của 15 đoàn viên = 2")


def test_quota_share_enforced(bch, members, plan, title):
    title.quota_share = Decimal("0.15")
    title.save()
    for person in members[:2]:
        propose_nomination(plan=plan, title=title, nominee=person, actor=bch[0])

    with pytest.raises(ValidationError) as error:
        propose_nomination(plan=plan, title=title, nominee=members[2], actor=bch[0])

    assert error.value.messages == [
        "Vượt chỉ tiêu danh hiệu “Lao động tiên tiến”: "
        "chỉ tiêu 15% của 15 đoàn viên = 2, đã có 2 người."
    ]


def test_quota_smaller_of_count_and_share_wins(bch, members, union, title):
    title.quota_count = 1
    title.quota_share = Decimal("0.5")

    assert quota_for(title, union).text == "chỉ tiêu 1 người"


def test_quota_freed_by_withdrawal(bch, members, plan, title):
    title.quota_count = 1
    title.save()
    first = propose_nomination(plan=plan, title=title, nominee=members[0], actor=bch[0])
    withdraw_nomination(nomination=first, actor=bch[0], reason="Chuyển công tác")

    second = propose_nomination(plan=plan, title=title, nominee=members[1], actor=bch[0])

    assert second.status == Nomination.Status.PROPOSED


def test_withdraw_refused_for_bch_member(bch, nomination):
    with pytest.raises(PermissionDenied):
        withdraw_nomination(nomination=nomination, actor=bch[1], reason="x")


def test_withdraw_refused_while_in_vote(bch, nomination):
    nomination.status = Nomination.Status.IN_VOTE
    nomination.save()

    with pytest.raises(ValidationError) as error:
        withdraw_nomination(nomination=nomination, actor=bch[0], reason="x")

    assert error.value.messages == ["Không rút được đề nghị ở trạng thái “Đang biểu quyết”."]


# --- consultation -------------------------------------------------------------------------


def test_party_cell_secretary_gives_opinion(secretary, nomination):
    opinion = give_opinion(
        nomination=nomination, body=Opinion.Body.PARTY_CELL, agree=True, actor=secretary
    )

    assert (opinion.body, opinion.agree, opinion.author) == ("party_cell", True, secretary)
    assert AuditEntry.objects.get(action="opinion.give").data == {
        "body": "party_cell",
        "agree": True,
        "note": "",
    }


def test_school_board_gives_opinion(school_board, nomination):
    opinion = give_opinion(
        nomination=nomination,
        body=Opinion.Body.SCHOOL_BOARD,
        agree=False,
        note="Chưa đủ thời gian công tác",
        actor=school_board,
    )

    assert (opinion.agree, opinion.note) == (False, "Chưa đủ thời gian công tác")


def test_opinion_disagree_needs_note(school_board, nomination):
    with pytest.raises(ValidationError) as error:
        give_opinion(
            nomination=nomination, body=Opinion.Body.SCHOOL_BOARD, agree=False, actor=school_board
        )

    assert error.value.messages == ["Khi không đồng ý, cần ghi rõ lý do."]


def test_opinion_for_wrong_body_refused(school_board, nomination):
    with pytest.raises(PermissionDenied):
        give_opinion(
            nomination=nomination, body=Opinion.Body.PARTY_CELL, agree=True, actor=school_board
        )


def test_opinion_refused_for_chair(alice, nomination):
    with pytest.raises(PermissionDenied):
        give_opinion(nomination=nomination, body=Opinion.Body.SCHOOL_BOARD, agree=True, actor=alice)


def test_opinion_from_cell_of_other_unit_refused(other_union, nomination):
    from portal.models import OrgUnit
    from tests.factories import OrgUnitFactory

    other_cell = OrgUnitFactory(kind=OrgUnit.Kind.PARTY_CELL, parent=other_union)
    secretary = UserFactory()
    MembershipFactory(user=secretary, unit=other_cell, role=Role.CELL_SECRETARY)

    with pytest.raises(PermissionDenied):
        give_opinion(
            nomination=nomination, body=Opinion.Body.PARTY_CELL, agree=True, actor=secretary
        )


def test_opinion_changed_replaces_previous(secretary, nomination):
    give_opinion(nomination=nomination, body="party_cell", agree=True, actor=secretary)

    give_opinion(
        nomination=nomination, body="party_cell", agree=False, note="Xét lại", actor=secretary
    )

    assert list(Opinion.objects.values_list("agree", "note")) == [(False, "Xét lại")]
    assert AuditEntry.objects.filter(action="opinion.change").count() == 1


def test_opinion_refused_on_withdrawn_nomination(secretary, nomination):
    nomination.status = Nomination.Status.WITHDRAWN
    nomination.save()

    with pytest.raises(ValidationError):
        give_opinion(nomination=nomination, body="party_cell", agree=True, actor=secretary)


def test_board_shows_opinions_and_missing_bodies(
    alice, secretary, school_board, plan, title, nomination
):
    give_opinion(nomination=nomination, body="party_cell", agree=True, actor=secretary)

    groups = nomination_board(alice, plan)

    assert [(g.title, g.taken) for g in groups] == [(title, 1)]
    row = groups[0].rows[0]
    assert (row.nomination, list(row.opinions), row.missing) == (
        nomination,
        ["party_cell"],
        ["Ban giám hiệu / thủ trưởng"],
    )
    assert missing_opinions(groups) == {"Ban giám hiệu / thủ trưởng": [nomination]}


def test_board_without_party_cell_expects_only_school_board(alice, school_board, plan, nomination):
    row = nomination_board(alice, plan)[0].rows[0]

    assert row.missing == ["Ban giám hiệu / thủ trưởng"]


def test_cell_in_party_tree_consulted_through_its_plan(union, federation, nomination, plan):
    """The demo's chi bộ sits under a party committee, and adopts the union's plan."""
    from portal.models import OrgUnit
    from tests.factories import OrgUnitFactory, PlanFactory

    committee = OrgUnitFactory(kind=OrgUnit.Kind.PARTY_COMMITTEE, parent=None)
    cell = OrgUnitFactory(kind=OrgUnit.Kind.PARTY_CELL, parent=committee)
    PlanFactory(issuer=cell, parent=plan)
    secretary = UserFactory()
    MembershipFactory(user=secretary, unit=cell, role=Role.CELL_SECRETARY)

    opinion = give_opinion(nomination=nomination, body="party_cell", agree=True, actor=secretary)

    assert opinion.author == secretary
    assert nomination_board(secretary, plan)[0].rows[0].nomination == nomination
