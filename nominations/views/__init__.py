"""Pages of nominations/, one module per area."""
