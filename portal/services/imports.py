"""Member lists and past awards imported from the Excel sheets unions already keep.

Upload → the sheet is parsed once and its cleaned rows stored server-side (storage API)
under a random token → preview: every row matched, new / updated / unchanged, each error
on its row and column → nothing is written until the chair confirms → the stored rows are
matched again against the database as it is then and written in one transaction.
Re-importing the same file changes nothing.

Sheets are read with openpyxl in read-only mode, row by row; the workbook is closed as
soon as the rows are read.
"""

import datetime as dt
import hashlib
import io
import json
import secrets
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import record
from portal.contacts import clean_name, is_valid_phone, normalize_email, normalize_phone
from portal.models import Gender, MemberImport, Membership, OrgUnit, PastAward, Role, User
from portal.services.members import check_open, new_username
from portal.signals import figures_changed, past_awards_imported
from portal.vietnamese import collation_key, fold, name_sort_key

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
HEADER_SCAN_ROWS = 10  # real sheets have a title or two above the header row
IN_CHUNK = 500  # keys per IN (...) lookup (SQLite allows 999 parameters)


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
NO = {"", "khong", "0", "false", "no", "-"}
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


@dataclass
class Preview:
    kind: str
    rows: list[Row]
    file_errors: list[str] = field(default_factory=list)
    new_groups: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("new", "join", "updated", "unchanged", "error")}

    @property
    def writable(self) -> bool:
        return not self.file_errors and any(
            r.status in ("new", "join", "updated") for r in self.rows
        )


# --- the file -------------------------------------------------------------------------


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


@transaction.atomic
def start_import(*, unit: OrgUnit, actor: User, upload, kind=MemberImport.Kind.MEMBERS):
    """Parse an uploaded sheet once and keep its rows server-side for the preview and the
    confirmation. Nothing about members is written.

    Side effects: saves the parsed rows (JSON, never sent to the browser) through the
    storage API under a random token; creates a MemberImport row. Raises ValidationError
    for a file that is not .xlsx, too large, unreadable or over MAX_ROWS rows.
    """
    check_open(unit)
    check_upload(upload)
    content = upload.read()
    rows, file_errors = read_rows(io.BytesIO(content), COLUMNS[kind])
    token = secrets.token_urlsafe(24)
    stored_as = default_storage.save(
        f"imports/{unit.pk}/{token}.json", ContentFile(_dump(rows, file_errors))
    )
    return MemberImport.objects.create(
        token=token,
        unit=unit,
        kind=kind,
        uploaded_by=actor,
        file_name=(upload.name or "")[:255],
        stored_as=stored_as,
        sha256=hashlib.sha256(content).hexdigest(),
    )


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
        folded = fold(text)
        if value is True or folded in YES:
            return True
        if value is False or folded in NO:
            return False
        _error(row, col, text, _("phải là x (có) hoặc để trống (không)"))
        return False
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


# --- matching -------------------------------------------------------------------------


DATE_KEYS = ("birth_date", "union_joined_on")


def _dump(rows: list[Row], file_errors: list[str]) -> bytes:
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


def _load(raw: bytes) -> tuple[list[Row], list[str]]:
    data = json.loads(raw)
    rows = []
    for r in data["rows"]:
        values = r["v"]
        for key in DATE_KEYS:
            if values.get(key):
                values[key] = dt.date.fromisoformat(values[key])
        rows.append(Row(number=r["n"], values=values, errors=r["e"]))
    return rows, data["file_errors"]


def preview_import(member_import: MemberImport) -> Preview:
    """Say what each stored row would do (matched against the database now). Writes
    nothing."""
    with default_storage.open(member_import.stored_as, "rb") as fileobj:
        rows, file_errors = _load(fileobj.read())
    preview = Preview(kind=member_import.kind, rows=rows, file_errors=file_errors)
    if member_import.kind == MemberImport.Kind.AWARDS:
        _plan_awards(member_import.unit, preview)
    else:
        _plan_members(member_import.unit, preview)
    return preview


