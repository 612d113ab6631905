"""campaigns/ unit assessment and unit ratings, and the ratings' documents in reports/.

The chair of Sen Hồng scores the live plan's collective criteria; the administrator may
too. Members and the federation see the plan but not this page (403); Quận 1's officer
does not see the plan (404).

Ratings: Gò Vấp's staff run the rating of the live federation plan (board and setup);
Sen Hồng's chair sees the federation plan but not its board (403). Sen Hồng's
assessment is seen by its chair and by Gò Vấp (the rater), hidden from everyone else
(404). A draft saved by the chair is taken; the rater may not fill the unit's form (403).
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from campaigns.models import UnitAssessment, UnitEvidenceFile
from tests.walk.tables import Expect, statuses

# Stored once, reused by every role: the walk leaves one tiny file in MEDIA_ROOT at most.
WALK_FILE = "evidence/walk/bien-ban-walk.pdf"


def _live(d):
    return {"pk": d.live_cdcs_plan.pk}


def _federation(d):
    return {"pk": d.live_federation_plan.pk}


def _senhong_rating(d):
    assessment = UnitAssessment.objects.get(scheme__plan=d.live_federation_plan, unit=d.senhong)
    return {"pk": assessment.pk}


def _senhong_file(d):
    """An evidence file of Sen Hồng's submitted self-assessment (seen by its chair and
    the rater, nobody else)."""
    assessment = UnitAssessment.objects.get(scheme__plan=d.live_federation_plan, unit=d.senhong)
    evidence = assessment.files.first()
    if evidence is None:
        if not default_storage.exists(WALK_FILE):
            default_storage.save(WALK_FILE, ContentFile(b"%PDF-1.4\n% walk\n"))
        evidence = UnitEvidenceFile.objects.create(
            assessment=assessment,
            file=WALK_FILE,
            original_name="bien-ban.pdf",
            mime="application/pdf",
            size=16,
            uploaded_at=assessment.submitted_at,
        )
    return {"pk": evidence.pk}


EXPECTATIONS = {
    "campaigns:assessment_evidence": Expect(
        kwargs=_senhong_file,
        status=statuses(404, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=200),
    ),
    "campaigns:unit_assessment": [
        Expect(
            kwargs=_live,
            status=statuses(403, anonymous=302, admin=200, chutich_senhong=200, outsider=404),
        ),
        Expect(
            method="POST",
            kwargs=_live,
            data={},
            status=statuses(403, anonymous=302, admin=302, chutich_senhong=302, outsider=404),
        ),
    ],
    "campaigns:rating_board": [
        Expect(
            kwargs=_federation,
            status=statuses(403, anonymous=302, admin=200, ldld_govap=200, outsider=404),
        ),
        Expect(
            # Publishing before every unit is finalised is refused with the names.
            method="POST",
            kwargs=_federation,
            data={},
            status=statuses(403, anonymous=302, admin=400, ldld_govap=400, outsider=404),
        ),
    ],
    "campaigns:rating_setup": Expect(
        kwargs=_federation,
        status=statuses(403, anonymous=302, admin=200, ldld_govap=200, outsider=404),
    ),
    "campaigns:assessment_detail": [
        Expect(
            kwargs=_senhong_rating,
            status=statuses(404, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=200),
        ),
        Expect(
            method="POST",
            kwargs=_senhong_rating,
            data={"action": "draft"},
            status=statuses(404, anonymous=302, admin=302, ldld_govap=403, chutich_senhong=302),
        ),
    ],
    # Documents: the standards table of Sen Hồng's tổ rating for everyone who sees the
    # plan; Gò Vấp's summary for its rater; Sen Hồng's sheet for the rater only until the
    # levels are published (the chair then gets 403).
    "reports:rating_standards_pdf": Expect(
        kwargs=_live, status=statuses(200, anonymous=302, outsider=404)
    ),
    "reports:rating_summary_pdf": Expect(
        kwargs=_federation,
        status=statuses(403, anonymous=302, admin=200, ldld_govap=200, outsider=404),
    ),
    "reports:rating_xlsx": Expect(
        kwargs=_federation,
        status=statuses(403, anonymous=302, admin=200, ldld_govap=200, outsider=404),
    ),
    "reports:rating_sheet_pdf": Expect(
        kwargs=_senhong_rating,
        status=statuses(404, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=403),
    ),
}
