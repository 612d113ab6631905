"""A unit's emulation and reward fund: the ledger of a year and allocations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations.forms.funds import AllocationForm
from nominations.selectors.funds import ledger
from nominations.services import funds as services
from portal.models import OrgUnit
from portal.permissions import can, policy_view


@policy_view("fund.view", model=OrgUnit)
def fund_page(request, obj, year):
    manage = can(request.user, "fund.manage", obj)
    form = AllocationForm(initial={"on": timezone.localdate()}) if manage else None
    return render(
        request,
        "nominations/fund.html",
        {"unit": obj, "year": year, "ledger": ledger(obj, year), "form": form, "manage": manage},
    )


@policy_view("fund.manage", model=OrgUnit)
def fund_allocate(request, obj, year):
    if request.method != "POST":
        return redirect("nominations:fund_page", pk=obj.pk, year=year)
    form = AllocationForm(request.POST)
    if form.is_valid():
        try:
            services.allocate(unit=obj, year=year, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã ghi trích lập quỹ."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("nominations:fund_page", pk=obj.pk, year=year)
