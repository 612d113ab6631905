"""Reads of registrations: plain answers for the title rules, and the data the pages show.

`registered`, `registered_title_ids` and `registrations_by_member` are not
permission-aware: they answer questions of the rules engine (issue 4: "did not register"
is an exclusion). Pages start from `visible_to` or from an object the policy let through.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from campaigns.deadlines import Window, WindowState, format_deadline, window_of
from campaigns.models import Milestone, Plan, Registration, Target, Title
from portal.models import BCH_ROLES, UNION_MEMBER_ROLES, Membership, OrgUnit, Role
from portal.permissions import grants, is_admin, visible_to
from portal.vietnamese import collation_key

# --- answers for the title rules ------------------------------------------------------


def registered(plan: Plan, member, title: Title) -> bool:
    """Did `member` register for `title` in `plan`?"""
    return Registration.objects.filter(
        plan=plan, member=member, title=title, member__isnull=False
    ).exists()


def registered_title_ids(plan: Plan, member) -> set[int]:
    """Ids of the individual titles `member` registered for in `plan`."""
    return set(
        Registration.objects.filter(plan=plan, member=member).values_list("title_id", flat=True)
    )


def registrations_by_member(plan: Plan, member_ids: Iterable[int] | None = None) -> dict:
    """{member id: set of title ids} for `plan`, in one query (members who registered
    nothing are absent). Limit to `member_ids` when given."""
    qs = Registration.objects.filter(plan=plan, member__isnull=False)
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    result: dict[int, set[int]] = defaultdict(set)
    for member_id, title_id in qs.values_list("member_id", "title_id"):
        result[member_id].add(title_id)
    return dict(result)


def unit_registered(plan: Plan, unit: OrgUnit, title: Title) -> bool:
    """Did the chair register `unit` for the collective `title` in `plan`?"""
    return Registration.objects.filter(
        plan=plan, unit=unit, title=title, member__isnull=True
    ).exists()


def unit_registered_title_ids(plan: Plan, unit_id: int) -> set[int]:
    return set(
        Registration.objects.filter(plan=plan, unit_id=unit_id, member__isnull=True).values_list(
            "title_id", flat=True
        )
    )


def registrations_visible_to(user):
    """Registrations the user may see (own, own unit's for the BCH, subtree for staff)."""
    return visible_to(user, Registration).select_related("plan", "title", "member", "unit")


# --- the window, as the pages show it ---------------------------------------------------


@dataclass(frozen=True)
class RegistrationWindow:
    window: Window | None
    state: WindowState | None

    @property
    def is_open(self) -> bool:
        return self.state is WindowState.OPEN

    @property
    def deadline_text(self) -> str:
        return self.window.deadline_text if self.window else ""

    @property
    def message(self) -> str:
        if self.window is None:
            return _("Kế hoạch này không có đợt đăng ký thi đua.")
        if self.state is WindowState.NOT_YET_OPEN:
            return _("Đăng ký thi đua chưa mở; bắt đầu từ %(start)s.") % {
                "start": format_deadline(self.window.starts_at)
            }
        if self.state is WindowState.CLOSED:
            return _("Đã hết hạn đăng ký thi đua (hạn chót %(deadline)s).") % {
                "deadline": self.deadline_text
            }
        return _("Hạn chót đăng ký: %(deadline)s.") % {"deadline": self.deadline_text}


def registration_window(plan: Plan, now: datetime) -> RegistrationWindow:
    """The plan's registration window and its state at `now` (one query)."""
    milestone = registration_milestone(plan)
    if milestone is None:
        return RegistrationWindow(None, None)
    window = window_of(milestone)
    return RegistrationWindow(window, window.state(now))


def titles_for(plan: Plan, target: str) -> list[Title]:
    return list(plan.titles.filter(target=target).order_by("order", "id"))


# --- the chair's overview ------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    name: str
    position: str
    registered: tuple[bool, ...]  # one per individual title, in column order


@dataclass(frozen=True)
class GroupBlock:
    name: str
    rows: tuple[MemberRow, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class TitleCount:
    title: Title
    count: int


@dataclass(frozen=True)
class Overview:
    unit: OrgUnit
    titles: tuple[Title, ...]  # individual titles: the table's columns
    groups: tuple[GroupBlock, ...]
    totals: tuple[TitleCount, ...]
    member_count: int
    registered_member_count: int
    collective_titles: tuple[Title, ...]
    unit_registered_ids: frozenset[int]


def _members_of(unit: OrgUnit) -> list[Membership]:
    """Current union members of `unit`, one row per person (their group kept), sorted
    the Vietnamese way."""
    rows = (
        Membership.objects.current()
        .filter(unit=unit, role__in=UNION_MEMBER_ROLES)
        .select_related("user", "group")
        .order_by("user__sort_name", "user_id", "group_id")
    )
    by_user: dict[int, Membership] = {}
    for row in rows:
        kept = by_user.get(row.user_id)
        if kept is None or (kept.group_id is None and row.group_id is not None):
            by_user[row.user_id] = row
    return list(by_user.values())


def registration_overview(plan: Plan, unit: OrgUnit) -> Overview:
    """Who in `unit` registered for which title of `plan`: members by union group, sorted
    by given name the Vietnamese way, with counts per title. Four queries, whatever the
    number of members."""
    titles = list(plan.titles.order_by("order", "id"))
    individual = tuple(t for t in titles if t.target == Target.INDIVIDUAL)
    collective = tuple(t for t in titles if t.target == Target.COLLECTIVE)
    members = _members_of(unit)
    member_ids = [m.user_id for m in members]
    chosen: dict[int, set[int]] = defaultdict(set)
    unit_ids: set[int] = set()
    regs = Registration.objects.filter(plan=plan).filter(
        Q(member_id__in=member_ids) | Q(member__isnull=True, unit=unit)
    )
    for member_id, title_id in regs.values_list("member_id", "title_id"):
        if member_id is None:
            unit_ids.add(title_id)
        else:
            chosen[member_id].add(title_id)

    grouped: dict[int | None, list[Membership]] = defaultdict(list)
    for m in members:
        grouped[m.group_id].append(m)
    blocks = []
    for group_id, rows in grouped.items():
        group = rows[0].group
        name = group.name if group_id else _("Chưa xếp tổ")
        member_rows = tuple(
            MemberRow(
                name=str(m.user),
                position=m.position,
                registered=tuple(t.pk in chosen[m.user_id] for t in individual),
            )
            for m in rows
        )
        counts = tuple(sum(r.registered[i] for r in member_rows) for i in range(len(individual)))
        blocks.append(
            (group_id is None, collation_key(name), GroupBlock(name, member_rows, counts))
        )
    blocks.sort(key=lambda b: (b[0], b[1]))
    totals = tuple(
        TitleCount(t, sum(1 for mid in member_ids if t.pk in chosen[mid])) for t in individual
    )
    return Overview(
        unit=unit,
        titles=individual,
        groups=tuple(b[2] for b in blocks),
        totals=totals,
        member_count=len(members),
        registered_member_count=sum(1 for mid in member_ids if chosen[mid]),
        collective_titles=collective,
        unit_registered_ids=frozenset(unit_ids),
    )


def overview_units(user, plan: Plan) -> list[OrgUnit]:
    """Units of `plan` whose registrations `user` may survey: grassroots unions within
    the plan's issuer that the user sits on the BCH of, or that lie below a unit where
    they are federation staff (all of them for an administrator). One query."""
    base = OrgUnit.objects.filter(
        path__startswith=plan.issuer.path, kind=OrgUnit.Kind.GRASSROOTS_UNION
    )
    if not is_admin(user):
        own = [g.unit_id for g in grants(user) if g.role in BCH_ROLES]
        staff = [g.unit_path for g in grants(user) if g.role == Role.FEDERATION_STAFF]
        if not own and not staff:
            return []
        q = Q(pk__in=own)
        for path in staff:
            q |= Q(path__startswith=path)
        base = base.filter(q)
    return sorted(base, key=lambda u: (u.depth, collation_key(u.name)))


# --- who takes part (was registrations/scope.py) -------------------------------------
# Who takes part in a plan's registration, and through which unit. Reads the user's
# grants (cached per request), so these cost at most one query.


CHAIR_ROLES = (Role.CHAIR, Role.VICE_CHAIR)


def member_unit_id(user, plan: Plan) -> int | None:
    """The union through which `user` takes part in `plan`: the deepest unit within the
    plan's issuer where they hold a union member role (None if they hold none)."""
    found = [
        g
        for g in grants(user)
        if g.role in UNION_MEMBER_ROLES and g.unit_path.startswith(plan.issuer.path)
    ]
    if not found:
        return None
    return max(found, key=lambda g: g.unit_path.count("/")).unit_id


def chair_unit_ids(user, plan: Plan) -> list[int]:
    """Units within the plan's issuer that `user` chairs (chair or vice chair)."""
    return sorted(
        {
            g.unit_id
            for g in grants(user)
            if g.role in CHAIR_ROLES and g.unit_path.startswith(plan.issuer.path)
        }
    )


def registration_milestone(plan: Plan) -> Milestone | None:
    """The plan's registration milestone (the latest one, if a plan has several)."""
    return (
        plan.milestones.filter(kind=Milestone.Kind.REGISTRATION).order_by("-ends_at", "-id").first()
    )
