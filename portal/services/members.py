"""Members of a grassroots union (or a chi bộ), managed by its chair: add, edit, move
between tổ, give and take roles, end a membership. Every write is audited.

A person is one account (``User``) whatever union they are in: adding someone whose phone
number, e-mail or member code is already known attaches the existing account, so a member
moved to another union keeps one account and their history.
"""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import record
from portal.contacts import clean_name, is_valid_phone, normalize_email, normalize_phone
from portal.models import PERSONAL_END_REASONS, Membership, OrgUnit, Role, User
from portal.signals import figures_changed

# The person's own fields a chair may set, in the order of the member sheet.
PERSON_FIELDS = (
    "full_name",
    "birth_date",
    "gender",
    "phone",
    "email",
    "member_code",
    "union_joined_on",
    "party_member",
)
# The membership's fields (the person's place in this union).
PLACE_FIELDS = ("position", "group")

# The role that makes someone a member of a unit of each kind.
BASE_ROLE = {
    OrgUnit.Kind.GRASSROOTS_UNION: Role.MEMBER,
    OrgUnit.Kind.PARTY_CELL: Role.PARTY_MEMBER,
}
# The roles a unit's manager gives and takes, by kind of unit. Tổ trưởng is held in the
# member's tổ; the others in the unit itself.
GRANTABLE_ROLES = {
    OrgUnit.Kind.GRASSROOTS_UNION: (
        Role.BCH_MEMBER,
        Role.VICE_CHAIR,
        Role.CHAIR,
        Role.SCHOOL_BOARD,
        Role.GROUP_LEADER,
    ),
    OrgUnit.Kind.PARTY_CELL: (Role.CELL_SECRETARY, Role.CELL_COMMITTEE),
}


def new_username() -> str:
    """Accounts are found by phone or e-mail; the username is only a unique handle."""
    return "dv-" + secrets.token_hex(5)


def find_people(*, phone: str = "", email: str = "", member_code: str = "") -> dict[str, list]:
    """The accounts that hold each of the given keys (phone, e-mail, member code)."""
    found = {}
    if phone:
        found["phone"] = list(User.objects.filter(phone=phone))
    if email:
        found["email"] = list(User.objects.filter(email__iexact=email))
    if member_code:
        found["member_code"] = list(User.objects.filter(member_code=member_code))
    return found


def match_person(*, phone="", email="", member_code="", exclude=None) -> User | None:
    """The one account these keys name, by phone, then e-mail, then member code.

    Raises ValidationError when the keys name two different people.
    """
    people = {}
    for key, users in find_people(phone=phone, email=email, member_code=member_code).items():
        users = [u for u in users if exclude is None or u.pk != exclude.pk]
        if len(users) > 1:
            raise ValidationError(_("Nhiều tài khoản có cùng %(key)s.") % {"key": _key_label(key)})
        if users:
            people[key] = users[0]
    distinct = {u.pk: u for u in people.values()}
    if len(distinct) > 1:
        names = ", ".join(sorted(u.full_name for u in distinct.values()))
        raise ValidationError(
            _("Số điện thoại, email và mã đoàn viên thuộc về nhiều người khác nhau: %(names)s.")
            % {"names": names}
        )
    return next(iter(distinct.values()), None)


def _key_label(key: str) -> str:
    return {"phone": _("số điện thoại"), "email": _("email"), "member_code": _("mã đoàn viên")}[key]


def clean_person(data: dict) -> dict:
    """Stored forms of the person's fields (NFC name, phone digits, lower-case e-mail)."""
    data = dict(data)
    if "full_name" in data:
        data["full_name"] = clean_name(data["full_name"])
    if "phone" in data:
        data["phone"] = normalize_phone(data["phone"])
        if data["phone"] and not is_valid_phone(data["phone"]):
            raise ValidationError(_("Số điện thoại không hợp lệ."))
    if "email" in data:
        data["email"] = normalize_email(data["email"])
    if "member_code" in data:
        data["member_code"] = (data["member_code"] or "").strip()
    return data


def check_open(unit: OrgUnit) -> None:
    if unit.closed_on is not None:
        raise ValidationError(_("Đơn vị đã giải thể: chỉ còn xem được."))