def _chunks(values):
    values = list(values)
    for i in range(0, len(values), IN_CHUNK):
        yield values[i : i + IN_CHUNK]


def _people_by(key: str, values) -> dict[str, list[User]]:
    found: dict[str, list[User]] = {}
    for chunk in _chunks(values):
        for user in User.objects.filter(**{f"{key}__in": chunk}):
            found.setdefault(
                getattr(user, key).lower() if key == "email" else getattr(user, key), []
            ).append(user)
    return found


def _duplicate_rows(rows: list[Row]) -> None:
    """Two rows naming one person (same phone, e-mail or member code): refuse both."""
    for key, label in (
        ("phone", _("số điện thoại")),
        ("email", _("email")),
        ("member_code", _("mã đoàn viên")),
    ):
        seen: dict[str, Row] = {}
        for row in rows:
            value = row.values.get(key)
            if not value:
                continue
            first = seen.setdefault(value, row)
            if first is not row:
                message = _(
                    "Dòng %(a)s và dòng %(b)s là cùng một người (trùng %(key)s %(value)s)."
                ) % {
                    "a": first.number,
                    "b": row.number,
                    "key": label,
                    "value": value,
                }
                for r in (first, row):
                    if message not in r.errors:
                        r.errors.append(message)


def _plan_members(unit: OrgUnit, preview: Preview) -> None:
    rows = preview.rows
    for row in rows:
        v = row.values
        if not row.errors and not (v.get("phone") or v.get("email") or v.get("member_code")):
            row.errors.append(
                _("Dòng %(row)s: cần ít nhất một trong các cột Số điện thoại, Email, Mã đoàn viên.")
                % {"row": row.number}
            )
    _duplicate_rows(rows)
    by_key = {
        key: _people_by(key, {r.values[key] for r in rows if r.values.get(key)})
        for key in ("phone", "email", "member_code")
    }
    base = Role.MEMBER
    current = {
        m.user_id: m
        for chunk in _chunks(
            {u.pk for people in by_key.values() for us in people.values() for u in us}
        )
        for m in Membership.objects.current()
        .filter(unit=unit, role=base, user__in=chunk)
        .select_related("group")
    }
    groups = {fold(g.name): g for g in unit.children.filter(kind=OrgUnit.Kind.UNION_GROUP)}
    matched_rows: dict[int, Row] = {}
    new_groups = {}
    for row in rows:
        if row.errors:
            row.status = "error"
            continue
        person = _match_row(row, by_key)
        if row.errors:
            row.status = "error"
            continue
        if person is not None:
            first = matched_rows.setdefault(person.pk, row)
            if first is not row:
                message = _("Dòng %(a)s và dòng %(b)s là cùng một người (%(name)s).") % {
                    "a": first.number,
                    "b": row.number,
                    "name": person.full_name,
                }
                for r in (first, row):
                    r.errors.append(message)
                    r.status = "error"
                continue
        row.person = person
        group_name = row.values.get("group") or ""
        if group_name and fold(group_name) not in groups:
            new_groups.setdefault(fold(group_name), group_name)
        row.group_name = group_name
        membership = current.get(person.pk) if person else None
        if person is None:
            row.status = "new"
        elif membership is None:
            row.status = "join"
        else:
            row.changes = _changes(person, membership, row.values, groups)
            row.status = "updated" if row.changes else "unchanged"
    preview.new_groups = sorted(new_groups.values(), key=collation_key)


def _match_row(row: Row, by_key) -> User | None:
    """The one person the row names: by phone, then e-mail, then member code."""
    people = {}
    for key in ("phone", "email", "member_code"):
        value = row.values.get(key)
        if not value:
            continue
        found = by_key[key].get(value, [])
        if len(found) > 1:
            row.errors.append(
                _("Dòng %(row)s: nhiều người đã có %(value)s; hãy sửa trong danh sách đoàn viên.")
                % {"row": row.number, "value": value}
            )
            return None
        if found:
            people.setdefault(found[0].pk, found[0])
    if len(people) > 1:
        names = ", ".join(sorted(p.full_name for p in people.values()))
        row.errors.append(
            _("Dòng %(row)s khớp với nhiều người khác nhau: %(names)s.")
            % {"row": row.number, "names": names}
        )
        return None
    return next(iter(people.values()), None)


