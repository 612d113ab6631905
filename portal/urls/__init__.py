from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from portal import views
from portal.permissions import login_view, public_view
from portal.urls import guide, members
from portal.views import app
from portal.views.accounts import PasswordResetConfirmView

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # The portal as an app on a phone: at the root, so the worker's scope is the portal.
    path("manifest.webmanifest", app.manifest, name="webmanifest"),
    path("sw.js", app.service_worker, name="service_worker"),
    path("ngoai-tuyen/", app.offline, name="offline"),
    path(
        "dang-nhap/",
        public_view(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
        name="login",
    ),
    path("dang-xuat/", public_view(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "doi-mat-khau/",
        login_view(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        login_view(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    # Forgotten password: a one-day link by e-mail (Django's token, nothing stored).
    path(
        "quen-mat-khau/",
        public_view(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "quen-mat-khau/da-gui/",
        public_view(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "quen-mat-khau/<uidb64>/<token>/",
        public_view(PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "quen-mat-khau/xong/",
        public_view(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    path("nhat-ky/", views.audit_log, name="audit_log"),
    *members.urlpatterns,
    *guide.urlpatterns,
    path("i18n/setlang/", public_view(set_language), name="set_language"),
    path("ke-hoach/", include("campaigns.urls")),
    path("bao-cao/", include("reports.urls")),
    path("xet-chon/", include("nominations.urls", namespace="nominations")),
    path("admin/", admin.site.urls),
]
