"""The documents of an emulation cluster: the pact (giao ước thi đua) with the members'
confirmations, the cross-scoring sheet (each scoring unit's points for every other unit)
and the minutes of the year-end meeting (the consolidation and the proposals) — plain data
for ``reports/pdf/cluster.html``. Fixed number of queries whatever the cluster's size."""

from dataclasses import dataclass
from decimal import Decimal

from campaigns.models import Cluster, CrossScore
from campaigns.selectors.clusters import consolidation, member_units
from nominations.models import ClusterProposal
from portal.models import Membership, Role
from portal.vietnamese import collation_key, format_moment
from reports.builders.documents import DocumentHeader, Signature, build_header


@dataclass(frozen=True)
class CriterionRow:
    number: int
    text: str
    max_points: Decimal


@dataclass(frozen=True)
class MemberRow:
    number: int
    unit: str
    role: str  # "Cụm trưởng", "Cụm phó", ""
    confirmed: str  # "Nguyễn Thị A, 08:00:00 ngày 20/1/2026" or ""


@dataclass(frozen=True)
class SheetLine:
    unit: str
    points: tuple  # per criterion, None when not scored
    total: Decimal | None


@dataclass(frozen=True)
class ScorerSheet:
    scorer: str
    lines: tuple[SheetLine, ...]


@dataclass(frozen=True)
class StandingRow:
    rank: int | None
    unit: str
    scorers: int
    mean: Decimal | None
    median: Decimal | None
    spread: Decimal | None
    note: str


@dataclass(frozen=True)
class ProposalRow:
    unit: str
    title: str
    rank: int | None
    mean: Decimal | None


@dataclass(frozen=True)
class ClusterDocument:
    kind: str  # "pact", "sheet", "minutes"
    header: DocumentHeader
    doc_type: str
    title: str
    cluster_name: str
    federation: str
    head: str
    deputy: str
    pact_text: str
    criteria: tuple[CriterionRow, ...]
    members: tuple[MemberRow, ...]
    sheets: tuple[ScorerSheet, ...]
    standings: tuple[StandingRow, ...]
    proposals: tuple[ProposalRow, ...]
    meeting_at: str
    meeting_place: str
    meeting_notes: str
    recipients: tuple[str, ...]
    signature: Signature

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_points for c in self.criteria), Decimal(0))


def _chair_name(unit) -> str:
    if unit is None:
        return ""
    membership = (
        Membership.objects.current()
        .filter(unit=unit, role=Role.CHAIR)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return membership.user.full_name if membership else ""


def _base(cluster: Cluster, kind: str, doc_type: str, title: str, **parts) -> ClusterDocument:
    issuer = cluster.head or cluster.federation
    roles = {cluster.head_id: "Cụm trưởng", cluster.deputy_id: "Cụm phó"}
    confirmed = {
        c.unit_id: f"{c.confirmed_by.full_name}, {format_moment(c.confirmed_at)}"
        for c in cluster.confirmations.select_related("confirmed_by")
    }
    members = tuple(
        MemberRow(n, u.name, roles.get(u.pk, ""), confirmed.get(u.pk, ""))
        for n, u in enumerate(member_units(cluster), start=1)
    )
    values = {
        "kind": kind,
        "header": build_header(
            issuer, doc_type="BB", number=None, day=None, year=cluster.year, numbered=False
        ),
        "doc_type": doc_type,
        "title": title,
        "cluster_name": cluster.name,
        "federation": cluster.federation.name,
        "head": cluster.head.name if cluster.head else "",
        "deputy": cluster.deputy.name if cluster.deputy else "",
        "pact_text": cluster.pact_text,
        "criteria": tuple(
            CriterionRow(c.order, c.text, c.max_points) for c in cluster.criteria.all()
        ),
        "members": members,
        "sheets": (),
        "standings": (),
        "proposals": (),
        "meeting_at": "",
        "meeting_place": "",
        "meeting_notes": "",
        "recipients": (f"{cluster.federation.name} (để báo cáo);", "Các đơn vị trong cụm;"),
        "signature": Signature(
            on_behalf=f"TM. {cluster.get_kind_display().upper()}" if cluster.head else "",
            title="ĐƠN VỊ CỤM TRƯỞNG" if cluster.head else "",
            name=_chair_name(cluster.head),
        ),
    }
    values.update(parts)
    return ClusterDocument(**values)


def build_pact(cluster: Cluster) -> ClusterDocument:
    """The pact's text and the members who confirmed it (by whom, when)."""
    return _base(
        cluster,
        "pact",
        "GIAO ƯỚC THI ĐUA",
        f"{cluster.name} năm {cluster.year}",
    )


def build_sheet(cluster: Cluster, scorer=None) -> ClusterDocument:
    """The cross-scoring sheet: for each scoring unit (or only `scorer`), its points for
    every other member on every criterion. A scorer that has not scored gets empty rows,
    to fill by hand."""
    units = member_units(cluster)
    criteria = list(cluster.criteria.all())
    scores = CrossScore.objects.filter(cluster=cluster)
    if scorer is not None:
        scores = scores.filter(scorer=scorer)
    given = {(s.scorer_id, s.scored_id, s.criterion_id): s.points for s in scores}
    sheets = []
    for who in units if scorer is None else [scorer]:
        lines = []
        for unit in units:
            if unit.pk == who.pk:
                continue
            points = tuple(given.get((who.pk, unit.pk, c.pk)) for c in criteria)
            total = sum(points, Decimal(0)) if all(p is not None for p in points) else None
            lines.append(SheetLine(unit.name, points, total))
        sheets.append(ScorerSheet(who.name, tuple(lines)))
    return _base(
        cluster,
        "sheet",
        "PHIẾU CHẤM CHÉO",
        f"{cluster.name} năm {cluster.year}",
        sheets=tuple(sheets),
    )


def _note(standing) -> str:
    parts = [f"điểm của {u.name} lệch xa trung vị" for u in standing.outliers]
    parts += [f"tiêu chí {c.order} chấm chênh lệch nhiều" for c in standing.disagreements]
    return "; ".join(parts)


def build_minutes(cluster: Cluster) -> ClusterDocument:
    """The minutes of the year-end meeting: time, place, the members, the consolidated
    cross-scoring (mean, median, spread, outliers), the proposals and the conclusions."""
    board = consolidation(cluster)
    standings = tuple(
        StandingRow(s.rank, s.unit.name, s.scorers, s.mean, s.median, s.spread, _note(s))
        for s in board.standings
    )
    proposals = sorted(
        (
            ProposalRow(p.nomination.collective.name, p.nomination.title.name, p.rank, p.mean_total)
            for p in ClusterProposal.objects.filter(cluster=cluster).select_related(
                "nomination__collective", "nomination__title"
            )
        ),
        key=lambda r: (r.rank or 999, collation_key(r.unit)),
    )
    return _base(
        cluster,
        "minutes",
        "BIÊN BẢN",
        f"Họp tổng kết {cluster.name} năm {cluster.year}",
        standings=standings,
        proposals=tuple(proposals),
        meeting_at=format_moment(cluster.meeting_at) if cluster.meeting_at else "",
        meeting_place=cluster.meeting_place,
        meeting_notes=cluster.meeting_notes,
    )
