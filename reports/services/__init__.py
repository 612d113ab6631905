"""Writes of reports/, one module per topic: periodic reports and the summary narrative,
the dashboard's generated files, the nominations' documents as files."""
