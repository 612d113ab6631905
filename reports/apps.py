from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from reports import due, permissions  # noqa: F401  (registers due items and rules)
        from reports.mail import periodic  # noqa: F401  (registers the periodic reminders)
