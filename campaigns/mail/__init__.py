"""Mail and reminders sent by campaigns/, one module per topic."""
