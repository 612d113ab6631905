"""reports/: the documents that follow from the nominations (reports/views/documents.py).

A unit's committee (chair, BCH) and the managers above it (LĐLĐ Gò Vấp, the
administrator) download the list, the minutes and the dossier; the certificates are the
managers'; every member of the unit (the demo's secretary and school board are members
too) reads the list once it is published. Who does not see the
plan, round or dossier learns nothing (404); Quận 1's officer sees none of it.

Objects are made inside each role's savepoint through the services: doanvien_senhong
voted by the whole BCH for the union's own "Lao động tiên tiến" on a published list,
with the review finalised; and (from the nominations table) a dossier sent up.
"""

import datetime as dt

from django.utils import timezone

from campaigns.models import Title
from nominations.models import Review, VoteRound
from nominations.services import ballots, lists, nominations, votes
from tests.nominations import committee
from tests.walk.tables import Expect, statuses
from tests.walk.tables.nominations import CHAIR, MEMBER, _forwarded, _scored, _title

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def _voted(d) -> VoteRound:
    """doanvien_senhong proposed for the unit's own title, voted by the whole BCH."""
    chair, plan = d.user(CHAIR), d.live_cdcs_plan
    start = timezone.now() - 3 * DAY
    _scored(d)
    proposal = nominations.propose_nomination(
        plan=plan, title=_title(d, Title.Level.UNIT), nominee=d.user(MEMBER), actor=chair
    )
    round = votes.create_vote_round(
        plan=plan,
        name="BCH bỏ phiếu Lao động tiên tiến (lượt đi)",
        nominations=[proposal],
        opens_at=start,
        closes_at=start + HOUR,
        actor=chair,
        now=start,
    )
    round = committee.open_round(round=round, actor=chair, now=start)
    for elector in round.electors.select_related("user"):
        ballots.cast_ballot(
            round=round, actor=elector.user, choices={str(proposal.pk): "approve"}, now=start
        )
    return committee.close_round(round=round, actor=chair, now=start + HOUR)


def _awarded(d) -> dict:
    """The list finalised and published, the review finalised (stamped directly: the demo's
    submitted reports are not all scored)."""
    chair, plan = d.user(CHAIR), d.live_cdcs_plan
    _voted(d)
    nomination_list = lists.finalise_list(plan=plan, actor=chair)
    lists.publish_list(nomination_list=nomination_list, actor=chair, feedback_days=1)
    Review.objects.update_or_create(
        plan=plan,
        unit=plan.issuer,
        defaults={"finalised_by": chair, "finalised_at": timezone.now()},
    )
    return {"pk": plan.pk}


ANON = {"anonymous": 302, "outsider": 404}
COMMITTEE_AND_ABOVE = {"chutich_senhong": 200, "bch_senhong": 200, "ldld_govap": 200, "admin": 200}

EXPECTATIONS = {
    "reports:nomination_list_pdf": Expect(
        kwargs=_awarded,
        status=statuses(200, **ANON),  # published: every member of Sen Hồng reads it
    ),
    "reports:review_minutes_pdf": Expect(
        kwargs=_awarded, status=statuses(403, **COMMITTEE_AND_ABOVE, **ANON)
    ),
    "reports:vote_minutes_pdf": Expect(
        kwargs=lambda d: {"pk": _voted(d).pk},
        status=statuses(404, **COMMITTEE_AND_ABOVE, anonymous=302),
    ),
    "reports:dossier_pdf": Expect(
        kwargs=lambda d: {"pk": _forwarded(d).pk},
        status=statuses(404, **COMMITTEE_AND_ABOVE, anonymous=302),
    ),
    "reports:certificates_pdf": Expect(
        kwargs=_awarded,
        status=statuses(403, chutich_senhong=200, ldld_govap=200, admin=200, **ANON),
    ),
}
