from django.urls import path

from campaigns.views import plan_imports as views

urlpatterns = [
    path("nhap-van-ban/", views.plan_import, name="plan_import"),
    path("nhap-van-ban/tao/", views.plan_import_create, name="plan_import_create"),
]
