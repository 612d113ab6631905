"""Models of campaigns/, one module per area; re-exported here for Django and imports."""

from campaigns.models.clusters import (
    Cluster,
    ClusterCriterion,
    ClusterMember,
    CrossScore,
    PactConfirmation,
)
from campaigns.models.meetings import (
    MeetingMaterial,
    Minutes,
    MinutesAttendee,
    SpeakerEntry,
    ThematicMeeting,
)
from campaigns.models.plans import (
    AgendaItem,
    Criterion,
    Milestone,
    Plan,
    PlanPhase,
    PlanSection,
    Target,
    Title,
)
from campaigns.models.registrations import Registration, ReminderLog
from campaigns.models.selfreports import (
    DeadlineExtension,
    EvidenceFile,
    SelfReport,
    SelfReportAnswer,
    SelfReportVersion,
)
from campaigns.models.unitassessments import (
    RatingLevel,
    RatingScheme,
    UnitAssessment,
    UnitAssessmentItem,
    UnitAssessmentVersion,
    UnitCriterionScore,
    UnitDeadlineExtension,
    UnitEvidenceFile,
)

__all__ = [
    "Cluster",
    "ClusterCriterion",
    "ClusterMember",
    "CrossScore",
    "PactConfirmation",
    "MeetingMaterial",
    "Minutes",
    "MinutesAttendee",
    "SpeakerEntry",
    "ThematicMeeting",
    "AgendaItem",
    "Criterion",
    "DeadlineExtension",
    "EvidenceFile",
    "Milestone",
    "Plan",
    "PlanPhase",
    "PlanSection",
    "Registration",
    "ReminderLog",
    "SelfReport",
    "SelfReportAnswer",
    "SelfReportVersion",
    "Target",
    "Title",
    "UnitCriterionScore",
    "RatingLevel",
    "RatingScheme",
    "UnitAssessment",
    "UnitAssessmentItem",
    "UnitAssessmentVersion",
    "UnitEvidenceFile",
    "UnitDeadlineExtension",
]
