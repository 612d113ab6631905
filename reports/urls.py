"""URLs of reports/: PDF and XLSX downloads, all under the "reports" namespace."""

app_name = "reports"

urlpatterns = []
