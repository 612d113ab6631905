"""nominations/: vote rounds, nominations and consultation, review, lists and dossiers.

Who: the chair of Sen Hồng leads (rounds, lists, dossiers, finalising the review); the
BCH (chair, BCH member) scores and proposes; the chi bộ secretary (through the chi bộ's
plan implementing the union's) and the school board give opinions; every union member
votes in a members' round and sees the list once it is published; LĐLĐ Gò Vấp watches
below it and receives the dossiers sent up to its plan. The administrator reads but does
not act for a unit. Quận 1's officer does not learn any of it exists (404).

Objects are made inside each role's savepoint (rolled back afterwards), through the
services: a proposal for the district title, an open secret round of all members, a
passed nominee on a published list (its feedback window over) whose dossier was sent up,
an objection on a list still open for feedback, and doanvien_senhong's submitted report.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from campaigns.models import Criterion, Plan, Title
from campaigns.selectors.selfreports import own_report
from campaigns.services.selfreports import submit_self_report
from nominations.models import DossierAttachment, Nomination, NominationList
from nominations.services import ballots, conditions, dossiers, lists, nominations, votes
from tests.nominations import committee
from tests.walk.tables import Expect, statuses

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
CHAIR, BCH, MEMBER = "chutich_senhong", "bch_senhong", "doanvien_senhong"
WALK_FILE = "dossiers/walk/to-trinh-walk.pdf"

ANON_GET = {"anonymous": 302, "outsider": 404}
# Plan pages: everyone of Gò Vấp sees the plan; Quận 1 does not.
PLAN_READERS = statuses(200, **ANON_GET)
CHAIR_ONLY_GET = statuses(403, chutich_senhong=200, **ANON_GET)
CHAIR_ONLY_POST = statuses(403, chutich_senhong=302, anonymous=302, outsider=404)
COMMITTEE_GET = statuses(403, chutich_senhong=200, bch_senhong=200, **ANON_GET)
# Nominations: the BCH, the consulted bodies, the federation and the administrator.
NOMINATION_READERS = statuses(200, doanvien_senhong=403, **ANON_GET)
NOMINATION_OBJECT = statuses(200, doanvien_senhong=404, **ANON_GET)
NOMINATION_CHAIR_POST = statuses(
    403, chutich_senhong=302, anonymous=302, doanvien_senhong=404, outsider=404
)
# An open members' round: every member is an elector; the federation watches.
ROUND_GET = statuses(200, **ANON_GET)
ROUND_MANAGE_POST = statuses(403, chutich_senhong=302, anonymous=302, outsider=404)
ROUND_MANAGE_GET = statuses(403, chutich_senhong=200, **ANON_GET)
BALLOT_GET = statuses(200, admin=403, ldld_govap=403, **ANON_GET)
# The counting committee of the walk's round: the chair and bch_senhong.
COUNTER_GET = statuses(403, chutich_senhong=200, bch_senhong=200, **ANON_GET)
COUNTER_POST = statuses(403, chutich_senhong=302, bch_senhong=302, anonymous=302, outsider=404)
# Review: the BCH and the federation read; only the BCH scores, never its own report.
REVIEW_READERS = statuses(200, doanvien_senhong=403, bithu_senhong=403, bgh_senhong=403, **ANON_GET)
SCORE_GET = statuses(
    403,
    chutich_senhong=200,
    bch_senhong=200,
    bithu_senhong=404,
    bgh_senhong=404,
    **ANON_GET,
)
REPORT_REVIEW = statuses(200, doanvien_senhong=403, bithu_senhong=404, bgh_senhong=404, **ANON_GET)
# Dossiers sent up: the sending committee, the receiving federation, the administrator.
DOSSIER_GET = statuses(200, doanvien_senhong=404, bithu_senhong=404, bgh_senhong=404, **ANON_GET)
DOSSIER_SENDER_POST = statuses(
    403,
    chutich_senhong=302,
    anonymous=302,
    doanvien_senhong=404,
    bithu_senhong=404,
    bgh_senhong=404,
    outsider=404,
)
DOSSIER_RECEIVER_POST = statuses(
    403,
    ldld_govap=302,
    anonymous=302,
    doanvien_senhong=404,
    bithu_senhong=404,
    bgh_senhong=404,
    outsider=404,
)


def _live(d):
    return {"pk": d.live_cdcs_plan.pk}


def _federation(d):
    return {"pk": d.live_federation_plan.pk}


def _title(d, level=Title.Level.DISTRICT):
    return d.live_cdcs_plan.titles.filter(level=level, target="individual").first()


# The walk is about who may open what, not about the order of steps
# (tests/nominations/test_steps.py and test_demo_flow.py): inside a role's savepoint the
# live plan marks the steps before the vote as not used, and its vote opened a month ago.
WALK_STEPS = ["vote", "list", "publication", "sending_up"]


def _scored(d, member_username=MEMBER):
    """The member's report on the live plan, submitted and scored by the BCH member."""
    from nominations.models import Score

    Plan.objects.filter(pk=d.live_cdcs_plan.pk).update(steps=WALK_STEPS)
    d.live_cdcs_plan.milestones.filter(kind="vote").update(starts_at=timezone.now() - 30 * DAY)
    d.live_cdcs_plan.steps = WALK_STEPS
    report = _report(d)
    for criterion in d.live_cdcs_plan.criteria.filter(target="individual"):
        Score.objects.get_or_create(
            report=report,
            reviewer=d.user(BCH),
            criterion=criterion,
            defaults={
                "met": True if criterion.kind == Criterion.Kind.MET else None,
                "points": criterion.max_points if criterion.kind != Criterion.Kind.MET else None,
            },
        )
    return report


