"""The "what is due for me" registry: each app contributes the items it knows about.

portal/ cannot import the apps above it, so they register providers here (in their
AppConfig.ready). A provider returns every item still waiting for the person, whatever
its date: an overdue item stays on the page, marked overdue, until it is done.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone


@dataclass(frozen=True)
class DueItem:
    title: str
    url: str
    due_at: datetime | None
    unit_name: str = ""
    status: str = ""  # short Vietnamese status, e.g. "Bản nháp", "Chưa nộp"
    action: str = ""  # what the person should do, e.g. "Nộp báo cáo"
    step: str = ""  # the campaign step (a key of portal.help.STEPS): what happens next
    done: bool = False

    @property
    def overdue(self) -> bool:
        return not self.done and self.due_at is not None and self.due_at <= timezone.now()


_providers: list[Callable] = []


def provider(fn):
    """Register `fn(user, now) -> list[DueItem]`."""
    _providers.append(fn)
    return fn


def due_items_for(user, now=None) -> list[DueItem]:
    """Every item waiting for `user`: open ones by deadline, overdue ones first."""
    now = now or timezone.now()
    items = [item for fn in _providers for item in fn(user, now)]
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(items, key=lambda i: (i.done, i.due_at or far))
