"""Settings for the Thi đua portal, all read from the environment (see .env.example)."""

import datetime as dt
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import backend_path, env_bool, env_int, env_json, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# DEMO=true (`make demo`): the portal as in production — DEBUG off, so its own Vietnamese
# 403/404/500 pages and static files through WhiteNoise — but on http://127.0.0.1 with a
# throwaway key. manage.py work and the tests keep DEBUG=true. Never set it on a server.
DEMO = env_bool("DEMO", False)
DEBUG = env_bool("DEBUG", False) and not DEMO
LOCAL = DEBUG or DEMO  # plain http on this machine, a development key
SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-key-change-me" if LOCAL else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if LOCAL else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_tasks",
    "axes",
    "csp",
    "portal",
    "campaigns",
    "nominations",
    "reports",
    "demo",
]

MIDDLEWARE = [
    # First: the request's arrival time, before anything else spends time on it.
    "portal.arrival.ArrivalTimeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.sanitize.CleanInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "portal.permissions.PolicyMiddleware",
    "portal.firstlogin.FirstPasswordMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.navigation",
                "csp.context_processors.nonce",
            ],
            # One format of points, percentages and dates everywhere (portal/vietnamese.py).
            "builtins": ["portal.templatetags.vietnamese"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Wait for the writer lock instead of failing at once during a deadline rush.
    # BEGIN IMMEDIATE: writers queue for the lock instead of failing on upgrade, and
    # reads inside a transaction (the audit chain's last hash) cannot go stale.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL;"
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "portal.User"
# Members sign in with their phone number or e-mail; the username still works.
AUTHENTICATION_BACKENDS = [
    # First: refuses any sign-in while the account or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "portal.services.accounts.PhoneOrEmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    # Tinos, the documents' serif (reports/renderers/pdf.py), with its licence (OFL).
    ("vendor/tinos", BASE_DIR / "node_modules" / "@fontsource" / "tinos"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded files (evidence, materials, imports, generated documents) go only through
# Django's storage API, so another store is a setting: for an S3-compatible one,
# `pip install django-storages[s3]`, STORAGE_BACKEND=storages.backends.s3.S3Storage and
# STORAGE_OPTIONS='{"bucket_name": "...", "endpoint_url": "...", ...}' (docs/deployment.md).
STORAGES = {
    "default": {
        "BACKEND": env_str("STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json("STORAGE_OPTIONS", {}),
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not LOCAL)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thidua@localhost")
# Extra recipients of the daily audit anchor (manage.py mail_audit_anchor), besides the
# managers of the top units: best a mailbox on another server (docs/audit.md).
AUDIT_ANCHOR_EMAILS = env_list("AUDIT_ANCHOR_EMAILS", [])

# Background work (receipt and reminder mail, documents): TASKS_BACKEND=db in production —
# the queue is a table, run by `manage.py db_worker` (docs/deployment.md), so no mail is
# sent inside a request; "immediate" (the default: development, tests) runs each task in
# the request that enqueued it, after its commit. A dotted backend path also works; any
# other value (a typo) stops the server at start, naming the accepted values.
TASKS_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = env_str("TASKS_BACKEND", "immediate")
TASKS = {"default": {"BACKEND": backend_path("TASKS_BACKEND", _tasks_backend, TASKS_BACKENDS)}}
if TASKS["default"]["BACKEND"].startswith("django_tasks_db."):
    # The queue in the database, run by `manage.py db_worker` on any number of machines.
    INSTALLED_APPS.append("django_tasks_db")

# Cache: shared by every app server when CACHE_URL names a Redis server
# (redis://127.0.0.1:6379/0, Django's own Redis backend); else each process keeps its own.
CACHE_URL = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Sessions: "db" (one table, the default) or "cache" (read from the cache, written through
# to the database, which answers when the cache lost them): several app servers share
# sessions either way; "cache" needs CACHE_URL.
SESSION_ENGINES = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cached_db",
}
SESSION_STORE = env_str("SESSION_STORE", "db")
if SESSION_STORE not in SESSION_ENGINES:
    raise ImproperlyConfigured(f"SESSION_STORE must be one of {sorted(SESSION_ENGINES)}.")
if SESSION_STORE == "cache" and not CACHE_URL:
    raise ImproperlyConfigured("SESSION_STORE=cache needs CACHE_URL (redis://…).")
SESSION_ENGINE = SESSION_ENGINES[SESSION_STORE]

# Upload limits for evidence files (bytes).
EVIDENCE_MAX_FILE_BYTES = env_int("EVIDENCE_MAX_FILE_BYTES", 10 * 1024 * 1024)
EVIDENCE_MAX_REPORT_BYTES = env_int("EVIDENCE_MAX_REPORT_BYTES", 30 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Security: switched on by variables so that tests load the same module.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not LOCAL)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not LOCAL)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not LOCAL)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if LOCAL else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not LOCAL)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not LOCAL)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
# The front proxy's arrival stamp (portal/arrival.py), e.g. "X-Request-Start" with nginx's
# `proxy_set_header X-Request-Start "t=${msec}";`. Empty: the first middleware's clock.
# Set it only when the proxy always overwrites the header (a client could send one).
ARRIVAL_HEADER = env_str("ARRIVAL_HEADER", "")
ARRIVAL_MAX_QUEUE_SECONDS = env_int("ARRIVAL_MAX_QUEUE_SECONDS", 30)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (django-csp): scripts only from our own static files, or an
# inline <script nonce="{{ CSP_NONCE }}"> (none today: htmx's hx-on and eval are off too,
# see base.html). Styles keep 'unsafe-inline': templates use style="" attributes (widths
# of progress bars, print layout) and htmx adds its indicator style; a style cannot run
# code. data: images are Bootstrap's SVG icons inside its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# account, or from one address, that account or address is refused for AXES_COOLOFF_MINUTES
# (each further try during the lockout starts the wait again). Attempts are rows in the
# database, visible and deletable (= unlocked) in the admin, or `manage.py unlock_account`.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each one alone, not the pair
AXES_RESET_ON_SUCCESS = True
# Phone, e-mail and username of one person count as one account.
AXES_USERNAME_CALLABLE = "portal.throttle.account_key"
AXES_LOCKOUT_CALLABLE = "portal.throttle.lockout_response"
AXES_VERBOSE = False
# The client address: REMOTE_ADDR, unless the portal sits behind TRUSTED_PROXY_COUNT proxies
# that append to X-Forwarded-For (nginx: `$proxy_add_x_forwarded_for`); then the address
# the outermost proxy saw (what the client itself wrote at the left is ignored).
# Never trust the header without a proxy: anyone can send it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_PROXY_ORDER = "right-most"  # the proxies' own entries are on the right
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
