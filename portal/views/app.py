"""The portal as an app on a phone (issue 19): the web app manifest, the service worker
and the page it shows when the network is gone.

All three are public and hold nothing personal: the worker caches only the offline page
and static files (docs/offline.md). They are served from the root so that the worker's
scope is the whole portal; a member who must still set a first password gets them too
(portal/firstlogin.py).
"""

import hashlib
import json
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.permissions import public_view

THEME_COLOR = "#0d6efd"
ICONS = (("icons/icon-192.png", 192), ("icons/icon-512.png", 512))
# What the worker keeps: the offline page and the static files every page loads, and the
# icons. Never a page with personal data, never a POST's answer.
PRECACHED_STATIC = (
    "vendor/bootstrap/css/bootstrap.min.css",
    "css/portal.css",
    "vendor/bootstrap/js/bootstrap.bundle.min.js",
    "django_htmx/htmx-2.min.js",
    "js/confirm.js",
    "js/print.js",
    "js/selfreport.js",
    "js/offline.js",
    "js/app.js",
    "icons/icon-192.png",
    "icons/icon-32.png",
)


@public_view
@require_GET
def manifest(request):
    data = {
        "name": _("Cổng thi đua"),
        "short_name": _("Thi đua"),
        "description": _("Kế hoạch, báo cáo tự đánh giá và xét chọn danh hiệu thi đua."),
        "lang": request.LANGUAGE_CODE,
        "id": reverse("home"),
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": static(path), "sizes": f"{size}x{size}", "type": "image/png", "purpose": p}
            for path, size in ICONS
            for p in ("any", "maskable")
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "no-cache"
    return response


@lru_cache(maxsize=1)
def _static_version() -> str:
    """A digest of the precached files: a new release changes the worker's bytes, so the
    phone installs the new worker and drops the old cache."""
    digest = hashlib.sha256()
    for path in PRECACHED_STATIC:
        found = finders.find(path)
        if found:
            with open(found, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


@public_view
@require_GET
def service_worker(request):
    response = render(
        request,
        "portal/sw.js",
        {
            "config": json.dumps(
                {
                    "version": _static_version(),
                    "offline": reverse("offline"),
                    "precache": [static(path) for path in PRECACHED_STATIC],
                    "staticPrefix": static(""),
                }
            )
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    # The browser checks for a new worker at each visit (and at least once a day).
    response["Cache-Control"] = "no-cache"
    return response


@public_view
@require_GET
def offline(request):
    """What the worker shows instead of the browser's error when the network is gone."""
    return render(request, "portal/offline.html")
