"""campaigns/ emulation clusters, the head's proposal in nominations/ and the cluster's
documents in reports/.

The demo's "Cụm thi đua các trường mầm non" of Gò Vấp: Sen Hồng is the head. Gò Vấp's
staff manage it (units, head and deputy) and see everything; Sen Hồng's chair sees it,
confirms the pact, scores, and as the head sees the consolidation and the proposal, but
may not assign units (403). Nobody else of Sen Hồng chairs a member unit: the cluster is
hidden from them (404), as from Quận 1's officer. The administrator sees everything but
chairs no member unit, so cannot score (403).
"""

from campaigns.models import Cluster
from tests.walk.tables import Expect, statuses


def _cluster(d):
    return {"pk": Cluster.objects.get(head=d.senhong).pk}


def _federation(d):
    return {"pk": d.live_federation_plan.pk}


SEEN = statuses(404, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=200)
STAFF = statuses(404, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=403)

EXPECTATIONS = {
    "campaigns:cluster_list": Expect(
        status=statuses(
            403, anonymous=302, admin=200, ldld_govap=200, chutich_senhong=200, outsider=200
        ),
    ),
    "campaigns:cluster_create": [
        Expect(
            kwargs=_federation,
            status=statuses(403, anonymous=302, admin=200, ldld_govap=200, outsider=404),
        ),
        Expect(
            # No name, no criteria: refused with the reasons, nothing written.
            method="POST",
            kwargs=_federation,
            data={"name": "", "criteria": "", "scoring_ends_at": ""},
            status=statuses(403, anonymous=302, admin=400, ldld_govap=400, outsider=404),
        ),
    ],
    "campaigns:cluster_detail": Expect(kwargs=_cluster, status=SEEN),
    "campaigns:cluster_members": [
        Expect(kwargs=_cluster, status=STAFF),
        Expect(
            # Dropping every unit: those that confirmed the pact cannot leave.
            method="POST",
            kwargs=_cluster,
            data={},
            status=statuses(404, anonymous=302, admin=400, ldld_govap=400, chutich_senhong=403),
        ),
    ],
    "campaigns:cluster_leaders": Expect(kwargs=_cluster, status=STAFF),
    "campaigns:cluster_pact": [
        Expect(kwargs=_cluster, status=SEEN),
        Expect(
            # Sen Hồng confirmed already; the staff are no member unit.
            method="POST",
            kwargs=_cluster,
            data={"action": "confirm"},
            status=statuses(404, anonymous=302, admin=403, ldld_govap=403, chutich_senhong=400),
        ),
    ],
    "campaigns:cluster_score": [
        Expect(
            kwargs=_cluster,
            status=statuses(404, anonymous=302, admin=403, ldld_govap=403, chutich_senhong=200),
        ),
        Expect(
            # Nothing scored: refused, naming every missing point.
            method="POST",
            kwargs=_cluster,
            data={},
            status=statuses(404, anonymous=302, admin=403, ldld_govap=403, chutich_senhong=400),
        ),
    ],
    "campaigns:cluster_consolidation": Expect(kwargs=_cluster, status=SEEN),
    "nominations:cluster_proposal": [
        Expect(kwargs=_cluster, status=SEEN),
        Expect(
            # Before the scoring deadline: refused (the head), not the head's (403).
            method="POST",
            kwargs=_cluster,
            data={},
            status=statuses(404, anonymous=302, admin=403, ldld_govap=403, chutich_senhong=400),
        ),
    ],
    "reports:cluster_pact_pdf": Expect(kwargs=_cluster, status=SEEN),
    "reports:cluster_sheet_pdf": Expect(kwargs=_cluster, status=SEEN),
    "reports:cluster_minutes_pdf": Expect(kwargs=_cluster, status=SEEN),
}
