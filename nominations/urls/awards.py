"""URLs of award history."""

from django.urls import path

from nominations.views import awards

urlpatterns = [
    path("ho-so-thi-dua-cua-toi/", awards.history_mine, name="history_mine"),
    path("don-vi/<int:pk>/ho-so-thi-dua/", awards.history_unit, name="history_unit"),
]
