"""URLs of periodic reports sent up and the summary report."""

from django.urls import path

from reports.views import periodic as views

urlpatterns = [
    path(
        "ke-hoach/<int:pk>/bao-cao-dinh-ky/",
        views.periodic_list,
        name="periodic_list",
    ),
    path(
        "bao-cao-dinh-ky/<int:milestone_pk>/don-vi/<int:unit_pk>/",
        views.periodic_edit,
        name="periodic_edit",
    ),
    path("bao-cao-dinh-ky/<int:pk>/", views.periodic_detail, name="periodic_detail"),
    path(
        "ke-hoach/<int:pk>/bao-cao-so-ket/",
        views.summary_edit,
        name="summary_edit",
    ),
]
