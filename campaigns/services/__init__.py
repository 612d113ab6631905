"""Every write of campaigns/, one module per topic. Each service checks the state and the
rules itself, runs in one transaction and appends one audit entry."""
