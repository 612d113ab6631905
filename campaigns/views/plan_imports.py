"""Import a plan from a document: upload or paste, review the fields found against the
source, correct them, create the draft plan. Nothing is saved before the chair confirms;
the plan and all its parts are then created in one transaction by the import service."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from campaigns.forms.plan_imports import (
    CRITERION_PREFIX,
    DocumentForm,
    ReviewForm,
    format_when,
)
from campaigns.models import Milestone, Plan
from campaigns.plan_imports.diacritics import fold
from campaigns.plan_imports.extract import extract, is_useful, to_json
from campaigns.plan_imports.readers import ImportRefused
from campaigns.selectors import plan_imports as selectors
from campaigns.selectors.plans import creatable_units_for
from campaigns.services import plan_imports as services
from campaigns.views.plans import _add_errors
from portal.permissions import can, policy_view, visible_to

# Below this the importer asks the chair to check the field.
SURE = 0.85


def _parents_for(user):
    return (
        visible_to(user, Plan)
        .filter(status=Plan.Status.PUBLISHED)
        .select_related("issuer")
        .order_by("-issued_on", "-id")
    )


def _review_form(request, data=None, initial=None):
    return ReviewForm(
        data,
        initial=initial,
        units=creatable_units_for(request.user),
        parents=_parents_for(request.user),
    )


def _initial(request, parsed) -> dict:
    """The review form's first values: the draft's fields in the form's formats."""
    data = to_json(parsed.draft)
    # The milestones with their labels (what the line says happens), for the form.
    data["milestones_with_labels"] = [m.value for m in parsed.draft.get("milestones") or []]
    units = list(creatable_units_for(request.user))
    issuer = selectors.matching_unit(units, data.get("issuer"))
    if issuer is None and not data.get("issuer") and len(units) == 1:
        issuer = units[0]
    parent_data = data.get("parent_plan") or {}
    parent = selectors.matching_parent(
        request.user, parent_data.get("number"), parent_data.get("date")
    )
    cited = parsed.draft.get("parent_plan")
    signed = parsed.draft.get("signatory")
    reviewed = services.reviewed_from_json(
        data,
        issuer=issuer,
        parent=parent,
        text=parsed.text,
        cited_kind=cited.value.get("kind", "") if cited else "",
        signing_mode=signed.value.get("mode", "TM.") if signed else "TM.",
    )
    fields = reviewed.fields
    sections = list(parsed.draft.get("sections") or [])
    # "I. Mục đích, yêu cầu" is the plan's purpose, not a content section.
    purpose = ""
    if sections and "muc dich" in fold(sections[0].value["heading"]):
        purpose = sections.pop(0).value["body"]
    return {
        "source": parsed.text,
        "restorations": json.dumps(_restoration_rows(parsed.restorations)),
        "issuer": issuer.pk if issuer else None,
        "parent": parent.pk if parent else None,
        "title": fields["title"],
        "kind": fields["kind"],
        "issued_on": fields["issued_on"],
        "place": fields.get("place", ""),
        "school_year": fields["school_year"],
        "external_reference": fields.get("external_reference", ""),
        "purpose": purpose,
        "sections": "\n".join(
            f"{s.value['heading']}\n{s.value['body']}".rstrip() for s in sections
        ),
        "criteria": "\n".join(f"{CRITERION_PREFIX[t]}: {text}" for text, t in reviewed.criteria),
        "titles": "\n".join(name for name, _t in reviewed.titles),
        "milestones": "\n".join(
            " | ".join(
                [
                    str(Milestone.Kind(m.kind).label),
                    format_when(m.starts_at),
                    format_when(m.ends_at),
                    m.place,
                    m.label,
                ]
            )
            for m in reviewed.milestones
        ),
        "recipients": fields["recipients"],
        "signing_mode": fields.get("signing_mode", "TM."),
        "signing_body": fields.get("signing_body", ""),
        "signer_title": fields.get("signer_title", ""),
        "signer_name": fields.get("signer_name", ""),
    }


# Which review field each extracted field feeds, for the provenance column.
_FIELD_LABELS = (
    ("issuer", gettext_lazy("Đơn vị ban hành")),
    ("parent_issuer", gettext_lazy("Cơ quan cấp trên")),
    ("number", gettext_lazy("Số, ký hiệu")),
    ("place", gettext_lazy("Địa danh")),
    ("issued_on", gettext_lazy("Ngày ban hành")),
    ("title", gettext_lazy("Trích yếu")),
    ("parent_plan", gettext_lazy("Thực hiện kế hoạch")),
    ("sections", gettext_lazy("Các mục nội dung")),
    ("criteria", gettext_lazy("Tiêu chuẩn")),
    ("titles", gettext_lazy("Danh hiệu")),
    ("self_report_window", gettext_lazy("Thời gian tự báo cáo")),
    ("milestones", gettext_lazy("Mốc thời gian")),
    ("recipients", gettext_lazy("Nơi nhận")),
    ("signatory", gettext_lazy("Người ký")),
)


