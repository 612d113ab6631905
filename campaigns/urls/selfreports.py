from django.urls import path

from campaigns.views import selfreports as views

urlpatterns = [
    path("<int:pk>/tu-bao-cao/", views.selfreport_fill, name="selfreport_fill"),
    path("<int:pk>/tu-bao-cao/luu-nhap/", views.selfreport_autosave, name="selfreport_autosave"),
    path("<int:pk>/tu-bao-cao/minh-chung/", views.evidence_upload, name="evidence_upload"),
    path("<int:pk>/tu-bao-cao/gia-han/", views.extension_request, name="extension_request"),
    path("<int:pk>/tu-bao-cao/tong-hop/", views.selfreport_overview, name="selfreport_overview"),
    path("<int:pk>/tu-bao-cao/nhac-nho/", views.selfreport_remind, name="selfreport_remind"),
    path("tu-bao-cao/<int:pk>/", views.selfreport_detail, name="selfreport_detail"),
    path("tu-bao-cao/<int:pk>/bien-nhan/", views.selfreport_receipt, name="selfreport_receipt"),
    path("tu-bao-cao/minh-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("tu-bao-cao/minh-chung/<int:pk>/xoa/", views.evidence_remove, name="evidence_remove"),
    path("tu-bao-cao/gia-han/<int:pk>/", views.extension_decide, name="extension_decide"),
]
