"""portal/: units, members, member imports and account activation (issue 14)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from portal.models import MemberImport, Membership, OrgUnit, Role
from tests.walk.tables import Expect, statuses

# Who manages Sen Hồng's members: its chair, the federation above, the administrator.
MANAGE_GET = statuses(
    403, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=200, outsider=404
)
MANAGE_POST = statuses(
    403, anonymous=302, admin=302, ldld_govap=302, chutich_senhong=302, outsider=404
)
# A member's record: only those who read the member list see it (BCH reads, no more).
MEMBER_POST = statuses(
    404,
    anonymous=302,
    admin=302,
    ldld_govap=302,
    chutich_senhong=302,
    bch_senhong=403,
)
# A tổ of Sen Hồng: managed by the chair and the federation; invisible to the rest.
GROUP_GET = statuses(404, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=200)
GROUP_POST = statuses(404, anonymous=302, admin=302, ldld_govap=302, chutich_senhong=302)
# An import in preview: hidden from those who may not read the members (404).
IMPORT_POST = statuses(
    404, anonymous=302, admin=302, ldld_govap=302, chutich_senhong=302, bch_senhong=403
)


def _senhong(d):
    return {"pk": d.senhong.pk}


def _group(d):
    return d.senhong.children.filter(kind=OrgUnit.Kind.UNION_GROUP).order_by("code").first()


def _member(d):
    """senhong01's membership of Sen Hồng."""
    return Membership.objects.get(user__username="senhong01", unit=d.senhong, role=Role.MEMBER)


def _import(d):
    """An import in preview, uploaded by the chair (the template sheet)."""
    from portal.services.import_sheets import template_workbook
    from portal.services.imports import start_import

    found = MemberImport.objects.filter(unit=d.senhong, status="preview").first()
    if found is None:
        found = start_import(
            unit=d.senhong,
            actor=d.user("chutich_senhong"),
            upload=SimpleUploadedFile("mau.xlsx", template_workbook("members")),
        )
    return {"token": found.token}


EXPECTATIONS = {
    "unit_list": Expect(
        status=statuses(200, anonymous=302, bch_senhong=403, doanvien_senhong=403, bgh_senhong=403)
    ),
    "unit_create": [
        Expect(kwargs=_senhong, status=MANAGE_GET),
        Expect(
            method="POST",
            kwargs=_senhong,
            data={"name": "Tổ Bếp", "short_name": "TB", "kind": "union_group"},
            status=MANAGE_POST,
        ),
    ],
    "unit_edit": [
        Expect(kwargs=lambda d: {"pk": _group(d).pk}, status=GROUP_GET),
        Expect(
            method="POST",
            kwargs=lambda d: {"pk": _group(d).pk},
            data={"name": "Tổ Lá (đổi tên)", "short_name": "TL"},
            status=GROUP_POST,
        ),
    ],
    "unit_move": Expect(method="POST", kwargs=lambda d: {"pk": _group(d).pk}, status=GROUP_POST),
    "unit_close": Expect(method="POST", kwargs=lambda d: {"pk": _group(d).pk}, status=GROUP_POST),
    "member_list": Expect(
        kwargs=_senhong,
        status=statuses(
            403,
            anonymous=302,
            admin=200,
            ldld_govap=200,
            chutich_senhong=200,
            bch_senhong=200,
            outsider=404,
        ),
    ),
    "member_add": [
        Expect(kwargs=_senhong, status=MANAGE_GET),
        Expect(
            method="POST",
            kwargs=_senhong,
            data={"full_name": "Người Đi Kiểm Tra", "phone": "0987654321"},
            status=MANAGE_POST,
        ),
    ],
    "import_upload": Expect(kwargs=_senhong, status=MANAGE_GET),
    "import_template": Expect(kwargs=_senhong, status=MANAGE_GET),
    "import_preview": Expect(
        kwargs=_import,
        status=statuses(
            404, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=200, bch_senhong=403
        ),
    ),
    "import_confirm": Expect(method="POST", kwargs=_import, status=IMPORT_POST),
    "import_discard": Expect(method="POST", kwargs=_import, status=IMPORT_POST),
    "member_edit": Expect(
        kwargs=lambda d: {"pk": _member(d).pk},
        status=statuses(
            404, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=200, bch_senhong=403
        ),
    ),
    "member_roles": Expect(
        method="POST", kwargs=lambda d: {"pk": _member(d).pk}, data={}, status=MEMBER_POST
    ),
    "member_end": Expect(
        method="POST",
        kwargs=lambda d: {"pk": _member(d).pk},
        data={"ends_on": "2030-01-01", "reason": "retirement"},
        status=MEMBER_POST,
    ),
    "member_send_link": Expect(
        method="POST", kwargs=lambda d: {"pk": _member(d).pk}, status=MEMBER_POST
    ),
    "reports:activation_slips_pdf": [
        Expect(method="POST", kwargs=_senhong, status=MANAGE_POST),
        # Printing issues codes: never by GET.
        Expect(kwargs=_senhong, status=statuses(405)),
    ],
    # Activation is for people not signed in yet; a wrong code shows the form again.
    "activate": [
        Expect(status=statuses(200)),
        Expect(
            method="POST",
            data={"identifier": "0900000000", "code": "AAAA-BBBB"},
            status=statuses(200),
        ),
    ],
    "activate_link": Expect(kwargs={"token": "khong-dung"}, status=statuses(200)),
    # Only an account activated by code must set its first password; others go home.
    "first_password": Expect(status=statuses(302), location=statuses("/", anonymous="/dang-nhap/")),
}
