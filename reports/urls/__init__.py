"""URLs of reports/: PDF and XLSX downloads, the federation's dashboard, periodic reports,
all under the "reports" namespace; one module per topic."""

from reports.urls import accounts, dashboard, documents, meetings, periodic

app_name = "reports"

urlpatterns = [
    *meetings.urlpatterns,
    *documents.urlpatterns,
    *dashboard.urlpatterns,
    *periodic.urlpatterns,
    *accounts.urlpatterns,
]
