"""Generated files of the dashboard (artifacts): the workbook, plan and summary PDFs made in
the background and reused while the data is unchanged."""

import dataclasses
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Plan
from portal.audit import record
from portal.models import OrgUnit
from reports.builders.dashboard import CASCADE_DEPTH
from reports.models import Artifact
from reports.renderers.pdf import in_official_language

logger = logging.getLogger(__name__)


# Bump when a template or builder changes what the same data renders to.
RENDER_VERSION = "3"

# A file still unfinished this long after it was asked for has lost its worker (a crash,
# a restart): the next request asks again.
STALE_AFTER = dt.timedelta(minutes=30)

# --- generated files ---------------------------------------------------------------------


class NotAvailable(ValidationError):
    """A document the portal cannot make (yet)."""


def scope_plan(plan: Plan, unit: OrgUnit) -> Plan:
    """The plan a document of `unit` for `plan` is made from: `plan` itself for its issuer,
    the unit's own plan made from `plan` for a unit below. Raises ValidationError if the
    unit is outside the issuer's subtree or has no plan from it."""
    if unit.pk == plan.issuer_id:
        return plan
    if not unit.is_within(plan.issuer):
        raise ValidationError(
            _("%(unit)s không thuộc %(issuer)s.") % {"unit": unit.name, "issuer": plan.issuer.name}
        )
    q = Q()
    for depth in range(1, CASCADE_DEPTH + 1):
        q |= Q(**{"__".join(["parent"] * depth): plan})
    own = Plan.objects.filter(q, issuer=unit).select_related("issuer__parent").first()
    if own is None:
        raise ValidationError(
            _("%(unit)s chưa có kế hoạch thực hiện kế hoạch này.") % {"unit": unit.name}
        )
    return own


def data_key(plan: Plan, kind: str, *, now: dt.datetime | None = None) -> str:
    """A hash of exactly what the document of `kind` for `plan` prints: the builder's
    output (plain frozen dataclasses), so any edit it shows - a section's text, a criterion,
    a title, a person's name, a deadline passing - gives a new key and a new file, and
    nothing it does not show does. Costs one build (the builders read in a fixed number of
    queries); the render itself, the slow part, stays in the background task. The output
    is hashed as it is read: a workbook's rows stream from the database into the hash and
    are never held together (issue 18: exports in flat memory)."""
    moment = now or timezone.now()
    digest = hashlib.sha256()
    facts = {"version": RENDER_VERSION, "kind": kind, "data": BUILDERS[kind](plan, moment)}
    for chunk in _canonical(facts):
        digest.update(chunk.encode())
    return digest.hexdigest()


