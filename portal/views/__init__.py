"""The site shell: home ("what is due for me"), health check, audit log."""

from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render

from portal.audit import verify_chain
from portal.audit_sentences import describe
from portal.due import due_items_for
from portal.models import Membership
from portal.permissions import can, login_view, policy_view, public_view
from portal.selectors import audit_entries_visible_to
from portal.selectors.guide import first_run, shown_guides


@login_view
def home(request):
    memberships = (
        Membership.objects.current()
        .filter(user=request.user)
        .select_related("unit")
        .order_by("unit__path", "role")
    )
    items = due_items_for(request.user)
    return render(
        request,
        "portal/home.html",
        {
            "memberships": memberships,
            "items": items,
            "open_items": [i for i in items if not i.done],
            "first_run": first_run(request.user, shown_guides(request.user), items=items),
        },
    )


@public_view
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@policy_view("audit.view")
def audit_log(request):
    page = Paginator(audit_entries_visible_to(request.user), 50).get_page(request.GET.get("page"))
    lines = describe(page.object_list, request.user)
    intact = None
    may_verify = can(request.user, "audit.verify")
    if request.GET.get("verify") and may_verify:
        intact, broken_at = verify_chain()
    else:
        broken_at = None
    return render(
        request,
        "portal/audit_log.html",
        {
            "page": page,
            "lines": lines,
            "intact": intact,
            "broken_at": broken_at,
            "may_verify": may_verify,
        },
    )
