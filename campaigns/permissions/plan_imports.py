"""Who may import a plan from a document (docs/import.md): whoever may create plans."""

from campaigns.permissions.plans import can_create_plan
from portal.permissions import rule


@rule("plan.import")
def can_import_plan(user, unit=None):
    """Import a plan from a document: whoever may create plans (for `unit`, when given)."""
    return can_create_plan(user, unit)
