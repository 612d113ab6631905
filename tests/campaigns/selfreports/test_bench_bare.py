"""The deadline rush compares like with like (issue 18): the benchmark's bare endpoint
writes what the real submit writes — the same snapshot, files list included, the same
audit chain, the same receipt mail — so its throughput is a fair yardstick."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from campaigns.models import EvidenceFile, SelfReport, SelfReportVersion
from portal.models import AuditEntry
from tests.campaigns.selfreports.test_submit_queries import page_data

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]


def test_bare_endpoint_stores_the_real_submits_snapshot(
    client, bob, live_plan, django_capture_on_commit_callbacks
):
    bob.email = "bob@example.vn"
    bob.save()
    client.force_login(bob)
    data = page_data(live_plan)
    with django_capture_on_commit_callbacks(execute=True):
        real = client.post(reverse("campaigns:selfreport_fill", args=[live_plan.pk]), data)
    assert real.status_code == 302
    report = SelfReport.objects.get(plan=live_plan, member=bob)
    EvidenceFile.objects.create(
        report=report,
        file="minh-chung/giay-khen.pdf",
        original_name="Giấy khen.pdf",
        mime="application/pdf",
        size=1234,
        uploaded_at=timezone.now(),
        uploaded_by=bob,
    )
    with django_capture_on_commit_callbacks(execute=True):
        real = client.post(reverse("campaigns:selfreport_fill", args=[live_plan.pk]), data)
        bare = client.post(reverse("bench_bare_submit", args=[live_plan.pk]), data)

    assert (real.status_code, bare.status_code) == (302, 302)
    first, by_real, by_bare = SelfReportVersion.objects.filter(report=report).order_by("number")
    assert by_bare.snapshot == by_real.snapshot
    assert by_real.snapshot != first.snapshot  # the files list is read, not assumed empty
    assert by_bare.snapshot["files"] == [
        {
            "id": report.files.get().pk,
            "name": "Giấy khen.pdf",
            "size": 1234,
            "mime": "application/pdf",
        }
    ]
    assert {a["text"] for a in by_bare.snapshot["answers"]} == set(
        live_plan.criteria.values_list("text", flat=True)
    )
    entries = AuditEntry.objects.filter(object_id=str(report.pk)).order_by("id")
    assert [(e.action, e.chain) for e in entries][-2:] == [
        ("selfreport.submitted", f"u{report.unit_id}"),
        ("bench.bare_submit", f"u{report.unit_id}"),
    ]
    assert [m.to for m in mail.outbox] == [["bob@example.vn"]] * 3  # a receipt each


def test_bare_endpoint_moves_the_rolled_up_figures_as_the_real_submit_does(client, bob, live_plan):
    """The real submit adds to its plan's UnitFigures in its transaction; so must the bare
    endpoint, or the rush would compare the real path against one statement fewer."""
    from reports.models import UnitFigures
    from reports.services.rollups import differences, recount

    recount()
    assert UnitFigures.objects.get(plan=live_plan).submitted == 0
    client.force_login(bob)
    data = page_data(live_plan)
    url = reverse("bench_bare_submit", args=[live_plan.pk])

    assert client.post(url, data).status_code == 302
    assert UnitFigures.objects.get(plan=live_plan).submitted == 1  # a first submit counts
    assert client.post(url, data).status_code == 302
    figures = UnitFigures.objects.get(plan=live_plan)
    assert (figures.submitted, figures.late) == (1, 0)  # a resubmit does not count again
    assert differences() == []  # equal to a recount from the reports themselves
