"""Review pages (W4): the board, scoring a report, a report's consolidated scores and
gates, exclusions and the chair's finalisation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Plan, SelfReport
from campaigns.selectors.selfreports import latest_version
from nominations.forms.reviews import ExclusionForm, ScoreForm
from nominations.models import Exclusion
from nominations.selectors.reviews import (
    individual_criteria,
    my_scores,
    report_scores,
    review_board,
)
from nominations.selectors.steps import step_reasons
from nominations.services import reviews as services
from nominations.steps import Action
from portal.models import UNION_MEMBER_ROLES, User
from portal.permissions import can, policy_view


def _members(plan):
    return User.objects.filter(
        memberships__unit=plan.issuer, memberships__role__in=UNION_MEMBER_ROLES
    ).distinct()


def _score_rows(form, report):
    """Per criterion: what the member said (answer, evidence, files) beside the fields."""
    files = _files_by_criterion(report)
    return [
        {
            "criterion": c,
            "field": field,
            "comment": comment,
            "answer": answer,
            "declared_not_met": flagged,
            "files": files.get(c.pk, []),
        }
        for c, field, comment, answer, flagged in form.rows_with_answers()
    ]


def _files_by_criterion(report):
    """The evidence files of the report's last submitted version, by criterion id (None:
    for the whole report); files added to the working copy since stay unseen."""
    files = {}
    submitted = report.files.all()
    if report.submitted_at is not None:
        submitted = submitted.filter(uploaded_at__lte=report.submitted_at)
    for f in submitted.order_by("uploaded_at", "id"):
        files.setdefault(f.criterion_id, []).append(f)
    return files


@policy_view("review.board", model=Plan)
def review_board_view(request, obj):
    plan = obj
    manage = can(request.user, "review.finalise", plan)
    may_propose = can(request.user, "nomination.propose", plan)
    reasons = (
        step_reasons(plan, [Action.FINALISE_REVIEW, Action.PROPOSE])
        if manage or may_propose
        else {}
    )
    blocked = {
        "finalise": reasons.get(Action.FINALISE_REVIEW, "") if manage else "",
        "propose": reasons.get(Action.PROPOSE, "") if may_propose else "",
    }
    return render(
        request,
        "nominations/review_board.html",
        {
            "plan": plan,
            "board": review_board(request.user, plan),
            "manage": manage,
            "can_propose": may_propose and not blocked["propose"],
            "exclusion_form": ExclusionForm(members=_members(plan)) if manage else None,
            "exclusions": Exclusion.objects.filter(plan=plan).select_related("member"),
            "blocked": blocked,
        },
    )


@policy_view("review.score", model=SelfReport)
def score_report_view(request, obj):
    report = obj
    criteria = individual_criteria(report.plan)
    version = latest_version(report)
    answers = {
        a.get("criterion_id"): a for a in (version.snapshot if version else {}).get("answers", [])
    }
    form = ScoreForm(
        request.POST or None,
        criteria=criteria,
        initial_scores=my_scores(report, request.user),
        self_answers=answers,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.score_report(report=report, actor=request.user, scores=form.scores())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu điểm chấm."))
            return redirect("nominations:review_board", pk=report.plan_id)
    return render(
        request,
        "nominations/score_form.html",
        {
            "report": report,
            "form": form,
            "version": version,
            "rows": _score_rows(form, report),
            "general_files": _files_by_criterion(report).get(None, []),
        },
    )


@policy_view("review.view_scores", model=SelfReport)
def report_review(request, obj):
    report = obj
    board = review_board(request.user, report.plan)
    row = next((r for r in board.rows if r.report.pk == report.pk), None)
    scores = report_scores(report)
    consolidated = row.result.criteria if row and row.result else {}
    criteria_rows = [
        (c, consolidated.get(c.pk), [s for s in scores if s.criterion_id == c.pk])
        for c in board.criteria
    ]
    return render(
        request,
        "nominations/report_review.html",
        {
            "report": report,
            "row": row,
            "criteria_rows": criteria_rows,
            "can_score": can(request.user, "review.score", report) and not board.is_final,
        },
    )


@require_POST
@policy_view("review.finalise", model=Plan)
def review_finalise(request, obj):
    try:
        services.finalise_review(plan=obj, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã chốt kết quả bình xét; điểm đã khóa."))
    return redirect("nominations:review_board", pk=obj.pk)


@require_POST
@policy_view("review.finalise", model=Plan)
def exclusion_add(request, obj):
    form = ExclusionForm(request.POST, members=_members(obj))
    if not form.is_valid():
        messages.error(request, _("Chọn đoàn viên và trường hợp không xét."))
        return redirect("nominations:review_board", pk=obj.pk)
    try:
        services.record_exclusion(
            plan=obj,
            member=form.cleaned_data["member"],
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ghi trường hợp không xét."))
    return redirect("nominations:review_board", pk=obj.pk)
