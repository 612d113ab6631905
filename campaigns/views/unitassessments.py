"""The chair's unit assessment: the plan's collective criteria, scored by the unit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from campaigns.models import Criterion, Plan
from campaigns.services import unitassessments as services
from portal.permissions import policy_view


@policy_view("unitassessment.score", model=Plan)
def unit_assessment(request, obj):
    plan = obj
    criteria = services.collective_criteria(plan)
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
            services.score_unit_criteria(plan=plan, actor=request.user, scores=scores)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Đã lưu đánh giá tiêu chuẩn tập thể."))
            return redirect("campaigns:unit_assessment", plan.pk)
    stored = services.unit_scores(plan)
    rows = [(c, stored.get(c.pk)) for c in criteria]
    context = {"plan": plan, "rows": rows, "errors": errors}
    return render(request, "campaigns/unit_assessment.html", context, status=400 if errors else 200)
