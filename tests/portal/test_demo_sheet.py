"""The demo sheet of CĐCS Trường MN Hoa Mai: two rows refused, fixed, imported again."""

from pathlib import Path

import pytest

from portal.models import Membership, OrgUnit, Role
from portal.services import import_matching, imports
from tests.portal.sheets import upload

pytestmark = pytest.mark.django_db

SHEETS = Path(__file__).resolve().parents[2] / "fixtures" / "members"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _run(union, alice, name):
    member_import = imports.start_import(
        unit=union, actor=alice, upload=upload((SHEETS / name).read_bytes(), name)
    )
    preview = import_matching.preview_import(member_import)
    imports.confirm_import(member_import=member_import, actor=alice)
    return preview


def test_sample_sheet_then_fixed_sheet(union, alice):
    first = _run(union, alice, "hoamai.xlsx")

    assert first.counts == {"new": 23, "join": 0, "updated": 0, "unchanged": 0, "error": 2}
    assert [e for r in first.rows for e in r.errors] == [
        "Dòng 10, cột Ngày sinh: '31/02/1985' không phải là ngày hợp lệ",
        "Dòng 18, cột Email: 'thuong.mai@gmail' không phải là địa chỉ email hợp lệ",
    ]
    assert first.new_groups == ["Tổ Chồi", "Tổ Lá", "Tổ Mầm", "Tổ Nhà trẻ", "Tổ Văn phòng"]

    second = _run(union, alice, "hoamai-da-sua.xlsx")

    assert second.counts == {"new": 2, "join": 0, "updated": 0, "unchanged": 23, "error": 0}
    members = Membership.objects.current().filter(unit=union, role=Role.MEMBER)
    assert members.count() == 25
    assert union.children.filter(kind=OrgUnit.Kind.UNION_GROUP).count() == 5
    assert members.get(user__phone="0903112201").user.full_name == "Lê Thị Tuyết Mai"
