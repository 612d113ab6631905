"""Who takes part in a plan's registration, and through which unit. Reads the user's
grants (cached per request), so these cost at most one query."""

from campaigns.models import Milestone, Plan
from portal.models import UNION_MEMBER_ROLES, Role
from portal.permissions import grants

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
