"""The rating pages as a chair and a federation officer use them: self-score, verify
with a reason, finalise, publish; the chair then reads the level. Outsiders get 404."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import UnitAssessment
from campaigns.services import ratingschemes
from campaigns.services import unitassessments as services
from portal.models import AuditEntry, OrgUnit
from tests.campaigns.ratings.conftest import LEVELS

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_scheme(fed_plan, federation_staff, union, other_union):
    now = timezone.now()
    return ratingschemes.configure_rating(
        plan=fed_plan,
        actor=federation_staff,
        rated_kind=OrgUnit.Kind.GRASSROOTS_UNION,
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=1),
        objection_days=7,
        levels=LEVELS,
    )


def _url(assessment):
    return reverse("campaigns:assessment_detail", args=[assessment.pk])


def test_rating_from_self_score_to_published_level(
    client, live_scheme, union, other_union, standards, alice, federation_staff
):
    mine = live_scheme.assessments.get(unit=union)
    client.force_login(alice)
    page = client.get(reverse("campaigns:plan_detail", args=[live_scheme.plan.pk]))
    assert _url(mine) in page.content.decode()
    form = {"action": "submit"}
    for c, p in zip(standards, [28, 27, 38], strict=True):
        form[f"c{c.pk}_points"] = str(p)
        form[f"c{c.pk}_evidence"] = "Biên bản"
    response = client.post(_url(mine), form)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == UnitAssessment.Status.SUBMITTED
    # Before publication the chair does not see a level.
    assert 'id="result"' not in client.get(_url(mine)).content.decode()

    client.force_login(federation_staff)
    board = client.get(reverse("campaigns:rating_board", args=[live_scheme.plan.pk]))
    assert union.name in board.content.decode()
    verify = {"action": "verify"}
    for c, p in zip(standards, [28, 20, 38], strict=True):
        verify[f"v{c.pk}_points"] = str(p)
        verify[f"v{c.pk}_reason"] = ""
    refused = client.post(_url(mine), verify)
    assert refused.status_code == 400
    assert "ghi lý do khi điểm thẩm định khác điểm tự chấm" in refused.content.decode()
    verify[f"v{standards[1].pk}_reason"] = "Thiếu biên bản quý 3"
    assert client.post(_url(mine), verify).status_code == 302
    assert client.post(_url(mine), {"action": "finalise"}).status_code == 302
    theirs = live_scheme.assessments.get(unit=other_union)
    for c in standards:
        verify[f"v{c.pk}_points"] = "10"
        verify[f"v{c.pk}_reason"] = "Không nộp tự chấm"
    assert client.post(_url(theirs), verify).status_code == 302
    assert client.post(_url(theirs), {"action": "finalise"}).status_code == 302
    published = client.post(reverse("campaigns:rating_board", args=[live_scheme.plan.pk]))
    assert published.status_code == 302

    client.force_login(alice)
    page = client.get(_url(mine)).content.decode()
    assert "Vững mạnh" in page and "Thiếu biên bản quý 3" in page
    assert 'id="objection"' in page
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"unitassessment.submitted", "unitassessment.verified", "rating.published"} <= actions


def test_chair_cannot_open_another_units_rating(client, live_scheme, other_union, alice):
    theirs = live_scheme.assessments.get(unit=other_union)
    client.force_login(alice)
    assert client.get(_url(theirs)).status_code == 404


def test_chair_cannot_open_the_board(client, live_scheme, alice):
    client.force_login(alice)
    url = reverse("campaigns:rating_board", args=[live_scheme.plan.pk])
    assert client.get(url).status_code == 403


def test_member_does_not_see_the_rating(client, live_scheme, union, bob):
    client.force_login(bob)
    assert client.get(_url(live_scheme.assessments.get(unit=union))).status_code == 404


def test_setup_with_bad_levels_changes_nothing(client, live_scheme, federation_staff):
    client.force_login(federation_staff)
    url = reverse("campaigns:rating_setup", args=[live_scheme.plan.pk])
    response = client.post(
        url,
        {
            "rated_kind": OrgUnit.Kind.GRASSROOTS_UNION,
            "starts_at": "2026-11-01T07:00",
            "ends_at": "2026-11-20T17:00",
            "objection_days": "7",
            "levels": "Vững mạnh | tám mươi",
        },
    )
    assert response.status_code == 400
    assert "Dòng 1: điểm và tỷ lệ phải là số." in response.content.decode()
    assert [lv.name for lv in live_scheme.levels.all()] == [lv["name"] for lv in LEVELS]


def test_setup_saves_window_and_levels(client, fed_plan, federation_staff, union):
    client.force_login(federation_staff)
    url = reverse("campaigns:rating_setup", args=[fed_plan.pk])
    response = client.post(
        url,
        {
            "rated_kind": OrgUnit.Kind.GRASSROOTS_UNION,
            "starts_at": "2026-11-01T07:00",
            "ends_at": "2026-11-20T17:00",
            "objection_days": "5",
            "levels": "Vững mạnh | 80 | 50\nHoàn thành nhiệm vụ | 0",
        },
    )
    assert response.status_code == 302
    scheme = fed_plan.rating_scheme
    assert [(lv.name, lv.min_points, lv.floor_share) for lv in scheme.levels.all()] == [
        ("Vững mạnh", 80, 0.5),
        ("Hoàn thành nhiệm vụ", 0, None),
    ]
    assert scheme.ends_at == dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
    assert [a.unit for a in scheme.assessments.all()] == [union]


def test_rater_grants_an_extension_on_the_page(client, live_scheme, union, alice, federation_staff):
    mine = live_scheme.assessments.get(unit=union)
    client.force_login(alice)
    assert 'id="extension"' not in client.get(_url(mine)).content.decode()
    client.force_login(federation_staff)
    new_deadline = timezone.localtime(
        live_scheme.ends_at + dt.timedelta(days=2), timezone=dt.timezone(dt.timedelta(hours=7))
    )
    form = {"action": "extend", "new_deadline": new_deadline.strftime("%Y-%m-%dT%H:%M")}
    refused = client.post(_url(mine), {**form, "extension_reason": ""})
    assert refused.status_code == 400
    assert "Hãy ghi lý do gia hạn." in refused.content.decode()
    assert not mine.extensions.exists()
    assert (
        client.post(_url(mine), {**form, "extension_reason": "Đơn vị sáp nhập"}).status_code == 302
    )
    client.force_login(alice)
    page = client.get(_url(mine)).content.decode()
    assert "Đơn vị sáp nhập" in page and "đã gia hạn" in page
    assert new_deadline.strftime("%-d/%-m/%Y") in page


def test_the_chair_finds_the_self_assessment_on_the_home_page(
    client, live_scheme, union, alice, federation_staff, bob, standards
):
    mine = live_scheme.assessments.get(unit=union)
    client.force_login(alice)
    home = client.get(reverse("home")).content.decode()
    assert _url(mine) in home and "Tự chấm và nộp" in home
    services.submit_unit_assessment(
        assessment=mine,
        actor=alice,
        data={c.pk: {"points": "10", "evidence": ""} for c in standards},
    )
    home = client.get(reverse("home")).content.decode()
    assert _url(mine) in home and "Sửa và nộp lại" in home
    for other in (bob, federation_staff):  # a member, the rater: not theirs to fill
        client.force_login(other)
        assert _url(mine) not in client.get(reverse("home")).content.decode()