def _canonical(value) -> Iterator[str]:
    """`value` (a builder's output) as canonical JSON, in pieces: dataclasses as objects of
    their fields, sequences and generators as arrays, dicts with sorted string keys.
    Refuses what it cannot see into (a model instance would hash as its id and hide edits
    of its fields)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        yield "{"
        for n, key in enumerate(sorted(value, key=str)):
            yield ("," if n else "") + json.dumps(str(key), ensure_ascii=False) + ":"
            yield from _canonical(value[key])
        yield "}"
    elif isinstance(value, list | tuple | Iterator):  # a sheet's rows may come as a generator
        yield "["
        for n, item in enumerate(value):
            if n:
                yield ","
            yield from _canonical(item)
        yield "]"
    elif value is None or isinstance(value, str | int | float | bool):
        yield json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dt.date | dt.time | Decimal | dt.timedelta):
        yield json.dumps(str(value))
    else:
        raise TypeError(f"data_key cannot hash {type(value).__name__}: give the builder plain data")


def _build_plan(plan: Plan, now: dt.datetime):
    from reports.builders.plan import build_plan_document

    return build_plan_document(plan.pk)


def _build_ceremony(plan: Plan, now: dt.datetime):
    from reports.builders.plan import build_ceremony_programme

    return build_ceremony_programme(plan.pk)


def _build_summary(plan: Plan, now: dt.datetime):
    if plan.issuer.is_party:  # a chi bộ reports its meetings, not đoàn viên figures
        from reports.builders.meetings import build_party_summary

        return build_party_summary(plan, now)
    from reports.builders.summary import build_summary

    return build_summary(plan, now=now)


def _build_workbook(plan: Plan, now: dt.datetime):
    from reports.builders.workbook import build_workbook_sheets

    return build_workbook_sheets(plan, now=now)


# kind -> function (plan, now) -> the data its document prints (what data_key hashes).
BUILDERS: dict[str, Callable[[Plan, dt.datetime], object]] = {
    Artifact.Kind.PLAN: _build_plan,
    Artifact.Kind.CEREMONY: _build_ceremony,
    Artifact.Kind.SUMMARY: _build_summary,
    Artifact.Kind.WORKBOOK: _build_workbook,
}


def _render_plan(plan: Plan, unit: OrgUnit) -> tuple[bytes, str]:
    from reports.builders.plan import build_plan_document
    from reports.renderers.pdf import render_pdf

    return render_pdf("reports/pdf/plan.html", {"doc": build_plan_document(plan.pk)}), "pdf"


def _render_ceremony(plan: Plan, unit: OrgUnit) -> tuple[bytes, str]:
    from reports.builders.plan import build_ceremony_programme
    from reports.renderers.pdf import render_pdf

    doc = build_ceremony_programme(plan.pk)
    if doc is None:
        raise NotAvailable(_("Kế hoạch không có hội nghị tuyên dương."))
    return render_pdf("reports/pdf/ceremony.html", {"doc": doc}), "pdf"


def _render_summary(plan: Plan, unit: OrgUnit) -> tuple[bytes, str]:
    from reports.builders.summary import build_summary
    from reports.renderers.pdf import render_pdf

    if plan.issuer.is_party:  # a chi bộ reports its meetings, not đoàn viên figures
        from reports.builders.meetings import build_party_summary

        doc = build_party_summary(plan, timezone.now())
        return render_pdf("reports/pdf/party_summary.html", {"doc": doc}), "pdf"
    return render_pdf("reports/pdf/summary.html", {"doc": build_summary(plan)}), "pdf"


def _render_workbook(plan: Plan, unit: OrgUnit) -> tuple[bytes, str]:
    from reports.builders.workbook import build_workbook_sheets
    from reports.renderers.xlsx import write_workbook

    return write_workbook(build_workbook_sheets(plan)), "xlsx"


# kind -> function (plan, unit) -> (bytes, extension). Looked up at call time.
RENDERERS: dict[str, Callable[[Plan, OrgUnit], tuple[bytes, str]]] = {
    Artifact.Kind.PLAN: _render_plan,
    Artifact.Kind.CEREMONY: _render_ceremony,
    Artifact.Kind.SUMMARY: _render_summary,
    Artifact.Kind.WORKBOOK: _render_workbook,
}

# Documents of issue 5 that other parts of the portal have not built yet.
NOT_YET = ("nominations", "minutes", "dossier", "certificates")

STEMS = {
    Artifact.Kind.PLAN: "ke-hoach",
    Artifact.Kind.CEREMONY: "chuong-trinh-hoi-nghi",
    Artifact.Kind.SUMMARY: "bao-cao-so-ket",
    Artifact.Kind.WORKBOOK: "tong-hop",
}


def check_kind(kind: str) -> None:
    if kind in NOT_YET:
        raise NotAvailable(
            _("Tài liệu “%(kind)s” chưa có trong cổng thi đua (chưa làm).") % {"kind": kind}
        )
    if kind not in RENDERERS:
        raise ValidationError(_("Không có loại tài liệu “%(kind)s”.") % {"kind": kind})


def request_artifact(
    *, plan: Plan, unit: OrgUnit, kind: str, actor, now: dt.datetime | None = None
) -> Artifact:
    """The file of `kind` for `unit`'s part of `plan`: the one already made from the same
    data if there is one, otherwise a new one, made by a background task.

    Side effects: creates the Artifact row (and an audit entry) and enqueues
    ``reports.tasks.make_artifact_task`` after the row is committed; a failed file, or
    one left unfinished for STALE_AFTER (its worker died), is asked for again. Raises
    NotAvailable / ValidationError for a kind the portal cannot make.
    """
    check_kind(kind)
    moment = now or timezone.now()
    plan = scope_plan(plan, unit)
    key = data_key(plan, kind, now=moment)
    with transaction.atomic():
        artifact, created = Artifact.objects.select_for_update().get_or_create(
            plan=plan,
            unit=unit,
            kind=kind,
            data_key=key,
            defaults={"requested_by": actor if getattr(actor, "pk", None) else None},
        )
        stale = not artifact.is_finished and artifact.created_at < moment - STALE_AFTER
        retry = not created and (artifact.status == Artifact.Status.FAILED or stale)
        if retry:
            artifact.status, artifact.error, artifact.created_at = (
                Artifact.Status.PENDING,
                "",
                moment,
            )
            artifact.save(update_fields=["status", "error", "created_at"])
        if created or retry:
            record(actor=actor, action="artifact.request", obj=artifact, unit=unit, kind=kind)
    if created or retry:
        from reports.tasks import make_artifact_task

        result = make_artifact_task.enqueue(artifact.pk)
        Artifact.objects.filter(pk=artifact.pk).update(task_id=str(result.id)[:64])
        artifact.refresh_from_db()
    return artifact


@in_official_language
def make_artifact(*, artifact_id: int) -> Artifact:
    """Render the artifact's document and store it (the background task's body).

    Side effects: marks the row running, then ready with the file in the storage, or
    failed with the error's message. A file already ready is left alone.
    """
    with transaction.atomic():
        artifact = (
            Artifact.objects.select_for_update(of=("self",))
            .select_related("plan__issuer__parent", "unit")
            .get(pk=artifact_id)
        )
        if artifact.status in (Artifact.Status.READY, Artifact.Status.RUNNING):
            return artifact
        artifact.status = Artifact.Status.RUNNING
        artifact.save(update_fields=["status"])
    try:
        content, extension = RENDERERS[artifact.kind](artifact.plan, artifact.unit)
    except Exception as exc:  # stored for the page; the task itself must not crash
        logger.exception("Artifact %s failed", artifact_id)
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        Artifact.objects.filter(pk=artifact_id).update(
            status=Artifact.Status.FAILED, error=message[:2000], finished_at=timezone.now()
        )
        artifact.refresh_from_db()
        return artifact
    name = f"{STEMS[artifact.kind]}.{extension}"
    artifact.file.save(name, ContentFile(content), save=False)
    artifact.filename = name
    artifact.status = Artifact.Status.READY
    artifact.finished_at = timezone.now()
    artifact.save(update_fields=["file", "filename", "status", "finished_at"])
    return artifact


def render_now(*, plan: Plan, unit: OrgUnit, kind: str, actor=None) -> Artifact:
    """Make (or reuse) the file in this process, whatever the task backend: for the
    ``export_report`` command."""
    artifact = request_artifact(plan=plan, unit=unit, kind=kind, actor=actor)
    if not artifact.is_finished:
        artifact = make_artifact(artifact_id=artifact.pk)
    return artifact
