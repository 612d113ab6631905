"""Writes on emulation clusters: create, assign units, set the head and deputy, the pact and
its confirmations, the cross-scoring and the year-end meeting. The proposal of the best
units goes through the nominations (nominations/services/clusters.py)."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import (
    Cluster,
    ClusterCriterion,
    ClusterMember,
    CrossScore,
    PactConfirmation,
    Plan,
)
from campaigns.permissions.clusters import chaired_member
from campaigns.selectors.clusters import MEMBER_KINDS
from portal.audit import record
from portal.forms.fields import parse_decimal
from portal.models import OrgUnit
from portal.permissions import can
from portal.vietnamese import format_deadline, format_moment, format_number


def _require(actor, action, obj, message):
    if not can(actor, action, obj):
        raise PermissionDenied(message)


def _lock(cluster) -> Cluster:
    return (
        Cluster.objects.select_for_update(of=("self",))
        .select_related("plan", "federation")
        .get(pk=cluster.pk)
    )


def _points(raw, maximum: Decimal, label: str) -> Decimal:
    """Points typed "8,5" or "8.5" (the portal's parse_decimal), 0 to `maximum`."""
    try:
        value = parse_decimal(raw)
    except ValueError:
        value = None
    if value is None or not value.is_finite() or value < 0 or value > maximum:
        raise ValidationError(
            _("%(what)s: điểm phải là số từ 0 đến %(max)s.")
            % {"what": label, "max": format_number(maximum)}
        )
    return value


def _clean_criteria(criteria) -> list[tuple[str, Decimal]]:
    cleaned, errors = [], []
    for n, item in enumerate(criteria, start=1):
        text = " ".join(str(item.get("text", "")).split())[:500]
        if not text:
            errors.append(_("Tiêu chí %(n)s: cần ghi nội dung.") % {"n": n})
            continue
        try:
            top = _points(item.get("max_points"), Decimal(1000), _("Tiêu chí %(n)s") % {"n": n})
        except ValidationError as exc:
            errors += exc.messages
            continue
        if top <= 0:
            errors.append(_("Tiêu chí %(n)s: điểm tối đa phải lớn hơn 0.") % {"n": n})
            continue
        cleaned.append((text, top))
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError(_("Cụm cần ít nhất một tiêu chí chấm chéo."))
    return cleaned


@transaction.atomic
def create_cluster(
    *,
    plan: Plan,
    actor,
    name: str,
    kind: str,
    scoring_ends_at: datetime,
    criteria: list[dict],
    now: datetime | None = None,
) -> Cluster:
    """A federation's staff create a cluster on the federation's plan of the year, with
    its cross-scoring criteria ({"text", "max_points"}) and the scoring deadline.
    Writes "cluster.create"."""
    now = now or timezone.now()
    _require(actor, "cluster.create", plan, _("Chỉ cán bộ LĐLĐ lập cụm, khối thi đua."))
    name = " ".join((name or "").split())[:200]
    if not name:
        raise ValidationError(_("Cần ghi tên cụm, khối thi đua."))
    if kind not in Cluster.Kind.values:
        raise ValidationError(_("Loại cụm không hợp lệ."))
    if scoring_ends_at is None or scoring_ends_at <= now:
        raise ValidationError(_("Hạn chấm chéo phải sau thời điểm hiện tại."))
    cleaned = _clean_criteria(criteria)
    if Cluster.objects.filter(
        federation=plan.issuer, year=plan.year, kind=kind, name__iexact=name
    ).exists():
        raise ValidationError(
            _("Đã có %(kind)s “%(name)s” năm %(year)s.")
            % {"kind": Cluster.Kind(kind).label.lower(), "name": name, "year": plan.year}
        )
    cluster = Cluster.objects.create(
        federation=plan.issuer,
        plan=plan,
        year=plan.year,
        kind=kind,
        name=name,
        scoring_ends_at=scoring_ends_at,
        created_by=actor,
        created_at=now,
    )
    ClusterCriterion.objects.bulk_create(
        ClusterCriterion(cluster=cluster, order=order, text=text, max_points=top)
        for order, (text, top) in enumerate(cleaned, start=1)
    )
    record(
        actor=actor,
        action="cluster.create",
        obj=cluster,
        unit=plan.issuer,
        name=name,
        year=plan.year,
        criteria=len(cleaned),
    )
    return cluster


@transaction.atomic
def assign_units(*, cluster: Cluster, actor, units, now: datetime | None = None) -> Cluster:
    """Set the cluster's member units to `units` (added and removed as needed).

    Refused, nothing written: a unit that is not a CĐCS of the federation or has closed
    (unless already a member), a unit already
    in another cluster of the same kind and year (named), removing a unit that has
    confirmed the pact or scored or been scored. A head or deputy removed is cleared.
    Writes "cluster.assign".
    """
    now = now or timezone.now()
    cluster = _lock(cluster)
    _require(actor, "cluster.manage", cluster, _("Chỉ cán bộ LĐLĐ phân đơn vị vào cụm."))
    wanted = {u.pk: u for u in units}
    current = {m.unit_id: m for m in cluster.members.select_related("unit")}
    errors = []
    for unit in wanted.values():
        if unit.kind not in MEMBER_KINDS or not unit.path.startswith(cluster.federation.path):
            errors.append(
                _("%(unit)s không phải công đoàn cơ sở thuộc %(fed)s.")
                % {"unit": unit.name, "fed": cluster.federation.name}
            )
        elif unit.closed_on is not None and unit.pk not in current:
            errors.append(_("%(unit)s đã giải thể: không phân vào cụm.") % {"unit": unit.name})
    taken = (
        ClusterMember.objects.filter(unit_id__in=wanted, year=cluster.year, kind=cluster.kind)
        .exclude(cluster=cluster)
        .select_related("cluster", "unit")
    )
    for member in taken:
        errors.append(
            _(
                "%(unit)s đã thuộc %(kind)s “%(other)s” năm %(year)s: mỗi đơn vị chỉ ở một "
                "%(kind)s mỗi năm."
            )
            % {
                "unit": member.unit.name,
                "kind": cluster.get_kind_display().lower(),
                "other": member.cluster.name,
                "year": cluster.year,
            }
        )
    removed = [m for uid, m in current.items() if uid not in wanted]
    busy = set(cluster.confirmations.values_list("unit_id", flat=True))
    busy |= set(cluster.scores.values_list("scorer_id", flat=True))
    busy |= set(cluster.scores.values_list("scored_id", flat=True))
    for member in removed:
        if member.unit_id in busy:
            errors.append(
                _("Không bỏ %(unit)s ra khỏi cụm được: đơn vị đã xác nhận giao ước hoặc có điểm.")
                % {"unit": member.unit.name}
            )
    if errors:
        raise ValidationError(errors)
    ClusterMember.objects.filter(pk__in=[m.pk for m in removed]).delete()
    added = [uid for uid in wanted if uid not in current]
    try:
        with transaction.atomic():
            ClusterMember.objects.bulk_create(
                ClusterMember(
                    cluster=cluster,
                    unit=wanted[uid],
                    year=cluster.year,
                    kind=cluster.kind,
                    added_at=now,
                )
                for uid in added
            )
    except IntegrityError as exc:  # a concurrent assignment took the unit first
        raise ValidationError(_("Có đơn vị vừa được phân vào cụm khác; tải lại trang.")) from exc
    cleared = []
    for field in ("head", "deputy"):
        if (
            getattr(cluster, f"{field}_id") is not None
            and getattr(cluster, f"{field}_id") not in wanted
        ):
            setattr(cluster, field, None)
            cleared.append(field)
    if cleared:
        cluster.save(update_fields=cleared)
    record(
        actor=actor,
        action="cluster.assign",
        obj=cluster,
        unit=cluster.federation,
        added=added,
        removed=[m.unit_id for m in removed],
    )
    return cluster


@transaction.atomic
def set_leaders(*, cluster: Cluster, actor, head: OrgUnit, deputy: OrgUnit | None) -> Cluster:
    """Staff set the head unit (cụm trưởng) and the deputy, members of the cluster, two
    different units. Writes "cluster.leaders"."""
    cluster = _lock(cluster)
    _require(actor, "cluster.manage", cluster, _("Chỉ cán bộ LĐLĐ phân công cụm trưởng."))
    members = set(cluster.members.values_list("unit_id", flat=True))
    if head is None:
        raise ValidationError(_("Cần chọn đơn vị cụm trưởng."))
    for unit in (head, deputy):
        if unit is not None and unit.pk not in members:
            raise ValidationError(_("%(unit)s không thuộc cụm này.") % {"unit": unit.name})
    if deputy is not None and deputy.pk == head.pk:
        raise ValidationError(_("Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."))
    cluster.head = head
    cluster.deputy = deputy
    cluster.save(update_fields=["head", "deputy"])
    record(
        actor=actor,
        action="cluster.leaders",
        obj=cluster,
        unit=cluster.federation,
        head=head.name,
        deputy=deputy.name if deputy else "",
    )
    return cluster


@transaction.atomic
def issue_pact(*, cluster: Cluster, actor, text: str, now: datetime | None = None) -> Cluster:
    """The staff or the head's chair issue the pact's text for the members to confirm.
    It cannot change once a member confirmed it. Writes "cluster.pact"."""
    now = now or timezone.now()
    cluster = _lock(cluster)
    _require(actor, "cluster.pact", cluster, _("Chỉ cán bộ LĐLĐ hoặc cụm trưởng soạn giao ước."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Cần ghi nội dung giao ước thi đua."))
    if cluster.confirmations.exists():
        raise ValidationError(_("Giao ước đã có đơn vị xác nhận: không sửa được nữa."))
    cluster.pact_text = text[:20000]
    cluster.pact_issued_at = now
    cluster.save(update_fields=["pact_text", "pact_issued_at"])
    record(actor=actor, action="cluster.pact", obj=cluster, unit=cluster.federation)
    return cluster


@transaction.atomic
def confirm_pact(*, cluster: Cluster, actor, now: datetime | None = None) -> PactConfirmation:
    """A member unit's chair confirms the pact for the unit, once.
    Writes "cluster.pact_confirm"."""
    now = now or timezone.now()
    cluster = _lock(cluster)
    _require(actor, "cluster.member", cluster, _("Chỉ Chủ tịch đơn vị trong cụm xác nhận."))
    unit = chaired_member(actor, cluster)
    if not cluster.pact_issued_at:
        raise ValidationError(_("Giao ước thi đua chưa được ban hành."))
    done = cluster.confirmations.filter(unit=unit).first()
    if done is not None:
        raise ValidationError(
            _("%(unit)s đã xác nhận giao ước lúc %(at)s.")
            % {"unit": unit.name, "at": format_moment(done.confirmed_at)}
        )
    confirmation = PactConfirmation.objects.create(
        cluster=cluster, unit=unit, confirmed_by=actor, confirmed_at=now
    )
    record(
        actor=actor,
        action="cluster.pact_confirm",
        obj=cluster,
        unit=unit,
        member=unit.name,
    )
    return confirmation


@transaction.atomic
def submit_cross_scores(
    *, cluster: Cluster, actor, scores: dict, now: datetime | None = None
) -> list[CrossScore]:
    """A member unit's chair scores every other member on every criterion, before the
    deadline; sending again before the deadline replaces the unit's scores.

    `scores`: {scored unit id: {criterion id: points}}. Refused, nothing written: the
    deadline passed, the unit has not confirmed the pact, the unit scores itself or a
    unit outside the cluster, a missing or out-of-range point. Writes "cluster.score".
    """
    now = now or timezone.now()
    cluster = _lock(cluster)
    _require(actor, "cluster.member", cluster, _("Chỉ Chủ tịch đơn vị trong cụm chấm chéo."))
    scorer = chaired_member(actor, cluster)
    if now > cluster.scoring_ends_at:
        raise ValidationError(
            _("Đã hết hạn chấm chéo lúc %(at)s; điểm gửi lúc %(now)s không được nhận.")
            % {"at": format_deadline(cluster.scoring_ends_at), "now": format_moment(now)}
        )
    if cluster.proposed_at is not None:
        raise ValidationError(_("Cụm trưởng đã gửi đề nghị: điểm chấm chéo đã khóa."))
    if not cluster.confirmations.filter(unit=scorer).exists():
        raise ValidationError(_("%(unit)s chưa xác nhận giao ước thi đua.") % {"unit": scorer.name})
    others = {m.unit_id: m.unit for m in cluster.members.select_related("unit")}
    others.pop(scorer.pk, None)
    criteria = list(cluster.criteria.all())
    keys = {int(k) for k in scores}
    if scorer.pk in keys:
        raise ValidationError(_("Đơn vị không tự chấm điểm cho mình."))
    strangers = keys - set(others)
    if strangers:
        raise ValidationError(_("Chỉ chấm các đơn vị trong cụm."))
    errors, rows = [], []
    for unit_id, unit in others.items():
        given = {
            int(k): v for k, v in (scores.get(unit_id) or scores.get(str(unit_id)) or {}).items()
        }
        for criterion in criteria:
            raw = given.get(criterion.pk)
            label = _("%(unit)s, tiêu chí %(n)s") % {"unit": unit.name, "n": criterion.order}
            if raw in (None, ""):
                errors.append(_("%(what)s: chưa chấm.") % {"what": label})
                continue
            try:
                rows.append((unit, criterion, _points(raw, criterion.max_points, label)))
            except ValidationError as exc:
                errors += exc.messages
    if errors:
        raise ValidationError(errors)
    CrossScore.objects.filter(cluster=cluster, scorer=scorer).delete()
    saved = CrossScore.objects.bulk_create(
        CrossScore(
            cluster=cluster,
            scorer=scorer,
            scored=unit,
            criterion=criterion,
            points=points,
            scored_by=actor,
            scored_at=now,
        )
        for unit, criterion, points in rows
    )
    record(
        actor=actor,
        action="cluster.score",
        obj=cluster,
        unit=scorer,
        totals={
            str(uid): str(sum((p for u, _c, p in rows if u.pk == uid), Decimal(0)))
            for uid in others
        },
    )
    return saved


@transaction.atomic
def record_meeting(*, cluster: Cluster, actor, at: datetime, place: str, notes: str) -> Cluster:
    """The head's chair records the year-end meeting (time, place, its course and
    conclusions) for the minutes, after the scoring deadline. Writes "cluster.meeting"."""
    cluster = _lock(cluster)
    _require(actor, "cluster.lead", cluster, _("Chỉ Chủ tịch đơn vị cụm trưởng ghi biên bản."))
    if at is None or at < cluster.scoring_ends_at:
        raise ValidationError(
            _("Cuộc họp tổng kết diễn ra sau hạn chấm chéo (%(at)s).")
            % {"at": format_deadline(cluster.scoring_ends_at)}
        )
    place = " ".join((place or "").split())[:255]
    if not place:
        raise ValidationError(_("Cần ghi địa điểm họp."))
    cluster.meeting_at = at
    cluster.meeting_place = place
    cluster.meeting_notes = (notes or "").strip()[:20000]
    cluster.save(update_fields=["meeting_at", "meeting_place", "meeting_notes"])
    record(actor=actor, action="cluster.meeting", obj=cluster, unit=cluster.head)
    return cluster
