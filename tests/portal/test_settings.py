"""Settings come from the environment: production values pass `check --deploy`, bad values
fail loudly. Each check runs `manage.py` in a fresh process, as a server would start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import backend_path, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_SECRET_KEY = "k3Jq9vX2-pL7wR4tY8zN1mB6cV5xH0sD3fG9jK2lQ7wE4rT8yU1iO6pA5sD0fG3h"
# Variables the portal reads: cleared so the developer's own shell cannot leak into a check.
PORTAL_VARIABLES = {
    line.split("=", 1)[0]
    for line in (BASE_DIR / ".env.example").read_text().splitlines()
    if "=" in line and not line.startswith("#")
}


def run_manage(*args, **variables):
    env = {k: v for k, v in os.environ.items() if k not in PORTAL_VARIABLES}
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_variables(**overrides):
    variables = {
        "DEBUG": "false",
        "SECRET_KEY": PRODUCTION_SECRET_KEY,
        "ALLOWED_HOSTS": "thidua.example.vn",
        "CSRF_TRUSTED_ORIGINS": "https://thidua.example.vn",
        "DATABASE_URL": "postgres://thidua:secret@127.0.0.1:5432/thidua",
    }
    variables.update(overrides)
    return variables


def env_example_variables():
    lines = (BASE_DIR / ".env.example").read_text().splitlines()
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    return {name.strip(): value.strip() for name, value in pairs}


def test_check_deploy_clean_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_variables())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_clean_with_env_example_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env_example_variables())

    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_with_short_secret_key():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **production_variables(SECRET_KEY="short"),
    )

    assert result.returncode == 1
    assert "security.W009" in result.stderr


def test_check_deploy_fails_when_https_switched_off_in_production():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **production_variables(SECURE_SSL_REDIRECT="false", SESSION_COOKIE_SECURE="false"),
    )

    assert result.returncode == 1
    assert "security.W008" in result.stderr
    assert "security.W012" in result.stderr


def test_bad_debug_value_fails_loudly():
    result = run_manage("check", **production_variables(DEBUG="maybe"))

    assert result.returncode == 1
    assert (
        "django.core.exceptions.ImproperlyConfigured: DEBUG must be true or false, not 'maybe'"
        in result.stderr
    )


def test_missing_secret_key_in_production_fails_loudly():
    variables = production_variables()
    del variables["SECRET_KEY"]

    result = run_manage("check", **variables)

    assert result.returncode == 1
    assert (
        "django.core.exceptions.ImproperlyConfigured: Environment variable SECRET_KEY is required"
        in result.stderr
    )


def test_bad_integer_fails_loudly():
    result = run_manage("check", **production_variables(CONN_MAX_AGE="a minute"))

    assert result.returncode == 1
    assert "ImproperlyConfigured: CONN_MAX_AGE must be an integer, not 'a minute'" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("1", True), ("Yes", True), (" on ", True), ("false", False), ("0", False)],
)
def test_env_bool_understands_common_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("THIDUA_TEST_FLAG", value)

    assert env_bool("THIDUA_TEST_FLAG", not expected) is expected


def test_env_bool_default_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("THIDUA_TEST_FLAG", raising=False)
    assert env_bool("THIDUA_TEST_FLAG", True) is True

    monkeypatch.setenv("THIDUA_TEST_FLAG", "")
    assert env_bool("THIDUA_TEST_FLAG", False) is False


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("THIDUA_TEST_FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="THIDUA_TEST_FLAG must be true or false"):
        env_bool("THIDUA_TEST_FLAG", False)


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("THIDUA_TEST_INT", "42")
    monkeypatch.setenv("THIDUA_TEST_LIST", " a.vn, b.vn ,,")

    assert env_int("THIDUA_TEST_INT", 0) == 42
    assert env_list("THIDUA_TEST_LIST", []) == ["a.vn", "b.vn"]


def test_env_str_required_without_default(monkeypatch):
    monkeypatch.delenv("THIDUA_TEST_STR", raising=False)

    with pytest.raises(ImproperlyConfigured, match="THIDUA_TEST_STR is required"):
        env_str("THIDUA_TEST_STR")


def test_tasks_backend_by_short_name():
    """TASKS_BACKEND=db|immediate (a dotted path still works)."""
    immediate = "'django_tasks.backends.immediate.ImmediateBackend'"
    assert settings_of("TASKS['default']['BACKEND']").stdout.strip() == immediate
    result = settings_of("TASKS['default']['BACKEND']", TASKS_BACKEND="immediate")
    assert result.stdout.strip() == immediate
    result = settings_of("TASKS['default']['BACKEND']", "INSTALLED_APPS", TASKS_BACKEND="db")
    assert result.stdout.splitlines()[0] == "'django_tasks_db.DatabaseBackend'"
    assert "django_tasks_db" in result.stdout.splitlines()[1]
    assert "django_tasks_db" not in settings_of("INSTALLED_APPS").stdout


@pytest.mark.parametrize("typo", ["dbb", "Immediate", "django_tasks_db.", "db worker"])
def test_an_unknown_tasks_backend_is_refused_naming_the_accepted_values(typo):
    choices = {"db": "django_tasks_db.DatabaseBackend", "immediate": "x.Immediate"}
    with pytest.raises(ImproperlyConfigured) as refused:
        backend_path("TASKS_BACKEND", typo, choices)
    message = str(refused.value)
    assert message.startswith("TASKS_BACKEND must be one of db, immediate or the dotted path")
    assert repr(typo) in message
    assert backend_path("TASKS_BACKEND", "db", choices) == "django_tasks_db.DatabaseBackend"
    assert backend_path("TASKS_BACKEND", "my_app.tasks.Backend", choices) == "my_app.tasks.Backend"


def test_the_server_does_not_start_with_a_typo_in_tasks_backend():
    result = settings_of("TASKS", TASKS_BACKEND="dbb")
    assert result.returncode != 0
    assert "TASKS_BACKEND must be one of db, immediate" in result.stderr


def settings_of(*names, **variables):
    code = "from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names
    )
    return run_manage("shell", "--no-imports", "-c", code, DEBUG="true", **variables)


def test_sessions_in_the_cache_with_the_database_behind():
    result = settings_of(
        "SESSION_ENGINE", "CACHES", SESSION_STORE="cache", CACHE_URL="redis://127.0.0.1:6379/0"
    )
    assert result.returncode == 0, result.stderr
    engine, caches = result.stdout.splitlines()
    assert engine == "'django.contrib.sessions.backends.cached_db'"
    assert "django.core.cache.backends.redis.RedisCache" in caches
    assert "redis://127.0.0.1:6379/0" in caches


def test_sessions_in_the_database_by_default():
    result = settings_of("SESSION_ENGINE")
    assert result.stdout.strip() == "'django.contrib.sessions.backends.db'"


@pytest.mark.parametrize(
    "variables, message",
    [
        ({"SESSION_STORE": "cache"}, "SESSION_STORE=cache needs CACHE_URL"),
        ({"SESSION_STORE": "redis"}, "SESSION_STORE must be one of"),
        ({"STORAGE_OPTIONS": "bucket=x"}, "STORAGE_OPTIONS must be a JSON object"),
        ({"STORAGE_OPTIONS": "[1]"}, "STORAGE_OPTIONS must be a JSON object"),
    ],
)
def test_bad_shared_state_settings_fail_loudly(variables, message):
    result = settings_of("SESSION_ENGINE", **variables)
    assert result.returncode != 0
    assert message in result.stderr


def test_storage_is_a_setting():
    result = settings_of(
        "STORAGES",
        STORAGE_BACKEND="django.core.files.storage.InMemoryStorage",
        STORAGE_OPTIONS='{"base_url": "/tep/"}',
    )
    assert result.returncode == 0, result.stderr
    assert "'BACKEND': 'django.core.files.storage.InMemoryStorage'" in result.stdout
    assert "'OPTIONS': {'base_url': '/tep/'}" in result.stdout
