"""URLs of reports/: PDF and XLSX downloads, the federation's dashboard, periodic reports,
all under the "reports" namespace; one module per topic."""

from reports.urls import (
    accounts,
    clusters,
    dashboard,
    decisions,
    documents,
    meetings,
    periodic,
    ratings,
)

app_name = "reports"

urlpatterns = [
    *meetings.urlpatterns,
    *documents.urlpatterns,
    *decisions.urlpatterns,
    *dashboard.urlpatterns,
    *periodic.urlpatterns,
    *accounts.urlpatterns,
    *ratings.urlpatterns,
    *clusters.urlpatterns,
]
