"""A deterministic synthetic district for benchmarks (``seed_demo --scale district``).

"LĐLĐ Quận Mô Phỏng" with `units` CĐCS of `members` members each (200 × 60 = 12,000 by
default). Each CĐCS has union groups, a chair, a vice-chair and three BCH members; the
live campaign's federation plan (fixtures/live/1_federation.toml) is issued by the
district and cascaded to every CĐCS (fixtures/live/2_grassroots.toml), whose self-report
window is open now. Names come from fixtures/names.toml through a ``random.Random``
seeded per unit, so unit i always has the same people whatever the sizes. Users are
bulk-created with one shared password hash and their sort and search keys set here
(``bulk_create`` skips ``User.save``).
"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from campaigns.models import (
    Criterion,
    Plan,
    RatingLevel,
    RatingScheme,
    Target,
    UnitAssessment,
    UnitAssessmentItem,
)
from demo.context import DemoContext
from demo.specs import build_plan, read
from portal.models import Membership, OrgUnit, Role, User
from portal.vietnamese import fold, name_sort_key

DISTRICT_CODE = "ldld-mophong"
DISTRICT_NAME = "LĐLĐ Quận Mô Phỏng"
DISTRICT_PLACE = "Mô Phỏng"
STAFF_USERNAME = "ldld_mophong"
NAME_SEED = "thidua-mophong"
# Member j of a unit holds these roles besides "member".
BCH_ROLES_BY_INDEX = {
    1: Role.CHAIR,
    2: Role.VICE_CHAIR,
    3: Role.BCH_MEMBER,
    4: Role.BCH_MEMBER,
    5: Role.BCH_MEMBER,
}


@dataclass(frozen=True)
class DistrictNaming:
    """The codes and names of one synthetic district (the city scale makes many)."""

    code: str = DISTRICT_CODE
    name: str = DISTRICT_NAME
    place: str = DISTRICT_PLACE
    staff: str = STAFF_USERNAME
    unit_prefix: str = "mp"  # unit codes: mp-001, mp-001-t1
    user_prefix: str = "m"  # usernames: m001_01
    seed: str = NAME_SEED
    label: str = "Mô Phỏng"  # "CĐCS Trường MN Mô Phỏng 001"
    short: str = "MP"  # "CĐCS-MNMP001"


def district_present(code: str = DISTRICT_CODE) -> bool:
    return OrgUnit.objects.filter(code=code).exists()


def member_username(unit_index: int, member_index: int, members: int, prefix: str = "m") -> str:
    """``m001_01``: unit number, then member number (wider when a unit has ≥ 100)."""
    width = max(2, len(str(members)))
    return f"{prefix}{unit_index:03d}_{member_index:0{width}d}"


def member_names(
    unit_index: int, members: int, names: dict | None = None, seed: str = NAME_SEED
) -> list[str]:
    """The full names of unit `unit_index`'s members, the same on every run."""
    names = names or read("names.toml")
    rng = random.Random(f"{seed}:{unit_index}")
    families = [f for f, _ in names["family"]]
    weights = [w for _, w in names["family"]]
    result = []
    for _ in range(members):
        family = rng.choices(families, weights)[0]
        if rng.random() < names["female_share"]:
            middle, given = rng.choice(names["female_middle"]), rng.choice(names["female_given"])
        else:
            middle, given = rng.choice(names["male_middle"]), rng.choice(names["male_given"])
        result.append(f"{family} {middle} {given}")
    return result


