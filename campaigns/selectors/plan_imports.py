"""What the importer reads from the database: the vocabulary of the portal (unit names,
their places, title names, plan titles) and the plans and units a draft may point to."""

from campaigns.models import Plan, Title
from campaigns.plan_imports.diacritics import fold
from portal.models import OrgUnit
from portal.permissions import visible_to


def portal_phrases() -> list[str]:
    """Names the restorer should know: units, their places, titles, plan titles."""
    phrases = []
    for name, place in OrgUnit.objects.values_list("name", "place"):
        phrases += [name, place]
    phrases += list(Title.objects.values_list("name", flat=True).distinct()[:2000])
    phrases += list(Plan.objects.values_list("title", flat=True)[:2000])
    return [p for p in phrases if p]


def _key(text: str) -> str:
    return "".join(ch for ch in fold(text or "") if ch.isalnum())


def matching_parent(user, number: str | None, date: str | None) -> Plan | None:
    """The published plan (only those can be implemented) visible to `user` whose printed
    number (and date, when given) is the one the document cites ("Thực hiện Kế hoạch số
    09/LĐLĐ ngày 14/3/2023")."""
    if not number:
        return None
    plans = visible_to(user, Plan).filter(status=Plan.Status.PUBLISHED)
    if date:
        plans = plans.filter(issued_on=date)
    wanted = _key(number)
    for plan in plans.select_related("issuer")[:500]:
        if plan.symbol and _key(plan.symbol) == wanted:
            return plan
    return None


def matching_unit(units, *names: str | None) -> OrgUnit | None:
    """The unit among `units` whose name is one of `names` (case, marks and spacing aside;
    "LĐLĐ" and "Liên đoàn Lao động", "CĐCS" and "Công đoàn cơ sở" alike)."""
    expansions = {
        "liendoanlaodong": "ldld",
        "congdoancoso": "cdcs",
        "truongmamnon": "truongmn",
        "mamnon": "mn",
        "congdoangiaoduc": "cdgd",
    }

    def key(text):
        k = _key(text)
        for long, short in expansions.items():
            k = k.replace(long, short)
        return k

    wanted = {key(n) for n in names if n}
    for unit in units:
        if key(unit.name) in wanted:
            return unit
    return None
