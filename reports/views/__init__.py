"""Pages of reports/, one module per topic: documents, dashboard, periodic reports,
party-cell meeting
PDFs, the members' activation slips (accounts)."""