def _proposal(d) -> Nomination:
    """doanvien_senhong proposed for the district title (as the chair)."""
    _scored(d)
    return nominations.propose_nomination(
        plan=d.live_cdcs_plan, title=_title(d), nominee=d.user(MEMBER), actor=d.user(CHAIR)
    )


def _open_round(d):
    now = timezone.now()
    round = votes.create_vote_round(
        plan=d.live_cdcs_plan,
        name="Lấy ý kiến tập thể (lượt đi)",
        nominations=[_proposal(d)],
        electorate="members",
        opens_at=now - HOUR,
        closes_at=now + HOUR,
        actor=d.user(CHAIR),
        now=now - 2 * HOUR,
    )
    return committee.open_round(
        round=round,
        actor=d.user(CHAIR),
        now=now - HOUR,
        counters=[d.user(CHAIR), d.user("bch_senhong")],
    )


def _listed(d, *, published_at) -> NominationList:
    """The proposal passed by the whole BCH and on a list published at `published_at`."""
    chair, plan = d.user(CHAIR), d.live_cdcs_plan
    start = published_at - 3 * DAY
    round = votes.create_vote_round(
        plan=plan,
        name="BCH bỏ phiếu (lượt đi)",
        nominations=[_proposal(d)],
        opens_at=start,
        closes_at=start + HOUR,
        actor=chair,
        now=start,
    )
    round = committee.open_round(round=round, actor=chair, now=start)
    for elector in round.electors.select_related("user"):
        ballots.cast_ballot(
            round=round,
            actor=elector.user,
            choices={str(n.pk): "approve" for n in round.nominations.all()},
            now=start,
        )
    committee.close_round(round=round, actor=chair, now=start + HOUR)
    nomination_list = lists.finalise_list(plan=plan, actor=chair, now=start + 2 * HOUR)
    return lists.publish_list(
        nomination_list=nomination_list, actor=chair, feedback_days=1, now=published_at
    )


def _forwarded(d):
    nomination_list = _listed(d, published_at=timezone.now() - 2 * DAY)
    chair = d.user(CHAIR)
    dossier = dossiers.prepare_dossier(
        nomination=nomination_list.entries.get().nomination, actor=chair
    )
    if not default_storage.exists(WALK_FILE):
        default_storage.save(WALK_FILE, ContentFile(b"%PDF-1.4\n% walk\n"))
    DossierAttachment.objects.create(
        dossier=dossier,
        kind="submission",
        file=WALK_FILE,
        original_name="to-trinh.pdf",
        mime="application/pdf",
        size=16,
        uploaded_by=chair,
    )
    return dossiers.forward_dossier(dossier=dossier, actor=chair)


