"""The part of a plan a self-report is checked against, read once and cached per plan.

A submit needs the plan's criteria (kind, maximum, required) and its individual titles
twice: to build the page's form and to validate in the service. Both ask
``plan_structure(plan)``; the first asks the database, the others the cache (Django's
default cache: per process when ``CACHES`` is not configured).

Freshness: the entry is keyed on the plan and stamped with its ``created_at`` and
``updated_at``, and the plan is read from the database on every request. Saving or
deleting one of its criteria or titles (the plan services, the admin, factories:
anything through ``save``/``delete``) sets the plan's ``updated_at`` in the same
transaction, so every process sees a new stamp on its next request and reads the
structure again; the process that made the change also drops its entry at once.
Entries expire after ``TIMEOUT`` seconds in any case (writes that bypass the signals,
such as ``QuerySet.update``, are seen after at most that long). Deadlines are never
cached: they are read from the database on every submit
(``selectors.self_report_windows``).
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from campaigns.models import Criterion, Plan, Target, Title

TIMEOUT = 300  # seconds
_PREFIX = "campaigns.selfreport.structure"


@dataclass(frozen=True)
class PlanStructure:
    # The plan's individual criteria, in order. Collective criteria ("100% đoàn viên hoàn
    # thành…") belong to the unit: the chair scores them on the unit assessment, members
    # never see them on their own report.
    criteria: tuple[Criterion, ...]
    titles: tuple[Title, ...]  # the plan's individual titles, in order
    stamp: tuple = field(default=(), compare=False)

    @property
    def title_names(self) -> dict[int, str]:
        return {t.pk: t.name for t in self.titles}


def _key(plan_id: int) -> str:
    return f"{_PREFIX}:{plan_id}"


def _stamp(plan: Plan) -> tuple:
    return (plan.pk, plan.created_at, plan.updated_at)


def plan_structure(plan: Plan) -> PlanStructure:
    """The plan's individual criteria and titles, in order (cached; see the module)."""
    stamp = _stamp(plan)
    found = cache.get(_key(plan.pk))
    if found is not None and found.stamp == stamp:
        return found
    structure = PlanStructure(
        # Not through plan.criteria: the rows would carry the plan into the cache.
        criteria=tuple(
            Criterion.objects.filter(plan_id=plan.pk, target=Target.INDIVIDUAL).order_by(
                "order", "id"
            )
        ),
        titles=tuple(
            Title.objects.filter(plan_id=plan.pk, target=Target.INDIVIDUAL).order_by("order", "id")
        ),
        stamp=stamp,
    )
    cache.set(_key(plan.pk), structure, TIMEOUT)
    return structure


def forget_plan_structure(plan_id: int) -> None:
    cache.delete(_key(plan_id))


@receiver(post_save, sender=Criterion, dispatch_uid="selfreport-structure-criterion-saved")
@receiver(post_delete, sender=Criterion, dispatch_uid="selfreport-structure-criterion-deleted")
@receiver(post_save, sender=Title, dispatch_uid="selfreport-structure-title-saved")
@receiver(post_delete, sender=Title, dispatch_uid="selfreport-structure-title-deleted")
def _structure_changed(sender, instance, raw=False, **kwargs):
    """A criterion or title changed: the plan changed. Its new ``updated_at`` tells every
    process (each has its own cache) to read the structure again; this one forgets it
    at once. In the same transaction as the change."""
    if raw:  # loading fixtures
        return
    Plan.objects.filter(pk=instance.plan_id).update(updated_at=timezone.now())
    forget_plan_structure(instance.plan_id)


@receiver(post_delete, sender=Plan, dispatch_uid="selfreport-structure-plan-deleted")
def _plan_deleted(sender, instance, **kwargs):
    forget_plan_structure(instance.pk)
