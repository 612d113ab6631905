from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Đơn vị, người dùng, nhật ký")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import permissions  # noqa: F401  (registers the app's rules)
