"""The demo data the walk (and the browser test) runs against, and a small handle on it.

``load_demo()`` runs ``seed_demo`` when the command exists; until then it builds the same
people and the live cascaded campaign with the factories. ``DemoData`` finds the objects
the expectation tables need, by username and by structure, so the tables never hold ids.
"""

import datetime as dt
from functools import cached_property

from django.core.management import call_command, get_commands
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
    """Load the demo into the current database."""
    if "seed_demo" in get_commands():
        call_command("seed_demo", verbosity=0)
    else:
        build_minimal_demo()


def build_minimal_demo(now=None) -> None:
    """The demo's people and its live campaign (LĐLĐ → CĐCS → chi bộ), from factories:
    a stand-in for ``seed_demo`` while that command does not exist."""
    from tests.factories import (
        FederationFactory,
        MembershipFactory,
        MilestoneFactory,
        OrgUnitFactory,
        PlanFactory,
        UserFactory,
    )

    now = now or timezone.now()
    # The same codes, tree and memberships as fixtures/orgs.toml and fixtures/people.toml.
    city = FederationFactory(
        code="ldld-tphcm",
        name="LĐLĐ Thành phố Hồ Chí Minh",
        kind=OrgUnit.Kind.CITY_FEDERATION,
        place="Thành phố Hồ Chí Minh",
    )
    govap = FederationFactory(
        code="ldld-govap", name="LĐLĐ Quận Gò Vấp", parent=city, place="Gò Vấp"
    )
    senhong = OrgUnitFactory(
        code="mn-senhong", name="CĐCS Trường MN Sen Hồng", short_name="CĐCS-MNSH", parent=govap
    )
    ward = OrgUnitFactory(
        code="du-phuong10-govap",
        name="Đảng ủy Phường 10",
        short_name="ĐU",
        kind=OrgUnit.Kind.PARTY_COMMITTEE,
    )
    cell = OrgUnitFactory(
        code="cb-mn-senhong",
        name="Chi bộ Trường MN Sen Hồng",
        short_name="CB",
        kind=OrgUnit.Kind.PARTY_CELL,
        parent=ward,
    )
    quan1 = FederationFactory(code="ldld-quan1", name="LĐLĐ Quận 1", parent=city, place="Quận 1")

    UserFactory(username="admin", full_name="Quản trị hệ thống", is_superuser=True, is_staff=True)
    people = [
        ("ldld_govap", "Huỳnh Thị Bích Ngọc", [(govap, Role.FEDERATION_STAFF)]),
        (
            "chutich_senhong",
            "Nguyễn Thị Thu Trang",
            [(senhong, Role.MEMBER), (senhong, Role.CHAIR)],
        ),
        ("bch_senhong", "Lê Thị Ngọc Hân", [(senhong, Role.MEMBER), (senhong, Role.BCH_MEMBER)]),
        ("doanvien_senhong", "Trần Thị Mỹ Linh", [(senhong, Role.MEMBER)]),
        (
            "bithu_senhong",
            "Võ Thị Kim Phượng",
            [(senhong, Role.MEMBER), (cell, Role.CELL_SECRETARY)],
        ),
        (
            "bgh_senhong",
            "Phạm Thị Hồng Nhung",
            [(senhong, Role.MEMBER), (senhong, Role.SCHOOL_BOARD), (cell, Role.PARTY_MEMBER)],
        ),
        (OUTSIDER_USERNAME, "Lâm Quốc Bảo", [(quan1, Role.FEDERATION_STAFF)]),
    ]
    for username, full_name, memberships in people:
        user = UserFactory(username=username, full_name=full_name)
        for unit, role in memberships:
            MembershipFactory(user=user, unit=unit, role=role)

    year = timezone.localdate(now).year
    parent = None
    for unit, number in ((govap, 9), (senhong, 3), (cell, 2)):
        parent = PlanFactory(
            issuer=unit,
            parent=parent,
            number=number,
            year=year,
            issued_on=timezone.localdate(now) - dt.timedelta(days=7),
            place="Gò Vấp",
            title=f"Kế hoạch thi đua năm {year} của {unit.name}",
            kind=Plan.Kind.EMULATION,
        )
        MilestoneFactory(
            plan=parent,
            kind=Milestone.Kind.SELF_REPORT,
            starts_at=now - dt.timedelta(days=2),
            ends_at=now + dt.timedelta(days=5),
        )


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
