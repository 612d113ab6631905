"""Recount the rolled-up figures (reports.models.UnitFigures) from scratch:

    python manage.py rollup_figures           # recount, write what differs, say how many
    python manage.py rollup_figures --check   # only report the differences (exit 1 if any)

The rows are a cache of facts kept elsewhere (members, self-reports, scores, nominations,
reviews, ratings), kept current by the services; this is the check that they are, and the
repair when they are not (a membership that ended by date, a row written by hand).
"""

from django.core.management.base import BaseCommand, CommandError

from reports.services.rollups import differences, recount


class Command(BaseCommand):
    help = "Đếm lại số liệu tổng hợp theo kế hoạch và đơn vị; --check chỉ báo chỗ sai lệch."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Chỉ báo sai lệch, không ghi (mã thoát 1 nếu có)."
        )
        parser.add_argument(
            "--plan", type=int, action="append", help="Chỉ kế hoạch này (lặp được)."
        )

    def handle(self, *args, check, plan, verbosity, **options):
        found = differences(plan)
        if verbosity >= 2 or check:
            for plan_id, fact, stored, counted in found[:50]:
                self.stdout.write(f"plan {plan_id}: {fact} stored {stored!r}, counted {counted!r}")
            if len(found) > 50:
                self.stdout.write(f"… {len(found) - 50} more")
        if check:
            if found:
                raise CommandError(f"{len(found)} rolled-up figures differ from a recount.")
            self.stdout.write("The rolled-up figures equal a recount.")
            return
        changed = recount(plan)
        self.stdout.write(f"{len(found)} differences found; {changed} rows written.")
