"""The portal's URLs plus the two comparison endpoints of the deadline-rush benchmark."""

from django.urls import path

from bench import views
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    path("bench/trivial/", views.trivial, name="bench_trivial"),
    path("bench/bare/<int:pk>/", views.bare_submit, name="bench_bare_submit"),
    *portal_urlpatterns,
]
