"""The minutes of a vote round (biên bản kiểm phiếu), as frozen data for the PDF template."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from nominations.models import OpenVote, VoteRound
from nominations.selectors.votes import tally
from portal.vietnamese import format_deadline, name_sort_key
from reports.builders.documents import DOC_TYPE_NAMES, DocumentHeader, Signature
from reports.builders.nominations import (
    CHOICE_LABELS,
    _header,
    _local_date,
    _plan_citation,
    _signature,
    share_text,
)

# --- the minutes of a vote round ---------------------------------------------------------


@dataclass(frozen=True)
class VoteLine:
    number: int
    name: str
    title: str
    approve: int
    disapprove: int
    abstain: int
    base: int
    share: str
    passed: bool


@dataclass(frozen=True)
class OpenVoteLine:
    """One voter's show of hands (open rounds only): "Đồng ý: A, B; Không đồng ý: C"."""

    name: str
    choices: str
    written: bool


@dataclass(frozen=True)
class VoteMinutes:
    header: DocumentHeader
    doc_type: str  # "BIÊN BẢN KIỂM PHIẾU" / "BIÊN BẢN BIỂU QUYẾT"
    title: str
    reference: str
    round_name: str
    is_secret: bool
    mode: str
    electorate_label: str
    opened: str
    closed: str
    electorate: int
    present: int
    absent: int
    cast: int
    written: int
    quorum: str  # "Số người có mặt 6/7 (85,7%), đạt tỷ lệ tối thiểu 66,7%: …"
    quorum_met: bool
    lines: tuple[VoteLine, ...]
    open_votes: tuple[OpenVoteLine, ...]  # empty for a secret round, always
    passed: int
    chair: str
    signature: Signature
    close_reason: str = ""  # why voting ended when it did (time up, all voted, early)
    bulletin_hash: str = ""  # SHA-256 of the secret round's public bulletin
    counters: tuple[str, ...] = ()  # the counting committee (ban kiểm phiếu)


def build_vote_minutes(round_id: int) -> VoteMinutes | None:
    """The minutes of a closed vote round (None before the count): attendance, quorum and
    each nominee's result. A secret round's minutes hold counts only — no voter's name;
    an open round lists how each person voted, as a show of hands is recorded."""
    round = VoteRound.objects.select_related("plan__issuer__parent", "plan__parent__issuer").get(
        pk=round_id
    )
    if round.status != VoteRound.Status.CLOSED:
        return None
    plan = round.plan
    result = tally(round)
    rows = sorted(result.rows, key=lambda r: name_sort_key(r.nomination.nominee_name))
    lines = tuple(
        VoteLine(
            number=i,
            name=row.nomination.nominee_name,
            title=row.nomination.title.name,
            approve=row.count.approve,
            disapprove=row.count.disapprove,
            abstain=row.count.abstain,
            base=row.decision.base,
            share=share_text(row.decision.share),
            passed=row.decision.passed,
        )
        for i, row in enumerate(rows, start=1)
    )
    electorate = rows[0].count.electorate if rows else round.electors.count()
    present = round.present_count or 0
    cast = rows[0].count.cast if rows else 0
    written = round.participations.filter(written=True).count()
    quorum_text, quorum_ok = _quorum(rows, present, electorate)
    return VoteMinutes(
        header=_header(plan, "BB", _local_date(round.closes_at)),
        doc_type=f"{DOC_TYPE_NAMES['BB']} {'KIỂM PHIẾU' if round.is_secret else 'BIỂU QUYẾT'}",
        title=round.name,
        reference=f"Thực hiện {_plan_citation(plan)}.",
        round_name=round.name,
        is_secret=round.is_secret,
        mode=str(round.get_mode_display()),
        electorate_label=str(round.get_electorate_display()),
        opened=format_deadline(round.opens_at),
        closed=format_deadline(round.voting_closed_at or round.closes_at),
        electorate=electorate,
        present=present,
        absent=max(0, electorate - present),
        cast=cast,
        written=written,
        quorum=quorum_text,
        quorum_met=quorum_ok,
        lines=lines,
        open_votes=() if round.is_secret else _open_votes(round, rows),
        passed=sum(1 for line in lines if line.passed),
        chair=plan.signer_name or str(round.created_by),
        signature=_signature(plan),
        close_reason=round.close_reason,
        bulletin_hash=round.bulletin_hash,
        counters=tuple(
            str(m.user) for m in round.counters.select_related("user").order_by("user__sort_name")
        ),
    )


def _quorum(rows, present: int, electorate: int) -> tuple[str, bool]:
    if not electorate:
        return "Không có người bỏ phiếu.", False
    quorums = {row.nomination.title.vote_quorum for row in rows if row.nomination.title.vote_quorum}
    needed = max(quorums) if quorums else Decimal(0)
    share = Fraction(present, electorate)
    met = share >= Fraction(Decimal(needed)) if needed else True
    text = f"Số người có mặt {present}/{electorate} ({share_text(share)})"
    if needed:
        text += f", tỷ lệ tối thiểu {share_text(needed)}"
    verdict = "đủ điều kiện tiến hành biểu quyết" if met else "không đủ điều kiện biểu quyết"
    return f"{text}: {verdict}.", met


def _open_votes(round: VoteRound, rows) -> tuple[OpenVoteLine, ...]:
    names = {str(row.nomination.pk): row.nomination.nominee_name for row in rows}
    votes = sorted(
        OpenVote.objects.filter(round=round).select_related("voter"),
        key=lambda v: name_sort_key(str(v.voter)),
    )
    lines = []
    for vote in votes:
        by_choice = defaultdict(list)
        for nomination_id, name in names.items():
            by_choice[vote.choices.get(nomination_id, "abstain")].append(name)
        text = "; ".join(
            f"{CHOICE_LABELS[c]}: {', '.join(by_choice[c])}" for c in CHOICE_LABELS if by_choice[c]
        )
        lines.append(OpenVoteLine(str(vote.voter), text, vote.written))
    return tuple(lines)
