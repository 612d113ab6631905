"""Who may manage, see and object to the nomination list, and answer objections."""

from django.db.models import Q

from nominations.models import Objection
from nominations.permissions.common import leads
from nominations.permissions.nominations import can_list_nominations
from portal.models import BCH_ROLES, UNION_MEMBER_ROLES, Role
from portal.permissions import has_role, is_admin, rule, selector, unit_ids_with

# --- nomination lists and dossiers ------------------------------------------------------------


@rule("list.manage")
def can_manage_list(user, plan):
    return plan is not None and leads(user, plan.issuer)


@rule("list.view")
def can_view_list(user, plan):
    """Who sees the nominations, and once published (công khai) every member of the unit."""
    from nominations.models import NominationList

    if can_list_nominations(user, plan):
        return True
    return (
        has_role(user, plan.issuer, UNION_MEMBER_ROLES)
        and NominationList.objects.filter(
            plan=plan, status=NominationList.Status.PUBLISHED
        ).exists()
    )


@rule("list.object")
def can_object(user, nomination_list):
    return has_role(user, nomination_list.plan.issuer, UNION_MEMBER_ROLES)


@selector(Objection)
def objections_visible_to(user):
    """Own objections; every objection to the lists of the units one leads or sits on the
    committee of."""
    qs = Objection.objects.select_related("list__plan__issuer", "author")
    if is_admin(user):
        return qs
    committee = unit_ids_with(user, (*BCH_ROLES, Role.FEDERATION_STAFF))
    return qs.filter(Q(author=user) | Q(list__plan__issuer_id__in=committee))


@rule("objection.answer")
def can_answer_objection(user, objection):
    return leads(user, objection.list.plan.issuer)
