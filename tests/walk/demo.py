"""The demo data the walk (and the browser tests) run against, and a small handle on it.

``load_demo()`` runs ``seed_demo``. ``DemoData`` finds the objects the expectation tables
need, by username and by structure, so the tables never hold ids.
"""

from functools import cached_property

from django.core.management import call_command
from django.utils import timezone

from campaigns.models import Milestone, Plan
from portal.models import OrgUnit, Role, User

DEMO_PASSWORD = "thidua2026"
DEMO_USERNAMES = (
    "admin",
    "ldld_govap",
    "chutich_senhong",
    "bch_senhong",
    "doanvien_senhong",
    "bithu_senhong",
    "bgh_senhong",
)
OUTSIDER_USERNAME = "ldld_quan1"


def load_demo() -> None:
    """Load the demo (``python manage.py seed_demo``) into the current database."""
    call_command("seed_demo", verbosity=0)


class DemoData:
    """The demo's people, units and plans, looked up once."""

    def user(self, role: str) -> User | None:
        """The user a walk role signs in as (None for "anonymous")."""
        if role == "anonymous":
            return None
        username = OUTSIDER_USERNAME if role == "outsider" else role
        return User.objects.get(username=username)

    @cached_property
    def govap(self) -> OrgUnit:
        return self._unit_of("ldld_govap", Role.FEDERATION_STAFF)

    @cached_property
    def senhong(self) -> OrgUnit:
        return self._unit_of("chutich_senhong", Role.CHAIR)

    @cached_property
    def senhong_cell(self) -> OrgUnit:
        return self._unit_of("bithu_senhong", Role.CELL_SECRETARY)

    @cached_property
    def quan1(self) -> OrgUnit:
        return self._unit_of(OUTSIDER_USERNAME, Role.FEDERATION_STAFF)

    @cached_property
    def live_cdcs_plan(self) -> Plan:
        """Sen Hồng's plan of the live campaign: its self-report window is open now."""
        return self._live_plan(self.senhong)

    @cached_property
    def live_federation_plan(self) -> Plan:
        """The Gò Vấp plan the live CĐCS plan implements."""
        return self.live_cdcs_plan.parent

    @cached_property
    def live_cell_plan(self) -> Plan:
        """The chi bộ's plan implementing the live CĐCS plan."""
        return Plan.objects.get(parent=self.live_cdcs_plan, issuer=self.senhong_cell)

    def plan(self, title: str) -> Plan:
        """A plan by its exact title (trích yếu)."""
        return Plan.objects.get(title=title)

    def _unit_of(self, username: str, role: str) -> OrgUnit:
        return OrgUnit.objects.get(memberships__user__username=username, memberships__role=role)

    def _live_plan(self, unit: OrgUnit) -> Plan:
        """The unit's published, non-historical plan with a self-report window open now."""
        now = timezone.now()
        plans = list(
            Plan.objects.filter(
                issuer=unit,
                status=Plan.Status.PUBLISHED,
                is_historical=False,
                milestones__kind=Milestone.Kind.SELF_REPORT,
                milestones__starts_at__lte=now,
                milestones__ends_at__gt=now,
            ).distinct()
        )
        if len(plans) != 1:
            raise LookupError(f"Expected one live plan issued by {unit}, found {plans}")
        return plans[0]
