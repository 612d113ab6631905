"""Demo data for ``manage.py seed_demo``, read from ``fixtures/``.

``fixtures/`` holds the data (TOML: the seed documents' structured content, the people,
the live campaign); the modules here turn it into rows. Each loader is a module with a
``load(ctx: DemoContext) -> None`` function. ``seed_demo`` runs the modules of ``LOADERS``
in order, in one transaction; a loader finds what earlier ones made through
``ctx.unit(code)``, ``ctx.user(username)`` and ``ctx.plan(key)``, and dates relative to the
moment of loading through ``ctx.now`` / ``ctx.today``.

To add demo data for a new area: write ``demo/<area>.py`` with a ``load(ctx)`` and
append ``"demo.<area>"`` to ``LOADERS`` below (after the loaders it builds on).
"""

LOADERS = [
    "demo.orgs",  # fixtures/orgs.toml: the org tree of the five seeds
    "demo.people",  # fixtures/people.toml: demo accounts and members
    "demo.plans",  # fixtures/plans/*.toml: the seeds' plans, as historical records
    "demo.live",  # fixtures/live/*.toml: the live campaign LĐLĐ → CĐCS → chi bộ
    "demo.selfreports",  # fixtures/selfreports.toml: Sen Hồng's self-reports
    "demo.meetings",  # party-cell meetings: Mỹ Hòa 2022 (seed 004), Sen Hồng live
    "demo.awards",  # award history 2021–2023, a 2024 decision, funds (W11)
    "demo.ratings",  # unit ratings of the live year: Gò Vấp's CĐCS, Sen Hồng's tổ (W12)
    "demo.clusters",  # Gò Vấp's kindergartens' emulation cluster (issue 16, item 3)
    "demo.city",  # the city's live plan above Gò Vấp's, for the city dashboard (issue 18)
]


def run(ctx, loaders=None) -> None:
    """Run each loader's ``load(ctx)`` in order (the caller holds the transaction)."""
    from importlib import import_module

    for dotted in LOADERS if loaders is None else loaders:
        import_module(dotted).load(ctx)


def demo_present() -> str | None:
    """Is the demo already in the database? "complete" when its marker (the audit entry
    ``seed_demo`` writes) is there, "partial" when only some of its units or accounts are
    (e.g. an ``admin`` made by hand), None when none is."""
    from demo.orgs import unit_codes
    from demo.people import people
    from portal.models import AuditEntry, OrgUnit, User

    if AuditEntry.objects.filter(action="demo.load").exists():
        return "complete"
    usernames = [p["username"] for p in people()]
    if (
        OrgUnit.objects.filter(code__in=unit_codes()).exists()
        or User.objects.filter(username__in=usernames).exists()
    ):
        return "partial"
    return None
