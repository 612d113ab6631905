"""URLs of collective conditions of a plan's titles."""

from django.urls import path

from nominations.views import conditions

urlpatterns = [
    path("ke-hoach/<int:pk>/dieu-kien-tap-the/", conditions.condition_list, name="condition_list"),
    path(
        "ke-hoach/<int:pk>/dieu-kien-tap-the/them/", conditions.condition_add, name="condition_add"
    ),
    path("dieu-kien-tap-the/<int:pk>/xoa/", conditions.condition_remove, name="condition_remove"),
]
