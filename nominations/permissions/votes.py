"""Who may see, run and vote in vote rounds."""

from django.db.models import Q

from nominations.models import VoteRound
from nominations.permissions.common import federation_q, leads
from portal.models import BCH_ROLES, Role
from portal.permissions import is_admin, rule, selector, unit_ids_with

# --- vote rounds ----------------------------------------------------------------------


@selector(VoteRound)
def vote_rounds_visible_to(user):
    """All rounds of the units where the user is on the BCH; the rounds the user votes
    in once they are open; rounds below a federation officer's unit once open."""
    qs = VoteRound.objects.select_related("plan", "unit")
    if is_admin(user):
        return qs
    bch = Q(unit_id__in=unit_ids_with(user, (*BCH_ROLES, Role.FEDERATION_STAFF)))
    others = Q(electors__user=user) | federation_q(user, "unit")
    return qs.filter(bch | (others & ~Q(status=VoteRound.Status.DRAFT))).distinct()


@rule("vote_round.create")
def can_create_round(user, plan):
    return plan is not None and leads(user, plan.issuer)


@rule("vote_round.manage")
def can_manage_round(user, round):
    return leads(user, round.unit)


@rule("vote_round.view")
def can_view_round(user, round):
    return True  # visibility is decided by vote_rounds_visible_to


@rule("vote_round.vote")
def can_vote(user, round):
    return round.electors.filter(user=user).exists()


@rule("vote_round.count")
def can_count(user, round):
    """Members of the round's counting committee (ban kiểm phiếu): their key share, the
    paper ballots (two of them) and the count."""
    return round.counters.filter(user=user).exists()