def _changes(person: User, membership: Membership, values: dict, groups) -> dict:
    """Fields the row would change. A blank cell keeps what is stored."""
    changes = {}
    for key in (
        "full_name",
        "birth_date",
        "gender",
        "phone",
        "email",
        "member_code",
        "union_joined_on",
    ):
        new = values.get(key)
        if new not in (None, "") and getattr(person, key) != new:
            changes[key] = (getattr(person, key), new)
    if "party_member" in values and values["party_member"] != person.party_member:
        changes["party_member"] = (person.party_member, values["party_member"])
    if values.get("position") and values["position"] != membership.position:
        changes["position"] = (membership.position, values["position"])
    group_name = values.get("group")
    if group_name:
        group = groups.get(fold(group_name))
        if group is None or group.pk != membership.group_id:
            changes["group"] = (str(membership.group or ""), group_name)
    return changes


def _plan_awards(unit: OrgUnit, preview: Preview) -> None:
    rows = preview.rows
    seen: dict[tuple, Row] = {}
    for row in rows:
        if row.errors:
            continue
        key = (row.values["full_name"], row.values["year"], row.values["title"])
        first = seen.setdefault(key, row)
        if first is not row:
            message = _("Dòng %(a)s và dòng %(b)s trùng nhau.") % {
                "a": first.number,
                "b": row.number,
            }
            first.errors.append(message)
            row.errors.append(message)
    existing = set(PastAward.objects.filter(unit=unit).values_list("full_name", "year", "title"))
    for row in rows:
        if row.errors:
            row.status = "error"
            continue
        key = (row.values["full_name"], row.values["year"], row.values["title"])
        row.status = "unchanged" if key in existing else "new"


# --- writing --------------------------------------------------------------------------


@transaction.atomic
def confirm_import(*, member_import: MemberImport, actor: User, today: dt.date | None = None):
    """Write the previewed sheet: every row without an error, in one transaction.

    The stored rows are matched again (the preview is never trusted from the browser,
    and the database may have changed since).
    Rows with errors are left out and named in the result. Side effects: creates
    accounts (no usable password), memberships and missing tổ; updates changed fields;
    one audit entry; deletes the stored file. Raises ValidationError when the import was
    already confirmed or dropped, or the unit is closed.
    """
    member_import = MemberImport.objects.select_for_update().get(pk=member_import.pk)
    if member_import.status != MemberImport.Status.PREVIEW:
        raise ValidationError(_("Lần nhập này đã được xác nhận hoặc hủy."))
    unit = member_import.unit
    check_open(unit)
    preview = preview_import(member_import)
    if preview.file_errors:
        raise ValidationError(preview.file_errors)
    if member_import.kind == MemberImport.Kind.AWARDS:
        written = _write_awards(unit, preview, member_import)
    else:
        written = _write_members(unit, preview, today or timezone.localdate())
    member_import.status = MemberImport.Status.DONE
    member_import.confirmed_at = timezone.now()
    member_import.summary = preview.counts
    member_import.save(update_fields=["status", "confirmed_at", "summary"])
    if member_import.kind == MemberImport.Kind.MEMBERS:
        figures_changed.send(sender=Membership, unit_ids=[unit.pk])
    record(
        actor=actor,
        action="members.import"
        if member_import.kind == MemberImport.Kind.MEMBERS
        else "awards.import",
        obj=member_import,
        unit=unit,
        file=member_import.file_name,
        sha256=member_import.sha256,
        counts=preview.counts,
        refused_rows=[r.number for r in preview.rows if r.status == "error"],
        **written,
    )
    transaction.on_commit(lambda: default_storage.delete(member_import.stored_as))
    return preview


