import pytest
from django.db import transaction

from tests.walk.demo import DemoData, load_demo


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module inside a transaction rolled back at its end;
    each test runs in a savepoint inside it, so tests cannot see each other's changes and
    the rest of the suite never sees the demo."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield DemoData()
        transaction.set_rollback(True)
