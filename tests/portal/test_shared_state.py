"""What several app servers share: sessions in the cache (Redis, Django's own backend)
with the database behind it, and uploaded files only through the storage API, so that an
object store is a setting."""

import datetime as dt
import os

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from campaigns.models import EvidenceFile, Milestone
from portal.services import import_matching, imports
from tests.factories import MilestoneFactory, PlanFactory, UserFactory
from tests.portal.sheets import member, upload, xlsx

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "thidua-test",
    }
}


@pytest.fixture
def redis_sessions():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.ConnectionError:
        pytest.skip(f"Redis at {REDIS_URL} is not reachable")
    with override_settings(
        CACHES=REDIS_CACHE, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    ):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()
    caches["default"].close()


def test_session_lives_in_redis_and_survives_losing_it(client, redis_sessions):
    from django.contrib.sessions.models import Session

    UserFactory(username="hoa", password="mat-khau-dai-2026")
    answer = client.post(reverse("login"), {"username": "hoa", "password": "mat-khau-dai-2026"})
    assert answer.status_code == 302
    key = client.cookies["sessionid"].value
    assert redis_sessions.get(f"django.contrib.sessions.cached_db{key}") is not None
    assert Session.objects.filter(session_key=key).exists()  # written through

    redis_sessions.clear()  # Redis restarted, or another server's cache is cold

    home = client.get("/")
    assert home.status_code == 200  # not sent to the login page
    assert home.wsgi_request.user.username == "hoa"


def test_uploads_use_only_the_storage_api(client, bob, union, alice, tmp_path, settings):
    """With an in-memory store nothing reaches the disk, and every upload still comes back:
    the code never opens a path of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }

    plan = PlanFactory(issuer=union)
    now = timezone.now()
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.SELF_REPORT,
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=1),
    )
    client.force_login(bob)
    pdf = b"%PDF-1.4\n" + b"1" * 200
    client.post(
        reverse("campaigns:evidence_upload", args=[plan.pk]),
        {"file": SimpleUploadedFile("giay-khen.pdf", pdf)},
    )
    evidence = EvidenceFile.objects.get()
    download = client.get(reverse("campaigns:evidence_download", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == pdf

    sheet = upload(xlsx([member("Trần Thị Hoa", "0901234567")]), "ds.xlsx")
    started = imports.start_import(unit=union, actor=alice, upload=sheet)
    assert import_matching.preview_import(started).rows[0].values["phone"] == "0901234567"

    assert not (tmp_path / "media").exists()
