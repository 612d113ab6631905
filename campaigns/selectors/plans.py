"""Permission-aware reads for plans, and the plain data the plan pages show."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from campaigns.models import Milestone, Plan
from campaigns.services.cascade import expects_cascade
from campaigns.services.plans import plan_reference
from portal.models import MANAGER_ROLES, OrgUnit
from portal.permissions import is_admin, unit_ids_with, visible_to
from portal.vietnamese import (
    collation_key,
    fold,
    format_deadline,
    format_place_date,
    format_short_date,
)

# --- lists --------------------------------------------------------------------------


def plans_for_list(user, *, year: int | None = None, kind: str = "", query: str = ""):
    """Plans the user may see, newest first, with what a list row shows (issuer and parent
    in the same query). `query` matches symbol, title, reference and issuer name,
    ignoring diacritics and case ("ke hoach sen hong" finds "Kế hoạch … Sen Hồng")."""
    qs = visible_to(user, Plan).select_related("issuer", "parent__issuer")
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    for word in fold(query).split():
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-year", "-issued_on", "-id")


def plan_years_for(user) -> list[int]:
    """The years of the plans the user may see, newest first (for the list's filter)."""
    return list(visible_to(user, Plan).order_by("-year").values_list("year", flat=True).distinct())


def plan_for_detail(user, pk: int) -> Plan:
    """The plan with everything its document shows, in a fixed number of queries."""
    return (
        visible_to(user, Plan)
        .select_related("issuer__parent", "parent__issuer")
        .prefetch_related(
            "sections",
            "phases",
            "criteria",
            "titles__prerequisite",
            Prefetch("milestones", queryset=Milestone.objects.prefetch_related("agenda_items")),
        )
        .get(pk=pk)
    )


# --- the official document ----------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    kind_label: str
    label: str
    when: str  # "11h30 ngày 23/3/2023" or "Từ 7h00 ngày 15/3/2023 đến 11h30 ngày 23/3/2023"
    deadline: str
    place: str
    agenda: tuple[str, ...]


@dataclass(frozen=True)
class PlanDocument:
    """A plan as the official document prints it (Nghị định 30/2020 layout)."""

    parent_body: str
    issuer_name: str
    national_lines: tuple[str, ...]
    is_party: bool
    number_line: str
    dateline: str
    doc_type: str
    title: str
    reference_line: str
    timeline: tuple[TimelineEntry, ...] = field(default_factory=tuple)
    signing_line: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()


NATIONAL_LINES = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY_LINES = ("ĐẢNG CỘNG SẢN VIỆT NAM",)


def _reference_line(plan: Plan) -> str:
    parent = plan.parent
    if parent is not None:
        text = _("Thực hiện %(plan)s") % {"plan": plan_reference(parent)}
        if parent.issued_on:
            text += _(" ngày %(day)s") % {"day": format_short_date(parent.issued_on)}
        text += _(" của %(issuer)s về %(title)s.") % {
            "issuer": parent.issuer.name,
            "title": parent.title,
        }
        return text
    reference = plan.external_reference.strip()
    if not reference:
        return ""
    if fold(reference).startswith(("thuc hien", "can cu")):
        return reference
    return _("Thực hiện %(reference)s") % {"reference": reference}


def _when(milestone: Milestone) -> str:
    if milestone.starts_at == milestone.ends_at:
        return format_deadline(milestone.ends_at)
    return _("Từ %(start)s đến %(end)s") % {
        "start": format_deadline(milestone.starts_at),
        "end": format_deadline(milestone.ends_at),
    }


def plan_document(plan: Plan) -> PlanDocument:
    """The plain data of `plan`'s official layout. Uses what ``plan_for_detail`` loaded."""
    issuer = plan.issuer
    if plan.issued_on:
        dateline = format_place_date(plan.place, plan.issued_on)
    else:
        dateline = f"{plan.place}, ngày … tháng … năm …" if plan.place else ""
    if plan.number or plan.symbol_override:
        number = plan.symbol
    else:  # a draft: the number is written in at publication
        number = (
            f"…-{plan.doc_type}/{issuer.short_name}"
            if issuer.is_party
            else f"…/{plan.doc_type}-{issuer.short_name}"
        )
    signing = " ".join(part for part in (plan.signing_mode, plan.signing_body.upper()) if part)
    timeline = tuple(
        TimelineEntry(
            kind=m.kind,
            kind_label=m.get_kind_display(),
            label=m.label,
            when=_when(m),
            deadline=format_deadline(m.ends_at),
            place=m.place,
            agenda=tuple(item.text for item in m.agenda_items.all()),
        )
        for m in plan.milestones.all()
    )
    return PlanDocument(
        parent_body=issuer.parent.name.upper() if issuer.parent_id else "",
        issuer_name=issuer.name.upper(),
        national_lines=PARTY_LINES if issuer.is_party else NATIONAL_LINES,
        is_party=issuer.is_party,
        # The party writes "Số 01-KH/CB" (no colon), the state "Số: 08/KH-LĐLĐ".
        number_line=(_("Số %(number)s") if issuer.is_party else _("Số: %(number)s"))
        % {"number": number},
        dateline=dateline,
        doc_type=_("KẾ HOẠCH"),
        title=plan.title,
        reference_line=_reference_line(plan),
        timeline=timeline,
        signing_line=signing,
        signer_title=plan.signer_title.upper(),
        signer_name=plan.signer_name,
        recipients=tuple(plan.recipient_lines),
    )


# --- cascade ------------------------------------------------------------------------


@dataclass(frozen=True)
class CascadeRow:
    """One unit below a plan's issuer: did it make its own plan from this one?"""

    unit_id: int
    unit_name: str
    expected: bool  # a direct child unit that is expected to implement the plan
    plan_id: int | None = None
    plan_symbol: str = ""
    plan_title: str = ""
    plan_status: str = ""
    plan_status_label: str = ""
    plan_url: str = ""

    @property
    def cascaded(self) -> bool:
        return self.plan_status in (Plan.Status.PUBLISHED, Plan.Status.CLOSED)


@dataclass(frozen=True)
class CascadeStatus:
    rows: tuple[CascadeRow, ...]

    @property
    def expected_count(self) -> int:
        return sum(1 for r in self.rows if r.expected)

    @property
    def cascaded_count(self) -> int:
        return sum(1 for r in self.rows if r.expected and r.cascaded)

    @property
    def missing(self) -> tuple[CascadeRow, ...]:
        return tuple(r for r in self.rows if r.expected and not r.cascaded)


def plan_cascade_status(plan: Plan, viewer=None) -> CascadeStatus:
    """Per unit below the issuer: cascaded or not, with the child plan and its status.

    One row per direct child unit expected to implement the plan (see
    ``services.expects_cascade``), plus one per other unit that made a plan from it (a
    chi bộ implementing its CĐCS's plan). Drafts show as "being written" without a link.
    Two queries, whatever the number of units. With `viewer`, a child plan the viewer
    may not open (the policy: ``visible_to``) is listed without its link (one query
    more): the federation never gets a link that answers 404.
    """
    issuer = plan.issuer
    children = [
        unit for unit in OrgUnit.objects.filter(parent=issuer) if expects_cascade(issuer, unit)
    ]
    child_plans = {}
    for child in plan.children.select_related("issuer").order_by("id"):
        child_plans.setdefault(child.issuer_id, child)
    if viewer is not None and child_plans:
        openable = set(
            visible_to(viewer, Plan)
            .filter(pk__in=[p.pk for p in child_plans.values()])
            .values_list("pk", flat=True)
        )
        for child in child_plans.values():
            child.viewer_may_open = child.pk in openable
    rows = [_cascade_row(unit, True, child_plans.pop(unit.pk, None)) for unit in children]
    rows.sort(key=lambda r: collation_key(r.unit_name))
    extra = sorted(
        (_cascade_row(p.issuer, False, p) for p in child_plans.values()),
        key=lambda r: collation_key(r.unit_name),
    )
    return CascadeStatus(rows=tuple(rows + extra))


def _cascade_row(unit: OrgUnit, expected: bool, child: Plan | None) -> CascadeRow:
    if child is None:
        return CascadeRow(unit_id=unit.pk, unit_name=unit.name, expected=expected)
    is_draft = child.status == Plan.Status.DRAFT
    return CascadeRow(
        unit_id=unit.pk,
        unit_name=unit.name,
        expected=expected,
        plan_id=child.pk,
        plan_symbol="" if is_draft else child.symbol,
        plan_title="" if is_draft else child.title,
        plan_status=child.status,
        plan_status_label=_("Đang soạn") if is_draft else child.get_status_display(),
        plan_url=""
        if is_draft or not getattr(child, "viewer_may_open", True)
        else child.get_absolute_url(),
    )


def cascade_units_for(user, plan: Plan):
    """Units the user may make a plan from `plan` for: units they manage that may
    implement it (below its issuer, or a party body adopting a union plan) and have no
    plan from it yet."""
    issuer = plan.issuer
    reach = Q(path__startswith=issuer.path) & ~Q(pk=issuer.pk)
    if not issuer.is_party:
        reach |= Q(kind__in=OrgUnit.PARTY_KINDS)
    qs = OrgUnit.objects.filter(reach).exclude(kind=OrgUnit.Kind.UNION_GROUP)
    if not is_admin(user):
        qs = qs.filter(pk__in=unit_ids_with(user, MANAGER_ROLES))
    return qs.exclude(Exists(Plan.objects.filter(parent=plan, issuer=OuterRef("pk")))).order_by(
        "path"
    )


def creatable_units_for(user):
    """Units the user may issue a new plan for (the units they manage, no union groups)."""
    qs = (
        OrgUnit.objects.all()
        if is_admin(user)
        else OrgUnit.objects.filter(pk__in=unit_ids_with(user, MANAGER_ROLES))
    )
    return qs.exclude(kind=OrgUnit.Kind.UNION_GROUP).order_by("path")


def pending_parent_plans_for(user):
    """Published parent-unit plans that a unit the user manages has not implemented yet.

    Returns (unit, plan) pairs in two queries. Only units expected to implement their
    parent's plans count (see ``services.expects_cascade``).
    """
    units = [
        u
        for u in OrgUnit.objects.filter(pk__in=unit_ids_with(user, MANAGER_ROLES))
        .exclude(parent=None)
        .select_related("parent")
        if expects_cascade(u.parent, u)
    ]
    if not units:
        return []
    by_parent: dict[int, list[OrgUnit]] = {}
    for unit in units:
        by_parent.setdefault(unit.parent_id, []).append(unit)
    plans = (
        Plan.objects.filter(
            issuer_id__in=by_parent,
            status=Plan.Status.PUBLISHED,
            is_historical=False,
        )
        .select_related("issuer")
        .prefetch_related(
            Prefetch("children", queryset=Plan.objects.only("id", "issuer", "parent"))
        )
        .order_by("-issued_on", "-id")
    )
    pairs = []
    for plan in plans:
        done = {c.issuer_id for c in plan.children.all()}
        pairs.extend((u, plan) for u in by_parent[plan.issuer_id] if u.pk not in done)
    return pairs


def draft_plans_for(user):
    """Draft plans of the units the user manages, oldest first."""
    return (
        Plan.objects.filter(
            issuer_id__in=unit_ids_with(user, MANAGER_ROLES), status=Plan.Status.DRAFT
        )
        .select_related("issuer")
        .order_by("created_at", "id")
    )