def _objection(d):
    nomination_list = _listed(d, published_at=timezone.now() - HOUR)
    return lists.submit_objection(
        nomination_list=nomination_list, actor=d.user(MEMBER), text="Góp ý của lượt đi"
    )


def _report(d):
    """doanvien_senhong's report on the live plan, submitted."""
    plan, member = d.live_cdcs_plan, d.user(MEMBER)
    report = own_report(plan, member)
    if report.pk is None or not report.is_submitted:
        answers = {
            c.pk: {"met": True, "evidence": ""}
            if c.kind == Criterion.Kind.MET
            else {"points": c.max_points, "evidence": ""}
            for c in plan.criteria.filter(target="individual")  # collective: the unit's
        }
        report = submit_self_report(
            report=report, actor=member, data={"narrative": "Lượt đi", "answers": answers}
        ).report
    return report


def _condition(d):
    """Sen Hồng's own condition on its collective title: ≥ 70 % Lao động tiên tiến."""
    plan = d.live_cdcs_plan
    return conditions.add_collective_condition(
        title=plan.titles.filter(target="collective").first(),
        member_title=plan.titles.get(name="Lao động tiên tiến"),
        min_share=Decimal("0.7"),
        actor=d.user(CHAIR),
    )


def _pk(build):
    return lambda d: {"pk": build(d).pk}


