"""campaigns/ self-reports: the member's page (fill, autosave, evidence upload, extension
request), the receipt, the read-only report, evidence download and removal, the BCH's
overview with its reminder button, and the chair's decision on an extension.

Who: every union member of Sen Hồng fills their own report (the chair and the BCH member
are members too); the BCH (chair, BCH member) and the federation above read the union's
submitted reports; only the owner sees the receipt and changes their files; only the
chair decides an extension. The administrator reads everything but fills nobody's report.
Quận 1's officer does not learn any of it exists (404).

Objects are made inside each role's savepoint (rolled back afterwards): doanvien_senhong's
report submitted with one evidence file, and an open extension request of theirs.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from campaigns.models import Criterion, DeadlineExtension, EvidenceFile, Target
from campaigns.selectors.selfreports import own_report
from campaigns.services.selfreports import submit_self_report
from tests.walk.tables import Expect, statuses

MEMBER = "doanvien_senhong"
# Sen Hồng's members may fill; the administrator and the federation read only.
FILL_GET = statuses(200, anonymous=302, admin=403, ldld_govap=403, outsider=404)
FILL_POST = statuses(302, admin=403, ldld_govap=403, outsider=404)
FILL_GET_OF_POST = statuses(405, anonymous=302, admin=403, ldld_govap=403, outsider=404)
# The owner's own report, as others see it.
READERS = statuses(
    200, anonymous=302, bithu_senhong=404, bgh_senhong=404, outsider=404
)  # owner, BCH (chair, BCH member), federation, admin
OWNER_ONLY = statuses(
    403, anonymous=302, doanvien_senhong=200, bithu_senhong=404, bgh_senhong=404, outsider=404
)
# Stored once, reused by every role: the walk leaves one tiny file in MEDIA_ROOT at most.
WALK_FILE = "evidence/walk/giay-khen-walk.pdf"


def _live(d):
    return {"pk": d.live_cdcs_plan.pk}


def _all_answers(plan) -> dict:
    answers = {}
    for c in plan.criteria.filter(target=Target.INDIVIDUAL):  # collective: the unit's
        if c.kind == Criterion.Kind.MET:
            answers[c.pk] = {"met": True, "evidence": "Minh chứng"}
        else:
            answers[c.pk] = {"points": c.max_points, "evidence": ""}
    return {"narrative": "Báo cáo của lượt đi kiểm tra quyền", "answers": answers}


def _report(d):
    """doanvien_senhong's report on the live plan, submitted, with one evidence file."""
    plan, member = d.live_cdcs_plan, d.user(MEMBER)
    report = own_report(plan, member)
    if report.pk is None or not report.is_submitted:
        report = submit_self_report(report=report, actor=member, data=_all_answers(plan)).report
    if not report.files.exists():
        if not default_storage.exists(WALK_FILE):
            default_storage.save(WALK_FILE, ContentFile(b"%PDF-1.4\n% walk\n"))
        EvidenceFile.objects.create(
            report=report,
            file=WALK_FILE,
            original_name="giay-khen.pdf",
            mime="application/pdf",
            size=16,
            uploaded_at=report.submitted_at,  # part of the submitted version: readers see it
            uploaded_by=member,
        )
    return report


def _report_pk(d):
    return {"pk": _report(d).pk}


def _file_pk(d):
    return {"pk": _report(d).files.first().pk}


def _extension_pk(d):
    plan, member = d.live_cdcs_plan, d.user(MEMBER)
    extension = DeadlineExtension.objects.filter(
        plan=plan, member=member, status=DeadlineExtension.Status.REQUESTED
    ).first() or DeadlineExtension.objects.create(
        plan=plan, member=member, reason="Đi tập huấn", requested_at=timezone.now()
    )
    return {"pk": extension.pk}


EXPECTATIONS = {
    "campaigns:selfreport_fill": [
        Expect(kwargs=_live, status=FILL_GET),
        Expect(
            method="POST",
            kwargs=_live,
            data={"action": "draft", "narrative": "Nháp của lượt đi"},
            status=FILL_POST,
        ),
    ],
    "campaigns:selfreport_autosave": [
        Expect(kwargs=_live, status=FILL_GET_OF_POST),
        Expect(
            method="POST",
            kwargs=_live,
            data={"narrative": "Tự lưu"},
            status=statuses(200, anonymous=302, admin=403, ldld_govap=403, outsider=404),
        ),
    ],
    "campaigns:evidence_upload": [
        Expect(kwargs=_live, status=FILL_GET_OF_POST),
        # No file: the page comes back with the message (nothing stored).
        Expect(method="POST", kwargs=_live, status=FILL_POST),
    ],
    "campaigns:extension_request": [
        Expect(kwargs=_live, status=FILL_GET_OF_POST),
        Expect(method="POST", kwargs=_live, data={"reason": "Đi tập huấn"}, status=FILL_POST),
    ],
    "campaigns:selfreport_overview": Expect(
        kwargs=_live,
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
    "campaigns:selfreport_remind": [
        Expect(
            kwargs=_live,
            status=statuses(
                403,
                anonymous=302,
                admin=405,
                chutich_senhong=405,
                bch_senhong=405,
                outsider=404,
            ),
        ),
        Expect(
            method="POST",
            kwargs=_live,
            status=statuses(
                403, anonymous=302, admin=302, chutich_senhong=302, bch_senhong=302, outsider=404
            ),
        ),
    ],
    "campaigns:selfreport_detail": Expect(kwargs=_report_pk, status=READERS),
    "campaigns:selfreport_receipt": Expect(kwargs=_report_pk, status=OWNER_ONLY),
    "campaigns:evidence_download": Expect(kwargs=_file_pk, status=READERS),
    "campaigns:evidence_remove": [
        Expect(
            kwargs=_file_pk,
            status=statuses(
                403,
                anonymous=302,
                doanvien_senhong=405,
                bithu_senhong=404,
                bgh_senhong=404,
                outsider=404,
            ),
        ),
        Expect(
            method="POST",
            kwargs=_file_pk,
            status=statuses(
                403,
                anonymous=302,
                doanvien_senhong=302,
                bithu_senhong=404,
                bgh_senhong=404,
                outsider=404,
            ),
        ),
    ],
    "campaigns:extension_decide": [
        Expect(
            kwargs=_extension_pk,
            status=statuses(
                403,
                anonymous=302,
                admin=405,
                chutich_senhong=405,
                bithu_senhong=404,
                bgh_senhong=404,
                outsider=404,
            ),
        ),
        Expect(
            method="POST",
            kwargs=_extension_pk,
            data={"decision": "refuse", "note": "Lượt đi kiểm tra"},
            status=statuses(
                403,
                anonymous=302,
                admin=302,
                chutich_senhong=302,
                bithu_senhong=404,
                bgh_senhong=404,
                outsider=404,
            ),
        ),
    ],
}
