"""Forms of account activation."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ActivateForm(forms.Form):
    identifier = forms.CharField(label=_("Số điện thoại hoặc email"), max_length=150)
    code = forms.CharField(label=_("Mã kích hoạt"), max_length=20)
