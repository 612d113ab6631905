"""The deadline-rush path stays lean: a submit through the page costs a fixed, small
number of SQL statements (whatever the number of criteria), and the plan's structure,
read once per plan version, is never stale after a change."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.deadlines import Window, window_of
from campaigns.forms.selfreports import SelfReportForm
from campaigns.models import (
    Criterion,
    DeadlineExtension,
    Milestone,
    Plan,
    SelfReport,
    SelfReportVersion,
)
from campaigns.selectors.selfreports import (
    member_window,
    self_report_milestone,
    self_report_windows,
)
from portal.models import AuditEntry
from tests.campaigns.selfreports.conftest import DEADLINE, START
from tests.factories import CriterionFactory, MilestoneFactory

pytestmark = pytest.mark.django_db

# session, user, memberships, plan (the policy); the report row locked with its plan's
# status; the window and the member's extension; answers upsert; titles; files for the
# snapshot; version insert; report update; the audit entry (savepoint, chain lock on
# PostgreSQL, last hash, insert, release); the transaction's savepoint in a test; the
# plan row locked to see whether the BCH finalised its review (issue 11). 18 on SQLite,
# 19 on PostgreSQL (the bare writes alone: 13 and 14).
SUBMIT_MAX_QUERIES = 19


def page_data(plan, *, action="submit", points="8", titles=None) -> dict:
    data = {"narrative": "Làm theo Bác mỗi ngày", "action": action}
    for c in plan.criteria.order_by("order", "id"):
        if c.kind == Criterion.Kind.MET:
            data[f"c{c.pk}_met"] = "1"
        else:
            data[f"c{c.pk}_points"] = points
        data[f"c{c.pk}_evidence"] = "Giấy khen"
    if titles is None:
        titles = [plan.titles.get(target="individual").pk]
    data["titles"] = titles
    return data


def _url(plan):
    return reverse("campaigns:selfreport_fill", args=[plan.pk])


def _submit_queries(client, plan) -> int:
    data = page_data(plan)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(_url(plan), data)
    assert response.status_code == 302, response.content.decode()[:500]
    return len(queries)


def test_submit_query_count_is_bounded(client, bob, live_plan, django_assert_max_num_queries):
    client.force_login(bob)
    assert client.post(_url(live_plan), page_data(live_plan)).status_code == 302  # row made

    data = page_data(live_plan)
    with django_assert_max_num_queries(SUBMIT_MAX_QUERIES):
        response = client.post(_url(live_plan), data)

    assert response.status_code == 302
    report = SelfReport.objects.get(plan=live_plan, member=bob)
    assert report.version == 2
    assert list(report.versions.values_list("number", flat=True).order_by("number")) == [1, 2]
    assert AuditEntry.objects.filter(action="selfreport.submitted").count() == 2


def test_submit_query_count_does_not_grow_with_criteria(client, bob, live_plan):
    client.force_login(bob)
    client.post(_url(live_plan), page_data(live_plan))
    with_three = _submit_queries(client, live_plan)

    for order in range(4, 14):
        CriterionFactory(plan=live_plan, kind=Criterion.Kind.POINTS, max_points=10, order=order)
    client.post(_url(live_plan), page_data(live_plan))  # reads the new structure once
    with_thirteen = _submit_queries(client, live_plan)

    assert with_thirteen == with_three
    assert SelfReportVersion.objects.filter(report__member=bob).count() == 4


def test_submit_with_cold_cache_reads_structure_once(client, bob, live_plan):
    client.force_login(bob)
    client.post(_url(live_plan), page_data(live_plan))
    warm = _submit_queries(client, live_plan)

    cache.clear()
    cold = _submit_queries(client, live_plan)

    assert cold == warm + 2  # criteria and titles, once each for form and service


def test_submit_sees_lowered_maximum_at_once(client, bob, live_plan):
    client.force_login(bob)
    assert client.post(_url(live_plan), page_data(live_plan, points="8")).status_code == 302
    criterion = live_plan.criteria.get(kind=Criterion.Kind.POINTS)
    criterion.max_points = 5
    criterion.save()

    response = client.post(_url(live_plan), page_data(live_plan, points="8"))

    assert response.status_code == 200
    assert "Điểm tối đa của tiêu chuẩn này là 5." in response.content.decode()
    assert SelfReport.objects.get(plan=live_plan, member=bob).version == 1


def test_submit_refuses_title_deleted_after_cached(client, bob, live_plan):
    client.force_login(bob)
    assert client.post(_url(live_plan), page_data(live_plan)).status_code == 302
    title = live_plan.titles.get(target="individual")
    title_pk = title.pk
    title.delete()

    response = client.post(_url(live_plan), page_data(live_plan, titles=[title_pk]))

    assert response.status_code == 200
    assert SelfReport.objects.get(plan=live_plan, member=bob).version == 1


def test_submit_sees_new_criterion_at_once(client, bob, live_plan):
    client.force_login(bob)
    assert client.post(_url(live_plan), page_data(live_plan)).status_code == 302
    added = CriterionFactory(plan=live_plan, kind=Criterion.Kind.MET, order=9, required=True)

    response = client.post(_url(live_plan), page_data(live_plan))

    assert response.status_code == 302
    version = SelfReport.objects.get(plan=live_plan, member=bob).versions.get(number=2)
    assert [a["criterion_id"] for a in version.snapshot["answers"]][-1] == added.pk


def test_submit_to_plan_without_window_is_404_and_stores_nothing(client, bob, live_plan):
    client.force_login(bob)
    live_plan.milestones.filter(kind=Milestone.Kind.SELF_REPORT).delete()

    response = client.post(_url(live_plan), page_data(live_plan))

    assert response.status_code == 404
    assert SelfReport.objects.filter(plan=live_plan).count() == 0
    assert AuditEntry.objects.filter(action__startswith="selfreport.").count() == 0


# --- the one-query window agrees with the ORM's answers ------------------------------


def _extension(plan, member, status, new_deadline):
    return DeadlineExtension.objects.create(
        plan=plan,
        member=member,
        reason="Ốm",
        requested_at=new_deadline - dt.timedelta(days=3),
        status=status,
        new_deadline=new_deadline,
    )


def test_self_report_windows_matches_milestone_and_personal_deadline(plan, bob, erin):
    later = DEADLINE + dt.timedelta(days=1, microseconds=999)
    MilestoneFactory(
        plan=plan, kind=Milestone.Kind.SELF_REPORT, starts_at=START, ends_at=later
    )  # the last window counts
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.REGISTRATION,
        starts_at=START,
        ends_at=later + dt.timedelta(days=9),
    )
    granted = later + dt.timedelta(hours=5, microseconds=1)
    _extension(plan, bob, DeadlineExtension.Status.GRANTED, granted - dt.timedelta(hours=1))
    _extension(plan, bob, DeadlineExtension.Status.GRANTED, granted)
    _extension(plan, bob, DeadlineExtension.Status.REFUSED, granted + dt.timedelta(days=1))
    _extension(plan, erin, DeadlineExtension.Status.GRANTED, granted + dt.timedelta(days=2))

    original, window = self_report_windows(plan, bob)

    assert original == window_of(self_report_milestone(plan))
    assert original == Window(START, later)
    assert window == member_window(plan, bob)
    assert window == Window(START, granted)
    assert self_report_windows(plan, erin)[1].ends_at == granted + dt.timedelta(days=2)


def test_self_report_windows_without_extension_or_window(plan, live_plan, bob):
    assert self_report_windows(plan, bob) == (Window(START, DEADLINE), Window(START, DEADLINE))
    live_plan.milestones.all().delete()
    assert self_report_windows(live_plan, bob) is None


def test_fill_page_offers_cached_titles_and_keeps_choice(client, bob, live_plan):
    client.force_login(bob)
    individual = live_plan.titles.get(target="individual")
    assert client.post(_url(live_plan), page_data(live_plan)).status_code == 302

    html = client.get(_url(live_plan)).content.decode()

    assert html.count('name="titles"') == 1  # the collective title is not offered
    assert f'name="titles" value="{individual.pk}" id="id_titles_0" checked>' in html
    # The whole row is the label (a tap target of 44 px or more).
    assert re.search(
        r'<label class="option-row[^"]*" for="id_titles_0">\s*<input[^>]+>\s*'
        rf"<span>{re.escape(str(individual))}</span>\s*</label>",
        html,
    )


@pytest.mark.parametrize("titles", [["999999"], ["999999", "x"]])
def test_submit_refuses_unknown_title_as_the_queryset_field_did(client, bob, live_plan, titles):
    client.force_login(bob)
    data = page_data(live_plan, titles=titles)

    response = client.post(_url(live_plan), data)

    assert response.status_code == 200
    reference = SelfReportForm(
        data,
        criteria=list(live_plan.criteria.order_by("order", "id")),
        titles=live_plan.titles.filter(target="individual"),
    )
    assert not reference.is_valid()
    assert response.context["form"].errors["titles"] == reference.errors["titles"]
    assert SelfReport.objects.filter(plan=live_plan).count() == 0


def test_criterion_change_is_seen_by_other_processes(client, bob, live_plan):
    """Each process has its own cache: a change made elsewhere must show in the plan's
    stamp, which every request reads from the database."""
    client.force_login(bob)
    assert client.post(_url(live_plan), page_data(live_plan, points="8")).status_code == 302
    before = Plan.objects.get(pk=live_plan.pk).updated_at
    entry = cache.get(f"campaigns.selfreport.structure:{live_plan.pk}")
    criterion = live_plan.criteria.get(kind=Criterion.Kind.POINTS)
    criterion.max_points = 5
    criterion.save()
    cache.set(f"campaigns.selfreport.structure:{live_plan.pk}", entry)  # another process's

    response = client.post(_url(live_plan), page_data(live_plan, points="8"))

    assert Plan.objects.get(pk=live_plan.pk).updated_at > before
    assert response.status_code == 200
    assert "Điểm tối đa của tiêu chuẩn này là 5." in response.content.decode()
    assert SelfReport.objects.get(plan=live_plan, member=bob).version == 1
