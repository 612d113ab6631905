"""Models of campaigns/, one module per area; re-exported here for Django and imports."""

from campaigns.models.plans import (
    AgendaItem,
    Criterion,
    Milestone,
    Plan,
    PlanPhase,
    PlanSection,
    Target,
    Title,
)
from campaigns.models.registrations import Registration

__all__ = [
    "AgendaItem",
    "Criterion",
    "Milestone",
    "Plan",
    "PlanPhase",
    "PlanSection",
    "Registration",
    "Target",
    "Title",
]
