"""Writes for dossiers (W7): prepare, attach, forward up; the receiving level receives or
returns with a reason. Every transition checks the dossier's current state first."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.deadlines import WindowState, window_of
from campaigns.models import Milestone, Title
from campaigns.uploads import check_upload, served_name
from nominations.models import (
    Dossier,
    DossierAttachment,
    DossierEvent,
    Nomination,
    NominationList,
)
from nominations.selectors.steps import require_running, require_step
from nominations.services.common import require
from nominations.services.lists import check_list_cleared
from nominations.steps import Action, Step
from portal.audit import record
from portal.signals import figures_changed
from portal.vietnamese import format_deadline

S = Dossier.Status


def _refuse(dossier, what):
    raise ValidationError(
        _("Không thể %(what)s hồ sơ đang ở trạng thái “%(status)s”.")
        % {"what": what, "status": dossier.get_status_display()}
    )


def _event(dossier, action, actor, now, note=""):
    DossierEvent.objects.create(
        dossier=dossier, action=action, status=dossier.status, actor=actor, at=now, note=note
    )
    record(
        actor=actor,
        action=f"dossier.{action}",
        obj=dossier,
        unit=dossier.nomination.plan.issuer,
        status=dossier.status,
        note=note,
    )


def _lock(dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update()
        .select_related("nomination__plan__issuer", "nomination__title", "target_plan__issuer")
        .get(pk=dossier.pk)
    )


@transaction.atomic
def prepare_dossier(*, nomination: Nomination, actor, now: datetime | None = None) -> Dossier:
    """Open the dossier of a listed nominee for a title above the unit level, addressed to
    the plan the nominee's plan implements.

    Side effects: creates the dossier (draft) and its first history line, audit entry.
    """
    now = now or timezone.now()
    require(actor, "list.manage", nomination.plan, _("Chỉ Chủ tịch lập hồ sơ đề nghị."))
    nomination = (
        Nomination.objects.select_for_update().select_related("plan", "title").get(pk=nomination.pk)
    )
    require_running(nomination.plan)
    if nomination.status != Nomination.Status.LISTED:
        raise ValidationError(_("Chỉ lập hồ sơ cho người có trong danh sách đề nghị."))
    if nomination.title.level == Title.Level.UNIT:
        raise ValidationError(_("Danh hiệu cấp cơ sở không gửi lên cấp trên."))
    if nomination.plan.parent_id is None:
        raise ValidationError(_("Kế hoạch này không thực hiện kế hoạch cấp trên nào."))
    if Dossier.objects.filter(nomination=nomination).exists():
        raise ValidationError(_("Hồ sơ của người này đã được lập."))
    dossier = Dossier.objects.create(
        nomination=nomination,
        target_plan=nomination.plan.parent,
        created_by=actor,
        created_at=now,
    )
    _event(dossier, "prepare", actor, now)
    return dossier


@transaction.atomic
def add_dossier_attachment(
    *, dossier: Dossier, file, kind: str, actor, title: str = "", now: datetime | None = None
) -> DossierAttachment:
    """Attach a typed document (tờ trình, báo cáo thành tích, biên bản, sáng kiến, khác).

    The file is checked by content and size (campaigns.uploads) before anything is stored.
    Side effects: stores the file under a random name, history line, audit entry.
    """
    now = now or timezone.now()
    require(actor, "dossier.manage", dossier, _("Chỉ Chủ tịch đơn vị gửi bổ sung hồ sơ."))
    require_running(dossier.nomination.plan)
    if kind not in DossierAttachment.Kind.values:
        raise ValidationError(_("Loại tài liệu không hợp lệ."))
    file_kind = check_upload(file)
    dossier = _lock(dossier)
    if dossier.status not in (S.DRAFT, S.RETURNED):
        _refuse(dossier, _("bổ sung tài liệu cho"))
    attachment = DossierAttachment(
        dossier=dossier,
        kind=kind,
        original_name=served_name(file.name, file_kind, fallback="tai-lieu"),
        title=" ".join(title.split())[:255],
        mime=file_kind.mime,
        size=file.size,
        uploaded_by=actor,
        uploaded_at=now,
    )
    attachment.file.save(attachment.original_name, file, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    _event(
        dossier,
        "attach",
        actor,
        now,
        note=f"{attachment.get_kind_display()}: {attachment.original_name}",
    )
    return attachment


@transaction.atomic
def forward_dossier(*, dossier: Dossier, actor, now: datetime | None = None) -> Dossier:
    """Send the dossier up (again, after a return).

    Guards: the dossier is a draft or was returned; the unit's list was published, its
    feedback window is over and every objection has an answer; the receiving plan's
    deadline for nominations (its "nomination_due" milestone) has not passed.
    Side effects: the dossier and the nominee become forwarded, history line, audit entry.
    """
    now = now or timezone.now()
    require(actor, "dossier.manage", dossier, _("Chỉ Chủ tịch đơn vị gửi hồ sơ lên."))
    dossier = _lock(dossier)
    if dossier.status not in (S.DRAFT, S.RETURNED):
        _refuse(dossier, _("gửi"))
    plan = dossier.nomination.plan
    require_step(plan, Action.FORWARD_DOSSIER, now)
    if Step.PUBLICATION in (plan.steps or ()):
        check_list_cleared(NominationList.objects.filter(plan=plan).first(), now)
    _check_nomination_due(dossier.target_plan, now)
    dossier.status = S.FORWARDED
    dossier.forwarded_at = now
    dossier.save(update_fields=["status", "forwarded_at"])
    Nomination.objects.filter(pk=dossier.nomination_id).update(status=Nomination.Status.FORWARDED)
    _event(dossier, "forward", actor, now)
    return dossier


def nomination_due(plan) -> Milestone | None:
    """The receiving plan's deadline for nominations sent up to it, if it set one."""
    return plan.milestones.filter(kind=Milestone.Kind.NOMINATION_DUE).order_by("-ends_at").first()


