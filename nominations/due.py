"""What nominations/ adds to "what is due for me": ballots to cast, reports to score,
opinions to give, objections to answer."""

from collections import Counter

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Milestone, Plan, SelfReport, Title
from nominations.models import Dossier, Nomination, NominationList, Objection, Review
from nominations.permissions import bodies_of, consulted_unit_ids, leads
from nominations.selectors.votes import open_rounds_for_voter
from portal.due import DueItem, provider
from portal.models import BCH_ROLES, UNION_MEMBER_ROLES, OrgUnit, Role
from portal.permissions import unit_ids_with
from portal.vietnamese import format_deadline


def _milestone_end(plan_id, kind):
    return (
        Milestone.objects.filter(plan_id=plan_id, kind=kind)
        .order_by("-ends_at")
        .values_list("ends_at", flat=True)
        .first()
    )


@provider
def ballots_due(user, now):
    """Open rounds where the user is an elector and has not voted."""
    return [
        DueItem(
            title=_("Bỏ phiếu: %(name)s") % {"name": round.name},
            url=reverse("nominations:ballot", args=[round.pk]),
            due_at=round.closes_at,
            unit_name=round.unit.name,
            status=_("Đóng lúc %(at)s") % {"at": format_deadline(round.closes_at)},
            action=_("Bỏ phiếu"),
        )
        for round in open_rounds_for_voter(user, now)
    ]


@provider
def reports_to_score(user, now):
    """Per plan of a unit where the user sits on the BCH: submitted reports (not their
    own) they have not scored, while the review is not finalised."""
    units = unit_ids_with(user, (*BCH_ROLES, Role.FEDERATION_STAFF))
    if not units:
        return []
    final = Review.objects.filter(finalised_at__isnull=False).values("plan_id")
    reports = (
        SelfReport.objects.filter(
            unit_id__in=units,
            status=SelfReport.Status.SUBMITTED,
            plan__status=Plan.Status.PUBLISHED,
        )
        .exclude(member=user)
        .exclude(plan_id__in=final)
        .exclude(scores__reviewer=user)
        .values("plan_id", "plan__title", "unit__name")
        .annotate(n=Count("id", distinct=True))
    )
    items = []
    for row in reports:
        due_at = _milestone_end(row["plan_id"], Milestone.Kind.REVIEW_MEETING)
        items.append(
            DueItem(
                title=_("Chấm %(n)s báo cáo: %(plan)s")
                % {"n": row["n"], "plan": row["plan__title"]},
                url=reverse("nominations:review_board", args=[row["plan_id"]]),
                due_at=due_at,
                unit_name=row["unit__name"],
                status=_("Chưa chấm"),
                action=_("Chấm báo cáo"),
            )
        )
    return items


@provider
def opinions_due(user, now):
    """Nominees of the units the user is consulted on, still without their body's opinion."""
    unit_ids = consulted_unit_ids(user)
    items = []
    for unit in OrgUnit.objects.filter(pk__in=unit_ids):
        bodies = bodies_of(user, unit)
        waiting = Counter()
        titles = {}
        for nomination in (
            Nomination.objects.filter(
                plan__issuer=unit,
                status__in=(Nomination.Status.PROPOSED, Nomination.Status.IN_VOTE),
            )
            .prefetch_related("opinions")
            .select_related("plan")
        ):
            given = {o.body for o in nomination.opinions.all()}
            if any(b not in given for b in bodies):
                waiting[nomination.plan_id] += 1
                titles[nomination.plan_id] = nomination.plan.title
        for plan_id, n in waiting.items():
            items.append(
                DueItem(
                    title=_("Cho ý kiến về %(n)s người được đề nghị: %(plan)s")
                    % {"n": n, "plan": titles[plan_id]},
                    url=reverse("nominations:opinions_page", args=[plan_id]),
                    due_at=_milestone_end(plan_id, Milestone.Kind.CONSULTATION),
                    unit_name=unit.name,
                    status=_("Chưa có ý kiến"),
                    action=_("Cho ý kiến"),
                )
            )
    return items


