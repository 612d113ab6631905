"""Input validation for reports/ pages, one module per topic. Forms never save."""
