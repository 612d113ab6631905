"""Issue 16 item 3's documents, read back with pdftotext: the pact with the members'
confirmations, the cross-scoring sheet (every unit's for the head, only its own for a
member) and the minutes of the year-end meeting with the standings and the proposals."""

import datetime as dt
import subprocess
import unicodedata

import pytest
from django.urls import reverse

from campaigns.services import clusters as services
from nominations.services.clusters import Pick, propose_from_cluster
from tests.campaigns.clusters.conftest import (
    AFTER,
    chairs,
    cluster,
    fed_plan,
    flag,
    led,
    members,
    merit,
    score_all,
    signed,
    third_union,
)
from tests.system_tools import poppler_tool

pytestmark = pytest.mark.django_db

# The cluster fixtures, shared with tests/campaigns/clusters/.
__all__ = [
    "chairs",
    "cluster",
    "fed_plan",
    "flag",
    "led",
    "members",
    "merit",
    "signed",
    "third_union",
]


def pdftotext(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        [poppler_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(unicodedata.normalize("NFC", out).split())


@pytest.fixture
def scored(signed, chairs, union, other_union, third_union):
    score_all(
        signed,
        chairs,
        {
            union: {other_union: (35, 55), third_union: (20, 40)},
            other_union: {union: (38, 58), third_union: (22, 38)},
            third_union: {union: (36, 54), other_union: (30, 50)},
        },
    )
    return signed


def test_pact_pdf_lists_the_text_and_who_confirmed(client, signed, chairs, union, tmp_path):
    client.force_login(chairs[union])
    response = client.get(reverse("reports:cluster_pact_pdf", args=[signed.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdftotext(response.content, tmp_path)
    assert "GIAO ƯỚC THI ĐUA" in text
    assert "Cụm thi đua các trường mầm non năm 2026" in text
    assert "Các đơn vị cam kết thi đua." in text
    assert "cụm trưởng: CĐCS Trường MN Sen Hồng, cụm phó: CĐCS Trường MN Hoa Hồng" in text
    assert "1. Tổ chức phong trào thi đua: tối đa 40 điểm." in text
    assert "CĐCS Trường MN Sen Hồng (Cụm trưởng) Trần Thị Alice, 15:00:00 ngày 20/1/2026" in text
    assert "TM. CỤM THI ĐUA ĐƠN VỊ CỤM TRƯỞNG Trần Thị Alice" in text


def test_sheet_pdf_is_every_unit_for_the_head_and_its_own_for_a_member(
    client, scored, chairs, union, other_union, tmp_path
):
    client.force_login(chairs[union])
    url = reverse("reports:cluster_sheet_pdf", args=[scored.pk])
    text = pdftotext(client.get(url).content, tmp_path)
    assert "PHIẾU CHẤM CHÉO" in text
    assert "Đơn vị chấm: CĐCS Trường MN Sen Hồng" in text
    assert "CĐCS Trường MN Hoa Hồng 35 55 90" in text
    assert "Đơn vị chấm: CĐCS Trường MN Họa Mi" in text
    assert "CĐCS Trường MN Sen Hồng 36 54 90" in text

    client.force_login(chairs[other_union])
    text = pdftotext(client.get(url).content, tmp_path)
    assert "Đơn vị chấm: CĐCS Trường MN Hoa Hồng" in text
    assert "CĐCS Trường MN Sen Hồng 38 58 96" in text
    assert "Đơn vị chấm: CĐCS Trường MN Sen Hồng" not in text
    assert "Đơn vị chấm: CĐCS Trường MN Họa Mi" not in text


def test_minutes_pdf_has_the_meeting_standings_and_proposals(
    client, scored, chairs, union, other_union, flag, tmp_path
):
    head = chairs[union]
    services.record_meeting(
        cluster=scored,
        actor=head,
        at=AFTER,
        place="Trường MN Sen Hồng",
        notes="Các đơn vị thống nhất kết quả chấm chéo.",
    )
    propose_from_cluster(cluster=scored, actor=head, picks=[Pick(union, flag)], now=AFTER)
    client.force_login(head)
    response = client.get(reverse("reports:cluster_minutes_pdf", args=[scored.pk]))
    text = pdftotext(response.content, tmp_path)
    assert "BIÊN BẢN" in text
    assert "Họp tổng kết Cụm thi đua các trường mầm non năm 2026" in text
    assert "Thời gian: 15:00:00 ngày 1/12/2026. Địa điểm: Trường MN Sen Hồng." in text
    assert "1 CĐCS Trường MN Sen Hồng 2 93 93 6" in text
    assert "2 CĐCS Trường MN Hoa Hồng 2 85 85 10" in text
    assert "CĐCS Trường MN Sen Hồng: đề nghị Cờ thi đua (hạng 1, bình quân 93 điểm)." in text
    assert "Các đơn vị thống nhất kết quả chấm chéo." in text
    # A member that is not the head does not get the minutes.
    client.force_login(chairs[other_union])
    assert client.get(reverse("reports:cluster_minutes_pdf", args=[scored.pk])).status_code == 403


def test_meeting_is_after_the_scoring_deadline(scored, chairs, union):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.record_meeting(
            cluster=scored,
            actor=chairs[union],
            at=AFTER - dt.timedelta(days=3),
            place="Trường MN Sen Hồng",
            notes="",
        )