def load_district(
    ctx: DemoContext,
    *,
    units: int = 200,
    members: int = 60,
    naming: DistrictNaming = DistrictNaming(),
    parent: OrgUnit | None = None,
    parent_plan: Plan | None = None,
) -> dict:
    """Create the district, its units, people, memberships and cascaded plans; under
    `parent` (a city federation) with its plan made from `parent_plan` when given.

    Returns a JSON-safe summary (for the audit entry and the command's output).
    """
    names = read("names.toml")
    district = OrgUnit(
        code=naming.code,
        name=naming.name,
        short_name="LĐLĐ",
        kind=OrgUnit.Kind.DISTRICT_FEDERATION,
        place=naming.place,
        parent=parent,
    )
    district.save()
    staff = User(username=naming.staff, full_name="Phan Thị Minh Thư", password=ctx.password_hash)
    staff.save()
    Membership.objects.create(
        user=staff, unit=district, role=Role.FEDERATION_STAFF, position="Chuyên viên"
    )

    unions = _create_unions(district, units, names, naming)
    chairs = _create_people(ctx, unions, members, names, naming)

    federation_plan = build_plan(
        read("live/1_federation.toml"), ctx, issuer=district, parent=parent_plan, relative=True
    )
    grassroots_spec = read("live/2_grassroots.toml")
    for (union, _groups), chair in zip(unions, chairs, strict=True):
        build_plan(
            grassroots_spec,
            ctx,
            issuer=union,
            parent=federation_plan,
            relative=True,
            overrides={"signer_name": chair},
        )
    _rate_unions(ctx, federation_plan, [union for union, _groups in unions])
    return {
        "district": naming.code,
        "units": units,
        "members_per_unit": members,
        "plans": Plan.objects.filter(issuer__path__startswith=district.path).count(),
    }


def _tree_unit(parent: OrgUnit, **fields) -> OrgUnit:
    """An unsaved unit under `parent` with the tree fields ``OrgUnit.save`` would set
    (``bulk_create`` does not call it)."""
    unit = OrgUnit(parent=parent, **fields)
    unit.set_tree_fields()
    return unit


def _create_unions(
    district: OrgUnit, units: int, names: dict, naming: DistrictNaming
) -> list[tuple[OrgUnit, list[OrgUnit]]]:
    """The district's CĐCS and their tổ công đoàn, in two ``bulk_create`` statements
    (batched) instead of one INSERT per unit: each CĐCS with its tree path under the
    district, each tổ under its CĐCS."""
    schools = names["school_types"]
    unions = []
    for i in range(1, units + 1):
        school = schools[(i - 1) % len(schools)]
        unions.append(
            _tree_unit(
                district,
                code=f"{naming.unit_prefix}-{i:03d}",
                name=f"CĐCS {school['name']} {naming.label} {i:03d}",
                short_name=f"CĐCS-{school['abbreviation']}{naming.short}{i:03d}",
                kind=OrgUnit.Kind.GRASSROOTS_UNION,
                place=naming.place,
            )
        )
    OrgUnit.objects.bulk_create(unions, batch_size=1000)  # sets the pks (SQLite ≥ 3.35, PG)
    made, groups = [], []
    for i, union in enumerate(unions, 1):
        school = schools[(i - 1) % len(schools)]
        union_groups = [
            _tree_unit(
                union,
                code=f"{naming.unit_prefix}-{i:03d}-t{g}",
                name=group_name,
                short_name=f"T{g}",
                kind=OrgUnit.Kind.UNION_GROUP,
                place=naming.place,
            )
            for g, group_name in enumerate(school["groups"], 1)
        ]
        groups += union_groups
        made.append((union, union_groups))
    OrgUnit.objects.bulk_create(groups, batch_size=2000)
    return made


