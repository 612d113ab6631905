"""Issue 11, "what members and reviewers see": collective criteria belong to the unit,
a decimal self-score survives, an autosave changes only what it sends, one number
format everywhere."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse

from campaigns.models import Criterion, Plan, SelfReport, Target, UnitCriterionScore
from campaigns.selectors.selfreports import own_report
from campaigns.services.selfreports import save_draft
from campaigns.services.unitscores import score_unit_criteria
from portal.audit import AuditEntry
from portal.vietnamese import format_number, format_percent, format_points, machine_number
from tests.factories import CriterionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def collective(live_plan):
    return CriterionFactory(
        plan=live_plan,
        kind=Criterion.Kind.MET,
        order=4,
        required=True,
        target=Target.COLLECTIVE,
        text="100% đoàn viên hoàn thành nhiệm vụ",
    )


def _criteria(plan):
    return plan.criteria.filter(target=Target.INDIVIDUAL).order_by("order")


# --- 1. collective criteria belong to the unit ----------------------------------------


def test_collective_criterion_is_not_on_the_members_form(client, bob, live_plan, collective):
    client.force_login(bob)
    html = client.get(reverse("campaigns:selfreport_fill", args=[live_plan.pk])).content.decode()

    assert "Gương mẫu chấp hành" in html
    assert collective.text not in html
    assert f'id="criterion-{collective.pk}"' not in html


def test_member_cannot_answer_a_collective_criterion(bob, live_plan, collective):
    with pytest.raises(ValidationError):
        save_draft(
            report=own_report(live_plan, bob),
            actor=bob,
            data={"answers": {collective.pk: {"met": True, "evidence": ""}}},
        )


def test_chair_scores_the_collective_criterion_on_the_unit_assessment(
    client, alice, live_plan, collective
):
    client.force_login(alice)
    url = reverse("campaigns:unit_assessment", args=[live_plan.pk])
    page = client.get(url).content.decode()
    assert collective.text in page
    assert "Gương mẫu chấp hành" not in page  # individual criteria stay on members' forms

    response = client.post(url, {f"c{collective.pk}_met": "1", f"c{collective.pk}_note": "18/18"})

    assert response.status_code == 302
    score = UnitCriterionScore.objects.get(criterion=collective)
    assert (score.met, score.note, score.scored_by) == (True, "18/18", alice)
    assert AuditEntry.objects.filter(action="unitassessment.scored").count() == 1
    plan_page = client.get(live_plan.get_absolute_url()).content.decode()
    assert url in plan_page


def test_member_may_not_score_the_unit(client, bob, live_plan, collective):
    client.force_login(bob)
    url = reverse("campaigns:unit_assessment", args=[live_plan.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {f"c{collective.pk}_met": "1"}).status_code == 403
    with pytest.raises(PermissionDenied):
        score_unit_criteria(plan=live_plan, actor=bob, scores={collective.pk: {"met": True}})
    assert not UnitCriterionScore.objects.exists()


def test_closed_plan_unit_assessment_is_read_only(alice, live_plan, collective):
    Plan.objects.filter(pk=live_plan.pk).update(status=Plan.Status.CLOSED)
    with pytest.raises(PermissionDenied):
        score_unit_criteria(plan=live_plan, actor=alice, scores={collective.pk: {"met": True}})


def test_unit_assessment_refuses_individual_criteria(alice, live_plan, collective):
    individual = _criteria(live_plan).first()
    with pytest.raises(ValidationError):
        score_unit_criteria(plan=live_plan, actor=alice, scores={individual.pk: {"met": True}})
    assert not UnitCriterionScore.objects.exists()


# --- 2. a decimal self-score survives ----------------------------------------------------


def test_decimal_self_score_is_a_machine_number_in_the_input_and_survives_resubmit(
    client, bob, live_plan
):
    client.force_login(bob)
    c1, c2, c3 = _criteria(live_plan)
    url = reverse("campaigns:selfreport_fill", args=[live_plan.pk])
    data = {
        f"c{c1.pk}_met": "1",
        f"c{c1.pk}_evidence": "",
        f"c{c2.pk}_points": "8.5",
        f"c{c2.pk}_evidence": "",
        f"c{c3.pk}_evidence": "",
        "narrative": "Làm theo Bác",
        "action": "submit",
    }
    assert client.post(url, data).status_code == 302

    html = client.get(url).content.decode()
    assert 'value="8.50"' in html
    assert 'value="8,50"' not in html

    # The browser sends back what the input shows: the value survives a resubmission.
    data[f"c{c2.pk}_points"] = "8.50"
    assert client.post(url, data).status_code == 302
    report = SelfReport.objects.get(member=bob, plan=live_plan)
    assert report.version == 2
    assert report.versions.get(number=2).snapshot["answers"][1]["points"] == "8.50"
    detail = client.get(reverse("campaigns:selfreport_detail", args=[report.pk])).content.decode()
    assert "8,5/10" in detail
    assert "8.50 / 10.00" not in detail


def test_one_vietnamese_number_format():
    assert format_number(Decimal("8.50")) == "8,5"
    assert format_number(Decimal("10.00")) == "10"
    assert format_points("8.50", "10.00") == "8,5/10"
    assert format_percent(Fraction(6, 7)) == "85,7%"
    assert format_percent(Decimal("0.8")) == "80%"
    assert format_percent(0.755) == "75,5%"
    assert format_percent(None) == "—"
    assert machine_number(Decimal("8.5")) == "8.5"
    assert machine_number(None) == ""
    html = Template(
        "{{ p|vi_points:m }} {{ s|vi_percent }} {{ a|vi_ratio:b }} {{ p|machine_number }} "
        "{{ d|vi_date }}"
    ).render(
        Context(
            {"p": Decimal("8.50"), "m": Decimal("10"), "s": Fraction(6, 7), "a": 6, "b": 7}
            | {"d": dt.date(2026, 12, 5)}
        )
    )
    assert html == "8,5/10 85,7% 85,7% 8.50 5/12/2026"


# --- 3. autosave changes only what it sends ----------------------------------------------


def test_empty_autosave_keeps_narrative_and_answers(client, bob, live_plan):
    client.force_login(bob)
    c1, c2, c3 = _criteria(live_plan)
    report = save_draft(
        report=own_report(live_plan, bob),
        actor=bob,
        data={
            "narrative": "Làm theo Bác mỗi ngày",
            "titles": [live_plan.titles.get(target=Target.INDIVIDUAL).pk],
            "answers": {
                c1.pk: {"met": True, "evidence": "Giấy khen"},
                c2.pk: {"points": Decimal("7.5"), "evidence": "Hồ sơ"},
            },
        },
    )

    response = client.post(reverse("campaigns:selfreport_autosave", args=[live_plan.pk]), {})

    assert response.status_code == 200
    report.refresh_from_db()
    assert report.narrative == "Làm theo Bác mỗi ngày"
    assert report.titles.count() == 1
    answers = {a.criterion_id: a for a in report.answers.all()}
    assert (answers[c1.pk].met, answers[c1.pk].evidence) == (True, "Giấy khen")
    assert (answers[c2.pk].points, answers[c2.pk].evidence) == (Decimal("7.50"), "Hồ sơ")


def test_autosave_of_one_field_changes_that_field_only(client, bob, live_plan):
    client.force_login(bob)
    c1, c2, c3 = _criteria(live_plan)
    save_draft(
        report=own_report(live_plan, bob),
        actor=bob,
        data={"narrative": "Cũ", "answers": {c2.pk: {"points": "6", "evidence": "Hồ sơ"}}},
    )

    client.post(
        reverse("campaigns:selfreport_autosave", args=[live_plan.pk]),
        {f"c{c2.pk}_evidence": "Hồ sơ mới"},
    )

    report = SelfReport.objects.get(member=bob, plan=live_plan)
    answer = report.answers.get(criterion=c2)
    assert (answer.points, answer.evidence) == (Decimal("6.00"), "Hồ sơ mới")
    assert report.narrative == "Cũ"


def test_unticking_every_title_on_the_page_clears_them(client, bob, live_plan):
    client.force_login(bob)
    save_draft(
        report=own_report(live_plan, bob),
        actor=bob,
        data={"titles": [live_plan.titles.get(target=Target.INDIVIDUAL).pk]},
    )
    html = client.get(reverse("campaigns:selfreport_fill", args=[live_plan.pk])).content.decode()
    assert 'name="titles_shown"' in html

    client.post(
        reverse("campaigns:selfreport_autosave", args=[live_plan.pk]),
        {"titles_shown": "1", "narrative": ""},
    )

    assert SelfReport.objects.get(member=bob, plan=live_plan).titles.count() == 0


def test_dossier_leaves_collective_criteria_out_of_the_members_answers(live_plan, collective):
    from reports.builders.dossiers import _answers, _individual_answers

    individual = _criteria(live_plan).first()
    snapshot = [  # a report submitted while members still saw the collective criterion
        {"criterion_id": individual.pk, "kind": "met", "text": individual.text, "met": True},
        {"criterion_id": collective.pk, "kind": "met", "text": collective.text, "met": None},
    ]

    lines = _answers(_individual_answers(live_plan, snapshot))

    assert [line.criterion for line in lines] == [individual.text.rstrip(".;")]
    assert all(line.assessment != "Chưa tự đánh giá" for line in lines)
