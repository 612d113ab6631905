from django.urls import path

from campaigns.views import clusters as views

urlpatterns = [
    path("cum-thi-dua/", views.cluster_list, name="cluster_list"),
    path("<int:pk>/cum-thi-dua/them/", views.cluster_create, name="cluster_create"),
    path("cum-thi-dua/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("cum-thi-dua/<int:pk>/don-vi/", views.cluster_members, name="cluster_members"),
    path("cum-thi-dua/<int:pk>/cum-truong/", views.cluster_leaders, name="cluster_leaders"),
    path("cum-thi-dua/<int:pk>/giao-uoc/", views.cluster_pact, name="cluster_pact"),
    path("cum-thi-dua/<int:pk>/cham-cheo/", views.cluster_score, name="cluster_score"),
    path(
        "cum-thi-dua/<int:pk>/tong-hop/",
        views.cluster_consolidation,
        name="cluster_consolidation",
    ),
]
