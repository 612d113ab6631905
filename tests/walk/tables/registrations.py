"""Walk expectations for registration (W2) pages, on the live CĐCS plan of Sen Hồng."""

from tests.walk.tables import Expect, statuses


def _live(d):
    return {"pk": d.live_cdcs_plan.pk}


EXPECTATIONS = {
    # Any union member of Sen Hồng registers themselves; others who see the plan: 403.
    "campaigns:registration_member": Expect(
        kwargs=_live,
        status=statuses(200, anonymous=302, admin=403, ldld_govap=403, outsider=404),
    ),
    # Only the chair (or vice chair) registers the unit for collective titles.
    "campaigns:registration_unit": Expect(
        kwargs=_live,
        status=statuses(403, anonymous=302, chutich_senhong=200, outsider=404),
    ),
    # The BCH of the unit and the federation above survey who registered for what.
    "campaigns:registration_overview": Expect(
        kwargs=_live,
        status=statuses(
            403,
            anonymous=302,
            admin=200,
            ldld_govap=200,
            chutich_senhong=200,
            bch_senhong=200,
            outsider=404,
        ),
    ),
}
