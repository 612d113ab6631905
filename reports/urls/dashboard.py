"""URLs of the federation's dashboard and its generated files."""

from django.urls import path

from reports.views import dashboard as views

urlpatterns = [
    path("ke-hoach/<int:pk>/tong-hop/", views.dashboard, name="dashboard"),
    path("ke-hoach/<int:pk>/tong-hop-thanh-pho/", views.city_dashboard, name="city_dashboard"),
    path(
        "ke-hoach/<int:pk>/xuat/<str:kind>/",
        views.export_start,
        name="export_start",
    ),
    path("tep/<int:pk>/", views.artifact_detail, name="artifact_detail"),
    path("tep/<int:pk>/trang-thai/", views.artifact_status, name="artifact_status"),
    path("tep/<int:pk>/tai-ve/", views.artifact_download, name="artifact_download"),
]
