"""Renderers: plain data in, bytes out (PDF, XLSX). They never touch the DB or request."""
