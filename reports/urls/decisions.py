"""URLs of award decisions, the fund and award history: their PDF and XLSX downloads."""

from django.urls import path

from reports.views import decisions as views

urlpatterns = [
    path("quyet-dinh/<int:pk>/pdf/", views.decision_pdf, name="decision_pdf"),
    path(
        "quyet-dinh/<int:pk>/chi-tien-thuong/pdf/",
        views.payment_pdf,
        name="payment_pdf",
    ),
    path(
        "quyet-dinh/<int:pk>/chi-tien-thuong/xlsx/",
        views.payment_xlsx,
        name="payment_xlsx",
    ),
    path("don-vi/<int:pk>/quy/<int:year>/pdf/", views.fund_pdf, name="fund_pdf"),
    path("don-vi/<int:pk>/quy/<int:year>/xlsx/", views.fund_xlsx, name="fund_xlsx"),
    path(
        "don-vi/<int:pk>/ho-so-thi-dua/xlsx/",
        views.unit_history_xlsx,
        name="unit_history_xlsx",
    ),
    path("ho-so-thi-dua-cua-toi/xlsx/", views.my_history_xlsx, name="my_history_xlsx"),
]
