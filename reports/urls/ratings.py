"""URLs of a unit rating's documents (PDF, XLSX)."""

from django.urls import path

from reports.views import ratings as views

urlpatterns = [
    path(
        "ke-hoach/<int:pk>/xep-loai/tieu-chuan/pdf/",
        views.rating_standards_pdf,
        name="rating_standards_pdf",
    ),
    path(
        "ke-hoach/<int:pk>/xep-loai/tong-hop/pdf/",
        views.rating_summary_pdf,
        name="rating_summary_pdf",
    ),
    path("ke-hoach/<int:pk>/xep-loai/xlsx/", views.rating_xlsx, name="rating_xlsx"),
    path("xep-loai-don-vi/<int:pk>/pdf/", views.rating_sheet_pdf, name="rating_sheet_pdf"),
]
