"""Mail of nominations/, one module per topic, sent through the tasks API."""
