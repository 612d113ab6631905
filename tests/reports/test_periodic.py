"""Periodic reports (W9, seed 002: due 20/5 and 20/10): the chair writes and sends, the
figures are frozen when sent, on time / late / missing by the deadline module, the
federation reads them per unit."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import SelfReport
from portal.models import AuditEntry, Role
from reports.models import PeriodicReport
from reports.services.periodic import save_periodic_report, send_periodic_report
from tests.factories import FederationFactory, MembershipFactory, UserFactory
from tests.reports.cascade import NOW, at, build_campaign, submit

pytestmark = pytest.mark.django_db

SECTIONS = {"results": "Đã học tập chuyên đề năm 2023", "difficulties": "", "proposals": "Không"}


@pytest.fixture
def campaign(federation):
    return build_campaign(federation)


def test_send_freezes_the_figures(campaign):
    report = save_periodic_report(
        milestone=campaign.oct_20,
        unit=campaign.senhong,
        actor=campaign.chair_senhong,
        sections=SECTIONS,
    )

    sent = send_periodic_report(report=report, actor=campaign.chair_senhong, now=NOW)

    assert sent.status == PeriodicReport.Status.SENT
    assert sent.sent_at == NOW
    assert sent.sent_by == campaign.chair_senhong
    assert {
        k: sent.figures[k]
        for k in ("members", "submitted", "late", "missing", "pending", "forwarded")
    } == {
        "members": 4,
        "submitted": 2,
        "late": 1,
        "missing": 1,
        "pending": 0,
        "forwarded": 1,
    }
    assert sent.figures["forwarded_by_title"] == {"Lao động tiên tiến": 1}
    assert sent.figures["review_final"] is True
    assert AuditEntry.objects.filter(action="periodic_report.send").get().data["late"] is False


def test_figures_do_not_change_after_sending(campaign):
    report = save_periodic_report(
        milestone=campaign.oct_20,
        unit=campaign.senhong,
        actor=campaign.chair_senhong,
        sections=SECTIONS,
    )
    send_periodic_report(report=report, actor=campaign.chair_senhong, now=NOW)

    submit(campaign.senhong_plan, campaign.members["senhong"][3], late=True)

    report.refresh_from_db()
    assert (report.figures["late"], report.figures["missing"]) == (1, 1)
    assert SelfReport.objects.filter(plan=campaign.senhong_plan, is_late=True).count() == 2


def test_sent_report_cannot_be_edited_or_sent_again(campaign):
    report = PeriodicReport.objects.get(unit=campaign.senhong, milestone=campaign.may_20)

    with pytest.raises(ValidationError, match="Báo cáo đã gửi, không sửa được nữa."):
        save_periodic_report(
            milestone=campaign.may_20,
            unit=campaign.senhong,
            actor=campaign.chair_senhong,
            sections=SECTIONS,
        )
    with pytest.raises(ValidationError, match="Báo cáo này đã được gửi."):
        send_periodic_report(report=report, actor=campaign.chair_senhong, now=NOW)
    report.refresh_from_db()
    assert report.results == "Đã tổ chức học tập chuyên đề"


def test_empty_report_cannot_be_sent(campaign):
    report = save_periodic_report(
        milestone=campaign.oct_20,
        unit=campaign.senhong,
        actor=campaign.chair_senhong,
        sections={"results": "  ", "difficulties": "", "proposals": ""},
    )

    with pytest.raises(ValidationError, match="Hãy viết nội dung báo cáo trước khi gửi."):
        send_periodic_report(report=report, actor=campaign.chair_senhong, now=NOW)
    report.refresh_from_db()
    assert report.status == PeriodicReport.Status.DRAFT


def test_report_sent_after_the_due_date_is_accepted_as_late(campaign):
    report = save_periodic_report(
        milestone=campaign.may_20,
        unit=campaign.hoahong,
        actor=campaign.chair_hoahong,
        sections=SECTIONS,
    )

    send_periodic_report(report=report, actor=campaign.chair_hoahong, now=NOW)

    assert AuditEntry.objects.filter(action="periodic_report.send").get().data["late"] is True
    from reports.builders.dashboard import build_dashboard

    row = next(
        r
        for r in build_dashboard(campaign.plan, now=NOW).rows
        if r.unit_name == "CĐCS Trường MN Hoa Hồng"
    )
    assert (row.counts.periodic_late, row.counts.periodic_missing) == (1, 0)


def test_report_sent_one_second_before_the_deadline_is_on_time(campaign):
    from reports.builders.dashboard import build_dashboard

    report = save_periodic_report(
        milestone=campaign.oct_20,
        unit=campaign.hoahong,
        actor=campaign.chair_hoahong,
        sections=SECTIONS,
    )
    send_periodic_report(report=report, actor=campaign.chair_hoahong, now=at(2023, 10, 19, 23, 59))

    board = build_dashboard(campaign.plan, now=at(2023, 10, 21))
    row = next(r for r in board.rows if r.unit_name == "CĐCS Trường MN Hoa Hồng")
    assert (row.counts.periodic_on_time, row.counts.periodic_missing) == (1, 1)


def test_a_unit_that_is_not_a_child_cannot_report(campaign):
    grandchild = campaign.senhong.children.get()  # the union group

    with pytest.raises(ValidationError):
        save_periodic_report(
            milestone=campaign.may_20,
            unit=grandchild,
            actor=campaign.chair_senhong,
            sections=SECTIONS,
        )
    assert PeriodicReport.objects.count() == 2


# --- pages ---------------------------------------------------------------------------------


def edit_url(campaign, milestone=None, unit=None):
    milestone = milestone or campaign.oct_20
    unit = unit or campaign.senhong
    return reverse("reports:periodic_edit", args=[milestone.pk, unit.pk])


def test_chair_saves_a_draft_then_sends(client, campaign):
    client.force_login(campaign.chair_senhong)

    draft = client.post(edit_url(campaign), {**SECTIONS, "save": ""})
    report = PeriodicReport.objects.get(milestone=campaign.oct_20, unit=campaign.senhong)
    assert draft.status_code == 302
    assert report.status == PeriodicReport.Status.DRAFT

    sent = client.post(edit_url(campaign), {**SECTIONS, "send": ""})
    report.refresh_from_db()
    assert sent["Location"] == reverse("reports:periodic_detail", args=[report.pk])
    assert report.status == PeriodicReport.Status.SENT
    assert report.results == "Đã học tập chuyên đề năm 2023"


def test_form_page_shows_the_live_figures(client, campaign):
    client.force_login(campaign.chair_senhong)

    response = client.get(edit_url(campaign))

    assert response.status_code == 200
    assert response.context["figures"]["members"] == 4


def test_member_cannot_write_the_units_report(client, campaign):
    client.force_login(campaign.members["senhong"][2])

    response = client.post(edit_url(campaign), {**SECTIONS, "send": ""})

    assert response.status_code == 403
    assert not PeriodicReport.objects.filter(milestone=campaign.oct_20).exists()


def test_chair_of_another_union_cannot_write_for_senhong(client, campaign):
    client.force_login(campaign.chair_hoahong)

    response = client.get(edit_url(campaign))

    assert response.status_code == 404  # Sen Hồng is not a unit Hoa Hồng's chair sees


def test_federation_lists_reports_per_unit(client, campaign):
    client.force_login(campaign.staff)

    response = client.get(reverse("reports:periodic_list", args=[campaign.plan.pk]))

    assert response.status_code == 200
    items = {
        r.unit_name: [(label, str(state)) for label, state, _id, _m in r.periodic_items]
        for r in response.context["board"].all_rows
    }
    # The page runs on the real clock, long after 20/10/2023: nobody sent that one.
    assert items == {
        "CĐCS Trường MN Hoa Hồng": [("Báo cáo 6 tháng", "missing"), ("Báo cáo năm", "missing")],
        "CĐCS Trường MN Sen Hồng": [("Báo cáo 6 tháng", "on_time"), ("Báo cáo năm", "missing")],
        "CĐCS Trường TH Hướng Dương": [("Báo cáo 6 tháng", "late"), ("Báo cáo năm", "missing")],
    }


def test_federation_reads_a_sent_report_and_the_outsider_gets_404(client, campaign):
    report = PeriodicReport.objects.get(unit=campaign.senhong, milestone=campaign.may_20)
    outsider = UserFactory(username="outsider")
    MembershipFactory(
        user=outsider, unit=FederationFactory(code="quan1"), role=Role.FEDERATION_STAFF
    )

    client.force_login(campaign.staff)
    ok = client.get(reverse("reports:periodic_detail", args=[report.pk]))
    client.force_login(campaign.chair_hoahong)
    neighbour = client.get(reverse("reports:periodic_detail", args=[report.pk]))
    client.force_login(outsider)
    hidden = client.get(reverse("reports:periodic_detail", args=[report.pk]))

    assert ok.status_code == 200
    assert "Đã tổ chức học tập chuyên đề" in ok.content.decode()
    assert (neighbour.status_code, hidden.status_code) == (404, 404)


def test_unit_chair_cannot_list_the_federations_reports(client, campaign):
    client.force_login(campaign.chair_senhong)

    response = client.get(reverse("reports:periodic_list", args=[campaign.plan.pk]))

    assert response.status_code == 403


def test_due_items_list_unsent_reports_for_the_chair(campaign):
    from portal.due import due_items_for

    items = [i for i in due_items_for(campaign.chair_hoahong, NOW) if "Báo cáo định kỳ" in i.title]

    assert [(i.title, i.status, i.url) for i in items] == [
        (
            "Báo cáo định kỳ gửi LĐLĐ Quận Gò Vấp: Báo cáo 6 tháng",
            "Chưa gửi",
            reverse("reports:periodic_edit", args=[campaign.may_20.pk, campaign.hoahong.pk]),
        ),
        (
            "Báo cáo định kỳ gửi LĐLĐ Quận Gò Vấp: Báo cáo năm",
            "Chưa gửi",
            reverse("reports:periodic_edit", args=[campaign.oct_20.pk, campaign.hoahong.pk]),
        ),
    ]


def test_due_items_drop_a_sent_report(campaign):
    from portal.due import due_items_for

    items = [i for i in due_items_for(campaign.chair_senhong, NOW) if "Báo cáo định kỳ" in i.title]

    assert [i.title for i in items] == ["Báo cáo định kỳ gửi LĐLĐ Quận Gò Vấp: Báo cáo năm"]
