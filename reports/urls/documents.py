"""URLs of document downloads: the plan, its ceremony programme, the nominations' documents."""

from django.urls import path

from reports.views import documents as views

urlpatterns = [
    path("ke-hoach/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path(
        "ke-hoach/<int:pk>/chuong-trinh-hoi-nghi/pdf/",
        views.ceremony_pdf,
        name="ceremony_pdf",
    ),
    path(
        "ke-hoach/<int:pk>/danh-sach-de-nghi/pdf/",
        views.nomination_list_pdf,
        name="nomination_list_pdf",
    ),
    path(
        "ke-hoach/<int:pk>/bien-ban-hop-xet/pdf/",
        views.review_minutes_pdf,
        name="review_minutes_pdf",
    ),
    path(
        "bieu-quyet/<int:pk>/bien-ban/pdf/",
        views.vote_minutes_pdf,
        name="vote_minutes_pdf",
    ),
    path("ho-so/<int:pk>/pdf/", views.dossier_pdf, name="dossier_pdf"),
    path(
        "ke-hoach/<int:pk>/giay-khen/pdf/",
        views.certificates_pdf,
        name="certificates_pdf",
    ),
]
