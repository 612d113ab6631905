"""URLs of reports/: PDF and XLSX downloads, the federation's dashboard, periodic reports,
all under the "reports" namespace."""

from django.urls import path

from reports import meetings, views, views_dashboard, views_documents, views_periodic, views_slips

app_name = "reports"

urlpatterns = [
    path(
        "don-vi/<int:pk>/phieu-kich-hoat/pdf/",
        views_slips.activation_slips_pdf,
        name="activation_slips_pdf",
    ),
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
    # Documents of the nominations (reports/views_documents.py).
    path(
        "ke-hoach/<int:pk>/danh-sach-de-nghi/pdf/",
        views_documents.nomination_list_pdf,
        name="nomination_list_pdf",
    ),
    path(
        "ke-hoach/<int:pk>/bien-ban-hop-xet/pdf/",
        views_documents.review_minutes_pdf,
        name="review_minutes_pdf",
    ),
    path(
        "bieu-quyet/<int:pk>/bien-ban/pdf/",
        views_documents.vote_minutes_pdf,
        name="vote_minutes_pdf",
    ),
    path("ho-so/<int:pk>/pdf/", views_documents.dossier_pdf, name="dossier_pdf"),
    path(
        "ke-hoach/<int:pk>/giay-khen/pdf/",
        views_documents.certificates_pdf,
        name="certificates_pdf",
    ),
    path("ke-hoach/<int:pk>/tong-hop/", views_dashboard.dashboard, name="dashboard"),
    path(
        "ke-hoach/<int:pk>/xuat/<str:kind>/",
        views_dashboard.export_start,
        name="export_start",
    ),
    path("tep/<int:pk>/", views_dashboard.artifact_detail, name="artifact_detail"),
    path("tep/<int:pk>/trang-thai/", views_dashboard.artifact_status, name="artifact_status"),
    path("tep/<int:pk>/tai-ve/", views_dashboard.artifact_download, name="artifact_download"),
    path(
        "ke-hoach/<int:pk>/bao-cao-dinh-ky/",
        views_periodic.periodic_list,
        name="periodic_list",
    ),
    path(
        "bao-cao-dinh-ky/<int:milestone_pk>/don-vi/<int:unit_pk>/",
        views_periodic.periodic_edit,
        name="periodic_edit",
    ),
    path("bao-cao-dinh-ky/<int:pk>/", views_periodic.periodic_detail, name="periodic_detail"),
    path(
        "ke-hoach/<int:pk>/bao-cao-so-ket/",
        views_periodic.summary_edit,
        name="summary_edit",
    ),
]
