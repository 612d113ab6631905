"""Read-only admin for reports/: periodic reports and generated files are made by services."""

from portal.admin import register_read_only
from reports.models import Artifact, PeriodicReport, SummaryNarrative, UnitFigures

register_read_only(PeriodicReport, SummaryNarrative, Artifact, UnitFigures)
