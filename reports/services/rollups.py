"""Keep the rolled-up figures (reports.models.UnitFigures) current.

Two ways, which must agree (``manage.py rollup_figures --check`` and the tests hold them
to it):

- ``recount(plan_ids)`` counts every fact of those plans from scratch, in a fixed number
  of queries whatever the number of plans (the command, the task, and the services'
  occasional changes: a score, a nomination, a review, a rating, a member);
- ``apply_deltas(plan_id, deltas)`` adds to one row in one ``UPDATE … SET n = n + d``
  statement: the self-report submit, which must stay cheap in a deadline rush. The
  increment is safe under concurrency (PostgreSQL re-reads the locked row), where a
  recount inside two racing transactions could each miss the other's report.

The services send ``portal.signals.figures_changed`` inside their transaction; the
receiver below does the work in the same transaction, so a rolled-back write leaves the
figures as they were.
"""

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.dispatch import receiver

from campaigns.models import Plan, SelfReport, UnitAssessment
from nominations.models import Nomination, Review, Score
from portal.models import UNION_MEMBER_ROLES, Membership
from portal.signals import figures_changed
from reports.models import UnitFigures


def _chunks(values, size=900):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def count_figures(plan_ids=None) -> dict[int, dict]:
    """The facts of each plan (all plans when `plan_ids` is None), counted from scratch:
    {plan id: {fact: value}} with the keys of ``UnitFigures.FACTS``. Seven queries per
    900 plans."""
    result = {}
    chunks = [None] if plan_ids is None else _chunks(plan_ids)
    for chunk in chunks:
        result.update(_count_chunk(chunk))
    return result


def _count_chunk(plan_ids) -> dict[int, dict]:
    def scoped(qs, field="plan_id"):
        return qs if plan_ids is None else qs.filter(**{f"{field}__in": plan_ids})

    plans = list(scoped(Plan.objects.all(), "id").values_list("id", "issuer_id", "parent_id"))
    if not plans:
        return {}
    issuers = {issuer_id for _id, issuer_id, _parent in plans}
    parents = {parent for _id, _issuer, parent in plans if parent}
    members = dict(
        Membership.objects.current()
        .filter(role__in=UNION_MEMBER_ROLES)
        .filter(**({} if plan_ids is None else {"unit_id__in": issuers}))
        .values("unit_id")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("unit_id", "n")
    )
    reports = {
        r["plan_id"]: r
        for r in scoped(SelfReport.objects.filter(status=SelfReport.Status.SUBMITTED))
        .values("plan_id")
        .annotate(
            on_time=Count("id", filter=Q(is_late=False)),
            late=Count("id", filter=Q(is_late=True)),
            scored=Count("id", filter=Q(Exists(Score.objects.filter(report_id=OuterRef("pk"))))),
        )
    }
    nominated = dict(
        scoped(Nomination.objects.exclude(status=Nomination.Status.WITHDRAWN))
        .values("plan_id")
        .annotate(n=Count("id"))
        .values_list("plan_id", "n")
    )
    final = set(
        scoped(Review.objects.filter(finalised_at__isnull=False)).values_list("plan_id", flat=True)
    )
    ratings = {
        (plan_id, unit_id): (status, level_id)
        for plan_id, unit_id, status, level_id in UnitAssessment.objects.filter(
            **({} if plan_ids is None else {"scheme__plan_id__in": parents, "unit_id__in": issuers})
        ).values_list("scheme__plan_id", "unit_id", "status", "level_id")
    }
    result = {}
    for plan_id, issuer_id, parent_id in plans:
        done = reports.get(plan_id, {})
        status, level_id = ratings.get((parent_id, issuer_id), ("", None))
        result[plan_id] = {
            "unit_id": issuer_id,
            "members": members.get(issuer_id, 0),
            "submitted": done.get("on_time", 0),
            "late": done.get("late", 0),
            "scored": done.get("scored", 0),
            "nominated": nominated.get(plan_id, 0),
            "review_final": plan_id in final,
            "rating_status": status,
            "rating_level_id": level_id,
        }
    return result


def stored_figures(plan_ids=None) -> dict[int, dict]:
    qs = UnitFigures.objects.all()
    if plan_ids is not None:
        qs = qs.filter(plan_id__in=list(plan_ids))
    return {row["plan_id"]: row for row in qs.values("id", "plan_id", *UnitFigures.FACTS)}


def differences(plan_ids=None) -> list[tuple[int, str, object, object]]:
    """(plan id, fact, stored, counted) for every fact the rows get wrong, a missing row
    as ("row", None, "present") and a row of a deleted plan as ("row", "present", None)."""
    counted = count_figures(plan_ids)
    stored = stored_figures(plan_ids)
    found = []
    for plan_id in sorted(set(counted) | set(stored)):
        have, want = stored.get(plan_id), counted.get(plan_id)
        if have is None or want is None:
            found.append((plan_id, "row", have and "present", want and "present"))
            continue
        found.extend(
            (plan_id, fact, have[fact], want[fact])
            for fact in UnitFigures.FACTS
            if have[fact] != want[fact]
        )
    return found


@transaction.atomic
def recount(plan_ids=None) -> int:
    """Write the figures of these plans (all when None) as counted from scratch; returns
    the number of rows created or changed."""
    counted = count_figures(plan_ids)
    stored = stored_figures(counted.keys() if plan_ids is not None else None)
    create, update = [], []
    for plan_id, facts in counted.items():
        have = stored.get(plan_id)
        if have is None:
            create.append(UnitFigures(plan_id=plan_id, **facts))
        elif any(have[f] != facts[f] for f in UnitFigures.FACTS):
            update.append(UnitFigures(pk=have["id"], plan_id=plan_id, **facts))
    UnitFigures.objects.bulk_create(create, batch_size=1000, ignore_conflicts=True)
    UnitFigures.objects.bulk_update(update, UnitFigures.FACTS, batch_size=1000)
    return len(create) + len(update)


def apply_deltas(plan_id: int, deltas: dict[str, int]) -> None:
    """Add `deltas` to one plan's counters in one statement; a plan without its row yet
    gets it counted from scratch (the counted facts already include this change)."""
    changes = {k: F(k) + d for k, d in deltas.items() if d}
    if not changes:
        return
    if not UnitFigures.objects.filter(plan_id=plan_id).update(**changes):
        recount([plan_id])


def plans_of_units(unit_ids) -> list[int]:
    return list(Plan.objects.filter(issuer_id__in=list(unit_ids)).values_list("id", flat=True))


@receiver(figures_changed, dispatch_uid="reports.rollups")
def on_figures_changed(sender, plan_ids=(), unit_ids=(), plan_id=None, deltas=None, **kwargs):
    if plan_id is not None and deltas:
        apply_deltas(plan_id, deltas)
    targets = set(plan_ids or ())
    if unit_ids:
        targets.update(plans_of_units(unit_ids))
    if targets:
        recount(sorted(targets))
