"""Reads for emulation clusters: the rotation proposed from past years, who confirmed and
scored, and the head's consolidation of the cross-scoring (campaigns.consolidation)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from campaigns.consolidation import ReportResult, ScoreRow, consolidate, outliers
from campaigns.models import Cluster, ClusterCriterion, ClusterMember, CrossScore
from portal.models import OrgUnit
from portal.vietnamese import collation_key

MEMBER_KINDS = (OrgUnit.Kind.GRASSROOTS_UNION,)


def candidate_units(cluster: Cluster) -> list[OrgUnit]:
    """The units the staff may put in `cluster`: the open CĐCS right below its
    federation, sorted the Vietnamese way (those already in another cluster of the same
    kind and year too: the page marks them and the service names them). The members
    page accepts no other id."""
    units = OrgUnit.objects.filter(
        parent_id=cluster.federation_id, kind__in=MEMBER_KINDS, closed_on__isnull=True
    )
    return sorted(units, key=lambda u: collation_key(u.name))


def member_units(cluster: Cluster) -> list:
    """The cluster's units, sorted the Vietnamese way."""
    units = [m.unit for m in cluster.members.select_related("unit")]
    return sorted(units, key=lambda u: collation_key(u.name))


@dataclass(frozen=True)
class RotationRow:
    unit: object
    last_head: int | None  # the last year the unit was head of a cluster of this kind
    last_deputy: int | None


def proposed_rotation(cluster: Cluster) -> list[RotationRow]:
    """The members in the order they should lead: those that have not been head for the
    longest (never first), then those not deputy for the longest, then by name. The
    first is the proposed head, the second the deputy; staff may choose otherwise."""
    units = member_units(cluster)
    past = Cluster.objects.filter(
        federation_id=cluster.federation_id, kind=cluster.kind, year__lt=cluster.year
    ).values_list("year", "head_id", "deputy_id")
    last_head, last_deputy = {}, {}
    for year, head_id, deputy_id in past:
        if head_id is not None:
            last_head[head_id] = max(year, last_head.get(head_id, 0))
        if deputy_id is not None:
            last_deputy[deputy_id] = max(year, last_deputy.get(deputy_id, 0))
    rows = [RotationRow(u, last_head.get(u.pk), last_deputy.get(u.pk)) for u in units]
    return sorted(
        rows,
        key=lambda r: (r.last_head or 0, r.last_deputy or 0, collation_key(r.unit.name)),
    )


@dataclass
class Standing:
    """One unit's place in its cluster's cross-scoring."""

    unit: object
    rank: int | None = None
    scorers: int = 0
    expected: int = 0
    mean: Decimal | None = None
    median: Decimal | None = None
    spread: Decimal | None = None
    totals: dict = field(default_factory=dict)  # scorer unit -> total given
    outliers: list = field(default_factory=list)  # scorer units far from the median
    disagreements: list = field(default_factory=list)  # criteria with a wide spread
    criteria: dict = field(default_factory=dict)  # criterion id -> CriterionResult

    @property
    def flagged(self) -> bool:
        return bool(self.outliers or self.disagreements)


@dataclass
class Consolidation:
    cluster: Cluster
    criteria: list
    max_total: Decimal
    standings: list[Standing]
    scored_by: set  # unit ids that have sent their scores

    @property
    def waiting(self) -> list:
        return [s.unit for s in self.standings if s.unit.pk not in self.scored_by]


def _standings(units, criteria, scores, max_total) -> list[Standing]:
    by_id = {u.pk: u for u in units}
    rows = [
        ScoreRow(
            report_id=s.scored_id,
            reviewer_id=s.scorer_id,
            criterion_id=s.criterion_id,
            kind="points",
            met=None,
            points=s.points,
            max_points=s.criterion.max_points,
        )
        for s in scores
    ]
    results: dict[int, ReportResult] = consolidate(rows)
    text = {c.pk: c for c in criteria}
    standings = []
    for unit in units:
        result = results.get(unit.pk)
        standing = Standing(unit=unit, expected=max(len(units) - 1, 0))
        if result is not None:
            standing.scorers = result.reviewers
            standing.mean = result.mean_total
            standing.median = result.median_total
            standing.spread = result.spread_total
            standing.totals = {by_id[r]: t for r, t in result.reviewer_totals.items()}
            standing.outliers = [by_id[r] for r in outliers(result, max_total)]
            standing.disagreements = [text[c] for c in result.disagreements]
            standing.criteria = result.criteria
        standings.append(standing)
    standings.sort(key=lambda s: (-(s.mean or Decimal(-1)), collation_key(s.unit.name)))
    rank = 0
    for standing in standings:
        if standing.mean is not None:
            rank += 1
            standing.rank = rank
    return standings


def consolidation(cluster: Cluster) -> Consolidation:
    """Each member's mean, median and spread of the totals the others gave it, the
    scorers far from the median (outliers) and the criteria they disagree on, best mean
    first. Four queries whatever the size of the cluster."""
    units = member_units(cluster)
    criteria = list(cluster.criteria.all())
    scores = list(CrossScore.objects.filter(cluster=cluster).select_related("criterion"))
    max_total = sum((c.max_points for c in criteria), Decimal(0))
    return Consolidation(
        cluster=cluster,
        criteria=criteria,
        max_total=max_total,
        standings=_standings(units, criteria, scores, max_total),
        scored_by={s.scorer_id for s in scores},
    )


def standings_for(clusters) -> dict[int, list[Standing]]:
    """{cluster id: standings} for many clusters in a fixed number of queries (the
    federation's dashboard)."""
    clusters = list(clusters)
    ids = [c.pk for c in clusters]
    units = defaultdict(list)
    for member in ClusterMember.objects.filter(cluster_id__in=ids).select_related("unit"):
        units[member.cluster_id].append(member.unit)
    criteria = defaultdict(list)
    for criterion in ClusterCriterion.objects.filter(cluster_id__in=ids):
        criteria[criterion.cluster_id].append(criterion)
    scores = defaultdict(list)
    for score in CrossScore.objects.filter(cluster_id__in=ids).select_related("criterion"):
        scores[score.cluster_id].append(score)
    return {
        c.pk: _standings(
            sorted(units[c.pk], key=lambda u: collation_key(u.name)),
            criteria[c.pk],
            scores[c.pk],
            sum((x.max_points for x in criteria[c.pk]), Decimal(0)),
        )
        for c in clusters
    }


def score_sheet(cluster: Cluster, scorer) -> dict:
    """{scored unit id: {criterion id: points}} the scorer unit has sent."""
    sheet = defaultdict(dict)
    for score in CrossScore.objects.filter(cluster=cluster, scorer=scorer):
        sheet[score.scored_id][score.criterion_id] = score.points
    return dict(sheet)
