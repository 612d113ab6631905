from django.urls import path

from campaigns.views import unitassessments as views

urlpatterns = [
    path("<int:pk>/danh-gia-tap-the/", views.unit_assessment, name="unit_assessment"),
    path("<int:pk>/xep-loai/", views.rating_board, name="rating_board"),
    path("<int:pk>/xep-loai/thiet-lap/", views.rating_setup, name="rating_setup"),
    path("xep-loai-don-vi/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path(
        "xep-loai-don-vi/minh-chung/<int:pk>/",
        views.assessment_evidence,
        name="assessment_evidence",
    ),
]