def _write_members(unit: OrgUnit, preview: Preview, today: dt.date) -> dict:
    groups = {fold(g.name): g for g in unit.children.filter(kind=OrgUnit.Kind.UNION_GROUP)}
    for name in preview.new_groups:
        groups[fold(name)] = _create_group(unit, name, groups)
    new_people = []
    for row in preview.rows:
        if row.status == "new":
            person = User(username=new_username(), **_person_fields(row.values))
            person.set_unusable_password()
            person.sort_name = name_sort_key(person.full_name)
            person.search_name = fold(person.full_name)
            row.person = person
            new_people.append(person)
    User.objects.bulk_create(new_people, batch_size=IN_CHUNK)
    memberships = [
        Membership(
            user=row.person,
            unit=unit,
            role=Role.MEMBER,
            group=groups.get(fold(row.group_name)) if row.group_name else None,
            position=row.values.get("position", ""),
            starts_on=today,
        )
        for row in preview.rows
        if row.status in ("new", "join")
    ]
    Membership.objects.bulk_create(memberships, batch_size=IN_CHUNK)
    updated = [row for row in preview.rows if row.status == "updated"]
    for row in updated:
        _apply_changes(unit, row, groups)
    return {
        "created": [p.pk for p in new_people],
        "joined": [r.person.pk for r in preview.rows if r.status == "join"],
        "updated": {str(r.person.pk): sorted(r.changes) for r in updated},
        "new_groups": preview.new_groups,
    }


def _person_fields(values: dict) -> dict:
    fields = {k: values.get(k) for k in ("full_name", "birth_date", "union_joined_on")}
    for key in ("gender", "phone", "email", "member_code"):
        fields[key] = values.get(key) or ""
    fields["party_member"] = bool(values.get("party_member"))
    return fields


def _apply_changes(unit: OrgUnit, row: Row, groups) -> None:
    person = row.person
    membership = Membership.objects.current().get(user=person, unit=unit, role=Role.MEMBER)
    for key, (_old, new) in row.changes.items():
        if key == "position":
            membership.position = new
        elif key == "group":
            membership.group = groups[fold(new)]
        else:
            setattr(person, key, new)
    person.save()
    membership.save()


def _create_group(unit: OrgUnit, name: str, groups) -> OrgUnit:
    base = f"{unit.code}-{fold(name).replace(' ', '-')}"[:55]
    code, n = base, 1
    while OrgUnit.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return OrgUnit.objects.create(
        code=code,
        name=name,
        short_name=name[:40],
        kind=OrgUnit.Kind.UNION_GROUP,
        parent=unit,
        place=unit.place,
    )


def _write_awards(unit: OrgUnit, preview: Preview, member_import: MemberImport) -> dict:
    members = {}
    for m in Membership.objects.filter(unit=unit, role=Role.MEMBER).select_related("user"):
        members.setdefault(m.user.full_name, set()).add(m.user)
    awards = []
    for row in preview.rows:
        if row.status != "new":
            continue
        people = members.get(row.values["full_name"], set())
        awards.append(
            PastAward(
                unit=unit,
                user=next(iter(people)) if len(people) == 1 else None,
                full_name=row.values["full_name"],
                year=row.values["year"],
                title=row.values["title"],
                decision_number=row.values.get("decision_number", ""),
                imported_from=member_import,
            )
        )
    awards = PastAward.objects.bulk_create(awards)
    past_awards_imported.send(sender=PastAward, awards=awards)
    return {"awards": len(awards)}


@transaction.atomic
def discard_import(*, member_import: MemberImport, actor: User) -> None:
    """Drop a previewed import. Side effects: deletes the stored file."""
    if member_import.status != MemberImport.Status.PREVIEW:
        raise ValidationError(_("Lần nhập này đã được xác nhận hoặc hủy."))
    member_import.status = MemberImport.Status.DISCARDED
    member_import.save(update_fields=["status"])
    transaction.on_commit(lambda: default_storage.delete(member_import.stored_as))


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
