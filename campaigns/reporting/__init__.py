"""Self-reports (W3): services, selectors, forms, permission rules and receipt mail."""
