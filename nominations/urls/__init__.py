"""URLs of nominations/, one module per topic, all under the "nominations" namespace."""

from nominations.urls import conditions, dossiers, lists, nominations, reviews, votes

app_name = "nominations"

urlpatterns = [
    *nominations.urlpatterns,
    *reviews.urlpatterns,
    *votes.urlpatterns,
    *lists.urlpatterns,
    *dossiers.urlpatterns,
    *conditions.urlpatterns,
]
