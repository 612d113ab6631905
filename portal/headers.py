"""Response headers django-csp does not send: the Permissions-Policy.

The portal uses no camera, microphone, location, payment or sensors; saying so means an
injected script or a framed page cannot ask for them either. Evidence photos come from
the file picker (`<input type=file>`), which needs no permission.
"""

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
    ]
)


class PermissionsPolicyMiddleware:
    """Add the Permissions-Policy header to every response (unless a view set its own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
