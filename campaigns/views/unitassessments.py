"""The chair's unit assessment of the plan's collective criteria, and the unit ratings
(W12): setup, the rater's board, one unit's assessment."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from campaigns.deadlines import format_deadline, parse_local, to_local
from campaigns.forms.common import pk_of
from campaigns.models import Criterion, Plan, RatingScheme, UnitAssessment, UnitEvidenceFile
from campaigns.selectors.unitassessments import assessment_window
from campaigns.services import evidence, extensions, ratingschemes, unitscores
from campaigns.services import unitassessments as services
from campaigns.views.selfreports import serve_evidence
from portal.arrival import arrival_time
from portal.models import OrgUnit
from portal.permissions import can, policy_view, visible_to
from portal.vietnamese import format_number


@policy_view("unitassessment.score", model=Plan)
def unit_assessment(request, obj):
    plan = obj
    criteria = unitscores.collective_criteria(plan)
    errors = []
    if request.method == "POST":
        scores = {}
        for c in criteria:
            raw = {"note": request.POST.get(f"c{c.pk}_note", "")}
            if c.kind == Criterion.Kind.MET:
                raw["met"] = {"1": True, "0": False}.get(request.POST.get(f"c{c.pk}_met"))
            else:
                raw["points"] = request.POST.get(f"c{c.pk}_points", "").replace(",", ".")
            scores[c.pk] = raw
        try:
            unitscores.score_unit_criteria(plan=plan, actor=request.user, scores=scores)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Đã lưu đánh giá tiêu chuẩn tập thể."))
            return redirect("campaigns:unit_assessment", plan.pk)
    stored = unitscores.unit_scores(plan)
    rows = [(c, stored.get(c.pk)) for c in criteria]
    context = {"plan": plan, "rows": rows, "errors": errors}
    return render(request, "campaigns/unit_assessment.html", context, status=400 if errors else 200)


# --- unit ratings (W12) ----------------------------------------------------------------


def _decimal(value: str) -> Decimal | None:
    value = (value or "").strip().replace(",", ".").rstrip("%")
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return Decimal(-1)
    return number if number.is_finite() else Decimal(-1)


def _parse_levels(text: str) -> tuple[list[dict], list[str]]:
    """One level a line, best first: "Vững mạnh xuất sắc | 90 | 50" (name, total from,
    no standard below that percent of its points; the last part may be left out)."""
    levels, errors = [], []
    for n, line in enumerate([x for x in text.splitlines() if x.strip()], start=1):
        parts = [p.strip() for p in line.split("|")]
        points = _decimal(parts[1]) if len(parts) > 1 else Decimal(0)
        floor = _decimal(parts[2]) if len(parts) > 2 else None
        if points is None or points < 0 or (floor is not None and floor < 0):
            errors.append(_("Dòng %(n)s: điểm và tỷ lệ phải là số.") % {"n": n})
            continue
        levels.append(
            {
                "name": parts[0][:200],
                "min_points": points,
                "floor_share": None if floor is None else floor / 100,
            }
        )
    return levels, errors


def _levels_text(scheme) -> str:
    if scheme is None:
        return "\n".join(DEFAULT_LEVELS)
    rows = []
    for lv in scheme.levels.all():
        row = f"{lv.name} | {format_number(lv.min_points)}"
        if lv.floor_share is not None:
            row += f" | {format_number(lv.floor_share * 100)}"
        rows.append(row)
    return "\n".join(rows)


DEFAULT_LEVELS = (
    "Vững mạnh xuất sắc | 90 | 50",
    "Vững mạnh | 80 | 50",
    "Hoàn thành nhiệm vụ | 50",
    "Chưa hoàn thành nhiệm vụ | 0",
)


@policy_view("rating.configure", model=Plan)
def rating_setup(request, obj):
    """The rater sets the rated units, the self-assessment window and the levels."""
    plan = obj
    scheme = RatingScheme.objects.filter(plan=plan).first()
    issuer_kind = plan.issuer.kind
    default_kind = (
        OrgUnit.Kind.UNION_GROUP
        if issuer_kind == OrgUnit.Kind.GRASSROOTS_UNION
        else OrgUnit.Kind.GRASSROOTS_UNION
    )
    values = {
        "rated_kind": scheme.rated_kind if scheme else default_kind,
        "starts_at": to_local(scheme.starts_at).strftime("%Y-%m-%dT%H:%M") if scheme else "",
        "ends_at": to_local(scheme.ends_at).strftime("%Y-%m-%dT%H:%M") if scheme else "",
        "objection_days": scheme.objection_days if scheme else 7,
        "levels": _levels_text(scheme),
    }
    errors = []
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        levels, errors = _parse_levels(values["levels"])
        try:
            starts_at, ends_at = parse_local(values["starts_at"]), parse_local(values["ends_at"])
        except ValueError:
            errors.append(_("Hãy chọn thời điểm bắt đầu và hạn chót tự chấm."))
        try:
            days = int(values["objection_days"])
            if not 0 <= days <= 60:
                raise ValueError
        except ValueError:
            errors.append(_("Số ngày nhận ý kiến phải từ 0 đến 60."))
        if not errors:
            try:
                ratingschemes.configure_rating(
                    plan=plan,
                    actor=request.user,
                    rated_kind=values["rated_kind"],
                    starts_at=starts_at,
                    ends_at=ends_at,
                    objection_days=days,
                    levels=levels,
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Đã lưu cách xếp loại đơn vị."))
                return redirect("campaigns:rating_board", plan.pk)
    context = {
        "plan": plan,
        "values": values,
        "errors": errors,
        "standards": ratingschemes.standards(plan),
        "kinds": [(k, OrgUnit.Kind(k).label) for k in ratingschemes.RATED_KINDS],
    }
    return render(request, "campaigns/ratings/setup.html", context, status=400 if errors else 200)


@policy_view("rating.board", model=Plan)
def rating_board(request, obj):
    """Every rated unit with its self-score, verified score and level; publish."""
    plan = obj
    scheme = RatingScheme.objects.filter(plan=plan).first()
    errors = []
    if request.method == "POST":
        if scheme is None:
            raise Http404
        try:
            services.publish_ratings(scheme=scheme, actor=request.user)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Đã công bố kết quả xếp loại cho các đơn vị."))
            return redirect("campaigns:rating_board", plan.pk)
    rows = list(scheme.assessments.select_related("unit", "level")) if scheme else []
    context = {
        "plan": plan,
        "scheme": scheme,
        "rows": rows,
        "errors": errors,
        "may_configure": can(request.user, "rating.configure", plan),
    }
    return render(request, "campaigns/ratings/board.html", context, status=400 if errors else 200)


def _fill_data(post, criteria) -> dict:
    return {
        c.pk: {
            "points": post.get(f"c{c.pk}_points", "").replace(",", "."),
            "evidence": post.get(f"c{c.pk}_evidence", ""),
        }
        for c in criteria
    }


def _verify_data(post, criteria) -> dict:
    return {
        c.pk: {
            "points": post.get(f"v{c.pk}_points", "").replace(",", "."),
            "reason": post.get(f"v{c.pk}_reason", ""),
        }
        for c in criteria
    }


@policy_view("unitassessment.view", model=UnitAssessment)
def assessment_detail(request, obj):
    """One unit's rating: the chair fills and submits its self-assessment; the rater
    verifies each standard with reasons and finalises; after publication the unit sees
    its level and may object within the window."""
    assessment = obj
    plan = assessment.scheme.plan
    criteria = ratingschemes.standards(plan)
    errors = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        user = request.user
        try:
            if action in ("draft", "submit"):
                data = _fill_data(request.POST, criteria)
                if action == "draft":
                    services.save_assessment_draft(assessment=assessment, actor=user, data=data)
                    done = _("Đã lưu nháp bản tự chấm.")
                else:
                    version = services.submit_unit_assessment(
                        assessment=assessment, actor=user, data=data
                    )
                    done = _("Đã nộp bản tự chấm. Mã biên nhận: %(code)s.") % {
                        "code": version.receipt_code
                    }
            elif action == "upload":
                by_id = {str(c.pk): c for c in criteria}
                file = request.FILES.get("file")
                if file is None:
                    raise ValidationError(_("Hãy chọn tệp minh chứng."))
                added = evidence.add_assessment_evidence(
                    assessment=assessment,
                    actor=user,
                    file=file,
                    criterion=by_id.get(request.POST.get("criterion", "")),
                    now=arrival_time(request),
                )
                done = _("Đã tải tệp “%(name)s” lên.") % {"name": added.original_name}
            elif action == "remove_file":
                file = assessment.files.filter(pk=pk_of(request.POST.get("file"))).first()
                if file is None:
                    raise ValidationError(_("Không tìm thấy tệp."))
                evidence.remove_assessment_evidence(
                    evidence=file, actor=user, now=arrival_time(request)
                )
                done = _("Đã xoá tệp “%(name)s”.") % {"name": file.original_name}
            elif action == "extend":
                try:
                    new_deadline = parse_local(request.POST.get("new_deadline", ""))
                except ValueError:
                    new_deadline = None
                extensions.grant_unit_extension(
                    assessment=assessment,
                    actor=user,
                    new_deadline=new_deadline,
                    reason=request.POST.get("extension_reason", ""),
                )
                done = _("Đã gia hạn tự chấm cho đơn vị đến %(at)s.") % {
                    "at": format_deadline(new_deadline)
                }
            elif action == "verify":
                data = _verify_data(request.POST, criteria)
                services.verify_unit_assessment(assessment=assessment, actor=user, scores=data)
                done = _("Đã lưu điểm thẩm định.")
            elif action == "finalise":
                services.finalise_unit_assessment(assessment=assessment, actor=user)
                done = _("Đã chốt xếp loại.")
            elif action in ("accept_objection", "reject_objection"):
                services.answer_objection(
                    assessment=assessment,
                    actor=user,
                    accept=action == "accept_objection",
                    reason=request.POST.get("answer", ""),
                    scores={
                        c.pk: {"points": request.POST.get(f"a{c.pk}_points", "").replace(",", ".")}
                        for c in criteria
                    },
                )
                done = _("Đã trả lời ý kiến của đơn vị.")
            elif action == "object":
                services.object_to_rating(
                    assessment=assessment, actor=user, text=request.POST.get("objection", "")
                )
                done = _("Đã gửi ý kiến.")
            else:
                raise ValidationError(_("Thao tác không hợp lệ."))
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, done)
            return redirect(assessment)
        assessment.refresh_from_db()
    items = {i.criterion_id: i for i in assessment.items.all()}
    user = request.user
    files = {}
    for f in visible_to(user, UnitEvidenceFile).filter(assessment=assessment):
        files.setdefault(f.criterion_id, []).append(f)
    rows = [(c, items.get(c.pk), files.get(c.pk, [])) for c in criteria]
    window = assessment_window(assessment)
    context = {
        "assessment": assessment,
        "plan": plan,
        "scheme": assessment.scheme,
        "rows": rows,
        "errors": errors,
        "posted": request.POST if errors else None,
        "may_fill": can(user, "unitassessment.fill", assessment),
        "may_verify": can(user, "unitassessment.verify", assessment),
        "may_see_result": can(user, "unitassessment.see_result", assessment),
        "may_object": can(user, "unitassessment.object", assessment),
        "may_answer": can(user, "unitassessment.answer", assessment),
        "versions": list(assessment.versions.all()),
        "deadline_text": format_deadline(window.ends_at),
        "extended": window.ends_at > assessment.scheme.ends_at,
        "may_extend": can(user, "unitassessment.extend", assessment),
        "extensions": [(x, format_deadline(x.new_deadline)) for x in assessment.extensions.all()],
        "may_board": can(user, "rating.board", plan),
    }
    return render(
        request, "campaigns/ratings/assessment.html", context, status=400 if errors else 200
    )


@policy_view("unitevidence.download", model=UnitEvidenceFile)
def assessment_evidence(request, obj):
    """A unit's evidence file: its lead sees every one, the rater those submitted."""
    return serve_evidence(obj)
