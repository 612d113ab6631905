"""The plan cascade: which unit may implement a parent plan, and the child plan that inherits
the parent's criteria and titles."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Criterion, Plan, Title
from campaigns.services.plans import _new_plan, _refuse, plan_reference
from portal.audit import record
from portal.models import OrgUnit


def may_implement_path(issuer: OrgUnit, unit_path: str, unit_kind: str) -> bool:
    """May the unit at `unit_path` make its own plan from a plan of `issuer`?

    Units below the issuer may (plans cascade down the tree); so may a party body adopt a
    union plan (a school's chi bộ sits in the party's tree, not under the school's CĐCS,
    yet implements its plan). Union groups issue no plans.
    """
    if unit_kind == OrgUnit.Kind.UNION_GROUP or unit_path == issuer.path:
        return False
    if unit_path.startswith(issuer.path):
        return True
    return unit_kind in OrgUnit.PARTY_KINDS and not issuer.is_party


def may_implement(issuer: OrgUnit, unit: OrgUnit) -> bool:
    return may_implement_path(issuer, unit.path, unit.kind)


def expects_cascade(issuer: OrgUnit, unit: OrgUnit) -> bool:
    """Is `unit` expected to implement the plans of `issuer` (its direct parent)?

    Union groups issue no plans; party bodies implement party plans and union bodies
    union plans (a chi bộ under a CĐCS may implement the CĐCS plan, but is not counted
    as missing when it does not).
    """
    return (
        unit.parent_id == issuer.pk
        and unit.kind != OrgUnit.Kind.UNION_GROUP
        and unit.is_party == issuer.is_party
    )


@transaction.atomic
def create_child_plan(
    *, parent: Plan, issuer: OrgUnit, actor, now: dt.datetime | None = None, **fields
) -> Plan:
    """Create `issuer`'s draft plan implementing `parent`.

    The child starts with the parent's title, kind, period and late policy; it inherits
    copies of the parent's criteria and titles (``inherited_from`` set, prerequisites
    re-pointed to the copies). Milestones are not copied: the child sets its own, inside
    the parent's. Side effects: locks the unit's row until commit (one plan per unit per
    parent), writes the plan, its inherited items and an audit entry. Raises
    ValidationError when the parent is not published, the unit may not implement it (see
    ``may_implement``), or the unit already has a plan for this parent.
    """
    if parent.status != Plan.Status.PUBLISHED:
        _refuse(_("Chỉ triển khai được kế hoạch đang ban hành."))
    if not may_implement(parent.issuer, issuer):
        _refuse(
            _("%(unit)s không trực thuộc %(issuer)s nên không triển khai kế hoạch này.")
            % {"unit": issuer.name, "issuer": parent.issuer.name},
            "issuer",
        )
    # One plan per unit per parent: serialise on the unit's row (a double click, two tabs).
    OrgUnit.objects.select_for_update().filter(pk=issuer.pk).first()
    existing = Plan.objects.filter(parent=parent, issuer=issuer).first()
    if existing is not None:
        _refuse(
            _("%(unit)s đã có kế hoạch thực hiện %(parent)s: “%(title)s”.")
            % {"unit": issuer.name, "parent": plan_reference(parent), "title": existing.title},
            "issuer",
        )
    values = {
        "title": parent.title,
        "kind": parent.kind,
        "school_year": parent.school_year,
        "period_start": parent.period_start,
        "period_end": parent.period_end,
        "late_policy": parent.late_policy,
        **fields,
    }
    plan = _new_plan(issuer=issuer, parent=parent, now=now or timezone.now(), fields=values)
    _inherit_criteria(parent, plan)
    _inherit_titles(parent, plan)
    record(
        actor=actor,
        action="plan.cascade",
        obj=plan,
        unit=issuer,
        parent=parent.pk,
        parent_symbol=parent.symbol,
    )
    return plan


def _inherit_criteria(parent: Plan, plan: Plan) -> None:
    Criterion.objects.bulk_create(
        Criterion(
            plan=plan,
            text=c.text,
            kind=c.kind,
            max_points=c.max_points,
            required=c.required,
            target=c.target,
            order=c.order,
            inherited_from=c,
        )
        for c in parent.criteria.all()
    )


def _inherit_titles(parent: Plan, plan: Plan) -> None:
    originals = list(parent.titles.all())
    copies = {}
    for t in originals:
        copies[t.pk] = Title.objects.create(
            plan=plan,
            name=t.name,
            level=t.level,
            target=t.target,
            quota_count=t.quota_count,
            quota_share=t.quota_share,
            min_points=t.min_points,
            criterion_floor_share=t.criterion_floor_share,
            requires_registration=t.requires_registration,
            vote_quorum=t.vote_quorum,
            vote_base=t.vote_base,
            vote_threshold=t.vote_threshold,
            vote_strict=t.vote_strict,
            secret_ballot=t.secret_ballot,
            valid_from=t.valid_from,
            valid_to=t.valid_to,
            order=t.order,
            inherited_from=t,
        )
    for t in originals:
        if t.prerequisite_id in copies:
            copy = copies[t.pk]
            copy.prerequisite = copies[t.prerequisite_id]
            copy.save(update_fields=["prerequisite"])
