"""The few models reports/ owns, one module per topic: periodic reports to the parent unit
(W9) and the summary report's narrative (periodic), generated files kept for reuse
(dashboard), figures rolled up per plan and unit (rollups)."""

from reports.models.dashboard import Artifact, _artifact_upload_to
from reports.models.periodic import PeriodicReport, SummaryNarrative
from reports.models.rollups import UnitFigures

__all__ = ["Artifact", "PeriodicReport", "SummaryNarrative", "UnitFigures", "_artifact_upload_to"]