def _check_group(unit: OrgUnit, group: OrgUnit | None) -> None:
    if group is not None and (group.parent_id != unit.pk or group.kind != OrgUnit.Kind.UNION_GROUP):
        raise ValidationError(_("Tổ công đoàn không thuộc đơn vị này."))


@transaction.atomic
def add_member(*, unit: OrgUnit, actor: User, starts_on: dt.date | None = None, **fields):
    """Make a person a member of `unit`, reusing their account when one is known.

    Side effects: creates the account (with no usable password) if no account has the
    phone number, e-mail or member code; creates the membership; writes an audit entry.
    Raises ValidationError if the unit is closed or the person is already a member.
    """
    check_open(unit)
    fields = clean_person(fields)
    group = fields.pop("group", None)
    position = fields.pop("position", "")
    _check_group(unit, group)
    person = match_person(
        phone=fields.get("phone", ""),
        email=fields.get("email", ""),
        member_code=fields.get("member_code", ""),
    )
    base = BASE_ROLE[unit.kind]
    if person is None:
        person = User(username=new_username(), **fields)
        person.set_unusable_password()
        person.save()
        reused = False
    else:
        if Membership.objects.current().filter(user=person, unit=unit, role=base).exists():
            raise ValidationError(
                _("%(name)s đã là thành viên của đơn vị.") % {"name": person.full_name}
            )
        reused = True
    membership = Membership.objects.create(
        user=person,
        unit=unit,
        role=base,
        group=group,
        position=position,
        starts_on=starts_on or timezone.localdate(),
    )
    figures_changed.send(sender=Membership, unit_ids=[unit.pk])
    record(
        actor=actor,
        action="member.add",
        obj=membership,
        unit=unit,
        person=person.pk,
        existing_account=reused,
    )
    return membership


@transaction.atomic
def update_member(*, membership: Membership, actor: User, **fields) -> Membership:
    """Change a member's own fields and their place (chức vụ, tổ) in the union.

    Side effects: writes one audit entry listing the changed fields ("member.move" when
    the tổ changed). Raises ValidationError when the phone, e-mail or member code belongs
    to someone else, or the unit is closed.
    """
    unit = membership.unit
    check_open(unit)
    fields = clean_person(fields)
    person = membership.user
    other = match_person(
        phone=fields.get("phone", ""),
        email=fields.get("email", ""),
        member_code=fields.get("member_code", ""),
        exclude=person,
    )
    if other is not None:
        raise ValidationError(
            _("Số điện thoại, email hoặc mã đoàn viên đã thuộc về %(name)s.")
            % {"name": other.full_name}
        )
    _check_group(unit, fields.get("group"))
    changed = {}
    for name in PERSON_FIELDS:
        if name in fields and getattr(person, name) != fields[name]:
            changed[name] = [str(getattr(person, name)), str(fields[name])]
            setattr(person, name, fields[name])
    moved = "group" in fields and membership.group_id != getattr(fields["group"], "pk", None)
    if moved:
        changed["group"] = [str(membership.group or ""), str(fields["group"] or "")]
        membership.group = fields["group"]
    if "position" in fields and membership.position != fields["position"]:
        changed["position"] = [membership.position, fields["position"]]
        membership.position = fields["position"]
    if not changed:
        return membership
    person.save()
    membership.save()
    record(
        actor=actor,
        action="member.move" if moved else "member.edit",
        obj=membership,
        unit=unit,
        changed=changed,
    )
    return membership


def current_roles(membership: Membership) -> set[str]:
    """The grantable roles the member holds now in the unit (and tổ trưởng in their tổ)."""
    rows = Membership.objects.current().filter(user=membership.user_id)
    roles = set(rows.filter(unit=membership.unit_id).values_list("role", flat=True))
    if (
        membership.group_id
        and rows.filter(unit=membership.group_id, role=Role.GROUP_LEADER).exists()
    ):
        roles.add(Role.GROUP_LEADER)
    return roles & set(GRANTABLE_ROLES[membership.unit.kind])


