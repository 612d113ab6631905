"""Member sheets: preview, confirm, re-import, and every refusal."""

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.models import AuditEntry, MemberImport, Membership, OrgUnit, PastAward, Role, User
from portal.services import import_matching, import_sheets, imports, members
from tests.factories import MembershipFactory, UserFactory
from tests.portal.sheets import HEADERS, member, upload, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def start(union, actor, content, kind="members", name="danh-sach.xlsx"):
    return imports.start_import(unit=union, actor=actor, upload=upload(content, name), kind=kind)


def run(union, actor, content, kind="members"):
    member_import = start(union, actor, content, kind)
    return imports.confirm_import(member_import=member_import, actor=actor)


def errors(preview):
    return [e for row in preview.rows for e in row.errors]


def test_preview_writes_nothing_and_says_new(union, alice):
    users = User.objects.count()
    member_import = start(union, alice, xlsx([member("Trần Thị Hoa", "0901234567")]))

    preview = import_matching.preview_import(member_import)

    assert [r.status for r in preview.rows] == ["new"]
    assert User.objects.count() == users
    assert not OrgUnit.objects.filter(parent=union).exists()


def test_confirm_writes_members_groups_and_one_audit_entry(union, alice):
    before = AuditEntry.objects.count()

    run(
        union,
        alice,
        xlsx([member("Trần Thị Hoa", "0901234567"), member("Lê Thị Mai", "0901234568")]),
    )

    rows = Membership.objects.filter(unit=union, role=Role.MEMBER).exclude(user=alice)
    assert sorted(m.user.full_name for m in rows) == ["Lê Thị Mai", "Trần Thị Hoa"]
    assert {m.group.name for m in rows} == {"Tổ Lá"}
    hoa = User.objects.get(phone="0901234567")
    assert hoa.birth_date == dt.date(1985, 3, 12)
    assert hoa.union_joined_on == dt.date(2008, 9, 1)
    assert hoa.gender == "female"
    assert not hoa.has_usable_password()
    assert hoa.sort_name != ""  # bulk_create still fills the sort key
    assert AuditEntry.objects.count() == before + 1
    assert AuditEntry.objects.first().action == "members.import"


def test_reimporting_the_same_file_changes_nothing(union, alice):
    content = xlsx([member("Trần Thị Hoa", "0901234567"), member("Lê Thị Mai", "", "mai@x.vn")])
    run(union, alice, content)
    users, memberships = User.objects.count(), Membership.objects.count()
    snapshot = list(User.objects.order_by("pk").values())

    preview = run(union, alice, content)

    assert preview.counts["unchanged"] == 2
    assert preview.counts["new"] == preview.counts["updated"] == 0
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)
    assert list(User.objects.order_by("pk").values()) == snapshot


def test_changed_row_is_updated_not_duplicated(union, alice):
    run(union, alice, xlsx([member("Trần Thị Hoa", "0901234567")]))

    preview = run(union, alice, xlsx([member("Trần Thị Hoa", "0901234567", position="Tổ trưởng")]))

    assert [r.status for r in preview.rows] == ["updated"]
    assert Membership.objects.get(user__phone="0901234567", unit=union).position == "Tổ trưởng"


def test_party_member_unticked_by_khong_and_kept_by_a_blank_cell_or_no_column(union, alice):
    person = UserFactory(username="dv", full_name="Người A", phone="0901234567", party_member=True)
    MembershipFactory(user=person, unit=union, position="Giáo viên")
    headers = ["Họ và tên", "Số điện thoại", "Đảng viên"]

    for said in ("không", "Không", "0", "-"):
        sheet = xlsx([["Người A", "0901234567", said]], headers=headers)
        preview = import_matching.preview_import(start(union, alice, sheet))
        assert preview.rows[0].status == "updated", said
        assert preview.rows[0].changes["party_member"] == (True, False)

    # Nobody filled in the column, or it is not there: nothing is unticked.
    blank = xlsx([["Người A", "0901234567", None], ["Người B", "0907654321", ""]], headers)
    without_column = xlsx([["Người A", "0901234567"]], headers=headers[:2])
    for sheet in (blank, without_column):
        preview = import_matching.preview_import(start(union, alice, sheet))
        assert preview.rows[0].status == "unchanged"

    run(union, alice, blank)
    person.refresh_from_db()
    assert person.party_member is True
    assert User.objects.get(phone="0907654321").party_member is False


def test_party_member_cell_that_is_neither_yes_nor_no_is_refused(union, alice):
    headers = ["Họ và tên", "Số điện thoại", "Đảng viên"]
    sheet = xlsx([["Người A", "0901234567", "chắc là có"]], headers=headers)

    preview = import_matching.preview_import(start(union, alice, sheet))

    assert any("Đảng viên" in e and "để trống" in e for e in errors(preview))


def test_changes_cover_every_person_field_a_chair_may_set(union):
    person = UserFactory(username="dv", full_name="Người A", party_member=True)
    membership = MembershipFactory(user=person, unit=union)
    values = {
        "full_name": "Người B",
        "birth_date": dt.date(1990, 1, 2),
        "gender": "female",
        "phone": "0901234567",
        "email": "b@x.vn",
        "member_code": "CD-001",
        "union_joined_on": dt.date(2010, 9, 1),
        "party_member": False,
    }
    assert set(values) == set(members.PERSON_FIELDS)

    changes = import_matching._changes(person, membership, values, groups={})

    assert set(changes) == set(members.PERSON_FIELDS)
    blank = {key: None if key == "party_member" else "" for key in values}
    assert import_matching._changes(person, membership, blank, groups={}) == {}


def test_headers_any_order_case_without_diacritics_under_a_title(union, alice):
    headers = ["SO DIEN THOAI", "ho va ten", "Ngay Sinh", "to cong doan"]
    content = xlsx(
        [["0901234567", "Trần Thị Hoa", "05/06/1990", "Tổ Mầm"]],
        headers=headers,
        above=[["DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN"], []],
    )

    preview = import_matching.preview_import(start(union, alice, content))

    assert errors(preview) == []
    assert preview.rows[0].values["birth_date"] == dt.date(1990, 6, 5)
    assert preview.rows[0].number == 4
    assert preview.new_groups == ["Tổ Mầm"]


def test_excel_dates_numeric_phones_and_nfd_names_are_accepted(union, alice):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    row = [nfd, dt.datetime(1985, 3, 12), "nữ", "", "", 912345678, "", dt.date(2010, 1, 1), "x"]

    run(union, alice, xlsx([row]))

    person = User.objects.get(phone="0912345678")
    assert person.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Ánh")
    assert person.birth_date == dt.date(1985, 3, 12)
    assert person.party_member is True


def test_invalid_date_is_refused_on_its_row_and_column(union, alice):
    content = xlsx(
        [
            member("Trần Thị Hoa", "0901234567"),
            member("Lê Thị Mai", "0901234568", birth="31/02/1985"),
        ]
    )

    preview = import_matching.preview_import(start(union, alice, content))

    assert errors(preview) == ["Dòng 3, cột Ngày sinh: '31/02/1985' không phải là ngày hợp lệ"]
    assert [r.status for r in preview.rows] == ["new", "error"]


def test_confirm_writes_the_good_rows_and_leaves_the_refused_out(union, alice):
    content = xlsx([member("Trần Thị Hoa", "0901234567"), member("Lê Thị Mai", "12345", "")])

    preview = run(union, alice, content)

    assert preview.counts["error"] == 1
    assert errors(preview) == [
        "Dòng 3, cột Số điện thoại: '12345' không phải là số điện thoại hợp lệ"
    ]
    assert not User.objects.filter(full_name="Lê Thị Mai").exists()
    assert User.objects.filter(full_name="Trần Thị Hoa").exists()


def test_two_rows_for_one_person_are_refused_with_both_row_numbers(union, alice):
    content = xlsx([member("Trần Thị Hoa", "0901234567"), member("Trần T. Hoa", "0901 234 567")])

    preview = import_matching.preview_import(start(union, alice, content))

    message = "Dòng 2 và dòng 3 là cùng một người (trùng số điện thoại 0901234567)."
    assert [r.errors for r in preview.rows] == [[message], [message]]


def test_one_row_matching_two_people_is_refused(union, alice):
    UserFactory(username="a", full_name="Người A", phone="0901234567")
    UserFactory(username="b", full_name="Người B", email="b@x.vn")

    preview = import_matching.preview_import(
        start(union, alice, xlsx([member("Người A", "0901234567", "b@x.vn")]))
    )

    assert errors(preview) == ["Dòng 2 khớp với nhiều người khác nhau: Người A, Người B."]


def test_two_rows_matching_one_existing_person_are_refused(union, alice):
    UserFactory(username="a", full_name="Người A", phone="0901234567", email="a@x.vn")
    content = xlsx([member("Người A", "0901234567"), member("Người A", "", "a@x.vn")])

    preview = import_matching.preview_import(start(union, alice, content))

    assert [r.errors for r in preview.rows] == [
        ["Dòng 2 và dòng 3 là cùng một người (Người A)."]
    ] * 2


def test_match_by_phone_before_email(union, alice):
    by_phone = UserFactory(username="a", full_name="Người A", phone="0901234567")
    MembershipFactory(user=by_phone, unit=union)

    preview = import_matching.preview_import(
        start(union, alice, xlsx([member("Người A", "0901234567", "moi@x.vn")]))
    )

    assert preview.rows[0].person == by_phone
    assert preview.rows[0].status == "updated"
    assert preview.rows[0].changes["email"] == ("", "moi@x.vn")
    assert "phone" not in preview.rows[0].changes


def test_member_of_another_union_joins_with_the_same_account(union, other_union, alice):
    moved = UserFactory(username="moved", full_name="Người Chuyển", phone="0901234567")
    MembershipFactory(user=moved, unit=other_union, ends_on=dt.date(2025, 1, 1))

    preview = run(union, alice, xlsx([member("Người Chuyển", "0901234567")]))

    assert [r.status for r in preview.rows] == ["join"]
    assert User.objects.filter(phone="0901234567").count() == 1
    assert Membership.objects.current().get(user=moved).unit == union


def test_row_without_phone_email_or_code_is_refused(union, alice):
    preview = import_matching.preview_import(start(union, alice, xlsx([member("Ẩn Danh")])))

    assert errors(preview) == [
        "Dòng 2: cần ít nhất một trong các cột Số điện thoại, Email, Mã đoàn viên."
    ]


def test_not_xlsx_is_refused(union, alice):
    with pytest.raises(ValidationError) as exc:
        start(union, alice, b"ho va ten,so dien thoai\n", name="danh-sach.csv")
    assert exc.value.messages == ["Chỉ nhận tệp Excel .xlsx (Excel 2007 trở lên)."]
    with pytest.raises(ValidationError):
        start(union, alice, b"PK\x03\x04 not really a zip", name="gia.xlsx")
    assert not MemberImport.objects.exists()


def test_file_over_5_mb_is_refused_with_the_limit(union, alice):
    with pytest.raises(ValidationError) as exc:
        start(union, alice, b"PK\x03\x04" + b"0" * (5 * 1024 * 1024))
    assert exc.value.messages == ["Tệp lớn hơn giới hạn 5 MB."]


def test_sheet_over_the_row_limit_is_refused_with_the_limit(union, alice, monkeypatch):
    monkeypatch.setattr(import_sheets, "MAX_ROWS", 3)
    rows = [member(f"Người {i}", f"090123456{i}") for i in range(4)]

    with pytest.raises(ValidationError) as exc:
        import_matching.preview_import(start(union, alice, xlsx(rows)))
    assert exc.value.messages == ["Tệp có hơn 3 dòng; hãy chia thành nhiều tệp."]


def test_row_limit_message_names_twenty_thousand():
    assert import_sheets.MAX_ROWS == 20_000
    assert import_sheets.MAX_BYTES == 5 * 1024 * 1024


def test_sheet_without_a_name_column_is_refused(union, alice):
    preview = import_matching.preview_import(
        start(union, alice, xlsx([["0901234567"]], headers=["SĐT"]))
    )

    assert preview.file_errors == ["Không tìm thấy dòng tiêu đề có cột “Họ và tên”."]
    assert not preview.writable


def test_confirm_is_all_or_nothing(union, alice, monkeypatch):
    member_import = start(union, alice, xlsx([member("Trần Thị Hoa", "0901234567")]))
    users = User.objects.count()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "record", fail)
    with pytest.raises(RuntimeError):
        imports.confirm_import(member_import=member_import, actor=alice)

    assert User.objects.count() == users
    assert not OrgUnit.objects.filter(parent=union).exists()
    assert MemberImport.objects.get().status == "preview"


def test_confirm_twice_is_refused(union, alice):
    member_import = start(union, alice, xlsx([member("Trần Thị Hoa", "0901234567")]))
    imports.confirm_import(member_import=member_import, actor=alice)

    with pytest.raises(ValidationError):
        imports.confirm_import(member_import=member_import, actor=alice)
    assert User.objects.filter(phone="0901234567").count() == 1


def test_template_has_vietnamese_headers_and_one_example_that_imports(union, alice):
    content = import_sheets.template_workbook("members")

    preview = import_matching.preview_import(start(union, alice, content))

    assert [c.label for c in import_sheets.MEMBER_COLUMNS][:9] == HEADERS
    assert [r.status for r in preview.rows] == ["new"]
    assert preview.rows[0].values["phone"] == "0912345678"


def test_past_awards_import_and_reimport(union, alice, bob):
    content = xlsx(
        [
            ["Lê Văn Bob", 2023, "Lao động tiên tiến", "45/QĐ-CĐCS"],
            ["Lê Văn Bob", "2024", "Chiến sĩ thi đua cơ sở", ""],
        ],
        headers=["Họ và tên", "Năm", "Danh hiệu", "Số quyết định"],
    )

    run(union, alice, content, kind="awards")
    again = run(union, alice, content, kind="awards")

    assert again.counts["unchanged"] == 2
    awards = PastAward.objects.order_by("year")
    assert [(a.user, a.year, a.title, a.decision_number) for a in awards] == [
        (bob, 2023, "Lao động tiên tiến", "45/QĐ-CĐCS"),
        (bob, 2024, "Chiến sĩ thi đua cơ sở", ""),
    ]


def test_past_award_with_a_bad_year_is_refused(union, alice):
    content = xlsx(
        [["Lê Văn Bob", "năm ngoái", "LĐTT", ""]],
        headers=["Họ và tên", "Năm", "Danh hiệu", "Số QĐ"],
    )

    preview = import_matching.preview_import(start(union, alice, content, kind="awards"))

    assert errors(preview) == ["Dòng 2, cột Năm: 'năm ngoái' không phải là năm hợp lệ"]


# --- pages ----------------------------------------------------------------------------


def test_upload_page_says_what_a_blank_cell_and_the_party_column_mean(client, union, alice):
    client.force_login(alice)

    page = client.get(reverse("import_upload", kwargs={"pk": union.pk})).content.decode()

    assert "ô để trống giữ nguyên thông tin đã lưu" in page
    assert "ghi “không” để bỏ đánh dấu" in page


def test_upload_page_shows_the_refusal_and_stores_nothing(client, union, alice):
    client.force_login(alice)

    response = client.post(
        reverse("import_upload", kwargs={"pk": union.pk}),
        {"kind": "members", "file": upload(b"ho va ten\n", "danh-sach.csv")},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Chỉ nhận tệp Excel .xlsx (Excel 2007 trở lên)."
    ]
    assert not MemberImport.objects.exists()


def test_upload_preview_confirm_through_the_pages(client, union, alice):
    client.force_login(alice)
    content = xlsx(
        [member("Trần Thị Hoa", "0901234567"), member("Lê Mai", "0901234568", birth="31/02/1985")]
    )

    response = client.post(
        reverse("import_upload", kwargs={"pk": union.pk}),
        {"kind": "members", "file": upload(content)},
    )
    preview_url = response["Location"]
    page = client.get(preview_url)
    assert User.objects.filter(phone="0901234567").count() == 0  # nothing written yet
    assert (
        "Dòng 3, cột Ngày sinh: &#x27;31/02/1985&#x27; không phải là ngày hợp lệ"
        in page.content.decode()
    )

    token = MemberImport.objects.get().token
    response = client.post(reverse("import_confirm", kwargs={"token": token}))

    assert response.status_code == 302
    assert User.objects.filter(phone="0901234567").count() == 1
    assert not User.objects.filter(full_name="Lê Mai").exists()


def test_import_of_another_union_is_hidden_and_a_member_is_refused(
    client, union, alice, bob, charlie
):
    member_import = start(union, alice, xlsx([member("Trần Thị Hoa", "0901234567")]))
    url = reverse("import_confirm", kwargs={"token": member_import.token})

    client.force_login(charlie)
    assert client.post(url).status_code == 404
    client.force_login(bob)
    assert client.post(url).status_code == 404  # bob may not even read the member list
    assert MemberImport.objects.get().status == "preview"
    assert not User.objects.filter(phone="0901234567").exists()
