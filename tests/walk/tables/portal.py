"""portal/: the site shell."""

from tests.walk.tables import Expect, statuses

HOME = "/"
LOGIN = "/dang-nhap/"

EXPECTATIONS = {
    "home": Expect(status=statuses(200, anonymous=302)),
    "healthz": Expect(status=statuses(200)),
    # The app on a phone: public, nothing personal (portal/views/app.py).
    "webmanifest": Expect(status=statuses(200)),
    "service_worker": Expect(status=statuses(200)),
    "offline": Expect(status=statuses(200)),
    "login": [
        # Signed-in people are sent home instead of seeing the form again.
        Expect(status=statuses(302, anonymous=200), location=statuses(HOME)),
        # The demo password works for the demo people.
        Expect(
            method="POST",
            data={"username": "doanvien_senhong", "password": "thidua2026"},
            status=statuses(302),
            location=statuses(HOME),
        ),
        # A wrong password shows the form again with an error; nobody is signed in.
        Expect(
            method="POST",
            data={"username": "doanvien_senhong", "password": "sai-mat-khau"},
            status=statuses(302, anonymous=200),
            location=statuses(HOME),
        ),
    ],
    "logout": [
        Expect(method="POST", status=statuses(302), location=statuses(LOGIN)),
        # Signing out changes state: never by GET.
        Expect(status=statuses(405)),
    ],
    "password_change": Expect(status=statuses(200, anonymous=302)),
    "password_change_done": Expect(status=statuses(200, anonymous=302)),
    # Forgotten password: open to everyone; the answer never says whether the e-mail exists.
    "password_reset": [
        Expect(status=statuses(200)),
        Expect(
            method="POST",
            data={"email": "khong-co@example.vn"},
            status=statuses(302),
            location=statuses("/quen-mat-khau/da-gui/"),
        ),
    ],
    "password_reset_done": Expect(status=statuses(200)),
    # A made-up link shows "link not valid" (200), never a form.
    "password_reset_confirm": Expect(
        kwargs={"uidb64": "MQ", "token": "sai-ma"}, status=statuses(200)
    ),
    "password_reset_complete": Expect(status=statuses(200)),
    # Managers (chair, cell secretary, federation staff) read the log of their units.
    "audit_log": Expect(
        status=statuses(200, anonymous=302, bch_senhong=403, doanvien_senhong=403, bgh_senhong=403)
    ),
    "set_language": Expect(
        method="POST",
        data={"language": "en", "next": "/ke-hoach/"},
        status=statuses(302),
        location=statuses("/ke-hoach/"),
    ),
}

# The first-run guide and the "Hướng dẫn sử dụng" pages (portal/help.py): every signed-in
# person reads every role's guide; each puts away and brings back only their own guide,
# by POST (the admin, with no membership, has nothing to put away and is told so).
EXPECTATIONS |= {
    "guide": Expect(status=statuses(200, anonymous=302)),
    "guide_page": [
        Expect(kwargs={"slug": "doan-vien"}, status=statuses(200, anonymous=302)),
        Expect(kwargs={"slug": "khong-co"}, status=statuses(404, anonymous=302)),
    ],
    "guide_dismiss": [
        Expect(status=statuses(405)),
        Expect(method="POST", status=statuses(302), location=statuses(HOME, anonymous=LOGIN)),
    ],
    "guide_restore": [
        Expect(status=statuses(405)),
        Expect(method="POST", status=statuses(302), location=statuses(HOME, anonymous=LOGIN)),
    ],
}
