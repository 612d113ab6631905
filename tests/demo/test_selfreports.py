"""The demo's self-reports on the live Sen Hồng plan (demo/selfreports.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from campaigns.models import (
    Criterion,
    DeadlineExtension,
    Plan,
    Registration,
    SelfReport,
    SelfReportVersion,
    Target,
)
from campaigns.selectors.selfreports import self_report_milestone
from demo.context import DemoContext
from demo.selfreports import _moment, _payload, spec
from nominations.models import Score
from nominations.services.reviews import score_report
from portal.models import AuditEntry, User

pytestmark = pytest.mark.django_db

SUBMITTED = {
    "bgh_senhong",
    "bithu_senhong",
    *(f"senhong{i:02d}" for i in range(1, 13)),
}
DRAFTS = {"senhong13", "senhong14", "senhong15"}
REVISED = {"senhong01", "senhong03"}


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def plan(demo):
    return Plan.objects.get(issuer__code="mn-senhong", is_historical=False)


def client_of(username) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def individual_criteria(plan):
    return list(plan.criteria.filter(target=Target.INDIVIDUAL).order_by("order", "id"))


# --- what is loaded ---------------------------------------------------------------------


def test_demo_selfreports_counts_after_seed_demo(plan):
    reports = SelfReport.objects.filter(plan=plan)
    submitted = set(
        reports.filter(status=SelfReport.Status.SUBMITTED).values_list(
            "member__username", flat=True
        )
    )
    drafts = set(
        reports.filter(status=SelfReport.Status.DRAFT).values_list("member__username", flat=True)
    )
    assert (submitted, drafts) == (SUBMITTED, DRAFTS)
    assert SelfReportVersion.objects.filter(report__plan=plan).count() == 16
    assert set(reports.filter(version=2).values_list("member__username", flat=True)) == REVISED
    assert reports.filter(is_late=True).count() == 0
    assert list(
        DeadlineExtension.objects.filter(plan=plan).values_list("member__username", "status")
    ) == [("senhong16", DeadlineExtension.Status.REQUESTED)]


def test_demo_selfreports_leave_the_browser_member_and_the_reviewers_without_a_report(plan):
    for username in ("doanvien_senhong", "chutich_senhong", "bch_senhong", "senhong16"):
        assert not SelfReport.objects.filter(plan=plan, member__username=username).exists()


def test_demo_selfreports_answer_every_individual_criterion_within_the_window(plan):
    criteria = individual_criteria(plan)
    milestone = self_report_milestone(plan)
    reports = SelfReport.objects.filter(plan=plan, status=SelfReport.Status.SUBMITTED)
    for report in reports.prefetch_related("answers", "titles", "versions"):
        answers = {a.criterion_id: a for a in report.answers.all()}
        assert set(answers) == {c.pk for c in criteria}, report.member
        for c in criteria:
            if c.kind == Criterion.Kind.MET:
                assert answers[c.pk].met in (True, False)
            else:
                assert Decimal(0) <= answers[c.pk].points <= c.max_points
        assert report.narrative
        for version in report.versions.all():
            assert milestone.starts_at <= version.submitted_at < milestone.ends_at
            assert version.submitted_by_id == report.member_id
    met = [a.met for r in reports for a in r.answers.all() if a.met is not None]
    assert met.count(False) == 11 and met.count(True) == 59  # a mix, not all "met"
    applied = {
        r.member.username: sorted(t.name for t in r.titles.all())
        for r in reports.select_related("member")
    }
    assert applied["senhong06"] == [] and applied["senhong10"] == []
    assert applied["senhong08"] == [
        "Chiến sĩ thi đua cơ sở",
        "Gương điển hình tiên tiến cấp Quận",
        "Lao động tiên tiến",
    ]
    assert sum("Chiến sĩ thi đua cơ sở" in names for names in applied.values()) == 5


def test_demo_selfreports_drafts_keep_partial_answers(plan):
    report = SelfReport.objects.get(plan=plan, member__username="senhong14")
    assert (report.status, report.version, report.submitted_at) == ("draft", 0, None)
    assert report.narrative.startswith("Đảm bảo an ninh, trật tự trường học")
    assert [(a.criterion.order, a.met) for a in report.answers.select_related("criterion")] == [
        (1, True)
    ]


def test_demo_selfreports_register_nobody_without_a_registration_window(plan):
    assert Registration.objects.filter(plan=plan).count() == 0


def test_demo_selfreports_audit_log_has_the_submits_and_the_request(plan):
    submits = AuditEntry.objects.filter(action="selfreport.submitted", data__plan=plan.pk)
    assert submits.count() == 16
    assert set(submits.values_list("actor__username", flat=True)) == SUBMITTED
    versions = sorted(submits.values_list("data__version", flat=True))
    assert versions == [1] * 14 + [2] * 2
    # Written in time order: the log reads like the days it stands for.
    moments = [e.data["submitted_at"] for e in submits.order_by("id")]
    assert moments == sorted(moments)
    request = AuditEntry.objects.get(action="selfreport.extension_requested")
    assert (request.actor.username, request.data["reason"].split(",")[0].split(" tại")[0]) == (
        "senhong16",
        "Đang được cử đi bồi dưỡng chuyên đề giáo dục STEAM",
    )


# --- as the BCH and the federation see it ----------------------------------------------


def test_demo_selfreports_bch_overview_counts_the_submitted(plan):
    response = client_of("bch_senhong").get(
        reverse("campaigns:selfreport_overview", args=[plan.pk])
    )
    assert response.status_code == 200
    assert "14/21 đoàn viên đã nộp báo cáo." in response.content.decode()


def test_demo_selfreports_bch_member_scores_one_on_the_review_board(plan):
    bch = User.objects.get(username="bch_senhong")
    board_url = reverse("nominations:review_board", args=[plan.pk])
    board = client_of("bch_senhong").get(board_url).context["board"]
    assert {row.report.member.username for row in board.rows} == SUBMITTED
    assert {row.reviewers_done for row in board.rows} == {0}

    report = SelfReport.objects.get(plan=plan, member__username="senhong05")
    scores = {
        c.pk: {"met": True, "comment": "Đúng minh chứng"}
        if c.kind == Criterion.Kind.MET
        else {"points": "8", "comment": ""}
        for c in individual_criteria(plan)
    }
    stored = score_report(report=report, actor=bch, scores=scores)
    assert stored == len(scores) == Score.objects.filter(report=report, reviewer=bch).count()
    board = client_of("bch_senhong").get(board_url).context["board"]
    assert next(r for r in board.rows if r.report.pk == report.pk).reviewers_done == 1


def test_demo_selfreports_member_cannot_score_reports(plan):
    report = SelfReport.objects.get(plan=plan, member__username="senhong05")
    with pytest.raises(PermissionDenied):
        score_report(
            report=report,
            actor=User.objects.get(username="senhong07"),
            scores={individual_criteria(plan)[0].pk: {"met": True}},
        )
    assert Score.objects.count() == 0


def test_demo_selfreports_federation_dashboard_counts_them(plan):
    response = client_of("ldld_govap").get(reverse("reports:dashboard", args=[plan.parent_id]))
    assert response.status_code == 200
    totals = response.context["board"].totals
    assert (totals.submitted, totals.late) == (14, 0)
    senhong = next(r for r in response.context["board"].rows if r.plan_id == plan.pk)
    assert (senhong.counts.members, senhong.counts.submitted) == (21, 14)


# --- the loader's own checks -------------------------------------------------------------


def test_demo_selfreports_moment_outside_the_window_is_refused(plan):
    ctx = DemoContext(now=self_report_milestone(plan).starts_at + dt.timedelta(hours=10))
    with pytest.raises(ValueError, match="outside the self-report window"):
        _moment(ctx, plan, 20)
    with pytest.raises(ValueError, match="hours_ago must be"):
        _moment(ctx, plan, 41)


def test_demo_selfreports_more_answers_than_criteria_are_refused(plan):
    entry = {"member": "senhong05", "met": [True] * 6, "points": []}
    with pytest.raises(ValueError, match="more answers than the plan has criteria"):
        _payload(entry, individual_criteria(plan), {}, {})


def test_demo_selfreports_fixture_names_only_titles_of_the_plan(plan):
    names = set(plan.titles.filter(target=Target.INDIVIDUAL).values_list("name", flat=True))
    for entry in spec()["reports"]:
        assert set(entry.get("titles", [])) <= names, entry["member"]
