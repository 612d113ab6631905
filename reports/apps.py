from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from reports import due, permissions  # noqa: F401  (registers due items and rules)
        from reports.mail import periodic  # noqa: F401  (registers the periodic reminders)
        from reports.services import rollups  # noqa: F401  (connects its receiver)
