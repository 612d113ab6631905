"""Reads of reports/, one module per topic."""
