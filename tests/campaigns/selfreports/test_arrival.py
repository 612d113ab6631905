"""A submit that reached the front proxy before the deadline is taken even when a worker
starts on it after the deadline; the refusal says when the request arrived."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Milestone, SelfReport
from portal.arrival import parse_request_start
from portal.vietnamese import format_moment
from tests.campaigns.selfreports.conftest import _with_criteria
from tests.campaigns.selfreports.test_views import form_data
from tests.factories import MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def just_closed(union):
    """A plan whose self-report deadline passed two seconds ago (late reports refused)."""
    now = timezone.now()
    plan = PlanFactory(issuer=union, title="Kế hoạch vừa hết hạn nộp")
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.SELF_REPORT,
        starts_at=now - dt.timedelta(days=5),
        ends_at=now - dt.timedelta(seconds=2),
    )
    return _with_criteria(plan)


def _stamp(moment: dt.datetime) -> str:
    return f"t={moment.timestamp():.3f}"


def _submit(client, plan, **headers):
    return client.post(
        reverse("campaigns:selfreport_fill", args=[plan.pk]), form_data(plan), headers=headers
    )


def test_submit_stamped_before_deadline_by_trusted_proxy_is_taken(
    client, bob, just_closed, settings
):
    settings.ARRIVAL_HEADER = "X-Request-Start"
    client.force_login(bob)
    deadline = just_closed.milestones.get().ends_at
    stamp = _stamp(deadline - dt.timedelta(milliseconds=100))

    response = _submit(client, just_closed, x_request_start=stamp)

    assert response.status_code == 302
    report = SelfReport.objects.get(member=bob, plan=just_closed)
    assert report.status == "submitted"
    assert report.versions.get().submitted_at == parse_request_start(stamp) < deadline


def test_stamp_from_an_untrusted_header_is_ignored(client, bob, just_closed, settings):
    settings.ARRIVAL_HEADER = ""
    client.force_login(bob)
    deadline = just_closed.milestones.get().ends_at

    response = _submit(
        client, just_closed, x_request_start=_stamp(deadline - dt.timedelta(milliseconds=100))
    )

    assert response.status_code == 200
    assert "đã quá hạn chót" in response.content.decode()
    assert SelfReport.objects.get(member=bob, plan=just_closed).status == "draft"


def test_without_the_header_the_first_middleware_time_is_judged_and_said(
    client, bob, just_closed, settings, monkeypatch
):
    """The view runs "later" than the request arrived: the refusal names the arrival."""
    settings.ARRIVAL_HEADER = "X-Request-Start"
    client.force_login(bob)
    arrived = timezone.now()
    monkeypatch.setattr("portal.arrival.timezone.now", lambda: arrived)

    response = _submit(client, just_closed)

    html = response.content.decode()
    assert response.status_code == 200
    assert f"yêu cầu nộp của bạn gửi đến lúc {format_moment(arrived)}" in html
