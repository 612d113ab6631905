"""Issue 16 item 6: the demo's unit ratings. Gò Vấp rates its CĐCS (Sen Hồng submitted,
the others not); Sen Hồng rates its five tổ; ldld_govap and chutich_senhong finish both
by hand in the browser, one adjustment with its reason included."""

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from campaigns.models import Plan, UnitAssessment
from campaigns.services.ratingschemes import standards

# django-axes counts sign-ins per request; Client.login() passes none of its own.
SIGN_IN = RequestFactory().post("/dang-nhap/")

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)


def _live(code):
    return Plan.objects.get(issuer__code=code, is_historical=False)


def _finish(client, plan):
    """Verify each unit (its own points, or full points when it sent none; the first
    standard one point lower, with a reason), finalise, then publish."""
    for assessment in plan.rating_scheme.assessments.all():
        url = reverse("campaigns:assessment_detail", args=[assessment.pk])
        own = {i.criterion_id: i.self_points for i in assessment.items.all()}
        form = {"action": "verify"}
        for n, c in enumerate(standards(plan)):
            points = own.get(c.pk) if own.get(c.pk) is not None else c.max_points
            form[f"v{c.pk}_points"] = str(points - (1 if n == 0 else 0))
            form[f"v{c.pk}_reason"] = "Thiếu minh chứng" if n == 0 else ""
        assert client.post(url, form).status_code == 302, assessment.unit
        assert client.post(url, {"action": "finalise"}).status_code == 302
    board = reverse("campaigns:rating_board", args=[plan.pk])
    assert client.post(board).status_code == 302


def test_demo_ratings_start_as_the_issue_says(demo):
    federation = _live("ldld-govap")
    statuses = dict(federation.rating_scheme.assessments.values_list("unit__code", "status"))
    assert statuses == {
        "mn-senhong": UnitAssessment.Status.SUBMITTED,
        "mn-hoamai": UnitAssessment.Status.DRAFT,
        "th-levantho": UnitAssessment.Status.DRAFT,
    }
    groups = _live("mn-senhong").rating_scheme.assessments.count()
    assert groups == 5


def test_demo_accounts_finish_both_ratings_by_hand(demo, client):
    federation, senhong = _live("ldld-govap"), _live("mn-senhong")
    client.login(request=SIGN_IN, username="ldld_govap", password="thidua2026")
    _finish(client, federation)
    client.login(request=SIGN_IN, username="chutich_senhong", password="thidua2026")
    _finish(client, senhong)

    mine = federation.rating_scheme.assessments.get(unit__code="mn-senhong")
    page = client.get(reverse("campaigns:assessment_detail", args=[mine.pk])).content.decode()
    # 28 + 23 + 24 + 18 = 93, one point off the first standard: 92.
    assert "Điểm thẩm định: 92." in page and "Thiếu minh chứng" in page
    assert "Vững mạnh xuất sắc" in page
    levels = set(senhong.rating_scheme.assessments.values_list("level__name", flat=True))
    assert levels == {"Tổ công đoàn vững mạnh"}


def test_district_scale_gives_every_cdcs_an_assessment():
    call_command("seed_demo", scale="district", units=10, members=1, verbosity=0)

    plan = Plan.objects.get(issuer__code="ldld-mophong")
    rows = list(
        plan.rating_scheme.assessments.order_by("unit__code").values_list(
            "status", "self_total", "verified_total", "level__name"
        )
    )
    assert len(rows) == 10
    assert [r[0] for r in rows[:5]] == ["draft", "submitted", "submitted", "finalised", "finalised"]
    finalised = [r for r in rows if r[0] == "finalised"]
    assert all(r[2] is not None and r[3] for r in finalised)
    assert rows[0][1] is None  # a union that sent nothing has no self-score
    # Items match their totals.
    sample = plan.rating_scheme.assessments.get(unit__code="mp-004")
    assert sum(i.verified_points for i in sample.items.all()) == sample.verified_total
    assert sum(i.self_points for i in sample.items.all()) == sample.self_total
