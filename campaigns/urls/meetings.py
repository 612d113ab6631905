from django.urls import path

from campaigns.views import meetings as views

urlpatterns = [
    path("sinh-hoat-chi-bo/", views.meeting_plan_list, name="meeting_plan_list"),
    path("sinh-hoat-chi-bo/dang-uy/", views.committee_overview, name="meeting_committee_overview"),
    path("sinh-hoat-chi-bo/ke-hoach/<int:pk>/", views.meeting_plan, name="meeting_plan"),
    path(
        "sinh-hoat-chi-bo/ke-hoach/<int:pk>/them-buoi/", views.meeting_create, name="meeting_create"
    ),
    path(
        "sinh-hoat-chi-bo/ke-hoach/<int:pk>/quy-<int:quarter>/bao-cao/",
        views.quarter_report,
        name="meeting_quarter_report",
    ),
    path("sinh-hoat-chi-bo/buoi/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("sinh-hoat-chi-bo/buoi/<int:pk>/sua/", views.meeting_edit, name="meeting_edit"),
    path("sinh-hoat-chi-bo/buoi/<int:pk>/tai-lieu/", views.materials_post, name="materials_post"),
    path(
        "sinh-hoat-chi-bo/buoi/<int:pk>/bien-ban/moi/",
        views.minutes_create,
        name="minutes_create",
    ),
    path(
        "sinh-hoat-chi-bo/tai-lieu/<int:pk>/tai-ve/",
        views.material_download,
        name="material_download",
    ),
    path("sinh-hoat-chi-bo/bien-ban/<int:pk>/", views.minutes_detail, name="minutes_detail"),
    path("sinh-hoat-chi-bo/bien-ban/<int:pk>/sua/", views.minutes_edit, name="minutes_edit"),
    path(
        "sinh-hoat-chi-bo/bien-ban/<int:pk>/xac-nhan/",
        views.minutes_confirm,
        name="minutes_confirm",
    ),
    path(
        "sinh-hoat-chi-bo/bien-ban/<int:pk>/dinh-chinh/",
        views.minutes_correct,
        name="minutes_correct",
    ),
]
