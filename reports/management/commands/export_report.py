"""Make a plan's document from the command line, the same file the portal offers:

    python manage.py export_report --plan 12 --unit 3 --document workbook --out tonghop.xlsx

The file is made through the same service as the page (reused when the data has not
changed since it was last made), in this process whatever the task backend.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Plan
from portal.models import OrgUnit
from reports.models import Artifact
from reports.services.dashboard import NOT_YET, NotAvailable, render_now, scope_plan
from reports.services.documents import NOMINATION_KINDS, nomination_files

DOCUMENTS = (*Artifact.Kind.values, *NOT_YET)


class Command(BaseCommand):
    help = "Xuất tài liệu của một kế hoạch (PDF/XLSX) ra tệp."

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, required=True, help="Mã (id) kế hoạch")
        parser.add_argument(
            "--unit", type=int, help="Mã (id) đơn vị; mặc định là đơn vị ban hành kế hoạch"
        )
        parser.add_argument("--document", required=True, choices=DOCUMENTS)
        parser.add_argument("--out", required=True, help="Đường dẫn tệp ghi ra")

    def handle(self, *args, plan, unit, document, out, **options):
        if document in NOT_YET and document not in NOMINATION_KINDS:
            raise CommandError(
                f"Tài liệu “{document}” chưa có trong cổng thi đua (not available yet). "
                f"Có thể xuất: {', '.join(Artifact.Kind.values)}."
            )
        try:
            plan_obj = Plan.objects.select_related("issuer").get(pk=plan)
        except Plan.DoesNotExist as exc:
            raise CommandError(f"Không có kế hoạch mã {plan}.") from exc
        try:
            unit_obj = OrgUnit.objects.get(pk=unit) if unit else plan_obj.issuer
        except OrgUnit.DoesNotExist as exc:
            raise CommandError(f"Không có đơn vị mã {unit}.") from exc
        if document in NOMINATION_KINDS:
            return self._write_nomination_files(plan_obj, unit_obj, document, Path(out))
        try:
            artifact = render_now(plan=plan_obj, unit=unit_obj, kind=document)
        except (NotAvailable, ValidationError) as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if not artifact.is_ready:
            raise CommandError(f"Không tạo được tệp: {artifact.error}")
        target = Path(out)
        with artifact.file.open("rb") as handle:
            target.write_bytes(handle.read())
        self.stdout.write(
            f"{target} ({target.stat().st_size} bytes, {artifact.get_kind_display()})"
        )

    def _write_nomination_files(self, plan, unit, document, target):
        """One file per document; the minutes of each vote round and each further dossier
        go beside the first file ("bienban.pdf", "bienban-2.pdf", …)."""
        try:
            files = nomination_files(scope_plan(plan, unit), document)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        for number, content in enumerate(files, start=1):
            path = target if number == 1 else target.with_stem(f"{target.stem}-{number}")
            path.write_bytes(content)
            self.stdout.write(f"{path} ({len(content)} bytes, {document})")
