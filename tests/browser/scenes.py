"""Demo data brought to a given step for the browser tests that look at a page.

Each function takes the loaded demo (tests.walk.demo.DemoData) and returns the object the
page shows. They call the services, as the pages would, never `.save()` a step by hand.
"""

import datetime as dt

from django.utils import timezone

from campaigns.models import Plan, SelfReport, Title
from nominations.models import Score
from nominations.services.ballots import cast_ballot
from nominations.services.nominations import propose_nomination
from nominations.services.votes import close_vote_round, create_vote_round
from tests.nominations.committee import open_round

NOMINEES = ("bgh_senhong", "bithu_senhong")  # the title's quota is 2


def _score(report, reviewer):
    for criterion in report.plan.criteria.filter(target="individual"):
        Score.objects.get_or_create(
            report=report,
            reviewer=reviewer,
            criterion=criterion,
            defaults={
                "met": True if criterion.kind == "met" else None,
                "points": criterion.max_points if criterion.kind == "points" else None,
            },
        )


def closed_open_vote(demo):
    """A show-of-hands round of Sen Hồng's members over three nominees, voted and closed:
    the results page with its named votes."""
    plan, chair = demo.live_cdcs_plan, demo.user("chutich_senhong")
    now = timezone.now()
    Plan.objects.filter(pk=plan.pk).update(steps=["vote", "list", "publication", "sending_up"])
    plan.refresh_from_db()
    plan.milestones.filter(kind="vote").update(starts_at=now - dt.timedelta(days=1))
    title = plan.titles.get(level=Title.Level.DISTRICT, target="individual")
    Title.objects.filter(pk=title.pk).update(secret_ballot=False)
    title.refresh_from_db()
    nominations = []
    for username in NOMINEES:
        nominee = demo.user(username)
        report = SelfReport.objects.filter(plan=plan, member=nominee).first()
        if report is None:
            continue
        _score(report, demo.user("chutich_senhong" if username == "bch_senhong" else "bch_senhong"))
        nominations.append(propose_nomination(plan=plan, title=title, nominee=nominee, actor=chair))
    round = create_vote_round(
        plan=plan,
        name="Biểu quyết công khai tại hội nghị",
        nominations=nominations,
        electorate="members",
        mode="open",
        opens_at=now - dt.timedelta(minutes=5),
        closes_at=now + dt.timedelta(hours=2),
        actor=chair,
        now=now - dt.timedelta(minutes=10),
    )
    round = open_round(round=round, actor=chair)
    picks = ("approve", "approve", "disapprove", "abstain")
    for i, elector in enumerate(round.electors.select_related("user").order_by("pk")):
        choices = {str(n.pk): picks[(i + j) % len(picks)] for j, n in enumerate(nominations)}
        cast_ballot(round=round, actor=elector.user, choices=choices)
        round.refresh_from_db()
        if round.status != "open":
            break
    round.refresh_from_db()
    if round.status in ("open", "counting"):
        round = close_vote_round(round=round, actor=chair, reason="Đã đủ số người biểu quyết")
    return round
