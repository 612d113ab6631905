"""``manage.py seed_demo``: load the demo data from fixtures/ (see demo/)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import demo_present, run
from demo.city import SCALE_CITY_CODE, SCALE_STAFF_USERNAME, city_present, load_city
from demo.context import DEMO_PASSWORD, DemoContext
from demo.district import (
    DISTRICT_CODE,
    STAFF_USERNAME,
    district_present,
    load_district,
    member_username,
)
from demo.people import demo_logins
from portal.audit import record
from reports.services.rollups import recount


class Command(BaseCommand):
    help = (
        "Load the demo data: the org tree, people and plans of the five seed documents "
        "(historical) and one live campaign whose self-report window is open now. "
        "Does nothing if the demo is already there (use --reset to start afresh)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Flush the whole database first (no prompt)."
        )
        parser.add_argument(
            "--scale",
            choices=["district", "city"],
            help=(
                "Also add a deterministic synthetic district for benchmarks; city: a city "
                "federation with --districts such districts (24 × 200 × 60 = 288,000 members)."
            ),
        )
        parser.add_argument(
            "--districts", type=int, default=24, help="Synthetic city: districts (default 24)."
        )
        parser.add_argument(
            "--units", type=int, default=200, help="Synthetic district: CĐCS (default 200)."
        )
        parser.add_argument(
            "--members",
            type=int,
            default=60,
            help="Synthetic district: members per CĐCS (default 60).",
        )

    def handle(self, *args, reset, scale, units, members, districts, verbosity, **options):
        if not (1 <= units <= 999 and 1 <= members <= 999 and 1 <= districts <= 99):
            raise CommandError(
                "--units and --members must be between 1 and 999, --districts 1 and 99."
            )
        say = self.stdout.write if verbosity >= 1 else (lambda message: None)
        detail = self.stdout.write if verbosity >= 2 else (lambda message: None)
        if reset:
            call_command("flush", interactive=False, verbosity=0)
            say("Database flushed.")
        ctx = DemoContext(log=detail)

        present = demo_present()
        if present == "complete":
            say("The demo data is already loaded; nothing to do (--reset loads it afresh).")
        elif present == "partial":
            raise CommandError(
                "Some demo units or accounts (e.g. admin) already exist, but not the demo; "
                "nothing loaded. Use --reset to flush the database and load the demo."
            )
        else:
            started = time.monotonic()
            with transaction.atomic():
                run(ctx)
                recount()  # the loaders write in bulk, past the services that keep them
                record(
                    actor=None,
                    action="demo.load",
                    units=len(ctx.units),
                    people=len(ctx.users),
                    plans=len(ctx.plans),
                )
            say(f"Demo data loaded in {time.monotonic() - started:.1f} s.")

        if scale == "district":
            if district_present():
                say(f"The synthetic district ({DISTRICT_CODE}) is already loaded.")
            else:
                started = time.monotonic()
                with transaction.atomic():
                    summary = load_district(ctx, units=units, members=members)
                    recount()
                    record(actor=None, action="demo.load_district", **summary)
                say(
                    f"Synthetic district loaded in {time.monotonic() - started:.1f} s: "
                    f"{summary['units']} CĐCS × {summary['members_per_unit']} members."
                )
        if scale == "city":
            self._load_city(say, detail, ctx, districts, units, members)
        self._print_logins(say, ctx, members if scale == "district" else None)
        if scale == "city":
            say(f"  {SCALE_STAFF_USERNAME}  Cán bộ LĐLĐ Thành phố Mô Phỏng (thành phố mô phỏng)")

    def _load_city(self, say, detail, ctx, districts, units, members) -> None:
        if city_present():
            say(f"The synthetic city ({SCALE_CITY_CODE}) is already loaded.")
            return
        started = time.monotonic()
        with transaction.atomic():
            summary = load_city(ctx, districts=districts, units=units, members=members, log=detail)
            loaded = time.monotonic()
            recount()
            record(actor=None, action="demo.load_city", **summary)
        done = time.monotonic()
        say(
            f"Synthetic city loaded in {done - started:.1f} s ({loaded - started:.1f} s of "
            f"inserts, {done - loaded:.1f} s to roll up the figures and commit): "
            f"{districts} districts × {units} CĐCS × {members} members "
            f"= {districts * units * members:,} members."
        )

    def _print_logins(self, say, ctx: DemoContext, district_members: int | None) -> None:
        # Loaded now: every login the loaders registered; already there: people.toml's.
        logins = dict(ctx.logins) or demo_logins()
        if district_members:
            logins |= {
                STAFF_USERNAME: "Cán bộ LĐLĐ Quận Mô Phỏng (quận mô phỏng)",
                member_username(1, 1, district_members): "Chủ tịch CĐCS Mô Phỏng 001",
            }
        width = max(len(name) for name in logins)
        say(f"\nDemo accounts (password: {DEMO_PASSWORD}):")
        for username, what in logins.items():
            say(f"  {username:<{width}}  {what}")
