"""URLs of award decisions."""

from django.urls import path

from nominations.views import decisions

urlpatterns = [
    path("ke-hoach/<int:pk>/quyet-dinh/moi/", decisions.decision_new, name="decision_new"),
    path(
        "ke-hoach/<int:pk>/quyet-dinh/tu-ho-so/",
        decisions.decision_from_dossiers,
        name="decision_from_dossiers",
    ),
    path("quyet-dinh/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/sua-doi/", decisions.decision_correct, name="decision_correct"),
]
