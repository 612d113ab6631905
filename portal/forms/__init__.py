"""Input validation of portal/'s pages, one module per topic."""
