"""Signals the portal app sends for other apps to act on, so that `portal` does not
import them (it sits below `campaigns`, `nominations` and `reports`)."""

from django.dispatch import Signal

# Sent inside the import's transaction after past awards were stored from a members'
# sheet; ``awards`` is the list of new ``PastAward`` rows (with their ids). The award
# history (nominations) copies them into its one table.
past_awards_imported = Signal()

# Sent inside a service's transaction when facts that reports/ rolls up per plan and
# unit have changed (reports.models.UnitFigures): members, self-reports, scores,
# nominations, reviews, ratings. Arguments, all optional:
# - ``plan_ids``: recount the figures of these plans;
# - ``unit_ids``: recount the figures of every plan these units issued;
# - ``plan_id`` with ``deltas`` ({"submitted": 1, "late": -1}): add to one plan's figures
#   in one statement (the cheap path of the self-report submit).
figures_changed = Signal()
