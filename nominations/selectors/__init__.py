"""Permission-aware reads of nominations/, one module per area."""
