"""Mail about nominations, sent through the tasks API (in-process by default). Services
enqueue these with ``transaction.on_commit``: nothing is mailed for a rolled-back change."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from portal.vietnamese import format_deadline


def union_members(unit):
    """The unit's current union members (chair and BCH included), one row each."""
    from portal.models import UNION_MEMBER_ROLES, User

    return User.objects.filter(
        pk__in=unit.memberships.current().filter(role__in=UNION_MEMBER_ROLES).values("user_id"),
        is_active=True,
    )


@task()
def send_list_published_mail(list_id: int) -> None:
    """Every member of the unit learns that its list was published (công khai), where to
    read it and until when objections are taken."""
    from nominations.models import NominationList

    nomination_list = NominationList.objects.select_related("plan__issuer").get(pk=list_id)
    plan = nomination_list.plan
    deadline = format_deadline(nomination_list.feedback_ends_at)
    url = reverse("nominations:list_page", args=[plan.pk])
    messages = [
        (
            _("Công khai danh sách đề nghị khen thưởng — góp ý đến %(deadline)s")
            % {"deadline": deadline},
            _(
                "Kính gửi %(name)s,\n\n%(unit)s đã công khai danh sách đề nghị khen thưởng "
                "của kế hoạch “%(plan)s”.\nXem danh sách và góp ý tại: %(url)s\n"
                "Hạn góp ý: %(deadline)s.\n"
            )
            % {
                "name": user.full_name or user.username,
                "unit": plan.issuer.name,
                "plan": plan.title,
                "url": url,
                "deadline": deadline,
            },
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        for user in union_members(plan.issuer).exclude(email="")
    ]
    send_mass_mail(messages)
