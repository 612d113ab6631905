"""Every write of portal/: one module per topic (members, imports, accounts, units)."""
