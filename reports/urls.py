"""URLs of reports/: PDF and XLSX downloads, all under the "reports" namespace."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("ke-hoach/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path(
        "ke-hoach/<int:pk>/chuong-trinh-hoi-nghi/pdf/",
        views.ceremony_pdf,
        name="ceremony_pdf",
    ),
]
