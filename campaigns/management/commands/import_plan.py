"""Read a plan document and print the draft the importer finds in it, as JSON.

    manage.py import_plan FILE --json
    manage.py import_plan FILE --create --actor USERNAME [--issuer CODE]

With --create the draft plan is created as USERNAME would create it on the review screen:
through the same service (campaigns.services.plan_imports.create_imported_plan), for a
unit the user may create plans for (the one the document names, or --issuer), nested in
the parent plan the document cites when the portal knows it and the user sees it.
"""

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from campaigns.plan_imports.extract import to_json
from campaigns.plan_imports.readers import ImportRefused
from campaigns.selectors import plan_imports as selectors
from campaigns.selectors.plans import creatable_units_for
from campaigns.services import plan_imports as services
from portal.permissions import can


class Command(BaseCommand):
    help = "Đọc văn bản kế hoạch (.docx, .pdf có lớp chữ, .txt) và in bản nháp trích được."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp kế hoạch, hoặc - để đọc từ stdin")
        parser.add_argument("--json", action="store_true", help="In bản nháp dạng JSON")
        parser.add_argument("--create", action="store_true", help="Tạo kế hoạch nháp")
        parser.add_argument("--actor", help="Tên đăng nhập của người tạo (bắt buộc với --create)")
        parser.add_argument("--issuer", help="Mã đơn vị ban hành (khi văn bản không nêu rõ)")

    def handle(self, *args, **options):
        path = options["file"]
        data = sys.stdin.buffer.read() if path == "-" else self._read(path)
        try:
            parsed = services.read_document(name=path, data=data)
        except ImportRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        result = to_json(parsed.draft)
        if options["json"] or not options["create"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        if options["create"]:
            cited = parsed.draft.get("parent_plan")
            kind = cited.value.get("kind", "") if cited else ""
            signed = parsed.draft.get("signatory")
            mode = signed.value.get("mode", "TM.") if signed else "TM."
            plan = self._create(result, parsed.text, kind, mode, options)
            self.stderr.write(f"Đã tạo bản nháp kế hoạch #{plan.pk}: {plan.title}")

    def _read(self, path: str) -> bytes:
        try:
            return Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {path}: {error}") from error

    def _create(self, result: dict, text: str, cited_kind: str, mode: str, options):
        if not options["actor"]:
            raise CommandError("--create cần --actor USERNAME.")
        user = get_user_model().objects.filter(username=options["actor"], is_active=True).first()
        if user is None:
            raise CommandError(f"Không có người dùng {options['actor']}.")
        if not can(user, "plan.import"):
            raise CommandError(f"{user.username} không có quyền tạo kế hoạch.")
        units = list(creatable_units_for(user))
        if options["issuer"]:
            issuer = next((u for u in units if u.code == options["issuer"]), None)
        else:
            issuer = selectors.matching_unit(units, result.get("issuer"))
            if issuer is None and not result.get("issuer") and len(units) == 1:
                issuer = units[0]  # the document names no issuer: the user's only unit
        if issuer is None or not can(user, "plan.create", issuer):
            raise CommandError(
                "Không xác định được đơn vị ban hành mà người dùng được tạo kế hoạch; "
                "dùng --issuer."
            )
        parent_data = result.get("parent_plan") or {}
        parent = selectors.matching_parent(user, parent_data.get("number"), parent_data.get("date"))
        reviewed = services.reviewed_from_json(
            result,
            issuer=issuer,
            parent=parent,
            text=text,
            cited_kind=cited_kind,
            signing_mode=mode,
        )
        try:
            return services.create_imported_plan(actor=user, reviewed=reviewed)
        except ValidationError as error:
            raise CommandError("Không tạo được kế hoạch: " + " ".join(error.messages)) from error
