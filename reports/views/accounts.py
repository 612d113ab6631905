"""Printed activation slips (one per member without an account yet), as PDF.

The codes are issued by portal's service; the document lives here because reports/ owns
every renderer and portal/ may import no other app.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.models import OrgUnit
from portal.permissions import policy_view
from portal.selectors.members import slip_memberships
from portal.services.accounts import issue_slips
from reports.renderers.pdf import in_official_language, render_pdf
from reports.views.documents import pdf_response


@require_POST
@policy_view("members.manage", model=OrgUnit)
@in_official_language
def activation_slips_pdf(request, obj):
    """Issue new codes for the chosen members (or all without a password) and print them.

    A POST: printing slips issues codes and revokes the earlier ones.
    """
    chosen = [int(pk) for pk in request.POST.getlist("membership") if pk.isdigit()]
    memberships = slip_memberships(obj, chosen or None)
    if not memberships:
        messages.info(request, _("Mọi đoàn viên đã kích hoạt tài khoản."))
        return redirect("member_list", pk=obj.pk)
    slips = issue_slips(memberships=memberships, actor=request.user)
    address = getattr(settings, "PORTAL_ADDRESS", "") or request.build_absolute_uri("/kich-hoat/")
    pdf = render_pdf(
        "reports/pdf/activation_slips.html",
        {"slips": slips, "address": address, "unit": obj},
        audit_unit=obj,
    )
    return pdf_response(pdf, f"phieu-kich-hoat-{obj.code}")
