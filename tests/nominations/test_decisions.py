"""Award decisions (W11): numbering, money, fund, corrections and the history they write."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import Title
from nominations.models import (
    AwardRecord,
    Decision,
    DecisionEntry,
    Fund,
    FundMovement,
    RewardRate,
)
from nominations.money import reward_amount
from nominations.services.decisions import (
    base_salary_on,
    correct_decision,
    issue_decision,
    next_number,
)
from nominations.services.funds import allocate, balance
from nominations.services.lists import finalise_list, publish_list
from portal.models import AuditEntry
from tests.factories import TitleFactory
from tests.nominations.factories import NominationFactory
from tests.nominations.test_lists import DAY, pass_all
from tests.nominations.test_votes import HOUR

pytestmark = pytest.mark.django_db

SIGNED = dt.date(2026, 11, 28)


@pytest.fixture
def csdt_title(plan):
    return TitleFactory(plan=plan, name="Chiến sĩ thi đua cơ sở", level=Title.Level.UNIT)


@pytest.fixture
def awarded_list(bch, bob, plan, title, csdt_title, local_title, now):
    """Bob (LĐTT), bch[1] (CSTĐCS) and bch[2] for the district title, all passed and on
    the published list; the feedback window is over."""
    nominations = [
        NominationFactory(plan=plan, title=title, nominee=bob, proposed_by=bch[0]),
        NominationFactory(plan=plan, title=csdt_title, nominee=bch[1], proposed_by=bch[0]),
        NominationFactory(plan=plan, title=local_title, nominee=bch[2], proposed_by=bch[0]),
    ]
    pass_all(bch[0], bch, plan, nominations, now)
    listed = finalise_list(plan=plan, actor=bch[0], now=now + 2 * HOUR)
    publish_list(nomination_list=listed, actor=bch[0], feedback_days=5, now=now + 3 * HOUR)
    return listed


@pytest.fixture
def funded(union, alice):
    allocate(unit=union, year=SIGNED.year, amount=5_000_000, on=SIGNED, actor=alice)
    return Fund.objects.get(unit=union, year=SIGNED.year)


def issue(plan, actor, at, **kw):
    values = dict(
        issued_on=SIGNED,
        effective_on=SIGNED,
        signer_title="Chủ tịch",
        signer_name="Trần Thị Alice",
        now=at + 6 * DAY,
    )
    values.update(kw)
    return issue_decision(plan=plan, actor=actor, **values)


def test_decision_numbers_awards_within_authority_and_pays(awarded_list, plan, alice, funded, now):
    decision = issue(plan, alice, now)
    assert decision.number == 1 and decision.symbol == "01/QĐ-CĐCS-MNSH"
    lines = list(decision.entries.order_by("serial"))
    # The CĐCS may award unit-level titles only: the district title goes up in a dossier.
    assert [(e.serial, e.title_name) for e in lines] == [
        (1, "Lao động tiên tiến"),
        (2, "Chiến sĩ thi đua cơ sở"),
    ]
    # 2.340.000 × 0,3 = 702.000 rounded up to tens of thousands; × 1,0 = 2.340.000.
    assert [e.amount for e in lines] == [710_000, 2_340_000]
    assert decision.base_salary == 2_340_000
    assert decision.total == 3_050_000
    assert balance(funded) == 5_000_000 - 3_050_000
    assert AwardRecord.objects.filter(entry__decision=decision).count() == 2
    assert AuditEntry.objects.filter(action="decision.issue").exists()


def test_second_decision_in_series_takes_next_number(awarded_list, plan, alice, funded, now):
    first = issue(plan, alice, now)
    assert next_number(first.issuer, SIGNED.year) == 2
    assert next_number(first.issuer, SIGNED.year + 1) == 1


def test_decision_twice_refused(awarded_list, plan, alice, funded, now):
    issue(plan, alice, now)
    with pytest.raises(ValidationError, match="đã có quyết định"):
        issue(plan, alice, now)


def test_decision_refused_while_feedback_window_open(awarded_list, plan, alice, funded, now):
    with pytest.raises(ValidationError, match="thời hạn góp ý"):
        issue(plan, alice, now, now=now + 4 * HOUR)


def test_decision_refused_for_bch_member(awarded_list, plan, bch, funded, now):
    with pytest.raises(PermissionDenied):
        issue(plan, bch[1], now)


def test_decision_refused_without_authority_in_force(awarded_list, plan, alice, funded, now):
    from nominations.models import AwardAuthority

    AwardAuthority.objects.filter(unit_kind=plan.issuer.kind).update(valid_to=dt.date(2025, 12, 31))
    with pytest.raises(ValidationError, match="thẩm quyền"):
        issue(plan, alice, now)


def test_overdraw_refused_and_nothing_written(awarded_list, plan, alice, union, now):
    allocate(unit=union, year=SIGNED.year, amount=1_000_000, on=SIGNED, actor=alice)
    with pytest.raises(ValidationError, match="không đủ chi 3.050.000"):
        issue(plan, alice, now)
    assert not Decision.objects.exists()
    assert not AwardRecord.objects.exists()


def test_overdraw_with_chair_override_when_configured(awarded_list, plan, alice, union, now):
    allocate(unit=union, year=SIGNED.year, amount=1_000_000, on=SIGNED, actor=alice)
    Fund.objects.filter(unit=union).update(overdraw=Fund.Overdraw.CHAIR_OVERRIDE)
    with pytest.raises(ValidationError, match="Chủ tịch cần xác nhận"):
        issue(plan, alice, now)
    decision = issue(plan, alice, now, override=True)
    fund = Fund.objects.get(unit=union, year=SIGNED.year)
    assert balance(fund) == 1_000_000 - 3_050_000
    payment = FundMovement.objects.get(decision=decision)
    assert payment.override is True and payment.amount == -3_050_000


def test_base_salary_boundary_1_july_2024():
    assert base_salary_on(dt.date(2024, 6, 30)).amount == 1_800_000
    assert base_salary_on(dt.date(2024, 7, 1)).amount == 2_340_000
    with pytest.raises(ValidationError):
        base_salary_on(dt.date(2023, 6, 30))


def test_decision_signed_30_june_2024_pays_old_base(awarded_list, plan, alice, union, now):
    allocate(unit=union, year=2024, amount=5_000_000, on=dt.date(2024, 1, 2), actor=alice)
    day = dt.date(2024, 6, 30)
    decision = issue(plan, alice, now, issued_on=day, effective_on=day)
    assert decision.base_salary == 1_800_000
    # 1.800.000 × 0,3 = 540.000 exactly; × 1,0 = 1.800.000.
    assert [e.amount for e in decision.entries.order_by("serial")] == [540_000, 1_800_000]


def test_rounding_modes_and_no_floats():
    assert reward_amount(Decimal("0.3"), 2_340_000, round_to=10_000, rounding="up") == 710_000
    assert reward_amount(Decimal("0.3"), 2_340_000, round_to=10_000, rounding="half_up") == 700_000
    assert reward_amount(Decimal("0.3"), 2_340_000, round_to=1, rounding="up") == 702_000
    assert reward_amount(Decimal("0.35"), 2_340_000, round_to=1000, rounding="half_up") == 819_000
    assert isinstance(reward_amount(Decimal("1.5"), 2_340_000, round_to=1, rounding="up"), int)
    with pytest.raises(TypeError):
        reward_amount(0.3, 2_340_000, round_to=1, rounding="up")


def test_rounding_follows_configuration(awarded_list, plan, alice, funded, now):
    RewardRate.objects.filter(award_name="Lao động tiên tiến").update(
        round_to=1000, rounding=RewardRate.Rounding.HALF_UP
    )
    decision = issue(plan, alice, now)
    assert decision.entries.get(serial=1).amount == 702_000


def test_correction_revokes_one_awardee_and_both_show(
    awarded_list, plan, alice, bob, csdt_title, funded, now
):
    decision = issue(plan, alice, now)
    bob_line = decision.entries.get(person=bob)
    correction = correct_decision(
        decision=decision,
        entry=bob_line,
        actor=alice,
        reason="Nhầm danh hiệu",
        new_title=csdt_title,
        issued_on=SIGNED + dt.timedelta(days=3),
        effective_on=SIGNED + dt.timedelta(days=3),
        signer_title="Chủ tịch",
        signer_name="Trần Thị Alice",
    )
    assert correction.amends == decision and correction.number == 2
    assert correction.kind == Decision.Kind.CORRECTION
    # The original is untouched.
    decision.refresh_from_db()
    assert decision.total == 3_050_000 and decision.entries.count() == 2
    revoke, award = correction.entries.order_by("serial")
    assert revoke.action == DecisionEntry.Action.REVOKE and revoke.amends_entry == bob_line
    assert revoke.amount == -710_000 and award.amount == 2_340_000
    assert correction.total == 2_340_000 - 710_000
    assert balance(funded) == 5_000_000 - 3_050_000 - 1_630_000
    # Both records stay; the revoked one no longer counts.
    from nominations.selectors.awards import counted

    titles = set(AwardRecord.objects.filter(person=bob).values_list("title_name", flat=True))
    assert titles == {"Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"}
    assert list(
        counted(AwardRecord.objects.filter(person=bob)).values_list("title_name", flat=True)
    ) == ["Chiến sĩ thi đua cơ sở"]
    with pytest.raises(ValidationError, match="đã được thu hồi"):
        correct_decision(
            decision=decision,
            entry=bob_line,
            actor=alice,
            reason="Lần hai",
            issued_on=SIGNED,
            effective_on=SIGNED,
            signer_title="Chủ tịch",
            signer_name="A",
        )


def test_correction_needs_a_reason_and_the_right_decision(
    awarded_list, plan, alice, bob, funded, now
):
    decision = issue(plan, alice, now)
    line = decision.entries.get(person=bob)
    kwargs = dict(
        actor=alice,
        issued_on=SIGNED,
        effective_on=SIGNED,
        signer_title="Chủ tịch",
        signer_name="A",
    )
    with pytest.raises(ValidationError, match="lý do"):
        correct_decision(decision=decision, entry=line, reason=" ", **kwargs)
    revocation = correct_decision(decision=decision, entry=line, reason="Sai", **kwargs)
    assert revocation.kind == Decision.Kind.REVOCATION
    with pytest.raises(ValidationError, match="không thuộc"):
        correct_decision(decision=revocation, entry=line, reason="x", **kwargs)


def test_allocation_must_be_whole_positive_dong(union, alice, bob):
    with pytest.raises(ValidationError):
        allocate(unit=union, year=2026, amount=0, on=SIGNED, actor=alice)
    with pytest.raises(ValidationError):
        allocate(unit=union, year=2026, amount=1000.5, on=SIGNED, actor=alice)
    with pytest.raises(PermissionDenied):
        allocate(unit=union, year=2026, amount=1000, on=SIGNED, actor=bob)
