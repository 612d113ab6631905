"""Reads of campaigns/, one module per topic: permission-aware querysets and the plain data
the pages show."""
