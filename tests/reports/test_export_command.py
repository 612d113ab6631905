"""`manage.py export_report`: the same files as the portal, from the command line."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from reports.models import Artifact
from reports.services import dashboard as services
from tests.reports.cascade import build_campaign
from tests.reports.pdf_helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def campaign(federation):
    return build_campaign(federation)


def export(campaign, document, out, unit=None):
    stdout = io.StringIO()
    args = ["--plan", campaign.plan.pk, "--document", document, "--out", str(out)]
    if unit is not None:
        args += ["--unit", unit.pk]
    call_command("export_report", *args, stdout=stdout)
    return stdout.getvalue()


def test_export_workbook_writes_the_file(campaign, tmp_path):
    out = tmp_path / "tonghop.xlsx"

    output = export(campaign, "workbook", out, unit=campaign.federation)

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "Đơn vị và tiến độ",
        "Người được đề nghị",
        "Kết quả tiêu chuẩn",
        "Trễ hạn và còn thiếu",
        "Báo cáo định kỳ",
    ]
    assert output.startswith(f"{out} (")


def test_export_summary_and_plan_pdfs(campaign, tmp_path):
    export(campaign, "summary", tmp_path / "soket.pdf")
    export(campaign, "plan", tmp_path / "kehoach.pdf")

    assert "Sơ kết" in pdf_text((tmp_path / "soket.pdf").read_bytes())
    assert "KẾ HOẠCH" in pdf_text((tmp_path / "kehoach.pdf").read_bytes())


def test_export_of_a_unit_uses_its_own_plan(campaign, tmp_path):
    export(campaign, "workbook", tmp_path / "senhong.xlsx", unit=campaign.senhong)

    artifact = Artifact.objects.get()
    assert (artifact.plan, artifact.unit) == (campaign.senhong_plan, campaign.senhong)
    rows = list(openpyxl.load_workbook(tmp_path / "senhong.xlsx")["Đơn vị và tiến độ"].values)
    assert [r[0] for r in rows[1:]] == ["CĐCS Trường MN Sen Hồng", "Tổng cộng"]


def test_export_reuses_the_file_for_unchanged_data(campaign, tmp_path, monkeypatch):
    calls = []
    real = services.RENDERERS["workbook"]
    monkeypatch.setitem(
        services.RENDERERS, "workbook", lambda plan, unit: calls.append(1) or real(plan, unit)
    )

    export(campaign, "workbook", tmp_path / "a.xlsx")
    export(campaign, "workbook", tmp_path / "b.xlsx")

    assert len(calls) == 1
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


@pytest.mark.parametrize(
    "document, message",
    [
        ("nominations", "Danh sách đề nghị chưa được chốt"),
        ("minutes", "Chưa có biên bản"),
        ("dossier", "Chưa có hồ sơ nào được gửi lên"),
        ("certificates", "Chưa có người được khen thưởng"),
    ],
)
def test_export_of_nomination_documents_not_made_yet_says_so(campaign, tmp_path, document, message):
    with pytest.raises(CommandError, match=message):
        export(campaign, document, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_export_of_a_plan_without_ceremony_explains(campaign, tmp_path):
    with pytest.raises(CommandError, match="Không tạo được tệp: Kế hoạch không có hội nghị"):
        export(campaign, "ceremony", tmp_path / "ct.pdf")


def test_export_of_an_unknown_plan_explains(campaign, tmp_path):
    with pytest.raises(CommandError, match="Không có kế hoạch mã 999999"):
        call_command(
            "export_report", "--plan", 999999, "--document", "plan", "--out", str(tmp_path / "x")
        )
