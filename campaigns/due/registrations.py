"""Home page items ("what is due for me") for registrations: an open registration window
of a plan the person takes part in, until they have registered."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Milestone, Plan, Registration, Target
from campaigns.selectors.registrations import CHAIR_ROLES
from portal.due import DueItem, provider
from portal.models import UNION_MEMBER_ROLES, OrgUnit
from portal.permissions import grants


@provider
def registration_due_items(user, now) -> list[DueItem]:
    """Open registration windows for the user's units: register yourself (members, when the
    plan has individual titles) and register the unit (chairs, collective titles)."""
    mine = [g for g in grants(user) if g.role in UNION_MEMBER_ROLES]
    if not mine:
        return []
    above = {p for g in mine for p in OrgUnit(path=g.unit_path).ancestor_paths()}
    milestones = list(
        Milestone.objects.filter(
            kind=Milestone.Kind.REGISTRATION,
            starts_at__lte=now,
            ends_at__gt=now,
            plan__status=Plan.Status.PUBLISHED,
            plan__issuer__path__in=above,
        )
        .select_related("plan__issuer")
        .annotate(
            individual=Count("plan__titles", filter=Q(plan__titles__target=Target.INDIVIDUAL)),
            collective=Count("plan__titles", filter=Q(plan__titles__target=Target.COLLECTIVE)),
        )
        .order_by("ends_at")
    )
    if not milestones:
        return []
    plan_ids = [m.plan_id for m in milestones]
    chairs = {g.unit_id: g for g in mine if g.role in CHAIR_ROLES}
    chaired = set(chairs)
    done = Registration.objects.filter(plan_id__in=plan_ids).filter(
        Q(member=user) | Q(member__isnull=True, unit_id__in=chaired)
    )
    own_counts: dict[int, int] = {}
    unit_done: set[tuple[int, int]] = set()
    for plan_id, member_id, unit_id in done.values_list("plan_id", "member_id", "unit_id"):
        if member_id is None:
            unit_done.add((plan_id, unit_id))
        else:
            own_counts[plan_id] = own_counts.get(plan_id, 0) + 1
    items = []
    seen = set()
    for m in milestones:
        if m.plan_id in seen:
            continue
        seen.add(m.plan_id)
        plan = m.plan
        if m.individual:
            count = own_counts.get(plan.pk, 0)
            items.append(
                DueItem(
                    title=_("Đăng ký thi đua: %(plan)s") % {"plan": plan.title},
                    url=reverse("campaigns:registration_member", args=[plan.pk]),
                    due_at=m.ends_at,
                    unit_name=plan.issuer.name,
                    status=(
                        _("Đã đăng ký %(n)s danh hiệu") % {"n": count}
                        if count
                        else _("Chưa đăng ký")
                    ),
                    step="registration",
                    action="" if count else _("Đăng ký danh hiệu thi đua"),
                    done=bool(count),
                )
            )
        for g in chairs.values():
            if m.collective and g.unit_path.startswith(plan.issuer.path):
                registered = (plan.pk, g.unit_id) in unit_done
                items.append(
                    DueItem(
                        title=_("Đăng ký thi đua tập thể: %(plan)s") % {"plan": plan.title},
                        url=reverse("campaigns:registration_unit", args=[plan.pk])
                        + f"?don_vi={g.unit_id}",
                        due_at=m.ends_at,
                        unit_name=plan.issuer.name,
                        status=_("Đơn vị đã đăng ký") if registered else _("Đơn vị chưa đăng ký"),
                        step="registration",
                        action="" if registered else _("Đăng ký danh hiệu cho đơn vị"),
                        done=registered,
                    )
                )
    return items
