"""Reads for the first-run guide and the "Hướng dẫn sử dụng" pages (texts in portal/help.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.due import due_items_for
from portal.help import GUIDES, guide_keys
from portal.models import Membership


def user_guides(user) -> list[str]:
    """The guides (keys of portal.help.GUIDES) of every role `user` holds now."""
    roles = Membership.objects.current().filter(user=user).values_list("role", flat=True)
    return guide_keys(set(roles))


def shown_guides(user) -> list[str]:
    """The guides the home page shows `user`: those of their roles not yet put away."""
    dismissed = set(user.guide_dismissals.values_list("guide", flat=True))
    return [key for key in user_guides(user) if key not in dismissed]


def _self_report_deadline(user, items=None):
    """The nearest deadline still ahead of a self-report of `user` (None without one); a
    submitted report counts too, as it may be edited and submitted again until then.
    `items`: the user's due items when the caller has them already (the home page)."""
    now = timezone.now()
    if items is None:
        items = due_items_for(user, now)
    dates = [
        item.due_at
        for item in items
        if item.step == "selfreport" and item.due_at and item.due_at > now
    ]
    return min(dates, default=None)


def first_run(user, keys, items=None) -> list[dict]:
    """Each guide of `keys` as {key, title, slug, lines: [(text, url)]}, the member's first
    line naming the real deadline of their self-report. `items`: the user's due items
    (portal.due.due_items_for) if already computed, so the providers run once a page."""
    out = []
    for key in keys:
        guide = GUIDES[key]
        lines = [
            (str(line.text), reverse(line.url_name) if line.url_name else "")
            for line in guide.first_run
        ]
        if key == "member":
            deadline = _self_report_deadline(user, items)
            if deadline is not None:
                at = timezone.localtime(deadline)
                lines[0] = (
                    _("Nộp báo cáo tự đánh giá trước %(time)s ngày %(date)s.")
                    % {"time": at.strftime("%H:%M"), "date": date_format(at, "d/m/Y")},
                    lines[0][1],
                )
        out.append({"key": key, "title": guide.title, "slug": guide.slug, "lines": lines})
    return out
