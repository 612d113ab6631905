"""URL of the printed activation slips of a unit's members (codes issued by portal)."""

from django.urls import path

from reports.views import accounts as views

urlpatterns = [
    path(
        "don-vi/<int:pk>/phieu-kich-hoat/pdf/",
        views.activation_slips_pdf,
        name="activation_slips_pdf",
    ),
]
