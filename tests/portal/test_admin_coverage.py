import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OWN_APPS = ("portal", "campaigns", "nominations", "reports")
# Ballot content is never browsable, administrators included (it would be a running tally).
NOT_IN_ADMIN = {"nominations.Ballot"}


def own_models():
    return [m for m in apps.get_models() if m._meta.app_label in OWN_APPS]


def test_every_model_has_an_admin_except_ballots():
    missing = {m._meta.label for m in own_models() if m not in admin.site._registry} - NOT_IN_ADMIN

    assert missing == set()
    assert apps.get_model("nominations", "Ballot") not in admin.site._registry


def test_every_admin_changelist_opens_for_a_superuser(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    statuses = {
        m._meta.label: client.get(
            reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        ).status_code
        for m in own_models()
        if m in admin.site._registry
    }

    assert {label for label, status in statuses.items() if status != 200} == set()


def test_workflow_records_cannot_be_added_in_admin(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:campaigns_selfreport_add"))

    assert response.status_code == 403
