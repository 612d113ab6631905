from django.urls import path

from campaigns.views import unitassessments as views

urlpatterns = [
    path("<int:pk>/danh-gia-tap-the/", views.unit_assessment, name="unit_assessment"),
]
