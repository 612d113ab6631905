"""URLs of reports/: PDF and XLSX downloads, all under the "reports" namespace."""

from django.urls import path

from reports import meetings, views

app_name = "reports"

urlpatterns = [
    path("bien-ban-sinh-hoat/<int:pk>/pdf/", meetings.minutes_pdf, name="minutes_pdf"),
    path(
        "sinh-hoat-chuyen-de/<int:pk>/quy-<int:quarter>/pdf/",
        meetings.quarter_report_pdf,
        name="meeting_quarter_report_pdf",
    ),
    path("ke-hoach/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path(
        "ke-hoach/<int:pk>/chuong-trinh-hoi-nghi/pdf/",
        views.ceremony_pdf,
        name="ceremony_pdf",
    ),
]
