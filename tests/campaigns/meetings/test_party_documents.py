"""Party documents numbered the party's way everywhere (issue 11): "Số 01-KH/CB", never
"01/KH-CB"; the chi bộ's summary report has its own template, not the union's."""

import pytest
from django.urls import reverse

from reports.models import Artifact
from reports.services import RENDERERS
from tests.campaigns.meetings.factories import ThematicMeetingFactory
from tests.reports.pdf_helpers import pdf_text

pytestmark = pytest.mark.django_db


def test_party_plan_symbol_is_numbered_the_partys_way(plan):
    plan.number = 1
    plan.save()

    assert plan.symbol == "01-KH/CB"


def test_union_plan_symbol_keeps_the_state_layout(union):
    from tests.factories import PlanFactory

    union_plan = PlanFactory(issuer=union, number=8, doc_type="KH")
    assert union_plan.symbol == "08/KH-CĐCS-MNSH"


def test_party_plan_page_shows_the_party_number(client, plan, secretary):
    plan.number = 1
    plan.save()
    client.force_login(secretary)

    html = client.get(reverse("campaigns:plan_detail", args=[plan.pk])).content.decode()

    assert "Số 01-KH/CB" in html
    assert "01/KH-CB" not in html


def test_cell_summary_report_has_its_own_template(plan):
    plan.number = 1
    plan.save()
    ThematicMeetingFactory(plan=plan, quarter=2, topic="Học tập và làm theo Bác")

    pdf, extension = RENDERERS[Artifact.Kind.SUMMARY](plan, plan.issuer)

    text = pdf_text(pdf)
    assert extension == "pdf"
    assert "Tổng số đoàn viên" not in text
    assert "(Chưa viết.)" not in text
    assert "Học tập và làm theo Bác" in text
    assert "01-KH/CB" in text
    assert "Chi bộ đã tổ chức 0/1 buổi sinh hoạt" in text
