"""The preview of an import: each stored row matched against the database as it is now
(new, updated, unchanged, or an error on its row and column). Writes nothing."""

from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from portal.models import MemberImport, Membership, OrgUnit, PastAward, Role, User
from portal.services.import_sheets import Row, load_rows
from portal.services.members import PERSON_FIELDS
from portal.vietnamese import collation_key, fold

IN_CHUNK = 500  # keys per IN (...) lookup (SQLite allows 999 parameters)


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


def preview_import(member_import: MemberImport) -> Preview:
    """Say what each stored row would do (matched against the database now). Writes
    nothing."""
    with default_storage.open(member_import.stored_as, "rb") as fileobj:
        rows, file_errors = load_rows(fileobj.read())
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
    """Fields the row would change. A blank cell (None or "") keeps what is stored;
    False (the Đảng viên column's "no") is a value like any other."""
    changes = {}
    for key in PERSON_FIELDS:
        new = values.get(key)
        if new not in (None, "") and getattr(person, key) != new:
            changes[key] = (getattr(person, key), new)
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
