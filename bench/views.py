"""The two comparison endpoints of bench/deadline_rush.py (mounted only by bench.settings).

Both sit behind the same middleware as every portal page (session, CSRF, user, the
policy middleware: they are declared ``login_view``) and are POSTed the same form body
as the real submit.

- ``trivial``: answers two bytes. The cost of the stack itself.
- ``bare_submit``: the database writes of a self-report submit and nothing else — no
  permission rule, no deadline, no form, no validation, no "required" check. The same
  writes in the same transaction as ``campaigns.services.selfreports._submit``: the
  report row locked (created on first use), the answers upserted, the titles set, a
  version inserted with the same snapshot (every criterion's order, text, kind and
  maximum, the titles' names, the evidence files read from the report), the report row
  saved, the rolled-up figures moved the same way (``portal.signals.figures_changed``
  with the same deltas when the report starts counting as submitted: one
  ``UPDATE … SET n = n + 1`` of ``reports.models.UnitFigures``; a plain resubmit writes
  nothing), one entry appended to the unit's audit chain through ``portal.audit.record``
  (same chain lock, same hash), and the same receipt mail enqueued after commit when the
  member has an e-mail address (a row in the task queue with TASKS_BACKEND=db).

  The criteria and titles the snapshot copies are read once per plan and process and
  never again (the real path reads them from a cache checked against the plan's stamp):
  the bare endpoint is the cheapest way to write the same bytes.
"""

import base64
import secrets
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from campaigns.mail import selfreports as mail
from campaigns.models import Plan, SelfReport, SelfReportAnswer, SelfReportVersion
from campaigns.selectors.selfreports import plan_structure
from campaigns.services.selfreports import _counted_as
from portal.audit import record
from portal.permissions import login_view
from portal.signals import figures_changed

BARE_ACTION = "bench.bare_submit"
_structures = {}  # plan id -> its PlanStructure, read once per process


@login_view
@require_POST
def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


@login_view
@require_POST
def bare_submit(request, pk):
    now = timezone.now()
    narrative = request.POST.get("narrative", "").strip()
    title_ids = [int(t) for t in request.POST.getlist("titles")]
    answers = _answers(request.POST)
    structure = _structures.get(pk)
    if structure is None:
        structure = _structures[pk] = plan_structure(Plan.objects.get(pk=pk))
    with transaction.atomic():
        report = (
            SelfReport.objects.select_for_update(of=("self",))
            .select_related("unit")
            .filter(plan_id=pk, member=request.user)
            .first()
        )
        if report is None:
            issuer_id = Plan.objects.values_list("issuer_id", flat=True).get(pk=pk)
            SelfReport.objects.get_or_create(
                plan_id=pk, member=request.user, defaults={"unit_id": issuer_id}
            )
            report = (
                SelfReport.objects.select_for_update(of=("self",))
                .select_related("unit")
                .get(plan_id=pk, member=request.user)
            )
        before = _counted_as(report)
        report.narrative = narrative
        if answers:
            SelfReportAnswer.objects.bulk_create(
                [
                    SelfReportAnswer(report=report, criterion_id=cid, **a)
                    for cid, a in answers.items()
                ],
                update_conflicts=True,
                unique_fields=["report", "criterion"],
                update_fields=["met", "points", "evidence"],
            )
        report.titles.set(title_ids)
        receipt = base64.b32encode(secrets.token_bytes(5)).decode()
        version = SelfReportVersion.objects.create(
            report=report,
            number=report.version + 1,
            submitted_at=now,
            submitted_by=request.user,
            is_late=False,
            within_extension=False,
            receipt_code=receipt,
            snapshot=_snapshot(report, structure, narrative, title_ids, answers),
        )
        report.status = SelfReport.Status.SUBMITTED
        report.submitted_at = now
        report.is_late = False
        report.within_extension = False
        report.version = version.number
        report.receipt_code = receipt
        report.has_unsent_changes = False
        report.draft_saved_at = now
        report.save()
        after = _counted_as(report)
        if after != before:  # as the real submit: a first submit (or one crossing the deadline)
            deltas = {key: 0 for key in (*before, *after)}
            for key in before:
                deltas[key] -= 1
            for key in after:
                deltas[key] += 1
            figures_changed.send(sender=SelfReport, plan_id=pk, deltas=deltas)
        record(
            actor=request.user,
            action=BARE_ACTION,
            obj=report,
            unit=report.unit,
            plan=pk,
            version=version.number,
            late=False,
            within_extension=False,
            receipt=receipt,
            submitted_at=now.isoformat(),
        )
        if request.user.email:
            transaction.on_commit(lambda: mail.send_receipt_mail.enqueue(version.pk))
    return HttpResponseRedirect(reverse("campaigns:selfreport_receipt", args=[report.pk]))


def _snapshot(report, structure, narrative, title_ids, answers) -> dict:
    """The snapshot ``campaigns.services.selfreports._snapshot`` stores, key for key."""
    names = structure.title_names

    def answer(c):
        a = answers.get(c.pk)
        points = None if a is None or a["points"] is None else a["points"]
        return {
            "criterion_id": c.pk,
            "order": c.order,
            "text": c.text,
            "kind": c.kind,
            "max_points": str(c.max_points) if c.max_points is not None else None,
            "met": a["met"] if a else None,
            "points": None if points is None else str(points.quantize(Decimal("0.01"))),
            "evidence": a["evidence"] if a else "",
        }

    return {
        "narrative": narrative,
        "titles": [{"id": t, "name": names.get(t, "")} for t in title_ids],
        "answers": [answer(c) for c in structure.criteria],
        "files": [
            {"id": f.pk, "name": f.original_name, "size": f.size, "mime": f.mime}
            for f in report.files.all()
        ],
    }


def _answers(post) -> dict[int, dict]:
    """``c<id>_met`` / ``c<id>_points`` / ``c<id>_evidence`` as posted, unchecked."""
    answers: dict[int, dict] = {}
    for key, value in post.items():
        head, _sep, field = key.partition("_")
        if not (head.startswith("c") and head[1:].isdigit()):
            continue
        a = answers.setdefault(int(head[1:]), {"met": None, "points": None, "evidence": ""})
        if field == "met":
            a["met"] = {"1": True, "0": False}.get(value)
        elif field == "points" and value:
            try:
                a["points"] = Decimal(value)
            except InvalidOperation:
                a["points"] = None
        elif field == "evidence":
            a["evidence"] = value
    return answers
