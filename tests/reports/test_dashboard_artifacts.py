"""Generated files: made by a django-tasks task, shown with progress, served again without
re-rendering while the data is unchanged, made again after a change; a unit sees its own
files, the federation its subtree's, and nobody else (404)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from campaigns.models import SelfReport
from portal.models import Role
from reports.models import Artifact
from reports.services import dashboard as services
from tests.factories import FederationFactory, MembershipFactory, UserFactory
from tests.reports.cascade import build_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def campaign(federation):
    return build_campaign(federation)


@pytest.fixture
def calls(monkeypatch):
    """Count the renderer calls per kind (the real renderer still runs)."""
    counted = {}
    for kind, renderer in list(services.RENDERERS.items()):

        def spy(plan, unit, _renderer=renderer, _kind=kind):
            counted[_kind] = counted.get(_kind, 0) + 1
            return _renderer(plan, unit)

        monkeypatch.setitem(services.RENDERERS, kind, spy)
    return counted


def test_request_artifact_runs_the_task_and_stores_the_file(campaign, calls):
    artifact = services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind="workbook", actor=campaign.staff
    )

    assert artifact.status == Artifact.Status.READY
    assert artifact.task_id != ""
    assert artifact.filename == "tong-hop.xlsx"
    with artifact.file.open("rb") as handle:
        wb = openpyxl.load_workbook(io.BytesIO(handle.read()))
    assert wb.sheetnames[0] == "Đơn vị và tiến độ"
    assert calls == {"workbook": 1}


def test_unchanged_data_is_served_without_rendering_again(campaign, calls):
    first = services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind="summary", actor=campaign.staff
    )
    second = services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind="summary", actor=campaign.staff
    )

    assert second.pk == first.pk
    assert calls == {"summary": 1}


def test_changed_data_is_rendered_again(campaign, calls):
    first = services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind="workbook", actor=campaign.staff
    )
    report = SelfReport.objects.get(member=campaign.members["huongduong"][0])
    report.is_late = True
    report.save()

    second = services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind="workbook", actor=campaign.staff
    )

    assert second.pk != first.pk
    assert second.data_key != first.data_key
    assert calls == {"workbook": 2}


def test_a_new_member_changes_the_key(campaign):
    before = services.data_key(campaign.plan, "workbook")
    MembershipFactory(unit=campaign.hoahong, role=Role.MEMBER)

    assert services.data_key(campaign.plan, "workbook") != before


def test_failed_render_is_recorded_and_retried(campaign, monkeypatch):
    def broken(plan, unit):
        raise RuntimeError("hết bộ nhớ")

    monkeypatch.setitem(services.RENDERERS, "workbook", broken)
    failed = services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind="workbook", actor=campaign.staff
    )
    assert (failed.status, failed.error) == (Artifact.Status.FAILED, "hết bộ nhớ")

    monkeypatch.undo()
    retried = services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind="workbook", actor=campaign.staff
    )
    assert (retried.pk, retried.status) == (failed.pk, Artifact.Status.READY)


def test_documents_not_built_yet_are_refused(campaign):
    with pytest.raises(services.NotAvailable):
        services.request_artifact(
            plan=campaign.plan, unit=campaign.federation, kind="certificates", actor=None
        )
    assert not Artifact.objects.exists()


def test_unit_outside_the_plan_is_refused(campaign):
    other = FederationFactory(code="quan1", name="LĐLĐ Quận 1")

    with pytest.raises(services.ValidationError):
        services.request_artifact(plan=campaign.plan, unit=other, kind="workbook", actor=None)


# --- pages ---------------------------------------------------------------------------------


def test_export_page_offers_the_file_when_ready(client, campaign):
    client.force_login(campaign.staff)

    response = client.post(reverse("reports:export_start", args=[campaign.plan.pk, "workbook"]))

    artifact = Artifact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:artifact_detail", args=[artifact.pk])
    page = client.get(response["Location"])
    assert reverse("reports:artifact_download", args=[artifact.pk]) in page.content.decode()
    download = client.get(reverse("reports:artifact_download", args=[artifact.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert download["Content-Disposition"] == 'attachment; filename="tong-hop-09-kh-ldld-2023.xlsx"'


def test_status_fragment_polls_until_ready(client, campaign):
    artifact = Artifact.objects.create(
        plan=campaign.plan, unit=campaign.federation, kind="workbook", data_key="x"
    )
    client.force_login(campaign.staff)

    pending = client.get(reverse("reports:artifact_status", args=[artifact.pk]))
    Artifact.objects.filter(pk=artifact.pk).update(status=Artifact.Status.FAILED, error="lỗi")
    failed = client.get(reverse("reports:artifact_status", args=[artifact.pk]))

    assert 'hx-trigger="every 2s"' in pending.content.decode()
    assert "hx-trigger" not in failed.content.decode()
    assert "lỗi" in failed.content.decode()


def test_download_of_an_unfinished_file_is_404(client, campaign):
    artifact = Artifact.objects.create(
        plan=campaign.plan, unit=campaign.federation, kind="workbook", data_key="x"
    )
    client.force_login(campaign.staff)

    assert client.get(reverse("reports:artifact_download", args=[artifact.pk])).status_code == 404


def test_export_by_get_does_nothing(client, campaign):
    client.force_login(campaign.staff)

    response = client.get(reverse("reports:export_start", args=[campaign.plan.pk, "workbook"]))

    assert response.status_code == 405
    assert not Artifact.objects.exists()


def test_unit_sees_its_own_file_and_not_another_branch(client, campaign):
    own = services.request_artifact(
        plan=campaign.plan, unit=campaign.senhong, kind="workbook", actor=campaign.chair_senhong
    )
    federation_file = services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind="workbook", actor=campaign.staff
    )
    neighbour = services.request_artifact(
        plan=campaign.plan, unit=campaign.huongduong, kind="workbook", actor=campaign.staff
    )
    client.force_login(campaign.chair_senhong)

    assert own.plan == campaign.senhong_plan
    assert client.get(reverse("reports:artifact_download", args=[own.pk])).status_code == 200
    for other in (federation_file, neighbour):
        assert client.get(reverse("reports:artifact_download", args=[other.pk])).status_code == 404
        assert client.get(reverse("reports:artifact_detail", args=[other.pk])).status_code == 404


def test_federation_downloads_its_subtree_files(client, campaign):
    unit_file = services.request_artifact(
        plan=campaign.plan, unit=campaign.senhong, kind="workbook", actor=campaign.chair_senhong
    )
    client.force_login(campaign.staff)

    assert client.get(reverse("reports:artifact_download", args=[unit_file.pk])).status_code == 200


def test_another_district_gets_404(client, campaign):
    artifact = services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind="workbook", actor=campaign.staff
    )
    outsider = UserFactory(username="outsider")
    MembershipFactory(
        user=outsider, unit=FederationFactory(code="quan1"), role=Role.FEDERATION_STAFF
    )
    client.force_login(outsider)

    assert client.get(reverse("reports:artifact_download", args=[artifact.pk])).status_code == 404
    response = client.post(reverse("reports:export_start", args=[campaign.plan.pk, "workbook"]))
    assert response.status_code == 404


def test_file_left_unfinished_by_a_dead_worker_is_asked_for_again(campaign, calls):
    import datetime as dt

    from django.utils import timezone

    key = services.data_key(campaign.plan, "workbook")
    stuck = Artifact.objects.create(
        plan=campaign.plan,
        unit=campaign.federation,
        kind="workbook",
        data_key=key,
        status=Artifact.Status.RUNNING,
    )
    Artifact.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - services.STALE_AFTER - dt.timedelta(minutes=1)
    )

    again = services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind="workbook", actor=campaign.staff
    )

    assert (again.pk, again.status) == (stuck.pk, Artifact.Status.READY)
    assert calls == {"workbook": 1}


def test_file_being_made_is_not_asked_for_twice(campaign, calls):
    key = services.data_key(campaign.plan, "workbook")
    running = Artifact.objects.create(
        plan=campaign.plan,
        unit=campaign.federation,
        kind="workbook",
        data_key=key,
        status=Artifact.Status.RUNNING,
    )

    same = services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind="workbook", actor=campaign.staff
    )

    assert (same.pk, same.status) == (running.pk, Artifact.Status.RUNNING)
    assert calls == {}
