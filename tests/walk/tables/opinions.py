"""nominations/ opinions page: the chi bộ committee (bithu_senhong) and the school board
(bgh_senhong) give their opinions on every nominee of Sen Hồng's live plan on one page.
Others see the plan but not this page (403); Quận 1's officer does not see the plan."""

from tests.walk.tables import Expect, statuses


def _live(d):
    return {"pk": d.live_cdcs_plan.pk}


CONSULTED = {"bithu_senhong": 200, "bgh_senhong": 200}

EXPECTATIONS = {
    "nominations:opinions_page": [
        Expect(kwargs=_live, status=statuses(403, anonymous=302, outsider=404, **CONSULTED)),
        Expect(
            method="POST",
            kwargs=_live,
            data={},
            status=statuses(403, anonymous=302, outsider=404, bithu_senhong=302, bgh_senhong=302),
        ),
    ],
}
