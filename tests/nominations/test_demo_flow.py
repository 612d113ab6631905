"""The issue's "done when", on the demo: bch_senhong and chutich_senhong score the live
plan's reports, the chair proposes, bithu_senhong and bgh_senhong give opinions, the
members vote in a secret round, the list is finalised and forwarded, and ldld_govap sees
the forwarded nominee at the federation's plan — through the pages, except where the
clock has to move (the feedback window), where the same services take `now`."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Criterion, Title
from campaigns.selectors.selfreports import own_report
from campaigns.services.selfreports import submit_self_report
from nominations.models import Ballot, Dossier, Nomination, Opinion, Participation, VoteRound
from nominations.services.dossiers import forward_dossier
from tests.walk.demo import DemoData, load_demo

pytestmark = pytest.mark.django_db


def as_user(demo, username) -> Client:
    client = Client()
    client.force_login(demo.user(username))
    return client


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_demo_flow_from_scores_to_the_federation(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    demo = DemoData()
    plan = demo.live_cdcs_plan
    nominee = demo.user("doanvien_senhong")
    criteria = list(plan.criteria.filter(target="individual"))
    report = own_report(plan, nominee)
    if not report.is_submitted:
        answers = {
            c.pk: {"met": True, "evidence": "Giấy khen"}
            if c.kind == Criterion.Kind.MET
            else {"points": c.max_points, "evidence": ""}
            for c in criteria  # collective criteria are the unit's, not the member's
        }
        report = submit_self_report(
            report=report, actor=nominee, data={"narrative": "Báo cáo", "answers": answers}
        ).report

    # W4: the BCH member and the chair score the report.
    scores = {
        f"c{c.pk}": "1" if c.kind == Criterion.Kind.MET else f"{c.max_points.normalize():f}"
        for c in criteria
    }
    for username in ("bch_senhong", "chutich_senhong"):
        response = as_user(demo, username).post(
            reverse("nominations:score_report", args=[report.pk]), scores
        )
        assert response.status_code == 302, response.content
    chair = as_user(demo, "chutich_senhong")
    board = chair.get(reverse("nominations:review_board", args=[plan.pk])).context["board"]
    row = next(r for r in board.rows if r.report.pk == report.pk)
    assert row.reviewers_done == 2

    # The chair proposes from the ranking.
    title = plan.titles.get(level=Title.Level.DISTRICT, target="individual")
    gate = next(g for g in row.gates if g.title == title)
    assert gate.failures == []
    chair.post(
        reverse("nominations:nomination_create", args=[plan.pk]),
        {"title": title.pk, "nominee": nominee.pk, "achievements": "Giáo viên dạy giỏi"},
    )
    nomination = Nomination.objects.get(plan=plan, nominee=nominee)

    # W5: the chi bộ secretary and the school board give their opinions.
    for username, body in (("bithu_senhong", "party_cell"), ("bgh_senhong", "school_board")):
        as_user(demo, username).post(
            reverse("nominations:opinion_give", args=[nomination.pk]),
            {"body": body, "agree": "1", "note": ""},
        )
    assert sorted(Opinion.objects.filter(nomination=nomination).values_list("body", flat=True)) == [
        "party_cell",
        "school_board",
    ]

    # W6: a secret round of all members, every member votes on the phone page.
    now = timezone.now()
    chair.post(
        reverse("nominations:round_create", args=[plan.pk]),
        {
            "name": "Lấy ý kiến tập thể",
            "nominations": [nomination.pk],
            "electorate": "members",
            "mode": "secret",
            "choice_mode": "per_nominee",
            "opens_at": local(now - dt.timedelta(minutes=1)),
            "closes_at": local(now + dt.timedelta(hours=2)),
        },
    )
    round = VoteRound.objects.get(plan=plan)
    chair.post(reverse("nominations:round_open", args=[round.pk]))
    electors = list(round.electors.select_related("user"))
    for elector in electors:
        client = Client()
        client.force_login(elector.user)
        response = client.post(
            reverse("nominations:ballot", args=[round.pk]), {f"n{nomination.pk}": "approve"}
        )
        assert response.status_code == 200 and response.context["code"]
    assert Ballot.objects.filter(round=round).count() == len(electors) > 5
    assert Participation.objects.filter(round=round).count() == len(electors)
    chair.post(reverse("nominations:round_close", args=[round.pk]), {})
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PASSED

    # W7: the list is finalised, published, and the dossier goes up.
    chair.post(reverse("nominations:list_finalise", args=[plan.pk]))
    chair.post(
        reverse("nominations:list_publish", args=[plan.pk]),
        {"feedback_ends_at": local(timezone.now() + dt.timedelta(minutes=2))},
    )
    chair.post(reverse("nominations:dossier_prepare", args=[nomination.pk]))
    dossier = Dossier.objects.get(nomination=nomination)
    forward_dossier(
        dossier=dossier,
        actor=demo.user("chutich_senhong"),
        now=timezone.now() + dt.timedelta(hours=1),
    )

    federation = as_user(demo, "ldld_govap")
    incoming = federation.get(
        reverse("nominations:incoming", args=[demo.live_federation_plan.pk])
    ).context["dossiers"]
    assert [d.nomination.nominee for d in incoming] == [nominee]
    federation.post(reverse("nominations:dossier_receive", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert (dossier.status, dossier.received_as.plan) == ("received", demo.live_federation_plan)
