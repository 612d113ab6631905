"""Turn a document into a draft for review, and a reviewed draft into a plan.

Reading and extracting writes nothing. ``create_imported_plan`` creates the plan and all
its parts in ONE transaction through the plan services (``campaigns.services``), with
every check they make: a plan implementing a parent goes through ``create_child_plan``
(the unit must be allowed to implement it, once; milestones must fit inside the
parent's); the number is given at publication (``publish_plan``), as for any plan. If any
part is refused, nothing is created.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Milestone, Plan, Target
from campaigns.plan_imports import pipeline
from campaigns.plan_imports.diacritics import fold
from campaigns.selectors import plan_imports as selectors
from campaigns.services import cascade, plan_parts, plans
from campaigns.services import milestones as milestone_services
from portal.audit import record

# JSON milestone kinds → the portal's.
MILESTONE_KINDS = {
    "registration": Milestone.Kind.REGISTRATION,
    "self_report": Milestone.Kind.SELF_REPORT,
    "review_meeting": Milestone.Kind.REVIEW_MEETING,
    "consultation": Milestone.Kind.CONSULTATION,
    "vote": Milestone.Kind.VOTE,
    "ceremony": Milestone.Kind.CEREMONY,
    "periodic_report_due": Milestone.Kind.PERIODIC_REPORT,
}


def read_document(*, name: str = "", data: bytes | None = None, text: str | None = None):
    """Parse an upload or pasted text with the portal's vocabulary. Writes nothing.

    Raises ``readers.ImportRefused`` (with the Vietnamese message) for a file we cannot read.
    """
    phrases = selectors.portal_phrases()
    if data is not None:
        return pipeline.parse_upload(name, data, phrases)
    return pipeline.parse_text(text or "", phrases)


def guess_kind(title: str, text: str) -> str:
    f = fold(title + " " + text[:3000])
    if "sinh hoat chuyen de" in f:
        return Plan.Kind.THEMATIC_MEETINGS
    if re.search(r"so ket|tong ket|tuyen duong|binh xet|bieu duong", fold(title)):
        return Plan.Kind.COMMENDATION_REVIEW
    if "phong trao thi dua" in fold(title) or "phat dong" in fold(title):
        return Plan.Kind.EMULATION
    return Plan.Kind.LEARN_FOLLOW


def school_year(text: str) -> str:
    m = re.search(r"năm học\s+(\d{4})\s*-\s*(\d{4})", text, re.I)
    return f"{m.group(1)}-{m.group(2)}" if m else ""


@dataclass
class ImportedMilestone:
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str = ""
    label: str = ""


@dataclass
class ReviewedPlan:
    """What the chair confirmed on the review screen."""

    issuer: object
    parent: Plan | None
    fields: dict
    sections: list[tuple[str, str]] = field(default_factory=list)
    criteria: list[tuple[str, str]] = field(default_factory=list)  # (text, target)
    titles: list[tuple[str, str]] = field(default_factory=list)  # (name, target)
    milestones: list[ImportedMilestone] = field(default_factory=list)


@transaction.atomic
def create_imported_plan(*, actor, reviewed: ReviewedPlan, now: dt.datetime | None = None) -> Plan:
    """Create the draft plan and its parts from a reviewed import, all or nothing.

    Side effects: the plan, its sections, criteria, titles and milestones, each with its
    audit entry from the plan services, plus one ``plan.import`` entry. Raises
    ValidationError (nothing written) when any service refuses.
    """
    now = now or timezone.now()
    if reviewed.parent is not None:
        plan = cascade.create_child_plan(
            parent=reviewed.parent, issuer=reviewed.issuer, actor=actor, now=now, **reviewed.fields
        )
    else:
        plan = plans.create_plan(issuer=reviewed.issuer, actor=actor, now=now, **reviewed.fields)
    for heading, body in reviewed.sections:
        plan_parts.add_section(plan=plan, actor=actor, heading=heading[:300], body=body)
    inherited_criteria = {fold(c.text) for c in plan.criteria.all()}
    for text, target in reviewed.criteria:
        if fold(text) not in inherited_criteria:
            plan_parts.add_criterion(plan=plan, actor=actor, text=text, target=target)
    inherited_titles = {fold(t.name) for t in plan.titles.all()}
    for name, target in reviewed.titles:
        if fold(name) not in inherited_titles:
            plan_parts.add_title(plan=plan, actor=actor, name=name[:200], target=target)
    for m in reviewed.milestones:
        try:
            milestone_services.add_milestone(
                plan=plan,
                actor=actor,
                kind=m.kind,
                label=m.label[:300],
                starts_at=m.starts_at,
                ends_at=m.ends_at,
                place=m.place[:200],
            )
        except ValidationError as error:
            label = m.label or Milestone.Kind(m.kind).label
            raise ValidationError(
                _("Mốc “%(label)s”: %(error)s")
                % {"label": label, "error": " ".join(error.messages)}
            ) from error
    record(
        actor=actor,
        action="plan.import",
        obj=plan,
        unit=plan.issuer,
        sections=len(reviewed.sections),
        criteria=len(reviewed.criteria),
        titles=len(reviewed.titles),
        milestones=len(reviewed.milestones),
    )
    return plan


def local(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time), timezone.get_default_timezone())


def milestones_from_json(data: dict) -> list[ImportedMilestone]:
    """The draft's self-report window and milestones as portal milestones. A day without
    an hour spans the day (00:00–23:59)."""
    out = []
    window = data.get("self_report_window")
    if window and window.get("end"):
        end = dt.datetime.fromisoformat(window["end"])
        start = dt.datetime.fromisoformat(window["start"]) if window.get("start") else end
        label = window.get("label", "")
        out.append(ImportedMilestone(Milestone.Kind.SELF_REPORT, start, end, "", label))
    for m in data.get("milestones_with_labels") or data.get("milestones") or []:
        kind = MILESTONE_KINDS.get(m["kind"])
        if kind is None:
            continue
        if m.get("date"):
            day = dt.date.fromisoformat(m["date"])
            starts, ends = local(day, dt.time(0, 0)), local(day, dt.time(23, 59))
        else:
            starts = dt.datetime.fromisoformat(m["starts_at"])
            ends = dt.datetime.fromisoformat(m["ends_at"])
        out.append(ImportedMilestone(kind, starts, ends, m.get("place") or "", m.get("label", "")))
    return out


def signing_fields(on_behalf: str, mode: str) -> dict:
    """The plan's signing block from the document's. A plan signs "TM." (thay mặt) or "KT."
    (ký thay) or directly; a document signed "TL." (thừa lệnh), "TUQ." (thừa ủy quyền) or
    "Q." (quyền) is signed directly with the prefix kept in what is printed above the
    position: "TL. CHỦ TỊCH", "Q. CHỦ TỊCH"."""
    if mode in ("TL.", "TUQ.", "Q."):
        return {"signing_mode": "", "signing_body": f"{mode} {on_behalf}".strip()[:120]}
    fields = {"signing_mode": mode if mode in ("TM.", "KT.") else "TM."}
    if on_behalf:
        fields["signing_body"] = on_behalf[:120]
    return fields


def reviewed_from_json(
    data: dict,
    *,
    issuer,
    parent,
    text: str = "",
    cited_kind: str = "",
    signing_mode: str = "TM.",
) -> ReviewedPlan:
    """A ReviewedPlan straight from the extracted JSON (``import_plan --create``);
    `signing_mode` is the draft's (the JSON does not carry it: "TM.", "KT.", "TL.", "TUQ.",
    "Q.")."""
    title = data.get("title") or ""
    signatory = data.get("signatory") or {}
    fields = {
        "title": title,
        "kind": guess_kind(title, text),
        "issued_on": dt.date.fromisoformat(data["issued_on"]) if data.get("issued_on") else None,
        "school_year": school_year(title + " " + text[:2000]),
        "recipients": "\n".join(data.get("recipients") or []),
        "signer_name": signatory.get("name") or "",
    }
    if data.get("place"):
        fields["place"] = data["place"]
    fields.update(signing_fields(signatory.get("on_behalf") or "", signing_mode))
    if signatory.get("title"):
        fields["signer_title"] = signatory["title"][:120]
    if parent is None and data.get("parent_plan"):
        fields["external_reference"] = external_reference(data, cited_kind)
    return ReviewedPlan(
        issuer=issuer,
        parent=parent,
        fields=fields,
        criteria=[
            (c["text"], Target.COLLECTIVE if c["kind"] == "collective" else Target.INDIVIDUAL)
            for c in data.get("criteria") or []
        ],
        titles=[(name, _target_of(name)) for name in data.get("titles") or []],
        milestones=milestones_from_json(data),
    )


def _target_of(name: str) -> str:
    f = fold(name)
    return (
        Target.COLLECTIVE
        if f.startswith(("tap the", "cong doan", "chi bo", "to "))
        else Target.INDIVIDUAL
    )


def external_reference(data: dict, cited_kind: str = "") -> str:
    """The cited document, as the plan's opening line prints it after "Thực hiện"."""
    parent = data.get("parent_plan") or {}
    kind = cited_kind[:1].upper() + cited_kind[1:].lower() if cited_kind else _("Văn bản")
    text = _("%(kind)s số %(number)s") % {"kind": kind, "number": parent.get("number")}
    if parent.get("date"):
        day = dt.date.fromisoformat(parent["date"])
        text += _(" ngày %(date)s") % {"date": f"{day.day:02d}/{day.month:02d}/{day.year}"}
    if data.get("parent_issuer"):
        text += _(" của %(issuer)s") % {"issuer": data["parent_issuer"]}
    return text[:500]
