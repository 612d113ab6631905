"""A member who activated with a one-time code sets their password before anything else."""

from django.shortcuts import redirect
from django.urls import reverse


class FirstPasswordMiddleware:
    # Besides signing out: static files and the app's public resources (manifest, service
    # worker, offline page), which a phone fetches by itself and which hold nothing personal.
    allowed_prefixes = (
        "/static/",
        "/i18n/",
        "/dang-xuat/",
        "/healthz",
        "/manifest.webmanifest",
        "/sw.js",
        "/ngoai-tuyen/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_set_password
            and not request.path.startswith(self.allowed_prefixes)
        ):
            target = reverse("first_password")
            if request.path != target:
                return redirect(target)
        return self.get_response(request)
