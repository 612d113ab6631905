from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from reports import due, permissions, reminders  # noqa: F401  (registers rules, due items, reminders)