def _display(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{v}" for k, v in value.items() if v and k not in ("body", "mode"))
    return str(value)


def _review_context(text: str, restorations: list, draft) -> dict:
    """The source cut into segments (highlighted where a field came from, marked where
    diacritics were restored) and, per field, its values, their anchors and how sure."""
    marks = []  # (start, end, anchor)
    rows = []
    for key, label in _FIELD_LABELS:
        found = draft.get(key)
        items = found if isinstance(found, list) else ([found] if found else [])
        entries = []
        for n, item in enumerate(items):
            anchor = f"src-{key}-{n}"
            # Sections span whole blocks: anchored, not highlighted (the page would be yellow).
            marks.append((item.start, item.end if key != "sections" else item.start, anchor))
            touched = [r for r in restorations if r[0] < item.end and r[1] > item.start]
            confidence = item.confidence - (0.2 if touched else 0)
            entries.append(
                {
                    "value": _display(item.value),
                    "anchor": anchor,
                    "confidence": round(confidence * 100),
                    "check": confidence < SURE,
                    "restored": bool(touched),
                    "excerpt": text[item.start : item.end][:300],
                }
            )
        rows.append({"key": key, "label": label, "entries": entries})
    points = {0, len(text)}
    for start, end, _a in marks:
        points |= {max(0, start), min(len(text), end)}
    for start, end, *_r in restorations:
        points |= {start, end}
    points = sorted(points)
    segments = []
    for a, b in zip(points, points[1:], strict=False):
        anchors = [m[2] for m in marks if m[0] == a]
        covered = any(m[0] <= a and b <= m[1] for m in marks)
        restored = next((r for r in restorations if r[0] <= a and b <= r[1]), None)
        segments.append(
            {
                "text": text[a:b],
                "anchors": anchors,
                "field": covered,
                "restored": restored[2] if restored else None,
                "unsure": bool(restored and len(restored) > 4 and restored[4]),
            }
        )
    return {"segments": segments, "rows": rows, "restored_count": len(restorations)}


def _render_review(request, form, text, restorations):
    context = _review_context(text, restorations, extract(text))
    context["form"] = form
    return render(request, "campaigns/plan_import_review.html", context)


@policy_view("plan.import")
def plan_import(request):
    """Step 1: the document. A POST reads it and shows the review (nothing is saved)."""
    bound = request.method == "POST"
    form = DocumentForm(request.POST if bound else None, request.FILES if bound else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload is not None:
                parsed = services.read_document(name=upload.name, data=upload.read())
            else:
                parsed = services.read_document(text=form.cleaned_data["text"])
        except ImportRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            if not is_useful(parsed.draft):
                form.add_error(
                    None,
                    _(
                        "Không tìm thấy nội dung kế hoạch nào trong văn bản này (trích yếu, "
                        "mục, tiêu chuẩn hay mốc thời gian). Hãy kiểm tra lại tệp, hoặc tạo "
                        "kế hoạch bằng biểu mẫu."
                    ),
                )
            else:
                restorations = _restoration_rows(parsed.restorations)
                review = _review_form(request, initial=_initial(request, parsed))
                return _render_review(request, review, parsed.text, restorations)
    return render(request, "campaigns/plan_import.html", {"form": form})


def _restoration_rows(restorations) -> list:
    """[start, end, as typed, restored, unsure]: unsure is a name part kept as typed because
    it reads two ways ("Thuy": Thủy or Thùy), for the chair to check."""
    return [[r.start, r.end, r.original, r.restored, r.source == "unsure"] for r in restorations]


def _restorations(form) -> list:
    try:
        value = json.loads(form.data.get("restorations") or "[]")
        return [r for r in value if isinstance(r, list) and len(r) in (4, 5)]
    except (ValueError, TypeError):
        return []


@policy_view("plan.import")
@require_POST
def plan_import_create(request):
    """Step 2: create the plan from the corrected fields, all or nothing."""
    form = _review_form(request, data=request.POST)
    text = (request.POST.get("source") or "")[:300_000]
    if form.is_valid():
        data = form.cleaned_data
        issuer = data["issuer"]
        if not can(request.user, "plan.create", issuer):
            form.add_error("issuer", _("Bạn không được tạo kế hoạch cho đơn vị này."))
        else:
            fields = {
                name: data[name]
                for name in (
                    "title",
                    "kind",
                    "issued_on",
                    "school_year",
                    "external_reference",
                    "purpose",
                    "recipients",
                    "signing_mode",
                    "signer_name",
                )
            }
            for name in ("place", "signing_body", "signer_title"):
                if data[name]:
                    fields[name] = data[name]
            reviewed = services.ReviewedPlan(
                issuer=issuer,
                parent=data["parent"],
                fields=fields,
                sections=data["sections"],
                criteria=data["criteria"],
                titles=data["titles"],
                milestones=[services.ImportedMilestone(**m) for m in data["milestones"]],
            )
            try:
                plan = services.create_imported_plan(actor=request.user, reviewed=reviewed)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Đã tạo bản nháp kế hoạch từ văn bản."))
                return redirect(plan)
    return _render_review(request, form, text, _restorations(form))