def _check_nomination_due(target_plan, now) -> None:
    milestone = nomination_due(target_plan)
    if milestone is not None and window_of(milestone).state(now) is WindowState.CLOSED:
        raise ValidationError(
            _("Đã quá hạn gửi hồ sơ đề nghị lên %(unit)s (%(at)s).")
            % {"unit": target_plan.issuer.name, "at": format_deadline(milestone.ends_at)}
        )


def _target_title(dossier) -> Title:
    source = dossier.nomination.title
    target = dossier.target_plan
    if source.inherited_from_id and source.inherited_from.plan_id == target.pk:
        return source.inherited_from
    match = target.titles.filter(name=source.name, level=source.level).first()
    if match is None:
        raise ValidationError(
            _("Kế hoạch cấp trên không có danh hiệu “%(t)s”.") % {"t": source.name}
        )
    return match


@transaction.atomic
def receive_dossier(*, dossier: Dossier, actor, now: datetime | None = None) -> Dossier:
    """The receiving level takes in a forwarded dossier: the nominee becomes a nomination
    of the receiving plan, reviewed and voted with the same machinery.

    Side effects: creates the nomination at the receiving plan, history line, audit entry.
    """
    now = now or timezone.now()
    require(actor, "dossier.decide", dossier, _("Chỉ cấp nhận hồ sơ được tiếp nhận."))
    dossier = _lock(dossier)
    if dossier.status != S.FORWARDED:
        _refuse(dossier, _("tiếp nhận"))
    source = dossier.nomination
    received = Nomination.objects.create(
        plan=dossier.target_plan,
        title=_target_title(dossier),
        nominee=source.nominee,
        collective=source.collective,
        achievements=source.achievements,
        proposed_by=actor,
        proposed_at=now,
    )
    dossier.status = S.RECEIVED
    dossier.received_as = received
    dossier.return_reason = ""
    dossier.save(update_fields=["status", "received_as", "return_reason"])
    figures_changed.send(sender=Nomination, plan_ids=[received.plan_id])
    _event(dossier, "receive", actor, now)
    return dossier


@transaction.atomic
def return_dossier(*, dossier: Dossier, actor, reason: str, now: datetime | None = None) -> Dossier:
    """The receiving level returns a dossier for supplementing, with a required reason.

    Guards: forwarded, or received while its nomination up there is still only proposed.
    Side effects: the received nomination (if any) is withdrawn, the nominee below is
    listed again, history line, audit entry.
    """
    now = now or timezone.now()
    require(actor, "dossier.decide", dossier, _("Chỉ cấp nhận hồ sơ được trả lại."))
    dossier = _lock(dossier)
    if not reason.strip():
        raise ValidationError(_("Cần ghi lý do trả lại hồ sơ."))
    if dossier.status == S.RECEIVED:
        received = dossier.received_as
        if received is not None and received.status != Nomination.Status.PROPOSED:
            raise ValidationError(
                _("Không trả lại được: đề nghị ở cấp trên đã “%(status)s”.")
                % {"status": received.get_status_display()}
            )
        if received is not None:
            Nomination.objects.filter(pk=received.pk).update(status=Nomination.Status.WITHDRAWN)
            figures_changed.send(sender=Nomination, plan_ids=[received.plan_id])
    elif dossier.status != S.FORWARDED:
        _refuse(dossier, _("trả lại"))
    dossier.status = S.RETURNED
    dossier.return_reason = reason.strip()
    dossier.received_as = None
    dossier.save(update_fields=["status", "return_reason", "received_as"])
    Nomination.objects.filter(pk=dossier.nomination_id).update(status=Nomination.Status.LISTED)
    _event(dossier, "return", actor, now, note=reason.strip())
    return dossier
