"""Models of nominations/, one module per area; re-exported here for Django and imports."""

from nominations.models.awards import AwardRecord, HistoryCondition
from nominations.models.clusters import ClusterProposal
from nominations.models.decisions import (
    AwardAuthority,
    BaseSalary,
    Decision,
    DecisionEntry,
    RewardRate,
)
from nominations.models.funds import Fund, FundMovement
from nominations.models.lists import (
    Dossier,
    DossierAttachment,
    DossierEvent,
    ListEntry,
    NominationList,
    Objection,
)
from nominations.models.nominations import Nomination, Opinion
from nominations.models.reviews import CollectiveCondition, Exclusion, Review, Score
from nominations.models.votes import (
    Ballot,
    CountingMember,
    Elector,
    OpenVote,
    Participation,
    VoteResult,
    VoteRound,
)

__all__ = [
    "ClusterProposal",
    "AwardAuthority",
    "AwardRecord",
    "BaseSalary",
    "Decision",
    "DecisionEntry",
    "Fund",
    "FundMovement",
    "HistoryCondition",
    "RewardRate",
    "Dossier",
    "DossierAttachment",
    "DossierEvent",
    "ListEntry",
    "NominationList",
    "Objection",
    "CollectiveCondition",
    "Exclusion",
    "Review",
    "Score",
    "Ballot",
    "CountingMember",
    "Elector",
    "Nomination",
    "OpenVote",
    "Opinion",
    "Participation",
    "VoteResult",
    "VoteRound",
]
