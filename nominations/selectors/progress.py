"""The chair's progress view of one plan: review, nominations, consultation, votes, list,
dossiers — each with a short status."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count

from nominations.models import Dossier, Objection
from nominations.selectors.lists import list_of
from nominations.selectors.nominations import missing_opinions, nomination_board
from nominations.selectors.reviews import review_board
from nominations.selectors.votes import round_status_text, rounds_for_plan


@dataclass(frozen=True)
class Progress:
    reports: int
    reports_waiting: int  # reports some expected reviewer has not scored yet
    review_final: bool
    groups: list
    missing: dict
    rounds: list
    nomination_list: object
    unanswered: int
    dossiers: dict  # status label -> count


def plan_progress(user, plan, now: datetime) -> Progress:
    board = review_board(user, plan)
    groups = nomination_board(user, plan)
    nomination_list = list_of(plan)
    labels = dict(Dossier.Status.choices)
    dossiers = {
        labels[row["status"]]: row["n"]
        for row in Dossier.objects.filter(nomination__plan=plan)
        .values("status")
        .annotate(n=Count("id"))
        .order_by("status")
    }
    return Progress(
        reports=len(board.rows),
        reports_waiting=sum(1 for r in board.rows if r.waiting),
        review_final=board.is_final,
        groups=groups,
        missing=missing_opinions(groups),
        rounds=[(r, round_status_text(r, now)) for r in rounds_for_plan(user, plan)],
        nomination_list=nomination_list,
        unanswered=Objection.objects.filter(list__plan=plan, answered_at__isnull=True).count(),
        dossiers=dossiers,
    )
