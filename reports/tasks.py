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
