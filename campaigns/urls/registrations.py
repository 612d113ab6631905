from django.urls import path

from campaigns.views import registrations as views

urlpatterns = [
    path("<int:pk>/dang-ky/", views.registration_member, name="registration_member"),
    path("<int:pk>/dang-ky/tap-the/", views.registration_unit, name="registration_unit"),
    path(
        "<int:pk>/dang-ky/tong-hop/",
        views.registration_overview_view,
        name="registration_overview",
    ),
]
