"""Periodic-report reminders, sent by the same ``send_deadline_reminders`` command as the
self-report ones (campaigns.mail.registrations): before each due date the chair of
every expected child unit that has not sent its report is reminded at 72 h, 24 h and 2 h;
after it the issuer's federation staff get, once, the list of units still missing."""

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.deadlines import format_deadline
from campaigns.mail.registrations import (
    LOOKBACK,
    TIERS,
    Reminder,
    absolute_url,
    chairs_of,
    current_tier,
    reminder_source,
    unit_people,
)
from campaigns.models import Milestone, Plan, ReminderLog
from campaigns.services.cascade import expects_cascade
from portal.models import OrgUnit, Role
from reports.models import PeriodicReport

Kind = ReminderLog.Kind


def _due_milestones(now: datetime):
    return Milestone.objects.filter(
        kind=Milestone.Kind.PERIODIC_REPORT,
        plan__status=Plan.Status.PUBLISHED,
        plan__is_historical=False,
        ends_at__gt=now - LOOKBACK,
        starts_at__lte=now,
    ).select_related("plan__issuer")


def _tier(label: str, milestone: Milestone) -> str:
    """Tiers name the due date, so 20/5 and 20/10 are reminded apart ("24h@0520")."""
    return f"{label}@{milestone.ends_at:%m%d}"


@reminder_source
def periodic_report_reminders(now: datetime) -> list[Reminder]:
    """Every periodic-report reminder due at `now` (sent once each by the caller)."""
    milestones = list(_due_milestones(now))
    if not milestones:
        return []
    issuers = {m.plan.issuer_id for m in milestones}
    units = [
        u
        for u in OrgUnit.objects.filter(parent_id__in=issuers).select_related("parent")
        if expects_cascade(u.parent, u)
    ]
    sent = set(
        PeriodicReport.objects.filter(
            milestone__in=milestones, status=PeriodicReport.Status.SENT
        ).values_list("milestone_id", "unit_id")
    )
    chairs = chairs_of([u.pk for u in units])
    staff = unit_people(issuers, (Role.FEDERATION_STAFF,))
    out = []
    for milestone in milestones:
        owing = [
            u
            for u in units
            if u.parent_id == milestone.plan.issuer_id and (milestone.pk, u.pk) not in sent
        ]
        if now < milestone.ends_at:
            out += _before(milestone, owing, chairs, now)
        elif owing:
            out += _after(milestone, owing, staff.get(milestone.plan.issuer_id, []))
    return out


def _before(milestone, owing, chairs, now) -> list[Reminder]:
    tier = current_tier(milestone.ends_at, now, TIERS)
    if tier is None:
        return []
    plan = milestone.plan
    deadline = format_deadline(milestone.ends_at)
    out = []
    for unit in owing:
        link = absolute_url(reverse("reports:periodic_edit", args=[milestone.pk, unit.pk]))
        for chair in chairs.get(unit.pk, []):
            subject = _("Nhắc gửi báo cáo định kỳ trước %(deadline)s") % {"deadline": deadline}
            body = _(
                "Kính gửi %(name)s,\n\n%(unit)s chưa gửi báo cáo định kỳ “%(label)s” về "
                "%(issuer)s theo Kế hoạch %(symbol)s. Hạn chót: %(deadline)s.\n\n"
                "Viết và gửi báo cáo tại: %(link)s"
            ) % {
                "name": chair.full_name,
                "unit": unit.name,
                "label": milestone.label or milestone.get_kind_display(),
                "issuer": plan.issuer.name,
                "symbol": plan.symbol,
                "deadline": deadline,
                "link": link,
            }
            out.append(
                Reminder(
                    plan,
                    chair,
                    unit.pk,
                    Kind.PERIODIC_REPORT,
                    _tier(tier, milestone),
                    subject,
                    body,
                )
            )
    return out


def _after(milestone, owing, staff) -> list[Reminder]:
    plan = milestone.plan
    deadline = format_deadline(milestone.ends_at)
    names = "\n".join(f"- {u.name}" for u in sorted(owing, key=lambda u: u.name))
    link = absolute_url(reverse("reports:periodic_list", args=[plan.pk]))
    out = []
    for person in staff:
        subject = _("%(count)s đơn vị chưa gửi báo cáo định kỳ hạn %(deadline)s") % {
            "count": len(owing),
            "deadline": deadline,
        }
        body = _(
            "Kính gửi %(name)s,\n\nĐã quá hạn %(deadline)s, các đơn vị sau chưa gửi báo cáo "
            "định kỳ theo Kế hoạch %(symbol)s:\n%(names)s\n\nXem chi tiết: %(link)s"
        ) % {
            "name": person.full_name,
            "deadline": deadline,
            "symbol": plan.symbol,
            "names": names,
            "link": link,
        }
        out.append(
            Reminder(
                plan,
                person,
                plan.issuer_id,
                Kind.PERIODIC_MISSING,
                _tier("after", milestone),
                subject,
                body,
            )
        )
    return out
