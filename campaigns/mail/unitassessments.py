"""Deadline reminders for units' self-assessments (W12): the leads of a rated unit that
has not submitted (its chair, vice-chair or tổ trưởng: UNIT_LEAD_ROLES, those who may
fill it) are reminded 72 h, 24 h and 2 h before its deadline (an extension moves it, and
the tiers start again from it), as members are for their self-reports. Sent by the same
command (`manage.py send_deadline_reminders`), through the same claim-once log
(ReminderLog), so a second run sends nothing again."""

from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from campaigns.deadlines import format_deadline
from campaigns.mail.registrations import (
    Kind,
    Reminder,
    _greeting,
    absolute_url,
    current_tier,
    reminder_source,
    unit_people,
)
from campaigns.models import Plan, RatingScheme, UnitAssessment
from campaigns.permissions.unitassessments import UNIT_LEAD_ROLES
from campaigns.selectors.unitassessments import personal_deadlines, scheme_window


def _open_schemes(now: datetime):
    """Schemes taking self-assessments now, for everyone or through an extension."""
    return (
        RatingScheme.objects.filter(
            plan__status=Plan.Status.PUBLISHED,
            plan__is_historical=False,
            starts_at__lte=now,
            published_at__isnull=True,
        )
        .filter(Q(ends_at__gt=now) | Q(assessments__extensions__new_deadline__gt=now))
        .select_related("plan__issuer")
        .distinct()
    )


@reminder_source
def unit_assessment_reminders(now: datetime) -> list[Reminder]:
    out = []
    for scheme in _open_schemes(now):
        pending = list(
            scheme.assessments.filter(status=UnitAssessment.Status.DRAFT).select_related("unit")
        )
        personal = personal_deadlines(scheme)
        leads = unit_people([a.unit_id for a in pending], UNIT_LEAD_ROLES)
        for assessment in pending:
            window = scheme_window(scheme).extended_to(personal.get(assessment.pk))
            tier = current_tier(window.ends_at, now) if window.is_open(now) else None
            if tier is None:
                continue
            if window.ends_at != scheme.ends_at:
                tier = f"ext-{tier}"
            for user in leads.get(assessment.unit_id, []):
                out.append(_reminder(scheme, assessment, user, window.ends_at, tier))
    return out


def _reminder(scheme, assessment, user, deadline, tier) -> Reminder:
    plan = scheme.plan
    deadline_text = format_deadline(deadline)
    subject = _("Nhắc nộp bản tự chấm xếp loại đơn vị trước %(deadline)s") % {
        "deadline": deadline_text
    }
    body = _(
        "%(greeting)s\n\n"
        "%(unit)s chưa nộp bản tự chấm xếp loại cho kế hoạch “%(plan)s” của %(issuer)s.\n"
        "Hạn chót: %(deadline)s%(personal)s. Bản tự chấm nộp từ thời điểm đó trở đi sẽ "
        "không được nhận.\n\n"
        "Tự chấm tại: %(url)s\n"
    ) % {
        "greeting": _greeting(user),
        "unit": assessment.unit.name,
        "plan": plan.title,
        "issuer": plan.issuer.name,
        "deadline": deadline_text,
        "personal": _(" (hạn đã được gia hạn cho đơn vị)") if tier.startswith("ext-") else "",
        "url": absolute_url(assessment.get_absolute_url()),
    }
    return Reminder(plan, user, assessment.unit_id, Kind.UNIT_ASSESSMENT, tier, subject, body)
