"""campaigns/ party-cell meetings and the minutes PDF.

Chi bộ Trường MN Sen Hồng: bithu_senhong is its secretary (edits), bgh_senhong a party
member (reads). Everyone else in the demo is union-only or in another district: they get
404 for anything of the cell, as the outsider does. The superuser reads and edits; only
the chair and secretary named on the minutes confirm them.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from campaigns.models import MeetingMaterial, Minutes, Plan, ThematicMeeting
from portal.models import User
from tests.walk.tables import Expect, statuses

READERS = {"admin": 200, "bithu_senhong": 200, "bgh_senhong": 200}
NOT_IN_CELL = {
    role: 404
    for role in ("ldld_govap", "chutich_senhong", "bch_senhong", "doanvien_senhong", "outsider")
}
MATERIAL_NAME = "meetings/walk/tai-lieu-walk.pdf"


def _plan(d) -> Plan:
    """Sen Hồng's thematic-meeting plan of this year (the demo's, or one made here)."""
    year = timezone.localdate().year
    plan = Plan.objects.filter(
        issuer=d.senhong_cell, kind=Plan.Kind.THEMATIC_MEETINGS, year=year
    ).first()
    return plan or Plan.objects.create(
        issuer=d.senhong_cell,
        year=year,
        title=f"Tổ chức sinh hoạt chuyên đề năm {year}",
        kind=Plan.Kind.THEMATIC_MEETINGS,
        status=Plan.Status.PUBLISHED,
    )


def _meeting(d) -> ThematicMeeting:
    """A planned meeting of the plan, without minutes."""
    plan = _plan(d)
    meeting = plan.thematic_meetings.filter(minutes__isnull=True).first()
    if meeting is None:
        now = timezone.now()
        meeting = ThematicMeeting.objects.create(
            plan=plan,
            year=plan.year,
            quarter=(timezone.localdate(now).month - 1) // 3 + 1,
            topic="Chuyên đề quý này",
            planned_at=now + dt.timedelta(days=3),
        )
    return meeting


def _minutes(d, *, confirmed: bool) -> Minutes:
    meeting = _meeting(d)
    bithu = d.user("bithu_senhong")
    return Minutes.objects.create(
        meeting=meeting,
        started_at=meeting.planned_at,
        ended_at=meeting.planned_at + dt.timedelta(hours=2),
        place="Phòng họp",
        chair=bithu,
        chair_name=str(bithu),
        secretary=User.objects.get(username="bgh_senhong"),
        secretary_name="Phạm Thị Hồng Nhung",
        agenda="Quán triệt chuyên đề.",
        status=Minutes.Status.CONFIRMED if confirmed else Minutes.Status.DRAFT,
        confirmed_at=timezone.now() if confirmed else None,
    )


def _material(d) -> dict:
    if not default_storage.exists(MATERIAL_NAME):
        default_storage.save(MATERIAL_NAME, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    material = MeetingMaterial.objects.create(
        meeting=_meeting(d),
        file=MATERIAL_NAME,
        original_name="Đề cương.pdf",
        mime="application/pdf",
        size=15,
    )
    return {"pk": material.pk}


def _read(**extra) -> dict:
    return statuses(404, anonymous=302, **{**READERS, **extra})


def _edit(ok: int = 200, **extra) -> dict:
    return statuses(
        404, anonymous=302, admin=ok, bithu_senhong=ok, bgh_senhong=403, **{**NOT_IN_CELL, **extra}
    )


EXPECTATIONS = {
    # Everyone signed in has the list (it shows only their cells' plans).
    "campaigns:meeting_plan_list": Expect(status=statuses(200, anonymous=302)),
    # Only party-committee members (none among the walk's roles) and the superuser.
    "campaigns:meeting_committee_overview": Expect(status=statuses(403, anonymous=302, admin=200)),
    "campaigns:meeting_plan": Expect(kwargs=lambda d: {"pk": _plan(d).pk}, status=_read()),
    "campaigns:meeting_create": Expect(kwargs=lambda d: {"pk": _plan(d).pk}, status=_edit()),
    "campaigns:meeting_quarter_report": Expect(
        kwargs=lambda d: {"pk": _plan(d).pk, "quarter": 1}, status=_read()
    ),
    "campaigns:meeting_detail": Expect(kwargs=lambda d: {"pk": _meeting(d).pk}, status=_read()),
    "campaigns:meeting_edit": Expect(kwargs=lambda d: {"pk": _meeting(d).pk}, status=_edit()),
    # An empty POST: the editors are sent back to the meeting with the form's error.
    "campaigns:materials_post": Expect(
        method="POST",
        kwargs=lambda d: {"pk": _meeting(d).pk},
        status=_edit(302),
        location={"admin": "/ke-hoach/", "bithu_senhong": "/ke-hoach/"},
    ),
    "campaigns:material_download": Expect(kwargs=_material, status=_read()),
    "campaigns:minutes_create": Expect(kwargs=lambda d: {"pk": _meeting(d).pk}, status=_edit()),
    # Confirmed minutes: the cell's members read them.
    "campaigns:minutes_detail": Expect(
        kwargs=lambda d: {"pk": _minutes(d, confirmed=True).pk}, status=_read()
    ),
    # A draft whose secretary (thư ký) is bgh_senhong: she may edit it too.
    "campaigns:minutes_edit": Expect(
        kwargs=lambda d: {"pk": _minutes(d, confirmed=False).pk}, status=_read()
    ),
    # Only the chair (bithu_senhong) and the secretary (bgh_senhong) confirm.
    "campaigns:minutes_confirm": Expect(
        method="POST",
        kwargs=lambda d: {"pk": _minutes(d, confirmed=False).pk},
        status=_read(admin=403, bithu_senhong=302, bgh_senhong=302),
        location={"bithu_senhong": "/ke-hoach/", "bgh_senhong": "/ke-hoach/"},
    ),
    # No reason given: the editors are sent back to the minutes with the message.
    "campaigns:minutes_correct": Expect(
        method="POST",
        kwargs=lambda d: {"pk": _minutes(d, confirmed=True).pk},
        status=_edit(302),
        location={"admin": "/ke-hoach/", "bithu_senhong": "/ke-hoach/"},
    ),
    "reports:meeting_quarter_report_pdf": Expect(
        kwargs=lambda d: {"pk": _plan(d).pk, "quarter": 1}, status=_read()
    ),
    "reports:minutes_pdf": Expect(
        kwargs=lambda d: {"pk": _minutes(d, confirmed=True).pk}, status=_read()
    ),
}
