"""reports/: the federation's dashboard, generated files (workbook, summary report),
periodic reports and the summary report's narrative.

Who: the figures of a plan's cascade belong to the managers of its issuer and of the
units above (Gò Vấp's officer for the federation plan; also Sen Hồng's chair for Sen
Hồng's own plan); members and the BCH may see the plan but not its figures (403).
Files are visible to the managers of their unit and above only: another branch's file
does not exist for anyone else (404). A periodic report is written by the managers of
the reporting unit (Sen Hồng's chair) and read by them and the federation above.
Quận 1's officer learns none of it exists (404).

Objects are made inside each role's savepoint: a periodic_report milestone on the
federation plan when the demo has none, a sent periodic report of Sen Hồng's, and a
ready file for Gò Vấp and for Sen Hồng keyed on the current data (so an export request
reuses it instead of rendering; the walk leaves one tiny file in MEDIA_ROOT at most).
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from campaigns.models import Milestone
from reports.models import Artifact, PeriodicReport
from reports.services import dashboard as services
from reports.services import periodic as periodic_services
from tests.walk.tables import Expect, statuses

WALK_FILE = "reports/walk/tong-hop-walk.xlsx"

# Managers of the federation (and the administrator) only; others who see the plan: 403.
FEDERATION_MANAGERS = statuses(403, anonymous=302, admin=200, ldld_govap=200, outsider=404)
# Sen Hồng's own plan: its chair too.
UNIT_MANAGERS = statuses(
    403, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=200, outsider=404
)
# A file (or a sent periodic report) of Gò Vấp's: invisible below it.
FEDERATION_FILE = statuses(404, anonymous=302, admin=200, ldld_govap=200)
# A file (or a periodic report) of Sen Hồng's: its chair and the federation above.
UNIT_FILE = statuses(404, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=200)


def _periodic_milestone(d) -> Milestone:
    plan = d.live_federation_plan
    milestone = plan.milestones.filter(kind=Milestone.Kind.PERIODIC_REPORT).first()
    if milestone is None:
        last = max(m.ends_at for m in plan.milestones.all())
        milestone = Milestone.objects.create(
            plan=plan,
            kind=Milestone.Kind.PERIODIC_REPORT,
            label="Báo cáo định kỳ",
            starts_at=last - dt.timedelta(days=30),
            ends_at=last,
        )
    return milestone


def _sent_report(d) -> PeriodicReport:
    milestone = _periodic_milestone(d)
    report = PeriodicReport.objects.filter(milestone=milestone, unit=d.senhong).first()
    if report is None:
        chair = d.user("chutich_senhong")
        report = periodic_services.save_periodic_report(
            milestone=milestone,
            unit=d.senhong,
            actor=chair,
            sections={"results": "Báo cáo của lượt đi kiểm tra quyền"},
        )
        report = periodic_services.send_periodic_report(report=report, actor=chair)
    return report


def _ready_file(plan, unit) -> Artifact:
    """A ready workbook for `plan` and `unit`, keyed on the current data."""
    if not default_storage.exists(WALK_FILE):
        default_storage.save(WALK_FILE, ContentFile(b"PK walk"))
    artifact, _ = Artifact.objects.get_or_create(
        plan=plan,
        unit=unit,
        kind=Artifact.Kind.WORKBOOK,
        data_key=services.data_key(plan, Artifact.Kind.WORKBOOK),
        defaults={"file": WALK_FILE, "filename": "tong-hop.xlsx", "status": "ready"},
    )
    return artifact


def _federation_file(d) -> dict:
    return {"pk": _ready_file(d.live_federation_plan, d.govap).pk}


def _unit_file(d) -> dict:
    return {"pk": _ready_file(d.live_cdcs_plan, d.senhong).pk}


def _federation_plan(d) -> dict:
    return {"pk": d.live_federation_plan.pk}


def _export(d) -> dict:
    _ready_file(d.live_federation_plan, d.govap)
    return {"pk": d.live_federation_plan.pk, "kind": "workbook"}


def _periodic_edit(d) -> dict:
    return {"milestone_pk": _periodic_milestone(d).pk, "unit_pk": d.senhong.pk}


def _city_plan(d) -> dict:
    return {"pk": d.live_federation_plan.parent.pk}


EXPECTATIONS = {
    # The city's plan (demo/city.py): its dashboard is the city's managers' (ldld_tphcm,
    # not a walk role, and the administrator); a district's officer sees the plan, not
    # the city's figures. A district's plan has no city dashboard, even for the admin.
    "reports:city_dashboard": [
        Expect(kwargs=_city_plan, status=statuses(403, anonymous=302, admin=200)),
        Expect(kwargs=_federation_plan, status=statuses(403, anonymous=302, outsider=404)),
    ],
    "reports:dashboard": [
        Expect(kwargs=_federation_plan, status=FEDERATION_MANAGERS),
        Expect(kwargs=lambda d: {"pk": d.live_cdcs_plan.pk}, status=UNIT_MANAGERS),
    ],
    "reports:export_start": Expect(
        method="POST",
        kwargs=_export,
        status=statuses(403, anonymous=302, admin=302, ldld_govap=302, outsider=404),
        location={"admin": "/bao-cao/tep/", "ldld_govap": "/bao-cao/tep/"},
    ),
    "reports:artifact_detail": [
        Expect(kwargs=_federation_file, status=FEDERATION_FILE),
        Expect(kwargs=_unit_file, status=UNIT_FILE),
    ],
    "reports:artifact_status": [
        Expect(kwargs=_federation_file, status=FEDERATION_FILE),
        Expect(kwargs=_unit_file, status=UNIT_FILE),
    ],
    "reports:artifact_download": [
        Expect(kwargs=_federation_file, status=FEDERATION_FILE),
        Expect(kwargs=_unit_file, status=UNIT_FILE),
    ],
    "reports:periodic_list": Expect(kwargs=_federation_plan, status=FEDERATION_MANAGERS),
    "reports:periodic_edit": [
        Expect(
            kwargs=_periodic_edit,
            status=statuses(403, anonymous=302, admin=200, chutich_senhong=200, outsider=404),
        ),
        Expect(
            method="POST",
            kwargs=_periodic_edit,
            data={"results": "Kết quả", "save": ""},
            status=statuses(403, anonymous=302, admin=302, chutich_senhong=302, outsider=404),
        ),
    ],
    "reports:periodic_detail": Expect(
        kwargs=lambda d: {"pk": _sent_report(d).pk}, status=UNIT_FILE
    ),
    "reports:summary_edit": [
        Expect(kwargs=_federation_plan, status=FEDERATION_MANAGERS),
        Expect(
            method="POST",
            kwargs=_federation_plan,
            data={"overview": "Đánh giá chung"},
            status=statuses(403, anonymous=302, admin=302, ldld_govap=302, outsider=404),
        ),
    ],
}
