from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import campaigns.due  # noqa: F401  (registers the plans' due items)
        from campaigns import permissions  # noqa: F401  (registers the app's rules)
        from campaigns.registrations import due as _registration_due  # noqa: F401
        from campaigns.reporting import due as _selfreport_due  # noqa: F401
