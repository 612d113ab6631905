"""URLs of nominations/, one module per topic, all under the "nominations" namespace."""

from nominations.urls import (
    awards,
    clusters,
    conditions,
    decisions,
    dossiers,
    funds,
    lists,
    nominations,
    progress,
    reviews,
    votes,
)

app_name = "nominations"

urlpatterns = [
    *progress.urlpatterns,
    *reviews.urlpatterns,
    *nominations.urlpatterns,
    *votes.urlpatterns,
    *lists.urlpatterns,
    *dossiers.urlpatterns,
    *conditions.urlpatterns,
    *decisions.urlpatterns,
    *awards.urlpatterns,
    *funds.urlpatterns,
    *clusters.urlpatterns,
]
