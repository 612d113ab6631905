"""URLs of campaigns/, one module per area, all under the "campaigns" namespace."""

from campaigns.urls import meetings, plans, registrations, selfreports, unitassessments

app_name = "campaigns"

urlpatterns = [
    *plans.urlpatterns,
    *registrations.urlpatterns,
    *meetings.urlpatterns,
    *selfreports.urlpatterns,
    *unitassessments.urlpatterns,
]