@provider
def published_lists(user, now):
    """Lists of the user's unions published (công khai) and still taking objections: every
    member should read them before the window closes."""
    units = unit_ids_with(user, UNION_MEMBER_ROLES)
    if not units:
        return []
    lists = NominationList.objects.filter(
        plan__issuer_id__in=units,
        status=NominationList.Status.PUBLISHED,
        feedback_ends_at__gt=now,
    ).select_related("plan__issuer")
    return [
        DueItem(
            title=_("Danh sách đề nghị khen thưởng đã công khai: %(plan)s")
            % {"plan": nomination_list.plan.title},
            url=reverse("nominations:list_page", args=[nomination_list.plan_id]),
            due_at=nomination_list.feedback_ends_at,
            unit_name=nomination_list.plan.issuer.name,
            status=_("Nhận góp ý đến %(at)s")
            % {"at": format_deadline(nomination_list.feedback_ends_at)},
            action=_("Xem danh sách, góp ý"),
        )
        for nomination_list in lists
    ]


@provider
def objections_due(user, now):
    """Objections to the lists of the units the user leads, not answered yet."""
    rows = (
        Objection.objects.filter(answered_at__isnull=True)
        .filter(
            Q(
                list__plan__issuer_id__in=unit_ids_with(
                    user, (Role.CHAIR, Role.VICE_CHAIR, Role.FEDERATION_STAFF)
                )
            )
        )
        .values("list__plan_id", "list__plan__title", "list__plan__issuer_id")
        .annotate(n=Count("id"))
    )
    units = {
        u.pk: u for u in OrgUnit.objects.filter(pk__in=[r["list__plan__issuer_id"] for r in rows])
    }
    return [
        DueItem(
            title=_("Trả lời %(n)s góp ý về danh sách: %(plan)s")
            % {"n": row["n"], "plan": row["list__plan__title"]},
            url=reverse("nominations:list_page", args=[row["list__plan_id"]]),
            due_at=None,
            unit_name=units[row["list__plan__issuer_id"]].name,
            status=_("Chưa trả lời"),
            action=_("Trả lời góp ý"),
        )
        for row in rows
        if leads(user, units[row["list__plan__issuer_id"]])
    ]


@provider
def dossiers_due(user, now):
    """For a unit's leader: listed nominees above the unit level whose dossier has not gone
    up (or came back). For the receiving level: dossiers waiting to be received."""
    led = unit_ids_with(user, (Role.CHAIR, Role.VICE_CHAIR, Role.FEDERATION_STAFF))
    if not led:
        return []
    items = []
    to_send = (
        Nomination.objects.filter(plan__issuer_id__in=led, status=Nomination.Status.LISTED)
        .exclude(title__level=Title.Level.UNIT)
        .exclude(plan__parent__isnull=True)
        .select_related("plan__issuer", "plan__parent")
    )
    waiting = Counter()
    plans = {}
    for nomination in to_send:
        if leads(user, nomination.plan.issuer):
            waiting[nomination.plan_id] += 1
            plans[nomination.plan_id] = nomination.plan
    for plan_id, n in waiting.items():
        plan = plans[plan_id]
        items.append(
            DueItem(
                title=_("Gửi %(n)s hồ sơ đề nghị lên cấp trên: %(plan)s")
                % {"n": n, "plan": plan.title},
                url=reverse("nominations:list_page", args=[plan_id]),
                due_at=_milestone_end(plan.parent_id, Milestone.Kind.NOMINATION_DUE),
                unit_name=plan.issuer.name,
                status=_("Chưa gửi"),
                action=_("Gửi hồ sơ"),
            )
        )
    incoming = (
        Dossier.objects.filter(target_plan__issuer_id__in=led, status=Dossier.Status.FORWARDED)
        .values("target_plan_id", "target_plan__title", "target_plan__issuer__name")
        .annotate(n=Count("id"))
    )
    for row in incoming:
        items.append(
            DueItem(
                title=_("Tiếp nhận %(n)s hồ sơ gửi lên: %(plan)s")
                % {"n": row["n"], "plan": row["target_plan__title"]},
                url=reverse("nominations:incoming", args=[row["target_plan_id"]]),
                due_at=None,
                unit_name=row["target_plan__issuer__name"],
                status=_("Chờ tiếp nhận"),
                action=_("Tiếp nhận hoặc trả lại"),
            )
        )
    return items
