"""The city in the demo (issue 18): ``ldld_tphcm``, the city federation's officer, above
Gò Vấp's live plan; and ``seed_demo --scale city`` at a tiny scale, its figures rolled up
equal to a recount."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from campaigns.models import Plan
from portal.models import Membership, OrgUnit, Role, User
from reports.models import UnitFigures
from reports.services.rollups import differences

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashes(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_demo_city_officer_sees_the_city_dashboard_down_to_sen_hong(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)

    assert "ldld_tphcm" in out.getvalue()
    officer = User.objects.get(username="ldld_tphcm")
    assert set(Membership.objects.filter(user=officer).values_list("unit__code", "role")) == {
        ("ldld-tphcm", Role.FEDERATION_STAFF)
    }
    govap = Plan.objects.get(issuer__code="ldld-govap", parent__isnull=False)
    city = govap.parent
    assert (city.issuer.code, city.status) == ("ldld-tphcm", Plan.Status.PUBLISHED)
    assert differences() == []

    client.force_login(officer)
    response = client.get(reverse("reports:city_dashboard", args=[city.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert reverse("reports:dashboard", args=[govap.pk]) in text
    assert "LĐLĐ Quận 1" in text  # a district that has not made a plan from the city's
    # Drill down: Gò Vấp's dashboard, then Sen Hồng's row in it.
    response = client.get(reverse("reports:dashboard", args=[govap.pk]))
    assert response.status_code == 200
    assert "CĐCS Trường MN Sen Hồng" in response.content.decode()
    # The city's plan page points to the city dashboard.
    assert (
        reverse("reports:city_dashboard", args=[city.pk])
        in client.get(reverse("campaigns:plan_detail", args=[city.pk])).content.decode()
    )


def test_seed_demo_city_scale_tiny():
    out = StringIO()
    call_command("seed_demo", scale="city", districts=2, units=3, members=4, stdout=out)

    assert "Synthetic city loaded in" in out.getvalue()
    assert "2 districts × 3 CĐCS × 4 members = 24 members" in out.getvalue()
    city = OrgUnit.objects.get(code="ldld-tp-mophong")
    assert city.kind == OrgUnit.Kind.CITY_FEDERATION
    assert (
        Membership.objects.filter(unit__parent__parent=city, role=Role.MEMBER).count() == 2 * 3 * 4
    )
    plan = Plan.objects.get(issuer=city)
    assert Plan.objects.filter(parent__parent=plan).count() == 6
    assert UnitFigures.objects.filter(plan__parent__parent=plan).count() == 6
    assert differences() == []

    again = StringIO()
    call_command("seed_demo", scale="city", districts=2, units=3, members=4, stdout=again)
    assert "synthetic city (ldld-tp-mophong) is already loaded" in again.getvalue()
