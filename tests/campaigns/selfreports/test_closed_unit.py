"""A closed union is history: its members' roles end the day before it closes, nobody
can report in it any more, and what they did stays readable."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import Plan
from campaigns.permissions.selfreports import can_edit_self_report
from campaigns.selectors.selfreports import own_report
from campaigns.services.selfreports import submit_self_report
from portal.models import EndReason, Membership
from portal.services import members, units
from tests.campaigns.selfreports.conftest import answers
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def close(union, group, actor, on):
    units.close_unit(unit=group, actor=actor, closed_on=on)
    units.close_unit(unit=union, actor=actor, closed_on=on)


def test_closing_ends_every_open_membership_the_day_before(
    union, group, alice, bob, erin, federation_staff
):
    on = dt.date(2026, 6, 1)
    close(union, group, federation_staff, on)

    rows = Membership.objects.filter(unit__in=[union, group])
    assert rows.count() == 3  # alice, bob and erin
    assert {(r.ends_on, r.end_reason) for r in rows} == {
        (dt.date(2026, 5, 31), EndReason.UNIT_CLOSED)
    }
    bob.refresh_from_db()
    assert bob.is_active  # the person keeps their account


def test_members_of_a_closed_union_can_no_longer_report(
    client, union, group, bob, federation_staff, live_plan
):
    submitted = submit_self_report(
        report=own_report(live_plan, bob), actor=bob, data=answers(live_plan)
    ).report
    close(union, group, federation_staff, dt.date.today())

    client.force_login(bob)
    fill = reverse("campaigns:selfreport_fill", kwargs={"pk": live_plan.pk})
    assert client.get(fill).status_code in (403, 404)
    assert client.post(fill, {"action": "draft"}).status_code in (403, 404)
    # What they did stays theirs to read.
    detail = client.get(reverse("campaigns:selfreport_detail", kwargs={"pk": submitted.pk}))
    assert detail.status_code == 200


def test_a_report_cannot_be_edited_once_its_union_closed(union, group, bob, federation_staff):
    plan = PlanFactory(issuer=union, status=Plan.Status.PUBLISHED)
    report = own_report(plan, bob)
    assert can_edit_self_report(bob, report)
    close(union, group, federation_staff, dt.date(2026, 6, 1))
    plan.issuer.refresh_from_db()
    assert not can_edit_self_report(bob, report)


def test_chair_cannot_end_one_membership_as_unit_closed(union, alice, bob):
    row = Membership.objects.get(user=bob, unit=union)
    with pytest.raises(ValidationError):
        members.end_membership(
            membership=row, actor=alice, ends_on=dt.date(2026, 6, 1), reason=EndReason.UNIT_CLOSED
        )
    row.refresh_from_db()
    assert row.ends_on is None


def test_end_membership_form_does_not_offer_unit_closed(client, union, alice, bob):
    client.force_login(alice)
    row = Membership.objects.get(user=bob, unit=union)
    page = client.get(reverse("member_edit", kwargs={"pk": row.pk}))
    assert page.status_code == 200
    assert 'value="retirement"' in page.content.decode()
    assert 'value="unit_closed"' not in page.content.decode()
