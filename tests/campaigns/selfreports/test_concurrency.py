"""Two submits racing (two tabs, a double click) on PostgreSQL with real threads: the row
lock gives one consistent history, versions 1 and 2, nothing lost or doubled. SQLite
serialises writers anyway and has no SELECT ... FOR UPDATE, so these run on PostgreSQL."""

import re
import threading
import urllib.parse
import urllib.request

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from campaigns.models import SelfReport, SelfReportVersion
from campaigns.selectors.selfreports import own_report
from campaigns.services.selfreports import save_draft, submit_self_report
from portal.models import AuditEntry, User
from tests.campaigns.selfreports.conftest import BEFORE, answers

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks (SELECT ... FOR UPDATE) need PostgreSQL")


def race(*jobs):
    """Run the jobs at once in threads; return their results and errors."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []

    def run(job):
        try:
            barrier.wait(timeout=10)
            results.append(job())
        except Exception as exc:  # noqa: BLE001  (reported by the assertion below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def test_racing_submits_make_versions_one_and_two(plan, bob):
    report = save_draft(report=own_report(plan, bob), actor=bob, data=answers(plan), now=BEFORE)

    def submit(points):
        def job():
            fresh = SelfReport.objects.get(pk=report.pk)
            actor = User.objects.get(pk=bob.pk)
            data = answers(plan, points=points)
            return submit_self_report(report=fresh, actor=actor, data=data, now=BEFORE).number

        return job

    results, errors = race(submit("7"), submit("9"))

    assert errors == []
    assert sorted(results) == [1, 2]
    versions = list(SelfReportVersion.objects.filter(report=report).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert len({v.receipt_code for v in versions}) == 2
    report.refresh_from_db()
    assert (report.version, report.receipt_code) == (2, versions[1].receipt_code)
    # The working copy holds what the second version froze: no lost update.
    assert (
        str(report.answers.get(criterion__order=2).points)
        == versions[1].snapshot["answers"][1]["points"]
    )
    assert AuditEntry.objects.filter(action="selfreport.submitted").count() == 2


def test_double_click_on_a_new_report_through_the_page(live_plan, bob):
    c1, c2, c3 = live_plan.criteria.order_by("order")
    data = {
        f"c{c1.pk}_met": "1",
        f"c{c2.pk}_points": "8",
        f"c{c3.pk}_met": "0",
        "narrative": "Hai cú nhấp",
        "action": "submit",
    }
    url = reverse("campaigns:selfreport_fill", args=[live_plan.pk])

    def click():
        client = Client()
        client.force_login(User.objects.get(pk=bob.pk))
        return client.post(url, data).status_code

    results, errors = race(click, click)

    assert errors == []
    assert results == [302, 302]
    report = SelfReport.objects.get(plan=live_plan, member=bob)  # one report, not two
    assert list(report.versions.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_two_tabs_submitting_over_http_at_once(live_server, live_plan, bob):
    """Real HTTP requests to the threaded live server: one session, two tabs at once."""
    session = Client()
    session.force_login(bob)
    url = live_server.url + reverse("campaigns:selfreport_fill", args=[live_plan.pk])
    cookies = f"sessionid={session.cookies['sessionid'].value}"
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies})) as page:
        csrf_cookie = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"]).group(1)
        html = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    c1, c2, c3 = live_plan.criteria.order_by("order")
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            f"c{c1.pk}_met": "1",
            f"c{c2.pk}_points": "8",
            f"c{c3.pk}_met": "0",
            "narrative": "Hai thẻ cùng nộp",
            "action": "submit",
        }
    ).encode()
    headers = {"Cookie": f"{cookies}; csrftoken={csrf_cookie}", "Referer": url}

    def tab():
        request = urllib.request.Request(url, data=body, headers=headers)
        with urllib.request.build_opener(NoRedirect).open(request) as response:
            return response.status, response.headers["Location"]

    results, errors = race(tab, tab)

    assert errors == []
    report = SelfReport.objects.get(plan=live_plan, member=bob)
    receipt = reverse("campaigns:selfreport_receipt", args=[report.pk])
    assert results == [(302, receipt), (302, receipt)]
    assert list(report.versions.order_by("number").values_list("number", flat=True)) == [1, 2]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp
