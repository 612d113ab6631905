"""The Excel sheets of a member or award import: their columns, the template, checking
an upload, reading and cleaning its rows (openpyxl, read-only, row by row), and the rows
kept server-side between the upload and the confirmation."""

import datetime as dt
import json
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from portal.contacts import clean_name, is_valid_phone, normalize_email, normalize_phone
from portal.models import Gender, MemberImport, User
from portal.vietnamese import fold

MAX_BYTES = 5 * 1024 * 1024


MAX_ROWS = 20_000


HEADER_SCAN_ROWS = 10  # real sheets have a title or two above the header row


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # as in the template and in error messages
    aliases: tuple[str, ...]  # folded (no diacritics, lower case) header texts
    required: bool = False


MEMBER_COLUMNS = (
    Column("full_name", "Họ và tên", ("ho va ten", "ho ten", "ten", "ho va ten doan vien"), True),
    Column("birth_date", "Ngày sinh", ("ngay sinh", "ngay thang nam sinh", "sinh ngay")),
    Column("gender", "Giới tính", ("gioi tinh", "phai", "nam/nu")),
    Column("position", "Chức vụ", ("chuc vu", "chuc danh")),
    Column("group", "Tổ công đoàn", ("to cong doan", "to", "to cd")),
    Column("phone", "Số điện thoại", ("so dien thoai", "dien thoai", "sdt", "so dt", "dt")),
    Column("email", "Email", ("email", "e-mail", "thu dien tu", "dia chi email")),
    Column("union_joined_on", "Ngày vào công đoàn", ("ngay vao cong doan", "ngay vao cd")),
    Column("party_member", "Đảng viên", ("dang vien", "la dang vien")),
    Column("member_code", "Mã đoàn viên", ("ma doan vien", "ma so", "ma dv", "ma the")),
)


AWARD_COLUMNS = (
    Column("full_name", "Họ và tên", ("ho va ten", "ho ten", "ten"), True),
    Column("year", "Năm", ("nam", "nam hoc", "nam khen thuong"), True),
    Column(
        "title",
        "Danh hiệu / hình thức khen thưởng",
        (
            "danh hieu / hinh thuc khen thuong",
            "danh hieu/hinh thuc khen thuong",
            "danh hieu",
            "hinh thuc khen thuong",
            "danh hieu thi dua",
        ),
        True,
    ),
    Column("decision_number", "Số quyết định", ("so quyet dinh", "so qd", "quyet dinh")),
)


COLUMNS = {MemberImport.Kind.MEMBERS: MEMBER_COLUMNS, MemberImport.Kind.AWARDS: AWARD_COLUMNS}


TEMPLATE_EXAMPLE = {
    MemberImport.Kind.MEMBERS: (
        "Nguyễn Thị Lan",
        dt.date(1985, 3, 12),
        "Nữ",
        "Giáo viên",
        "Tổ Lá",
        "0912345678",
        "lan.nguyen@example.com",
        dt.date(2008, 9, 1),
        "x",
        "",
    ),
    MemberImport.Kind.AWARDS: ("Nguyễn Thị Lan", 2023, "Lao động tiên tiến", "45/QĐ-CĐCS"),
}


YES = {"x", "co", "1", "true", "dang vien", "dv", "yes", "v"}


NO = {"khong", "0", "false", "no", "-"}


GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE, "male": Gender.MALE, "female": Gender.FEMALE}


@dataclass
class Row:
    number: int  # the sheet's row number, as Excel shows it
    values: dict
    errors: list[str] = field(default_factory=list)
    status: str = ""  # new, join (existing account), updated, unchanged, error
    person: User | None = None
    changes: dict = field(default_factory=dict)
    group_name: str = ""


def check_upload(upload) -> None:
    """Refuse what is not an .xlsx workbook, or is over the size limit."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("Tệp lớn hơn giới hạn %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    name = (upload.name or "").lower()
    head = upload.read(4)
    upload.seek(0)
    if not name.endswith(".xlsx") or head != b"PK\x03\x04":
        raise ValidationError(_("Chỉ nhận tệp Excel .xlsx (Excel 2007 trở lên)."))
    try:
        with zipfile.ZipFile(upload) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise ValidationError(_("Chỉ nhận tệp Excel .xlsx (Excel 2007 trở lên)."))
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("Chỉ nhận tệp Excel .xlsx (Excel 2007 trở lên).")) from exc
    finally:
        upload.seek(0)


def read_rows(fileobj, columns) -> tuple[list[Row], list[str]]:
    """Parse the sheet's rows into values by column key, with per-cell errors.

    Returns (rows, file-level errors). Raises ValidationError beyond MAX_ROWS rows or for
    a file openpyxl cannot read.
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise ValidationError(_("Không đọc được tệp Excel này.")) from exc
    try:
        return _read_sheet(workbook.worksheets[0], columns)
    finally:
        workbook.close()


def _read_sheet(sheet, columns):
    lookup = {alias: col for col in columns for alias in col.aliases}
    rows_iter = sheet.iter_rows(values_only=True)
    mapping = None
    for number, cells in enumerate(rows_iter, start=1):
        found = {i: lookup.get(_fold_header(v)) for i, v in enumerate(cells)}
        found = {i: c for i, c in found.items() if c is not None}
        if any(c.key == "full_name" for c in found.values()):
            mapping, header_row = found, number
            break
        if number >= HEADER_SCAN_ROWS:
            break
    if mapping is None:
        return [], [_("Không tìm thấy dòng tiêu đề có cột “Họ và tên”.")]
    missing = [c.label for c in columns if c.required and c not in mapping.values()]
    if missing:
        return [], [_("Thiếu cột: %(cols)s.") % {"cols": ", ".join(missing)}]
    rows = []
    data_rows = 0
    for number, cells in enumerate(rows_iter, start=header_row + 1):
        if not any(v not in (None, "") and str(v).strip() for v in cells):
            continue
        data_rows += 1
        if data_rows > MAX_ROWS:
            raise ValidationError(
                _("Tệp có hơn %(max)s dòng; hãy chia thành nhiều tệp.")
                % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        row = Row(number=number, values={})
        for i, col in mapping.items():
            value = cells[i] if i < len(cells) else None
            row.values[col.key] = _clean_cell(row, col, value)
        rows.append(row)
    return rows, []


def _fold_header(value) -> str:
    if value is None:
        return ""
    return " ".join(fold(str(value)).replace("\n", " ").split()).strip(" :*")


def _error(row: Row, col: Column, value, message: str) -> None:
    row.errors.append(
        _("Dòng %(row)s, cột %(col)s: '%(value)s' %(message)s")
        % {"row": row.number, "col": col.label, "value": value, "message": message}
    )


def _clean_cell(row: Row, col: Column, value):
    text = "" if value is None else str(value).strip()
    if col.key in ("birth_date", "union_joined_on"):
        return _clean_date(row, col, value, text)
    if col.key == "phone":
        phone = normalize_phone(value)
        if phone and not is_valid_phone(phone):
            _error(row, col, text, _("không phải là số điện thoại hợp lệ"))
        return phone
    if col.key == "email":
        email = normalize_email(text)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                _error(row, col, text, _("không phải là địa chỉ email hợp lệ"))
        return email
    if col.key == "gender":
        if not text:
            return ""
        gender = GENDERS.get(fold(text))
        if gender is None:
            _error(row, col, text, _("phải là Nam hoặc Nữ"))
        return gender or ""
    if col.key == "party_member":
        # A blank cell says nothing: a new member is not one, a known member keeps what
        # is stored (a sheet whose Đảng viên column nobody filled in must not untick every
        # party member). "Không" (or 0, -) unticks.
        folded = fold(text)
        if value is True or folded in YES:
            return True
        if value is False or folded in NO:
            return False
        if not text:
            return None
        _error(row, col, text, _("phải là x (có), “không” hoặc để trống (giữ nguyên)"))
        return None
    if col.key == "year":
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if not (text.isdigit() and 1945 <= int(text) <= 2100):
            _error(row, col, text, _("không phải là năm hợp lệ"))
            return None
        return int(text)
    if col.key == "full_name" or col.key == "group":
        text = clean_name(text)
    if col.required and not text:
        row.errors.append(
            _("Dòng %(row)s, cột %(col)s: không được để trống")
            % {"row": row.number, "col": col.label}
        )
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))  # a member code typed as a number
    return text


def _clean_date(row: Row, col: Column, value, text: str):
    if value is None or text == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parts = text.replace("-", "/").replace(".", "/").split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        day, month, year = (int(p) for p in parts)
        if year < 100:
            year += 1900 if year > 30 else 2000
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    _error(row, col, text, _("không phải là ngày hợp lệ"))
    return None


DATE_KEYS = ("birth_date", "union_joined_on")


def dump_rows(rows: list[Row], file_errors: list[str]) -> bytes:
    def value(key, v):
        return v.isoformat() if key in DATE_KEYS and v is not None else v

    data = {
        "file_errors": file_errors,
        "rows": [
            {"n": r.number, "v": {k: value(k, v) for k, v in r.values.items()}, "e": r.errors}
            for r in rows
        ],
    }
    return json.dumps(data, ensure_ascii=False).encode()


def load_rows(raw: bytes) -> tuple[list[Row], list[str]]:
    data = json.loads(raw)
    rows = []
    for r in data["rows"]:
        values = r["v"]
        for key in DATE_KEYS:
            if values.get(key):
                values[key] = dt.date.fromisoformat(values[key])
        rows.append(Row(number=r["n"], values=values, errors=r["e"]))
    return rows, data["file_errors"]


def template_workbook(kind: str) -> bytes:
    """The blank sheet to fill in: Vietnamese headers and one example row."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách" if kind == MemberImport.Kind.MEMBERS else "Khen thưởng"
    columns = COLUMNS[kind]
    sheet.append([c.label for c in columns])
    sheet.append(list(TEMPLATE_EXAMPLE[kind]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        if isinstance(cell.value, dt.date):
            cell.number_format = "DD/MM/YYYY"
        elif isinstance(cell.value, str):
            cell.number_format = "@"  # text: keeps the phone's leading zero
    for i, col in enumerate(columns):
        sheet.column_dimensions[chr(ord("A") + i)].width = max(14, len(col.label) + 4)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
