"""Input validation for nominations/ pages, one module per topic. Forms never save;
views call services."""
