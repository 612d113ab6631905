from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = _("Bình xét, khen thưởng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from nominations import (  # noqa: F401  (registers the app's rules and due items)
            due,
            permissions,
        )
        from nominations.services import awards  # noqa: F401  (connects its receivers)