EXPECTATIONS = {
    "nominations:plan_progress": Expect(kwargs=_live, status=NOMINATION_READERS),
    # --- votes ----------------------------------------------------------------------------
    "nominations:round_list": Expect(kwargs=_live, status=PLAN_READERS),
    "nominations:round_create": Expect(kwargs=_live, status=CHAIR_ONLY_GET),
    "nominations:round_detail": Expect(kwargs=_pk(_open_round), status=ROUND_GET),
    "nominations:round_open": Expect(
        method="POST", kwargs=_pk(_open_round), status=ROUND_MANAGE_POST
    ),
    "nominations:round_close": Expect(
        method="POST", kwargs=_pk(_open_round), status=ROUND_MANAGE_POST
    ),
    "nominations:round_cancel": Expect(
        method="POST",
        kwargs=_pk(_open_round),
        data={"reason": "Lượt đi kiểm tra"},
        status=ROUND_MANAGE_POST,
    ),
    "nominations:ballot": [
        Expect(kwargs=_pk(_open_round), status=BALLOT_GET),
        Expect(
            method="POST",
            kwargs=_pk(_open_round),
            data={},
            status=statuses(200, anonymous=302, admin=403, ldld_govap=403, outsider=404),
        ),
    ],
    "nominations:written_ballot": Expect(kwargs=_pk(_open_round), status=COUNTER_GET),
    "nominations:paper_mark": Expect(method="POST", kwargs=_pk(_open_round), status=COUNTER_POST),
    "nominations:key_share": Expect(kwargs=_pk(_open_round), status=COUNTER_GET),
    "nominations:round_committee": Expect(kwargs=_pk(_open_round), status=ROUND_MANAGE_GET),
    "nominations:round_count": Expect(kwargs=_pk(_open_round), status=ROUND_GET),
    "nominations:round_bulletin": Expect(kwargs=_pk(_open_round), status=ROUND_GET),
    "nominations:round_results": Expect(kwargs=_pk(_open_round), status=ROUND_GET),
    # --- nominations and consultation -----------------------------------------------------
    "nominations:nomination_list": Expect(kwargs=_live, status=NOMINATION_READERS),
    "nominations:nomination_create": Expect(kwargs=_live, status=COMMITTEE_GET),
    "nominations:nomination_detail": Expect(kwargs=_pk(_proposal), status=NOMINATION_OBJECT),
    "nominations:opinion_give": Expect(
        method="POST",
        kwargs=_pk(_proposal),
        data={"body": "party_cell", "agree": "1"},
        status=statuses(
            403,
            bithu_senhong=302,
            bgh_senhong=302,
            anonymous=302,
            doanvien_senhong=404,
            outsider=404,
        ),
    ),
    "nominations:nomination_withdraw": Expect(
        method="POST",
        kwargs=_pk(_proposal),
        data={"reason": "Lượt đi"},
        status=NOMINATION_CHAIR_POST,
    ),
    # --- review -----------------------------------------------------------------------------
    "nominations:review_board": Expect(kwargs=_live, status=REVIEW_READERS),
    "nominations:review_finalise": Expect(method="POST", kwargs=_live, status=CHAIR_ONLY_POST),
    "nominations:exclusion_add": Expect(
        method="POST", kwargs=_live, data={"kind": "absence"}, status=CHAIR_ONLY_POST
    ),
    "nominations:score_report": Expect(kwargs=_pk(_report), status=SCORE_GET),
    "nominations:report_review": Expect(kwargs=_pk(_report), status=REPORT_REVIEW),
    # --- lists and dossiers -------------------------------------------------------------
    "nominations:list_page": Expect(kwargs=_live, status=NOMINATION_READERS),
    "nominations:list_finalise": Expect(method="POST", kwargs=_live, status=CHAIR_ONLY_POST),
    "nominations:list_publish": Expect(
        method="POST",
        kwargs=_live,
        data={"feedback_ends_at": f"{timezone.localdate().year + 1}-01-01T17:00"},
        status=CHAIR_ONLY_POST,
    ),
    "nominations:objection_submit": Expect(
        method="POST",
        kwargs=_live,
        data={"text": "Lượt đi"},
        status=statuses(302, doanvien_senhong=403, outsider=404),
    ),
    "nominations:objection_answer": Expect(
        method="POST",
        kwargs=_pk(_objection),
        data={"answer": "Đã xem xét."},
        status=statuses(
            404,
            chutich_senhong=302,
            bch_senhong=403,
            doanvien_senhong=403,
            admin=403,
            anonymous=302,
        ),
    ),
    "nominations:dossier_prepare": Expect(
        method="POST", kwargs=_pk(_proposal), status=NOMINATION_CHAIR_POST
    ),
    "nominations:dossier_detail": Expect(kwargs=_pk(_forwarded), status=DOSSIER_GET),
    "nominations:dossier_attach": Expect(
        method="POST", kwargs=_pk(_forwarded), status=DOSSIER_SENDER_POST
    ),
    "nominations:dossier_forward": Expect(
        method="POST", kwargs=_pk(_forwarded), status=DOSSIER_SENDER_POST
    ),
    "nominations:dossier_receive": Expect(
        method="POST", kwargs=_pk(_forwarded), status=DOSSIER_RECEIVER_POST
    ),
    "nominations:dossier_return": Expect(
        method="POST",
        kwargs=_pk(_forwarded),
        data={"reason": "Thiếu biên bản"},
        status=DOSSIER_RECEIVER_POST,
    ),
    "nominations:condition_list": Expect(kwargs=_live, status=REVIEW_READERS),
    "nominations:condition_add": Expect(
        method="POST", kwargs=_live, data={}, status=CHAIR_ONLY_POST
    ),
    "nominations:condition_remove": Expect(
        method="POST",
        kwargs=_pk(_condition),
        status=statuses(
            403,
            chutich_senhong=302,
            anonymous=302,
            doanvien_senhong=404,
            bithu_senhong=404,
            bgh_senhong=404,
            outsider=404,
        ),
    ),
    "nominations:incoming": Expect(
        kwargs=_federation,
        status=statuses(403, admin=200, ldld_govap=200, **ANON_GET),
    ),
    "nominations:attachment_download": Expect(
        kwargs=lambda d: {"pk": _forwarded(d).attachments.get().pk}, status=DOSSIER_GET
    ),
}
