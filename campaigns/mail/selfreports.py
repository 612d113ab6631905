"""Mail about self-reports, sent through the tasks API (in-process by default).

Services enqueue these with ``transaction.on_commit``, so nothing is mailed for a change
that was rolled back.
"""

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from campaigns.deadlines import format_deadline, format_moment


@task()
def send_receipt_mail(version_id: int) -> None:
    """The receipt of one submission: time to the second and receipt code."""
    from campaigns.models import SelfReportVersion
    from campaigns.selectors.selfreports import member_window

    version = SelfReportVersion.objects.select_related("report__plan", "report__member").get(
        pk=version_id
    )
    report = version.report
    window = member_window(report.plan, report.member)
    body = _(
        "Kính gửi %(name)s,\n\n"
        "Công đoàn đã nhận báo cáo cá nhân (lần nộp thứ %(number)d) của bạn cho kế hoạch "
        "“%(plan)s”.\n\n"
        "Thời điểm nhận: %(at)s (giờ Việt Nam)\n"
        "Mã biên nhận: %(code)s\n"
        "%(late)s"
        "Bạn có thể sửa và nộp lại đến %(deadline)s.\n\n"
        "Xem biên nhận: %(url)s\n"
    ) % {
        "name": report.member.full_name or report.member.username,
        "number": version.number,
        "plan": report.plan.title,
        "at": format_moment(version.submitted_at),
        "code": version.receipt_code,
        "late": _("Báo cáo được nhận nhưng đánh dấu nộp trễ.\n") if version.is_late else "",
        "deadline": format_deadline(window.ends_at) if window else "",
        "url": reverse("campaigns:selfreport_receipt", args=[report.pk]),
    }
    send_mail(
        _("Biên nhận báo cáo cá nhân — mã %(code)s") % {"code": version.receipt_code},
        body,
        settings.DEFAULT_FROM_EMAIL,
        [report.member.email],
    )


@task()
def send_reminder_mail(plan_id: int, user_ids: list[int], sender: str) -> None:
    """The BCH's reminder to members who have submitted nothing yet."""
    from campaigns.models import Plan
    from campaigns.selectors.selfreports import self_report_milestone
    from portal.models import User

    plan = Plan.objects.get(pk=plan_id)
    milestone = self_report_milestone(plan)
    deadline = format_deadline(milestone.ends_at) if milestone else ""
    url = reverse("campaigns:selfreport_fill", args=[plan.pk])
    messages = [
        (
            _("Nhắc nộp báo cáo cá nhân trước %(deadline)s") % {"deadline": deadline},
            _(
                "Kính gửi %(name)s,\n\nBạn chưa nộp báo cáo cá nhân cho kế hoạch “%(plan)s”. "
                "Hạn chót: %(deadline)s.\nNộp tại: %(url)s\n\n%(sender)s (Ban Chấp hành)\n"
            )
            % {
                "name": user.full_name or user.username,
                "plan": plan.title,
                "deadline": deadline,
                "url": url,
                "sender": sender,
            },
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        for user in User.objects.filter(pk__in=user_ids).exclude(email="")
    ]
    send_mass_mail(messages)
