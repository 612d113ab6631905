"""URLs of nominations: plan progress, proposals, opinions, withdrawal."""

from django.urls import path

from nominations.views import nominations

urlpatterns = [
    path("ke-hoach/<int:pk>/de-nghi/", nominations.nomination_list, name="nomination_list"),
    path(
        "ke-hoach/<int:pk>/de-nghi/them/", nominations.nomination_create, name="nomination_create"
    ),
    path("de-nghi/<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("de-nghi/<int:pk>/y-kien/", nominations.opinion_give, name="opinion_give"),
    path("ke-hoach/<int:pk>/y-kien/", nominations.opinions_page, name="opinions_page"),
    path("de-nghi/<int:pk>/rut/", nominations.nomination_withdraw, name="nomination_withdraw"),
]
