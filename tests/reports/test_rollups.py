"""The rolled-up figures (reports.models.UnitFigures) stay equal to a recount from
scratch while the real services change the facts: submit, resubmit (on time, then late),
score, nominate, withdraw, a member added and one leaving. And the command that checks
and repairs them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from campaigns.models import Criterion, Milestone, SelfReport, Target
from campaigns.services.selfreports import submit_self_report
from nominations.services.nominations import propose_nomination, withdraw_nomination
from nominations.services.reviews import finalise_review, score_report
from portal.models import EndReason, Role
from portal.services.members import add_member, end_membership
from reports.models import UnitFigures
from reports.services.rollups import count_figures, differences, recount
from tests.factories import (
    CriterionFactory,
    MembershipFactory,
    MilestoneFactory,
    PlanFactory,
    TitleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(union, federation):
    now = timezone.now()
    parent = PlanFactory(issuer=federation, title="Kế hoạch của LĐLĐ")
    plan = PlanFactory(
        issuer=union, parent=parent, title="Kế hoạch thi đua đang mở", late_policy="accept_late"
    )
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.SELF_REPORT,
        starts_at=now - dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=5),
    )
    CriterionFactory(plan=plan, kind=Criterion.Kind.MET, order=1, text="Gương mẫu chấp hành")
    TitleFactory(plan=plan, name="Lao động tiên tiến", target=Target.INDIVIDUAL)
    TitleFactory(plan=plan, name="Tập thể lao động tiên tiến", target=Target.COLLECTIVE)
    return plan


def people(union):
    made = {}
    for name, roles in [
        ("bob", [Role.MEMBER]),
        ("erin", [Role.MEMBER]),
        ("dave", [Role.MEMBER, Role.BCH_MEMBER]),
    ]:
        user = UserFactory(username=name, full_name=f"Nguyễn Văn {name.title()}")
        for role in roles:
            MembershipFactory(user=user, unit=union, role=role)
        made[name] = user
    return made


def data(plan):
    criterion = plan.criteria.get()
    return {
        "narrative": "Làm theo Bác mỗi ngày",
        "titles": [plan.titles.get(target=Target.INDIVIDUAL).pk],
        "answers": {criterion.pk: {"met": True, "evidence": "Giấy khen"}},
    }


def submit(plan, member, now=None):
    report = SelfReport(plan=plan, member=member, unit=plan.issuer)
    return submit_self_report(report=report, actor=member, data=data(plan), now=now)


def row(plan) -> dict:
    r = UnitFigures.objects.get(plan=plan)
    return {
        "members": r.members,
        "submitted": r.submitted,
        "late": r.late,
        "scored": r.scored,
        "nominated": r.nominated,
    }


def test_rollups_equal_a_recount_after_each_service_call(live, union, alice):
    p = people(union)
    recount()  # the rows of the plans the factories made (services make their own)
    assert row(live) == {"members": 4, "submitted": 0, "late": 0, "scored": 0, "nominated": 0}

    submit(live, p["bob"])
    assert differences() == []
    submit(live, p["bob"])  # resubmit: counted once
    submit(live, p["erin"])
    assert differences() == []
    assert row(live)["submitted"] == 2

    after_deadline = timezone.now() + dt.timedelta(days=6)
    submit(live, p["erin"], now=after_deadline)  # a late resubmit moves erin to "late"
    assert differences() == []
    assert row(live) == {
        "members": 4,
        "submitted": 1,
        "late": 1,
        "scored": 0,
        "nominated": 0,
    }

    bob_report = SelfReport.objects.get(plan=live, member=p["bob"])
    score_report(report=bob_report, actor=p["dave"], scores={live.criteria.get().pk: {"met": True}})
    assert row(live)["scored"] == 1
    erin_report = SelfReport.objects.get(plan=live, member=p["erin"])
    score_report(
        report=erin_report,
        actor=p["dave"],
        scores={live.criteria.get().pk: {"met": False}},
        now=after_deadline + dt.timedelta(hours=1),
    )
    assert row(live)["scored"] == 2
    later = after_deadline + dt.timedelta(days=1)
    finalise_review(plan=live, actor=alice, now=later)
    assert UnitFigures.objects.get(plan=live).review_final
    assert differences() == []

    collective = live.titles.get(target=Target.COLLECTIVE)
    nomination = propose_nomination(
        plan=live,
        title=collective,
        actor=alice,
        collective=union,
        now=later,
    )
    assert row(live)["nominated"] == 1
    withdraw_nomination(nomination=nomination, actor=alice, reason="Chưa đủ điều kiện")
    assert row(live)["nominated"] == 0
    assert differences() == []

    added = add_member(
        unit=union,
        actor=alice,
        starts_on=timezone.localdate() - dt.timedelta(days=30),
        full_name="Hồ Thị Mới",
        phone="0901234567",
    )
    assert row(live)["members"] == 5
    end_membership(
        membership=added,
        actor=alice,
        ends_on=timezone.localdate() - dt.timedelta(days=1),
        reason=EndReason.TRANSFER,
    )
    assert row(live)["members"] == 4
    assert differences() == []


def test_first_submit_adds_one_statement_and_resubmit_none(live, union):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    p = people(union)
    recount()
    with CaptureQueriesContext(connection) as first:
        submit(live, p["bob"])
    rollup = [q["sql"] for q in first.captured_queries if "reports_unitfigures" in q["sql"]]
    assert len(rollup) == 1 and rollup[0].startswith("UPDATE")
    with CaptureQueriesContext(connection) as again:
        submit(live, p["bob"])
    assert not [q for q in again.captured_queries if "reports_unitfigures" in q["sql"]]


def test_a_plan_without_its_row_gets_it_counted_on_first_submit(live, union):
    p = people(union)
    assert not UnitFigures.objects.filter(plan=live).exists()
    submit(live, p["bob"])
    assert row(live)["submitted"] == 1
    assert row(live)["members"] == 3  # bob, erin, dave


def test_a_failed_submit_leaves_the_figures_as_they_were(live, union):
    p = people(union)
    recount()
    bad = data(live) | {"answers": {live.criteria.get().pk: {"met": None}}}
    with pytest.raises(ValidationError):
        submit_self_report(
            report=SelfReport(plan=live, member=p["bob"], unit=union), actor=p["bob"], data=bad
        )
    assert row(live)["submitted"] == 0


def test_a_submit_failing_after_the_signal_leaves_the_figures_as_they_were(
    live, union, monkeypatch
):
    """The failure comes after figures_changed was sent, inside the submit's atomic block
    (its audit entry cannot be written): the receiver's UPDATE is rolled back with the
    report. Were the signal sent outside the transaction (after it, or on commit), no
    signal would have been sent when the failure came and this test fails."""
    from campaigns.services import selfreports
    from portal.signals import figures_changed

    p = people(union)
    recount()
    sent = []

    def spy(sender, signal, **kwargs):
        sent.append((sender, kwargs))

    def audit_store_down(**kwargs):
        assert sent, "the failure must come after the signal"
        raise RuntimeError("audit store down")

    figures_changed.connect(spy, dispatch_uid="test-rollup-spy", weak=False)
    monkeypatch.setattr(selfreports, "record", audit_store_down)
    try:
        with pytest.raises(RuntimeError, match="audit store down"):
            submit(live, p["bob"])
    finally:
        figures_changed.disconnect(dispatch_uid="test-rollup-spy")
    assert sent == [(SelfReport, {"plan_id": live.pk, "deltas": {"submitted": 1}})]
    assert not SelfReport.objects.filter(plan=live, member=p["bob"]).exists()
    assert row(live)["submitted"] == 0
    assert differences() == []


def test_command_check_finds_and_recount_repairs(live, union, capsys):
    people(union)
    call_command("rollup_figures")
    call_command("rollup_figures", "--check")
    UnitFigures.objects.filter(plan=live).update(members=99, late=3)
    with pytest.raises(CommandError, match="2 rolled-up figures differ"):
        call_command("rollup_figures", "--check")
    assert UnitFigures.objects.get(plan=live).members == 99  # --check writes nothing
    call_command("rollup_figures")
    assert "2 differences found; 1 rows written" in capsys.readouterr().out
    assert differences() == []
    assert count_figures([live.pk])[live.pk]["members"] == 3


def test_closing_a_unit_ends_its_members_in_the_figures(live, union, alice):
    from portal.services.units import close_unit

    people(union)
    recount()
    assert row(live)["members"] == 4
    close_unit(unit=union, actor=alice, closed_on=timezone.localdate())
    assert row(live)["members"] == 0
    assert differences() == []