def _create_people(ctx, unions, members: int, names: dict, naming: DistrictNaming) -> list[str]:
    """Bulk-create every member and their memberships; return each unit's chair name."""
    teacher, staff_jobs = names["positions"]["teacher"], names["positions"]["staff"]
    users, rows, chairs = [], [], []
    for i, (union, groups) in enumerate(unions, 1):
        full_names = member_names(i, members, names, naming.seed)
        chairs.append(full_names[0])
        for j, full_name in enumerate(full_names, 1):
            user = User(
                username=member_username(i, j, members, naming.user_prefix),
                full_name=full_name,
                password=ctx.password_hash,
                sort_name=name_sort_key(full_name),
                search_name=fold(full_name),
            )
            users.append(user)
            position = staff_jobs[(j // 12) % len(staff_jobs)] if j % 12 == 0 else teacher
            group = groups[(j - 1) % len(groups)]
            rows.append((user, union, Role.MEMBER, group, position))
            if j in BCH_ROLES_BY_INDEX:
                rows.append((user, union, BCH_ROLES_BY_INDEX[j], None, position))
    User.objects.bulk_create(users, batch_size=2000)  # sets the pks (SQLite ≥ 3.35, PG)
    Membership.objects.bulk_create(
        (
            Membership(user=user, unit=unit, role=role, group=group, position=position)
            for user, unit, role, group, position in rows
        ),
        batch_size=2000,
    )
    return chairs


def _rate_unions(ctx: DemoContext, plan: Plan, unions: list[OrgUnit]) -> None:
    """Every CĐCS of the district gets an assessment in the federation's rating, so the
    dashboard's rating columns mean something: a fifth have sent nothing, two fifths
    have submitted their self-score, two fifths are finalised with a level. Written in
    bulk (as the people are); the standards and levels are demo/ratings.py's."""
    from campaigns import ratings
    from demo.ratings import CDCS_LEVELS, CDCS_STANDARDS

    criteria = Criterion.objects.bulk_create(
        [
            Criterion(
                plan=plan,
                text=text,
                kind=Criterion.Kind.POINTS,
                max_points=Decimal(top),
                target=Target.COLLECTIVE,
                required=False,
                order=100 + n,
            )
            for n, (text, top) in enumerate(CDCS_STANDARDS, start=1)
        ]
    )
    scheme = RatingScheme.objects.create(
        plan=plan,
        rated_kind=OrgUnit.Kind.GRASSROOTS_UNION,
        starts_at=ctx.now - dt.timedelta(days=5),
        ends_at=ctx.now + dt.timedelta(days=12),
    )
    levels = RatingLevel.objects.bulk_create(
        [RatingLevel(scheme=scheme, order=n, **lv) for n, lv in enumerate(CDCS_LEVELS, start=1)]
    )
    rules = [ratings.LevelRule(lv.pk, lv.name, lv.min_points, lv.floor_share) for lv in levels]
    assessments, points_of = [], {}
    for i, union in enumerate(unions):
        stage = i % 5
        points = [
            c.max_points - (i + n) % 9 - (12 if i % 7 == 0 else 0) for n, c in enumerate(criteria)
        ]
        points = [max(Decimal(0), p) for p in points]
        a = UnitAssessment(scheme=scheme, unit=union)
        verified = None
        if stage:
            a.status = UnitAssessment.Status.SUBMITTED
            a.submitted_at = ctx.now - dt.timedelta(hours=i % 48 + 1)
            a.version = 1
            a.self_total = sum(points, Decimal(0))
        if stage >= 3:
            verified = [p - (i % 3) if n == 0 else p for n, p in enumerate(points)]
            verified = [max(Decimal(0), p) for p in verified]
            scored = [
                ratings.Scored(c.max_points, p) for c, p in zip(criteria, verified, strict=True)
            ]
            rule = ratings.level_for(rules, scored)
            a.status = UnitAssessment.Status.FINALISED
            a.verified_total = ratings.total(scored)
            a.level_id = rule.key if rule else None
            a.finalised_at = ctx.now
        assessments.append(a)
        points_of[union.pk] = (points, verified) if stage else None
    UnitAssessment.objects.bulk_create(assessments, batch_size=1000)
    items = []
    for a in UnitAssessment.objects.filter(scheme=scheme):
        scores = points_of.get(a.unit_id)
        if not scores:
            continue
        own, verified = scores
        for n, c in enumerate(criteria):
            items.append(
                UnitAssessmentItem(
                    assessment=a,
                    criterion=c,
                    self_points=own[n],
                    evidence="Báo cáo năm của CĐCS.",
                    verified_points=verified[n] if verified else None,
                    reason="Thiếu minh chứng" if verified and verified[n] != own[n] else "",
                )
            )
    UnitAssessmentItem.objects.bulk_create(items, batch_size=2000)
