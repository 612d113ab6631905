"""Input for a fund allocation. Forms never save; views call services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.forms.decisions import DATE


class AllocationForm(forms.Form):
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1)
    on = forms.DateField(label=_("Ngày"), widget=DATE)
    note = forms.CharField(label=_("Nội dung"), max_length=300, required=False)
