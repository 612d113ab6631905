"""Background work of reports/ through Django's tasks API (the django-tasks backport).

In-process by default (ImmediateBackend: the task runs as it is enqueued); with
TASKS_BACKEND=django_tasks_db.DatabaseBackend, on `manage.py db_worker` processes.
"""

from django_tasks import task


@task()
def make_artifact_task(artifact_id: int) -> str:
    """Render and store one generated file; returns its final status."""
    from reports.services.dashboard import make_artifact

    return make_artifact(artifact_id=artifact_id).status


@task()
def refresh_figures_task(plan_ids: list[int] | None = None) -> int:
    """Recount the rolled-up figures (all plans when None), e.g. nightly, when a
    membership ends by date; returns the number of rows written."""
    from reports.services.rollups import recount

    return recount(plan_ids)
