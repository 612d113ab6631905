"""Ballots the user still has to cast."""

from django.urls import reverse
from django.utils.translation import gettext as _

from nominations.selectors.votes import open_rounds_for_voter
from portal.due import DueItem, provider
from portal.vietnamese import format_deadline


@provider
def ballots_due(user, now):
    """Open rounds where the user is an elector and has not voted."""
    return [
        DueItem(
            title=_("Bỏ phiếu: %(name)s") % {"name": round.name},
            url=reverse("nominations:ballot", args=[round.pk]),
            due_at=round.closes_at,
            unit_name=round.unit.name,
            status=_("Đóng lúc %(at)s") % {"at": format_deadline(round.closes_at)},
            step="vote",
            action=_("Bỏ phiếu"),
        )
        for round in open_rounds_for_voter(user, now)
    ]
