"""URLs of campaigns/, one module per area, all under the "campaigns" namespace."""

from campaigns.urls import (
    clusters,
    meetings,
    plan_imports,
    plans,
    registrations,
    selfreports,
    unitassessments,
)

app_name = "campaigns"

urlpatterns = [
    *plan_imports.urlpatterns,
    *plans.urlpatterns,
    *registrations.urlpatterns,
    *meetings.urlpatterns,
    *selfreports.urlpatterns,
    *unitassessments.urlpatterns,
    *clusters.urlpatterns,
]
