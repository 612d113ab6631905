"""campaigns/ unit assessment: the chair of Sen Hồng scores the live plan's collective
criteria; the administrator may too. Members and the federation see the plan but not this
page (403); Quận 1's officer does not see the plan (404)."""

from tests.walk.tables import Expect, statuses


def _live(d):
    return {"pk": d.live_cdcs_plan.pk}


EXPECTATIONS = {
    "campaigns:unit_assessment": [
        Expect(
            kwargs=_live,
            status=statuses(403, anonymous=302, admin=200, chutich_senhong=200, outsider=404),
        ),
        Expect(
            method="POST",
            kwargs=_live,
            data={},
            status=statuses(403, anonymous=302, admin=302, chutich_senhong=302, outsider=404),
        ),
    ],
}
