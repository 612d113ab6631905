"""The first-run guide: a person puts it away, and brings it back from the help page."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import record
from portal.models import GuideDismissal, User
from portal.selectors.guide import shown_guides


@transaction.atomic
def dismiss_first_run_guide(*, actor: User, now: datetime | None = None) -> list[str]:
    """Put away the first-run guide of every role `actor` holds now.

    Side effects: locks the person's row, stores one GuideDismissal per guide shown, writes
    an audit entry. Raises ValidationError when no guide is shown.
    """
    now = now or timezone.now()
    User.objects.select_for_update().filter(pk=actor.pk).first()
    keys = shown_guides(actor)
    if not keys:
        raise ValidationError(_("Không có hướng dẫn bắt đầu nào đang hiện."))
    GuideDismissal.objects.bulk_create(
        GuideDismissal(user=actor, guide=key, dismissed_at=now) for key in keys
    )
    record(actor=actor, action="guide.dismiss", guides=keys)
    return keys


@transaction.atomic
def restore_first_run_guide(*, actor: User) -> list[str]:
    """Show the first-run guide on `actor`'s home page again.

    Side effects: locks the person's row, removes their GuideDismissal rows, writes an
    audit entry. Raises ValidationError when the guide is not put away.
    """
    User.objects.select_for_update().filter(pk=actor.pk).first()
    dismissed = GuideDismissal.objects.filter(user=actor)
    keys = sorted(dismissed.values_list("guide", flat=True))
    if not keys:
        raise ValidationError(_("Hướng dẫn bắt đầu đang hiện trên trang chủ."))
    dismissed.delete()
    record(actor=actor, action="guide.restore", guides=keys)
    return keys
