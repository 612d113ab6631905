"""Exports are never stale (issue 13): the artifact cache is keyed on what the document
prints, so editing any input it shows gives a new file, and nothing else does.

Before, the key counted rows and took the highest id: an edited section kept the old
text (artifact 16 of the tried portal still printed section 27 as it was)."""

import io
import json

import openpyxl
import pytest

from campaigns.models import PlanSection
from reports.services import dashboard as services
from tests.reports.cascade import build_campaign
from tests.reports.pdf_helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def campaign(federation):
    campaign = build_campaign(federation)
    PlanSection.objects.create(
        plan=campaign.plan, order=1, heading="I. Mục đích", body="Động viên đoàn viên."
    )
    return campaign


def request(campaign, kind):
    return services.request_artifact(
        plan=campaign.plan, unit=campaign.federation, kind=kind, actor=campaign.staff
    )


def workbook_text(artifact) -> str:
    with artifact.file.open("rb") as handle:
        book = openpyxl.load_workbook(io.BytesIO(handle.read()), read_only=True)
    return " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


def rename_member(c):
    member = c.members["senhong"][0]
    member.full_name = "Nguyễn Thị Thu Trang Mới"
    member.save()


def edit_section(c):
    PlanSection.objects.filter(plan=c.plan).update(body="Động viên đoàn viên, sửa lần hai.")


def edit_criterion(c):
    c.crit_met.text = "Chấp hành tốt chủ trương, chính sách"
    c.crit_met.save()


def rename_title(c):
    c.title_ldtt.name = "Lao động tiên tiến xuất sắc"
    c.title_ldtt.save()


def retitle_plan(c):
    c.plan.title = "Sơ kết 03 năm thực hiện Kết luận 01"
    c.plan.save()


def rename_unit(c):
    c.senhong.name = "CĐCS Trường Mầm non Sen Hồng"
    c.senhong.save()


def move_milestone(c):
    c.oct_20.label = "Báo cáo cả năm"
    c.oct_20.save()


# (edit, the document kind that prints it, the new text it must now print)
EDITS = [
    (edit_section, "plan", "sửa lần hai"),
    (edit_criterion, "plan", "chính sách"),
    (rename_title, "plan", "tiên tiến xuất sắc"),
    (retitle_plan, "plan", "Sơ kết 03 năm"),
    (move_milestone, "plan", "Báo cáo cả năm"),
    (rename_member, "workbook", "Thu Trang Mới"),
    (rename_unit, "workbook", "Mầm non Sen Hồng"),
    (retitle_plan, "summary", "Sơ kết 03 năm"),
]


@pytest.mark.parametrize(
    ("edit", "kind", "new_text"), EDITS, ids=lambda v: getattr(v, "__name__", v)
)
def test_editing_what_a_document_prints_gives_a_new_file(campaign, edit, kind, new_text):
    before = request(campaign, kind)

    edit(campaign)
    after = request(campaign, kind)

    assert after.pk != before.pk
    assert after.data_key != before.data_key
    with after.file.open("rb") as handle:
        content = handle.read()
    text = pdf_text(content) if kind != "workbook" else workbook_text(after)
    assert new_text.lower() in " ".join(text.split()).lower()


@pytest.mark.parametrize("kind", ["plan", "summary", "workbook", "ceremony"])
def test_unchanged_data_keeps_the_key(campaign, kind):
    first = services.data_key(campaign.plan, kind)

    assert services.data_key(campaign.plan, kind) == first


def test_an_edit_the_document_does_not_print_keeps_the_file(campaign):
    before = request(campaign, "plan")
    member = campaign.members["senhong"][0]
    member.phone = "0909000111"  # the plan document prints no member
    member.save()

    assert request(campaign, "plan").pk == before.pk


def test_builder_output_with_a_model_instance_is_refused():
    from portal.models import User

    with pytest.raises(TypeError, match="cannot hash User"):
        list(services._canonical({"who": User(username="x")}))


def test_the_key_reads_a_generator_of_rows_and_every_row_counts():
    """The workbook's rows stream into the hash: a generator hashes like the list it
    yields, and a change in its last row gives a new key."""
    rows = [["Nguyễn Văn An", 1], ["Trần Thị Bình", 2]]

    def key(value):
        return "".join(services._canonical(value))

    assert key({"rows": (r for r in rows)}) == key({"rows": rows})
    assert key({"rows": iter([rows[0], ["Trần Thị Bình", 3]])}) != key({"rows": rows})
    assert json.loads(key({"b": [1, "x"], "a": None})) == {"a": None, "b": [1, "x"]}
