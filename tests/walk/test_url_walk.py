"""The permission walk: every URL the project defines, requested as every demo role.

Each URL name needs an expectation in a module of tests/walk/tables/ (format in
tests/walk/README.md). A new view without one fails here, telling you where to add it.

Not walked: Django's admin (admin/), guarded by its own staff login and exempt from the
PolicyMiddleware; static and media files (served by WhiteNoise/storage, not by views).
"""

import pytest
from django.contrib.staticfiles.views import serve as staticfiles_serve
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.static import serve as static_serve

from portal.models import AuditEntry
from tests.walk.tables import ROLES, collect

pytestmark = pytest.mark.django_db

SKIPPED_NAMESPACES = {"admin"}
SKIPPED_VIEWS = {static_serve, staticfiles_serve}


def walk_patterns(patterns, namespace="", route=""):
    """Yield (url name, route) for every pattern, through includes."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk_patterns(pattern.url_patterns, inner, route + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            if pattern.callback in SKIPPED_VIEWS:
                continue
            name = None
            if pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, route + str(pattern.pattern)


PATTERNS = list(walk_patterns(get_resolver().url_patterns))
URL_NAMES = sorted({name for name, _ in PATTERNS if name})
EXPECTATIONS = collect()


def test_walk_finds_the_portal_urls():
    assert {"home", "healthz", "login", "logout", "set_language"} <= set(URL_NAMES)
    assert not any(name.startswith("admin:") for name in URL_NAMES)


def test_every_url_pattern_has_a_name():
    unnamed = [route for name, route in PATTERNS if name is None]

    assert unnamed == [], f"Give these URL patterns a name= so the walk can reach them: {unnamed}"


def test_no_url_name_is_used_twice():
    names = [name for name, _ in PATTERNS if name]
    twice = sorted({name for name in names if names.count(name) > 1})

    assert twice == [], f"These URL names are used by more than one pattern: {twice}"


def test_every_expectation_names_an_existing_url():
    stale = sorted(set(EXPECTATIONS) - set(URL_NAMES))

    assert stale == [], f"tests/walk/tables/ has expectations for URLs that do not exist: {stale}"


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_url_answers_each_role_as_expected(url_name, demo):
    if url_name not in EXPECTATIONS:
        pytest.fail(
            f"No permission expectation for URL {url_name!r}. Add one to your area's module "
            f"in tests/walk/tables/ (e.g. tables/plans.py) giving the status each role gets: "
            f"{', '.join(ROLES)}. See tests/walk/README.md."
        )
    problems = []
    for index, expect in enumerate(EXPECTATIONS[url_name]):
        for role in ROLES:
            problem = check_one(url_name, expect, role, demo)
            if problem:
                problems.append(f"[{index}] {expect.method} as {role}: {problem}")

    assert problems == [], f"{url_name}:\n  " + "\n  ".join(problems)


def check_one(url_name, expect, role, demo) -> str | None:
    """Request the URL as `role` in a savepoint rolled back afterwards; describe a mismatch."""
    with transaction.atomic():
        url = reverse(url_name, kwargs=expect.resolve_kwargs(demo))
        client = Client()
        user = demo.user(role)
        if user is not None:
            client.force_login(user)
        data = expect.resolve_data(demo)
        send = client.post if expect.method == "POST" else client.get
        audit_before = AuditEntry.objects.count()
        response = send(url, data)
        audit_written = AuditEntry.objects.count() - audit_before
        if response.streaming:
            # Read a FileResponse to the end: the test client then closes it (and its file)
            # without firing request_finished, which would close the database connection
            # in the middle of our transaction on PostgreSQL.
            b"".join(response.streaming_content)
        transaction.set_rollback(True)

    wanted = expect.status[role]
    if expect.method == "GET" and audit_written:
        # Every state change writes the audit log; a GET must never change state.
        return f"GET {url} wrote {audit_written} audit entries: state changes only by POST"
    if response.status_code != wanted:
        return f"{url} answered {response.status_code}, expected {wanted}"
    if response.status_code in (301, 302, 303, 307, 308):
        prefix = expect.location.get(role)
        if prefix is None and role == "anonymous" and expect.method == "GET":
            prefix = reverse("login")
        location = response.headers.get("Location", "")
        if prefix is not None and not location.startswith(prefix):
            return f"{url} redirected to {location!r}, expected a URL starting {prefix!r}"
    return None
