from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Phong trào thi đua")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from campaigns import due, permissions  # noqa: F401  (registers due items and rules)
        from campaigns.mail import unitassessments  # noqa: F401  (registers the unit reminders)
        from campaigns.selectors import selfreports  # noqa: F401  (drops cached plan structures on change)
