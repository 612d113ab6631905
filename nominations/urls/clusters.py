from django.urls import path

from nominations.views import clusters as views

urlpatterns = [
    path("cum-thi-dua/<int:pk>/de-nghi/", views.cluster_proposal, name="cluster_proposal"),
]
