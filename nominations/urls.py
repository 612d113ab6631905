"""URLs of nominations/ (review, consultation, votes, lists, dossiers)."""

app_name = "nominations"

urlpatterns = []
