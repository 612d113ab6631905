"""Award decisions, history and funds (W11). The demo's decision is Sen Hồng's of
10/7/2024; its BCH, LĐLĐ Gò Vấp and the administrator read it, the chair corrects it."""

from nominations.models import Decision
from tests.walk.tables import Expect, statuses


def _decision(d):
    return {"pk": Decision.objects.get(issuer=d.senhong).pk}


READ = statuses(404, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=200, bch_senhong=200)
UNIT_READ = statuses(
    403,
    anonymous=302,
    outsider=404,
    admin=200,
    ldld_govap=200,
    chutich_senhong=200,
    bch_senhong=200,
)
CHAIR_POST = statuses(403, anonymous=302, outsider=404, chutich_senhong=302)

EXPECTATIONS = {
    "nominations:decision_new": Expect(
        kwargs=lambda d: {"pk": d.live_cdcs_plan.pk},
        status=statuses(403, anonymous=302, outsider=404, chutich_senhong=200),
    ),
    "nominations:decision_from_dossiers": Expect(
        kwargs=lambda d: {"pk": d.live_federation_plan.pk},
        status=statuses(403, anonymous=302, outsider=404, ldld_govap=200),
    ),
    "nominations:decision_detail": Expect(kwargs=_decision, status=READ),
    "nominations:decision_correct": Expect(
        method="POST",
        kwargs=_decision,
        status=statuses(
            404, anonymous=302, admin=403, ldld_govap=403, bch_senhong=403, chutich_senhong=302
        ),
    ),
    "reports:decision_pdf": Expect(kwargs=_decision, status=READ),
    "reports:payment_pdf": Expect(kwargs=_decision, status=READ),
    "reports:payment_xlsx": Expect(kwargs=_decision, status=READ),
    "nominations:history_mine": Expect(status=statuses(200, anonymous=302)),
    "reports:my_history_xlsx": Expect(status=statuses(200, anonymous=302)),
    "nominations:history_unit": Expect(kwargs=lambda d: {"pk": d.senhong.pk}, status=UNIT_READ),
    "reports:unit_history_xlsx": Expect(kwargs=lambda d: {"pk": d.senhong.pk}, status=UNIT_READ),
    "nominations:fund_page": Expect(
        kwargs=lambda d: {"pk": d.senhong.pk, "year": 2024}, status=UNIT_READ
    ),
    "reports:fund_pdf": Expect(
        kwargs=lambda d: {"pk": d.senhong.pk, "year": 2024}, status=UNIT_READ
    ),
    "reports:fund_xlsx": Expect(
        kwargs=lambda d: {"pk": d.senhong.pk, "year": 2024}, status=UNIT_READ
    ),
    "nominations:fund_allocate": Expect(
        method="POST", kwargs=lambda d: {"pk": d.senhong.pk, "year": 2024}, status=CHAIR_POST
    ),
}
