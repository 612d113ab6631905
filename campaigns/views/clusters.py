"""Emulation clusters' pages: the list, a cluster, its units, its head and deputy, the
pact, the cross-scoring form and the head's consolidation (with the year-end meeting).
The proposal page is nominations' (nominations/views/clusters.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from campaigns.deadlines import format_deadline, parse_local, to_local
from campaigns.forms.clusters import ClusterMembersForm
from campaigns.forms.common import pk_of, shown_number
from campaigns.models import Cluster, Plan
from campaigns.permissions.clusters import chaired_member
from campaigns.selectors import clusters as selectors
from campaigns.services import clusters as services
from portal.permissions import can, policy_view, visible_to


def _render(request, template, context, errors):
    context["errors"] = errors
    return render(request, template, context, status=400 if errors else 200)


def _local(value) -> str:
    return to_local(value).strftime("%Y-%m-%dT%H:%M") if value else ""


@policy_view("cluster.list")
def cluster_list(request):
    clusters = list(visible_to(request.user, Cluster).order_by("-year", "kind", "name"))
    return render(request, "campaigns/clusters/list.html", {"clusters": clusters})


def _parse_criteria(text: str) -> tuple[list[dict], list[str]]:
    """One criterion a line: "Tổ chức phong trào thi đua | 40" (text, maximum points)."""
    rows, errors = [], []
    for n, line in enumerate([x for x in text.splitlines() if x.strip()], start=1):
        parts = [p.strip() for p in line.rsplit("|", 1)]
        if len(parts) != 2:
            errors.append(_("Dòng %(n)s: ghi “tiêu chí | điểm tối đa”.") % {"n": n})
            continue
        rows.append({"text": parts[0], "max_points": parts[1]})
    return rows, errors


DEFAULT_CRITERIA = (
    "Tổ chức phong trào thi đua, thực hiện giao ước | 30\n"
    "Chăm lo đời sống, bảo vệ quyền lợi đoàn viên | 30\n"
    "Xây dựng tổ chức công đoàn vững mạnh | 20\n"
    "Phối hợp, hỗ trợ các đơn vị trong cụm | 20"
)


@policy_view("cluster.create", model=Plan)
def cluster_create(request, obj):
    plan = obj
    values = {
        "name": "",
        "kind": Cluster.Kind.CLUSTER,
        "scoring_ends_at": "",
        "criteria": DEFAULT_CRITERIA,
    }
    errors = []
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        criteria, errors = _parse_criteria(values["criteria"])
        try:
            ends_at = parse_local(values["scoring_ends_at"])
        except ValueError:
            errors.append(_("Hãy chọn hạn chấm chéo."))
        if not errors:
            try:
                cluster = services.create_cluster(
                    plan=plan,
                    actor=request.user,
                    name=values["name"],
                    kind=values["kind"],
                    scoring_ends_at=ends_at,
                    criteria=criteria,
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Đã lập cụm. Hãy phân đơn vị vào cụm."))
                return redirect("campaigns:cluster_members", cluster.pk)
    context = {"plan": plan, "values": values, "kinds": Cluster.Kind.choices}
    return _render(request, "campaigns/clusters/create.html", context, errors)


@policy_view("cluster.view", model=Cluster)
def cluster_detail(request, obj):
    cluster = obj
    user = request.user
    confirmed = {c.unit_id: c for c in cluster.confirmations.select_related("confirmed_by")}
    scored_by = set(cluster.scores.values_list("scorer_id", flat=True).distinct())
    rows = [
        (unit, confirmed.get(unit.pk), unit.pk in scored_by)
        for unit in selectors.member_units(cluster)
    ]
    context = {
        "cluster": cluster,
        "rows": rows,
        "criteria": list(cluster.criteria.all()),
        "deadline_text": format_deadline(cluster.scoring_ends_at),
        "own": chaired_member(user, cluster),
        "may_manage": can(user, "cluster.manage", cluster),
        "may_member": can(user, "cluster.member", cluster),
        "may_consolidate": can(user, "cluster.consolidation", cluster),
        "may_lead": can(user, "cluster.lead", cluster),
    }
    return render(request, "campaigns/clusters/detail.html", context)


@policy_view("cluster.manage", model=Cluster)
def cluster_members(request, obj):
    cluster = obj
    candidates = selectors.candidate_units(cluster)
    chosen = set(cluster.members.values_list("unit_id", flat=True))
    errors = []
    if request.method == "POST":
        form = ClusterMembersForm(request.POST, cluster=cluster, candidates=candidates)
        if not form.is_valid():
            errors = form.errors["unit"]
        else:
            chosen = set(form.cleaned_data["unit"])
            try:
                services.assign_units(cluster=cluster, actor=request.user, units=form.units)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Đã lưu các đơn vị của cụm."))
                return redirect("campaigns:cluster_leaders", cluster.pk)
    others = dict(
        cluster.members.model.objects.filter(year=cluster.year, kind=cluster.kind)
        .exclude(cluster=cluster)
        .values_list("unit_id", "cluster__name")
    )
    rows = [(u, u.pk in chosen, others.get(u.pk)) for u in candidates]
    context = {"cluster": cluster, "rows": rows}
    return _render(request, "campaigns/clusters/members.html", context, errors)


@policy_view("cluster.manage", model=Cluster)
def cluster_leaders(request, obj):
    cluster = obj
    rotation = selectors.proposed_rotation(cluster)
    members = {r.unit.pk: r.unit for r in rotation}
    head_id = cluster.head_id or (rotation[0].unit.pk if rotation else None)
    deputy_id = cluster.deputy_id or (rotation[1].unit.pk if len(rotation) > 1 else None)
    errors = []
    if request.method == "POST":
        head_id = pk_of(request.POST.get("head"))
        deputy_id = pk_of(request.POST.get("deputy"))
        try:
            posted = (request.POST.get("head") or "", request.POST.get("deputy") or "")
            if any(v.strip() and pk_of(v) not in members for v in posted):
                raise ValidationError(
                    _("Cụm trưởng, cụm phó phải là đơn vị trong cụm: chọn trong danh sách.")
                )
            services.set_leaders(
                cluster=cluster,
                actor=request.user,
                head=members.get(head_id),
                deputy=members.get(deputy_id),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Đã phân công cụm trưởng, cụm phó."))
            return redirect(cluster)
    context = {
        "cluster": cluster,
        "rotation": rotation,
        "head_id": head_id,
        "deputy_id": deputy_id,
    }
    return _render(request, "campaigns/clusters/leaders.html", context, errors)


@policy_view("cluster.view", model=Cluster)
def cluster_pact(request, obj):
    cluster = obj
    user = request.user
    errors = []
    text = cluster.pact_text
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "issue":
                text = request.POST.get("text", "")
                services.issue_pact(cluster=cluster, actor=user, text=text)
                done = _("Đã ban hành giao ước thi đua.")
            elif action == "confirm":
                services.confirm_pact(cluster=cluster, actor=user)
                done = _("Đã xác nhận giao ước thi đua.")
            else:
                raise ValidationError(_("Thao tác không hợp lệ."))
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, done)
            return redirect("campaigns:cluster_pact", cluster.pk)
    own = chaired_member(user, cluster)
    confirmations = list(cluster.confirmations.select_related("unit", "confirmed_by"))
    context = {
        "cluster": cluster,
        "text": text,
        "confirmations": confirmations,
        "own": own,
        "own_confirmed": own is not None and any(c.unit_id == own.pk for c in confirmations),
        "may_write": can(user, "cluster.pact", cluster) and not confirmations,
        "may_confirm": can(user, "cluster.member", cluster) and cluster.pact_issued_at,
    }
    return _render(request, "campaigns/clusters/pact.html", context, errors)


@policy_view("cluster.member", model=Cluster)
def cluster_score(request, obj):
    cluster = obj
    scorer = chaired_member(request.user, cluster)
    criteria = list(cluster.criteria.all())
    others = [u for u in selectors.member_units(cluster) if u.pk != scorer.pk]
    sheet = selectors.score_sheet(cluster, scorer)
    errors = []
    if request.method == "POST":
        scores = {
            u.pk: {c.pk: request.POST.get(f"s{u.pk}_{c.pk}", "") for c in criteria} for u in others
        }
        sheet = scores
        try:
            services.submit_cross_scores(cluster=cluster, actor=request.user, scores=scores)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Đã gửi điểm chấm chéo."))
            return redirect(cluster)
    rows = [
        (u, [(c, shown_number(sheet.get(u.pk, {}).get(c.pk))) for c in criteria]) for u in others
    ]
    context = {
        "cluster": cluster,
        "scorer": scorer,
        "criteria": criteria,
        "rows": rows,
        "deadline_text": format_deadline(cluster.scoring_ends_at),
    }
    return _render(request, "campaigns/clusters/score.html", context, errors)


@policy_view("cluster.consolidation", model=Cluster)
def cluster_consolidation(request, obj):
    cluster = obj
    errors = []
    values = {
        "meeting_at": _local(cluster.meeting_at),
        "meeting_place": cluster.meeting_place,
        "meeting_notes": cluster.meeting_notes,
    }
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        try:
            at = parse_local(values["meeting_at"])
        except ValueError:
            errors.append(_("Hãy chọn thời điểm họp."))
        if not errors:
            try:
                services.record_meeting(
                    cluster=cluster,
                    actor=request.user,
                    at=at,
                    place=values["meeting_place"],
                    notes=values["meeting_notes"],
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Đã lưu biên bản họp tổng kết cụm."))
                return redirect("campaigns:cluster_consolidation", cluster.pk)
    context = {
        "cluster": cluster,
        "board": selectors.consolidation(cluster),
        "values": values,
        "may_lead": can(request.user, "cluster.lead", cluster),
        "deadline_text": format_deadline(cluster.scoring_ends_at),
    }
    return _render(request, "campaigns/clusters/consolidation.html", context, errors)
