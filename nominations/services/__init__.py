"""Every write of nominations/, one module per area (votes, nominations, reviews, dossiers)."""