@transaction.atomic
def set_member_roles(
    *, membership: Membership, actor: User, roles, today: dt.date | None = None
) -> set[str]:
    """Give and take the member's roles so that they hold exactly `roles`.

    A role taken ends yesterday (a role given by mistake today is removed). Tổ trưởng is
    held in the member's tổ. Side effects: one audit entry with the roles given and
    taken. Raises ValidationError for a role this unit does not have, tổ trưởng without a
    tổ, a chair taking their own chair role, or a closed unit.
    """
    today = today or timezone.localdate()
    unit = membership.unit
    check_open(unit)
    allowed = set(GRANTABLE_ROLES[unit.kind])
    wanted = set(roles)
    if wanted - allowed:
        raise ValidationError(_("Vai trò không có ở đơn vị này."))
    if Role.GROUP_LEADER in wanted and membership.group_id is None:
        raise ValidationError(_("Đoàn viên chưa thuộc tổ công đoàn nào: chưa thể làm tổ trưởng."))
    held = current_roles(membership)
    given, taken = wanted - held, held - wanted
    if membership.user_id == actor.pk and taken & {Role.CHAIR, Role.VICE_CHAIR}:
        raise ValidationError(_("Không thể tự bỏ vai trò chủ tịch của chính mình."))
    for role in given:
        Membership.objects.create(
            user=membership.user,
            unit=membership.group if role == Role.GROUP_LEADER else unit,
            role=role,
            starts_on=today,
        )
    for role in taken:
        role_unit = membership.group_id if role == Role.GROUP_LEADER else unit.pk
        for row in Membership.objects.current(today).filter(
            user=membership.user_id, unit=role_unit, role=role
        ):
            end_row(row, today - dt.timedelta(days=1), reason="")
    if given or taken:
        record(
            actor=actor,
            action="member.roles",
            obj=membership,
            unit=unit,
            given=sorted(given),
            taken=sorted(taken),
        )
    return wanted


def end_row(row: Membership, ends_on: dt.date, reason: str) -> None:
    if row.starts_on and row.starts_on > ends_on:
        row.delete()  # held for no day at all: given by mistake
        return
    row.ends_on = ends_on
    row.end_reason = reason
    row.save(update_fields=["ends_on", "end_reason"])


@transaction.atomic
def end_membership(
    *, membership: Membership, actor: User, ends_on: dt.date, reason: str
) -> Membership:
    """End a member's membership of the union on `ends_on` (their last day), for `reason`.

    Their roles in the union and its tổ end with it. Everything they did stays, and they
    keep their account (to read their own history, or to join another union). Side
    effects: one audit entry. Raises ValidationError for an unknown reason, a date before
    the membership began, an already ended membership, or a chair ending their own.
    """
    check_open(membership.unit)
    if reason not in dict(PERSONAL_END_REASONS):
        raise ValidationError(_("Lý do kết thúc không hợp lệ."))
    if membership.ends_on is not None:
        raise ValidationError(_("Tư cách thành viên này đã kết thúc."))
    if membership.starts_on and ends_on < membership.starts_on:
        raise ValidationError(_("Ngày kết thúc trước ngày bắt đầu."))
    if membership.user_id == actor.pk:
        raise ValidationError(_("Không thể tự kết thúc tư cách thành viên của chính mình."))
    unit = membership.unit
    open_rows = Membership.objects.filter(
        user=membership.user_id, ends_on__isnull=True, unit__in=[unit.pk, *_group_ids(unit)]
    ).exclude(pk=membership.pk)
    for row in open_rows:
        end_row(row, ends_on, reason)
    membership.ends_on = ends_on
    membership.end_reason = reason
    membership.save(update_fields=["ends_on", "end_reason"])
    figures_changed.send(sender=Membership, unit_ids=[unit.pk])
    record(
        actor=actor,
        action="member.end",
        obj=membership,
        unit=unit,
        ends_on=ends_on.isoformat(),
        reason=reason,
    )
    return membership


def _group_ids(unit: OrgUnit) -> list[int]:
    return list(unit.children.filter(kind=OrgUnit.Kind.UNION_GROUP).values_list("pk", flat=True))
