"""URLs of an emulation cluster's documents (PDF)."""

from django.urls import path

from reports.views import clusters as views

urlpatterns = [
    path("cum-thi-dua/<int:pk>/giao-uoc/pdf/", views.cluster_pact_pdf, name="cluster_pact_pdf"),
    path(
        "cum-thi-dua/<int:pk>/phieu-cham-cheo/pdf/",
        views.cluster_sheet_pdf,
        name="cluster_sheet_pdf",
    ),
    path(
        "cum-thi-dua/<int:pk>/bien-ban/pdf/",
        views.cluster_minutes_pdf,
        name="cluster_minutes_pdf",
    ),
]
