# ruff: noqa: F811  (fixtures imported from test_decisions)
"""The chair's way from the published list to a signed decision, in pages; the PDFs and
sheets that follow; who may see them."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from nominations.models import Decision
from tests.nominations.test_decisions import SIGNED, awarded_list, csdt_title, funded  # noqa: F401
from tests.reports.pdf_helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def after_window(now, monkeypatch):
    from django.utils import timezone

    later = now + __import__("datetime").timedelta(days=7)
    monkeypatch.setattr(timezone, "now", lambda: later)
    return later


def post_decision(client, plan, **extra):
    data = {
        "issued_on": SIGNED.isoformat(),
        "effective_on": SIGNED.isoformat(),
        "signer_title": "Chủ tịch",
        "signer_name": "Trần Thị Alice",
        **extra,
    }
    return client.post(reverse("nominations:decision_new", args=[plan.pk]), data)


def test_chair_issues_decision_and_documents_follow(
    client,
    alice,
    bob,
    plan,
    awarded_list,
    funded,
    after_window,  # noqa: F811
):
    client.force_login(alice)
    page = client.get(reverse("nominations:list_page", args=[plan.pk]))
    assert reverse("nominations:decision_new", args=[plan.pk]) in page.content.decode()
    response = post_decision(client, plan)
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:decision_detail", args=[decision.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "01/QĐ-CĐCS-MNSH" in detail and "3.050.000" in detail

    text = pdf_text(client.get(reverse("reports:decision_pdf", args=[decision.pk])).content)
    for expected in (
        "QUYẾT ĐỊNH",
        "Số: 01/QĐ-CĐCS-MNSH",
        "Căn cứ Luật Thi đua, khen thưởng",
        "Điều 1.",
        "Điều 2.",
        "Điều 3.",
        "Nơi nhận",
        "2.340.000 đồng",
        "710.000",
        "3.050.000",
        "Lê Văn Bob",
    ):
        assert expected in text, expected

    certificates = pdf_text(client.get(reverse("reports:certificates_pdf", args=[plan.pk])).content)
    assert "Số: 01/QĐ-CĐCS-MNSH ngày 28/11/2026" in certificates
    assert "Số vào sổ: 01" in certificates and "Số vào sổ: 02" in certificates

    payment = pdf_text(client.get(reverse("reports:payment_pdf", args=[decision.pk])).content)
    assert "Ký nhận" in payment and "710.000" in payment
    sheet = client.get(reverse("reports:payment_xlsx", args=[decision.pk]))
    ws = load_workbook(io.BytesIO(sheet.content)).active
    amounts = [row[4] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert amounts[-1] == 3_050_000 and all(isinstance(a, int) for a in amounts)

    fund = client.get(reverse("nominations:fund_page", args=[plan.issuer.pk, SIGNED.year]))
    assert "1.950.000" in fund.content.decode()  # 5.000.000 − 3.050.000
    ledger = pdf_text(
        client.get(reverse("reports:fund_pdf", args=[plan.issuer.pk, SIGNED.year])).content
    )
    assert "1.950.000" in ledger

    client.force_login(bob)
    mine = client.get(reverse("nominations:history_mine")).content.decode()
    assert "Lao động tiên tiến" in mine and "01/QĐ-CĐCS-MNSH" in mine
    assert client.get(reverse("nominations:decision_detail", args=[decision.pk])).status_code == 404
    assert client.get(reverse("reports:decision_pdf", args=[decision.pk])).status_code == 404
    history = client.get(reverse("reports:my_history_xlsx"))
    ws = load_workbook(io.BytesIO(history.content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows[0][4] == "Lao động tiên tiến" and "01/QĐ-CĐCS-MNSH" in rows[0][5]


def test_member_may_not_issue(client, bob, plan, awarded_list, funded, after_window):  # noqa: F811
    client.force_login(bob)
    assert post_decision(client, plan).status_code == 403
    assert not Decision.objects.exists()


def test_overdraw_refused_in_the_page(client, alice, plan, awarded_list, after_window):  # noqa: F811
    client.force_login(alice)
    response = post_decision(client, plan)
    assert response.status_code == 200
    assert "không đủ chi" in response.content.decode()
    assert not Decision.objects.exists()


def test_correction_in_the_page_shows_both(
    client,
    alice,
    bob,
    plan,
    awarded_list,
    funded,
    csdt_title,
    after_window,  # noqa: F811
):
    client.force_login(alice)
    post_decision(client, plan)
    decision = Decision.objects.get()
    line = decision.entries.get(person=bob)
    response = client.post(
        reverse("nominations:decision_correct", args=[decision.pk]),
        {
            "issued_on": SIGNED.isoformat(),
            "effective_on": SIGNED.isoformat(),
            "signer_title": "Chủ tịch",
            "signer_name": "Trần Thị Alice",
            "entry": line.pk,
            "new_title": csdt_title.pk,
            "reason": "Nhầm danh hiệu",
        },
    )
    correction = Decision.objects.get(amends=decision)
    assert response["Location"] == reverse("nominations:decision_detail", args=[correction.pk])
    original = client.get(reverse("nominations:decision_detail", args=[decision.pk])).content
    assert "02/QĐ-CĐCS-MNSH" in original.decode()
    unit = client.get(reverse("nominations:history_unit", args=[plan.issuer.pk])).content.decode()
    assert "Đã thu hồi theo Quyết định số 02/QĐ-CĐCS-MNSH" in unit
    assert unit.count("Lê Văn Bob") == 2
    text = pdf_text(client.get(reverse("reports:decision_pdf", args=[correction.pk])).content)
    assert "Sửa đổi Quyết định số 01/QĐ-CĐCS-MNSH" in text and "thu hồi" in text
