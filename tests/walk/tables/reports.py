"""reports/: document downloads (PDF now; XLSX and the dashboard as they arrive).

A document is readable by whoever may see the plan it comes from; the outsider (another
district's officer) does not learn the plan exists.
"""

import datetime as dt

from campaigns.models import AgendaItem, Milestone
from tests.walk.tables import Expect, statuses


def _plan_with_ceremony(d) -> dict:
    """The live CĐCS plan, which has a ceremony in the demo (fixtures/live). The factory
    stand-in for seed_demo has none; add one then (inside the walk's savepoint)."""
    plan = d.live_cdcs_plan
    if not plan.milestones.filter(kind=Milestone.Kind.CEREMONY).exists():
        start = max(m.ends_at for m in plan.milestones.all()) + dt.timedelta(days=1)
        ceremony = Milestone.objects.create(
            plan=plan,
            kind=Milestone.Kind.CEREMONY,
            label="Hội nghị tuyên dương",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            place="Lớp Chồi 1",
        )
        AgendaItem.objects.create(milestone=ceremony, order=1, text="Văn nghệ")
    return {"pk": plan.pk}


EXPECTATIONS = {
    "reports:plan_pdf": Expect(
        kwargs=lambda d: {"pk": d.live_cdcs_plan.pk},
        status=statuses(200, anonymous=302, outsider=404),
    ),
    "reports:ceremony_pdf": Expect(
        kwargs=_plan_with_ceremony,
        status=statuses(200, anonymous=302, outsider=404),
    ),
}
