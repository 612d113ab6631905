"""Forms of the unit pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms.members import DateInput
from portal.models import OrgUnit


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=200)
    short_name = forms.CharField(label=_("Viết tắt trong số hiệu"), max_length=40)
    place = forms.CharField(label=_("Địa danh"), max_length=80, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=())

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        if kinds:
            self.fields["kind"].choices = [(k, OrgUnit.Kind(k).label) for k in kinds]
        else:
            del self.fields["kind"]


class MoveUnitForm(forms.Form):
    parent = forms.ModelChoiceField(label=_("Cấp trên mới"), queryset=OrgUnit.objects.none())

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents


class CloseUnitForm(forms.Form):
    closed_on = forms.DateField(label=_("Ngày giải thể"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"closed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
