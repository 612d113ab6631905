"""Who may download which document. Registered with the one policy in portal.permissions.

A document is read with the rule of the object it comes from: the plan's PDF and its
ceremony programme with "plan.view" (campaigns/permissions/plans.py), so whoever sees the
plan sees its documents and an invisible plan answers 404 for its documents too.

The federation's figures (dashboard, workbook, summary report) and the files generated
from them belong to the managers of a unit and of the units above it: a unit sees its own
documents, the federation its subtree's, and another branch's files do not exist for
anyone else (404). Periodic reports are written by the managers (chair, vice-chair) of the
reporting unit and read by them and by the managers above.

One module per topic; importing the package registers every rule and selector.
"""

from reports.permissions import (  # noqa: F401  (registers the rules)
    dashboard,
    documents,
    periodic,
)
