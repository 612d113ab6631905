# ruff: noqa: F811  (fixtures imported from test_lists)
"""At the federation, a decision is made from the dossiers it received: one decision for
the dossiers waiting, numbered in its own series; a second batch gets the next number."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from nominations.models import Decision, RewardRate
from nominations.services.decisions import issue_decision_from_dossiers
from nominations.services.dossiers import forward_dossier, receive_dossier
from nominations.services.funds import allocate
from tests.nominations.test_decisions import SIGNED
from tests.nominations.test_lists import DAY, cleared, dossier, listed, published  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def rate(db):
    """The district title of the fixtures ("Gương điển hình tiên tiến"): 1.0 × base."""
    return RewardRate.objects.create(
        award_name="Gương điển hình tiên tiến",
        target="individual",
        coefficient=Decimal("1.00"),
        source="Quy chế thi đua, khen thưởng (thử nghiệm)",
        valid_from=dt.date(2020, 1, 1),
    )


@pytest.fixture
def received(dossier, bch, federation_staff, federation, cleared):
    forward_dossier(dossier=dossier, actor=bch[0], now=cleared)
    allocate(
        unit=federation, year=SIGNED.year, amount=50_000_000, on=SIGNED, actor=federation_staff
    )
    return receive_dossier(dossier=dossier, actor=federation_staff, now=cleared)


def signing(**extra):
    return {
        "issued_on": SIGNED.isoformat(),
        "effective_on": SIGNED.isoformat(),
        "signer_title": "Chủ tịch",
        "signer_name": "Võ Thị Cán Bộ",
        **extra,
    }


def test_federation_decides_on_received_dossiers_once(
    rate, received, federation_staff, federation_plan, bob, cleared
):
    decision = issue_decision_from_dossiers(
        plan=federation_plan,
        actor=federation_staff,
        issued_on=SIGNED,
        effective_on=SIGNED,
        signer_title="Chủ tịch",
        signer_name="Võ Thị Cán Bộ",
        now=cleared + DAY,
    )

    assert decision.issuer == federation_plan.issuer
    assert decision.symbol.startswith("01/QĐ-")
    assert [(e.person, e.serial) for e in decision.entries.all()] == [(bob, 1)]
    assert decision.total == 2_340_000  # 1.0 × lương cơ sở of 28/11/2026
    with pytest.raises(ValidationError) as error:  # nothing left waiting
        issue_decision_from_dossiers(
            plan=federation_plan,
            actor=federation_staff,
            issued_on=SIGNED,
            effective_on=SIGNED,
            signer_title="Chủ tịch",
            signer_name="Võ Thị Cán Bộ",
            now=cleared + DAY,
        )
    assert "Không có hồ sơ đã tiếp nhận nào chờ quyết định." in error.value.messages
    assert Decision.objects.count() == 1


def test_federation_staff_issue_it_from_the_incoming_page(
    client, rate, received, federation_staff, federation_plan
):
    client.force_login(federation_staff)
    incoming = client.get(reverse("nominations:incoming", args=[federation_plan.pk]))
    page_url = reverse("nominations:decision_from_dossiers", args=[federation_plan.pk])
    assert page_url in incoming.content.decode()
    page = client.get(page_url).content.decode()
    assert "Lê Văn Bob" in page and "CĐCS Trường MN Sen Hồng" in page

    response = client.post(page_url, signing())

    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:decision_detail", args=[decision.pk])
    again = client.get(page_url).content.decode()
    assert "Không có hồ sơ đã tiếp nhận nào chờ quyết định." in again
    assert decision.symbol in again


def test_bad_form_changes_nothing(client, received, federation_staff, federation_plan):
    client.force_login(federation_staff)
    url = reverse("nominations:decision_from_dossiers", args=[federation_plan.pk])
    response = client.post(url, signing(issued_on="31/02/2026"))
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_the_sending_chair_cannot_decide_at_the_federation(
    client, received, alice, federation_plan
):
    client.force_login(alice)
    url = reverse("nominations:decision_from_dossiers", args=[federation_plan.pk])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, signing()).status_code in (403, 404)
    assert not Decision.objects.exists()


def test_a_title_without_a_coefficient_is_refused_with_its_name(
    client, received, federation_staff, federation_plan
):
    client.force_login(federation_staff)
    url = reverse("nominations:decision_from_dossiers", args=[federation_plan.pk])
    response = client.post(url, signing(), follow=True)
    assert "Chưa có hệ số tiền thưởng cho “Gương điển hình tiên tiến”" in response.content.decode()
    assert not Decision.objects.exists()
