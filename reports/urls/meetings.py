"""URLs of the PDFs of party-cell meetings (minutes, the quarter's report)."""

from django.urls import path

from reports.views import meetings as views

urlpatterns = [
    path("bien-ban-sinh-hoat/<int:pk>/pdf/", views.minutes_pdf, name="minutes_pdf"),
    path(
        "sinh-hoat-chuyen-de/<int:pk>/quy-<int:quarter>/pdf/",
        views.quarter_report_pdf,
        name="meeting_quarter_report_pdf",
    ),
]
