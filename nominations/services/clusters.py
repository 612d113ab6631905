"""The head of an emulation cluster proposes the cluster's best units for the collective
titles of the federation's plan (Cờ thi đua, Bằng khen). Each proposal is an ordinary
collective nomination of that plan: the same checks as the BCH's proposals (the unit, the
title's gates, the unit's rating), the same quota and step order, then the same vote,
list and dossiers up to the level that awards it."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Cluster, Target
from campaigns.selectors.clusters import consolidation
from nominations.models import ClusterProposal, Nomination
from nominations.selectors.steps import require_step
from nominations.services.nominations import check_proposable, check_quota
from nominations.steps import Action
from portal.audit import record
from portal.permissions import can
from portal.vietnamese import format_deadline, format_moment, format_number


@dataclass(frozen=True)
class Pick:
    unit: object
    title: object
    achievements: str = ""


def _achievements(cluster, standing, count) -> str:
    return _(
        "Xếp thứ %(rank)s/%(count)s trong %(cluster)s năm %(year)s, điểm chấm chéo bình quân "
        "%(mean)s (trung vị %(median)s)."
    ) % {
        "rank": standing.rank,
        "count": count,
        "cluster": cluster.name,
        "year": cluster.year,
        "mean": format_number(standing.mean),
        "median": format_number(standing.median),
    }


@transaction.atomic
def propose_from_cluster(
    *, cluster: Cluster, actor, picks: list[Pick], now: datetime | None = None
) -> list[Nomination]:
    """The head's chair proposes units of the cluster, after the scoring deadline, once.

    Refused, nothing written: not the head's chair, scoring still open, already
    proposed, a unit outside the cluster or without cross-scores, a title that is not a
    collective title of the cluster's plan, and every refusal of an ordinary proposal
    (a unit whose rating failed the title's level, the quota, the plan's step order).
    Creates one collective Nomination per pick (with its ClusterProposal) and writes
    "cluster.propose".
    """
    now = now or timezone.now()
    cluster = (
        Cluster.objects.select_for_update(of=("self",)).select_related("plan").get(pk=cluster.pk)
    )
    if not can(actor, "cluster.lead", cluster):
        raise PermissionDenied(_("Chỉ Chủ tịch đơn vị cụm trưởng gửi đề nghị của cụm."))
    plan = cluster.plan
    if now <= cluster.scoring_ends_at:
        raise ValidationError(
            _("Chưa hết hạn chấm chéo (%(at)s): chưa đề nghị được.")
            % {"at": format_deadline(cluster.scoring_ends_at)}
        )
    if cluster.proposed_at is not None:
        raise ValidationError(
            _("Cụm đã gửi đề nghị lúc %(at)s.") % {"at": format_moment(cluster.proposed_at)}
        )
    if not picks:
        raise ValidationError(_("Chọn ít nhất một đơn vị để đề nghị."))
    require_step(plan, Action.PROPOSE, now)
    standings = {s.unit.pk: s for s in consolidation(cluster).standings}
    errors = []
    for pick in picks:
        standing = standings.get(pick.unit.pk)
        if standing is None:
            errors.append(_("%(unit)s không thuộc cụm này.") % {"unit": pick.unit.name})
        elif standing.mean is None:
            errors.append(_("%(unit)s chưa có điểm chấm chéo.") % {"unit": pick.unit.name})
        if pick.title.plan_id != plan.pk or pick.title.target != Target.COLLECTIVE:
            errors.append(
                _("“%(title)s” không phải danh hiệu tập thể của %(plan)s.")
                % {"title": pick.title.name, "plan": plan}
            )
    if errors:
        raise ValidationError(errors)
    for pick in picks:
        check_proposable(plan, pick.title, actor, collective=pick.unit)
    titles = {p.title.pk: p.title for p in picks}
    for title_id, adding in Counter(p.title.pk for p in picks).items():
        title = titles[title_id]
        type(title).objects.select_for_update().filter(pk=title_id).first()
        check_quota(title, plan.issuer, adding=adding)
    created = []
    for pick in picks:
        standing = standings[pick.unit.pk]
        text = pick.achievements.strip() or _achievements(cluster, standing, len(standings))
        try:
            with transaction.atomic():
                nomination = Nomination.objects.create(
                    plan=plan,
                    title=pick.title,
                    collective=pick.unit,
                    achievements=text,
                    proposed_by=actor,
                    proposed_at=now,
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("%(name)s đã được đề nghị danh hiệu “%(title)s”.")
                % {"name": pick.unit.name, "title": pick.title.name}
            ) from exc
        ClusterProposal.objects.create(
            cluster=cluster, nomination=nomination, rank=standing.rank, mean_total=standing.mean
        )
        created.append(nomination)
    cluster.proposed_at = now
    cluster.save(update_fields=["proposed_at"])
    record(
        actor=actor,
        action="cluster.propose",
        obj=cluster,
        unit=cluster.head,
        nominations=[n.pk for n in created],
        units=[n.nominee_name for n in created],
    )
    return created
