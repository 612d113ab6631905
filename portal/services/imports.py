"""Member lists and past awards imported from the Excel sheets unions already keep.

Upload → the sheet is parsed once and its cleaned rows stored server-side (storage API)
under a random token → preview: every row matched, new / updated / unchanged, each error
on its row and column → nothing is written until the chair confirms → the stored rows are
matched again against the database as it is then and written in one transaction.
Re-importing the same file changes nothing.

This module holds the writes (start, confirm, discard); reading the sheet is in
`import_sheets`, the preview's matching in `import_matching`.
"""

import datetime as dt
import hashlib
import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import record
from portal.models import MemberImport, Membership, OrgUnit, PastAward, Role, User
from portal.services.import_matching import IN_CHUNK, Preview, preview_import
from portal.services.import_sheets import COLUMNS, Row, check_upload, dump_rows, read_rows
from portal.services.members import check_open, new_username
from portal.signals import figures_changed, past_awards_imported
from portal.vietnamese import fold, name_sort_key


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
        f"imports/{unit.pk}/{token}.json", ContentFile(dump_rows(rows, file_errors))
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
