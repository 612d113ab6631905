"""Signals the portal app sends for other apps to act on, so that `portal` does not
import them (it sits below `campaigns`, `nominations` and `reports`)."""

from django.dispatch import Signal

# Sent inside the import's transaction after past awards were stored from a members'
# sheet; ``awards`` is the list of new ``PastAward`` rows (with their ids). The award
# history (nominations) copies them into its one table.
past_awards_imported = Signal()
