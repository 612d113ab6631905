"""A member who activated with a one-time code sets their password before anything else."""

from django.shortcuts import redirect
from django.urls import reverse


class FirstPasswordMiddleware:
    allowed_prefixes = ("/static/", "/i18n/", "/dang-xuat/", "/healthz")

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
