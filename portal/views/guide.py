"""The first-run guide (put away, brought back) and the "Hướng dẫn sử dụng" pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.help import GUIDE_OF_SLUG, GUIDE_ORDER, GUIDES
from portal.permissions import login_view
from portal.selectors.guide import first_run, shown_guides, user_guides
from portal.services import guide as service


@login_view
def guide_index(request):
    """The person's own guides, the first-run steps included, and every role's page."""
    mine = user_guides(request.user)
    return render(
        request,
        "portal/guide/index.html",
        {
            "first_run": first_run(request.user, mine),
            "dismissed": bool(mine) and not shown_guides(request.user),
            "guides": [GUIDES[key] for key in GUIDE_ORDER],
            "mine": mine,
        },
    )


@login_view
def guide_page(request, slug):
    guide = GUIDE_OF_SLUG.get(slug)
    if guide is None:
        raise Http404
    return render(
        request,
        "portal/guide/page.html",
        {
            "guide": guide,
            "first_run": first_run(request.user, [guide.key]),
            "guides": [GUIDES[key] for key in GUIDE_ORDER],
        },
    )


@require_POST
@login_view
def guide_dismiss(request):
    try:
        service.dismiss_first_run_guide(actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Đã ẩn hướng dẫn bắt đầu. Xem lại bất cứ lúc nào ở mục “Hướng dẫn”.")
        )
    return redirect("home")


@require_POST
@login_view
def guide_restore(request):
    try:
        service.restore_first_run_guide(actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Hướng dẫn bắt đầu đã hiện lại trên trang chủ."))
    return redirect("home")
