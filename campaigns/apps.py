from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from campaigns import due, permissions  # noqa: F401  (registers due items and rules)
        from campaigns.selectors import selfreports  # noqa: F401  (drops cached plan structures on change)
