from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data (``manage.py seed_demo``): builds rows in every app, so no app imports it."""

    name = "demo"
    default_auto_field = "django.db.models.BigAutoField"
