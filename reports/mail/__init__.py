"""Mail and reminders sent by reports/, one module per topic."""
