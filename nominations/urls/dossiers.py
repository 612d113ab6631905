"""URLs of dossiers sent up for a title."""

from django.urls import path

from nominations.views import dossiers

urlpatterns = [
    path("de-nghi/<int:pk>/lap-ho-so/", dossiers.dossier_prepare, name="dossier_prepare"),
    path("ho-so/<int:pk>/", dossiers.dossier_detail, name="dossier_detail"),
    path("ho-so/<int:pk>/dinh-kem/", dossiers.dossier_attach, name="dossier_attach"),
    path("ho-so/<int:pk>/gui/", dossiers.dossier_forward, name="dossier_forward"),
    path("ho-so/<int:pk>/tiep-nhan/", dossiers.dossier_receive, name="dossier_receive"),
    path("ho-so/<int:pk>/tra-lai/", dossiers.dossier_return, name="dossier_return"),
    path("ke-hoach/<int:pk>/ho-so-nhan/", dossiers.incoming, name="incoming"),
    path("tai-lieu/<int:pk>/", dossiers.attachment_download, name="attachment_download"),
]
