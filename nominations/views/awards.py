"""Award history pages: "hồ sơ thi đua của tôi", and a unit's (its members', its units')."""

from itertools import groupby

from django.shortcuts import render

from nominations.selectors.awards import person_history, unit_history
from portal.models import OrgUnit
from portal.permissions import login_view, policy_view


def _by_year(rows):
    return [(year, list(items)) for year, items in groupby(rows, key=lambda r: r.school_year)]


@login_view
def history_mine(request):
    rows = person_history(request.user)
    return render(
        request, "nominations/history.html", {"years": _by_year(rows), "mine": True, "unit": None}
    )


@policy_view("history.unit", model=OrgUnit)
def history_unit(request, obj):
    rows = unit_history(obj)
    return render(
        request, "nominations/history.html", {"years": _by_year(rows), "mine": False, "unit": obj}
    )
