"""The seed's plan (self-report 15/3/2023 → 11h30 23/3/2023) with three criteria, and a
live plan whose window is open now, for the view tests."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from campaigns.models import Criterion, Milestone, Plan, Target
from portal.models import Role
from tests.factories import (
    CriterionFactory,
    MembershipFactory,
    MilestoneFactory,
    PlanFactory,
    TitleFactory,
    UserFactory,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START = dt.datetime(2023, 3, 15, 0, 0, tzinfo=VN)
DEADLINE = dt.datetime(2023, 3, 23, 11, 30, tzinfo=VN)
BEFORE = DEADLINE - dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Users are made by the hundred here: hash their passwords fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings.MEDIA_ROOT


def _with_criteria(plan):
    CriterionFactory(plan=plan, kind=Criterion.Kind.MET, order=1, text="Gương mẫu chấp hành")
    CriterionFactory(
        plan=plan, kind=Criterion.Kind.POINTS, max_points=10, order=2, text="Giáo viên giỏi"
    )
    CriterionFactory(
        plan=plan, kind=Criterion.Kind.MET, order=3, required=False, text="Hiến máu nhân đạo"
    )
    TitleFactory(plan=plan, name="Gương điển hình tiên tiến", target=Target.INDIVIDUAL)
    TitleFactory(plan=plan, name="Tập thể lao động xuất sắc", target=Target.COLLECTIVE)
    return plan


@pytest.fixture
def plan(union):
    """The seed's CĐCS plan; late reports refused."""
    plan = PlanFactory(issuer=union, title="Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW")
    MilestoneFactory(plan=plan, kind=Milestone.Kind.SELF_REPORT, starts_at=START, ends_at=DEADLINE)
    return _with_criteria(plan)


@pytest.fixture
def live_plan(union):
    """A CĐCS plan whose self-report window is open now (for views, which use the clock)."""
    now = timezone.now()
    plan = PlanFactory(issuer=union, title="Kế hoạch thi đua đang mở")
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.SELF_REPORT,
        starts_at=now - dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=5),
    )
    return _with_criteria(plan)


@pytest.fixture
def closed_window_plan(union):
    """A published plan whose self-report deadline passed an hour ago."""
    now = timezone.now()
    plan = PlanFactory(issuer=union, title="Kế hoạch đã hết hạn nộp")
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.SELF_REPORT,
        starts_at=now - dt.timedelta(days=5),
        ends_at=now - dt.timedelta(hours=1),
    )
    return _with_criteria(plan)


@pytest.fixture
def dave(union, group):
    """A BCH member of the union (may read its submitted reports, not change them)."""
    user = UserFactory(username="dave", full_name="Đỗ Văn Dave", email="dave@example.vn")
    MembershipFactory(user=user, unit=union, role=Role.MEMBER, group=group)
    MembershipFactory(user=user, unit=union, role=Role.BCH_MEMBER)
    return user


@pytest.fixture
def erin(union, group):
    """Another ordinary member of the same union."""
    user = UserFactory(username="erin", full_name="Võ Thị Erin", email="erin@example.vn")
    MembershipFactory(user=user, unit=union, role=Role.MEMBER, group=group)
    return user


def answers(plan, *, met=True, points="8.5", evidence="Giấy khen 2022", optional=None) -> dict:
    """A complete answer set for the fixture plan's three criteria."""
    c1, c2, c3 = plan.criteria.order_by("order")
    return {
        "narrative": "Tôi học tập và làm theo Bác bằng việc làm cụ thể.",
        "titles": [plan.titles.get(target=Target.INDIVIDUAL).pk],
        "answers": {
            c1.pk: {"met": met, "evidence": evidence},
            c2.pk: {"points": points, "evidence": ""},
            c3.pk: {"met": optional, "evidence": ""},
        },
    }


def refusing(plan) -> Plan:
    plan.late_policy = Plan.LatePolicy.REFUSE
    plan.save()
    return plan
