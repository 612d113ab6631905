"""campaigns/ plans: list, detail (and, as they arrive, create, edit, cascade)."""

from tests.walk.tables import Expect, statuses

EXPECTATIONS = {
    # Everyone signed in has a plan list; it shows only what they may see.
    "campaigns:plan_list": Expect(status=statuses(200, anonymous=302)),
    # Sen Hồng's live plan: its people, the federation above and the chi bộ below see it;
    # Quận 1's officer does not even learn it exists.
    "campaigns:plan_detail": Expect(
        kwargs=lambda d: {"pk": d.live_cdcs_plan.pk},
        status=statuses(200, anonymous=302, outsider=404),
    ),
}
