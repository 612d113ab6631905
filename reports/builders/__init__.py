"""Builders: plain frozen dataclasses read from the database through selectors."""
