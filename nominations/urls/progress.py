"""URLs of the chair's progress page of a plan."""

from django.urls import path

from nominations.views import progress

urlpatterns = [
    path("ke-hoach/<int:pk>/", progress.plan_progress_view, name="plan_progress"),
]
