"""Input validation for collective conditions. Forms never save; views call services."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CollectiveConditionForm(forms.Form):
    title = forms.ModelChoiceField(label=_("Danh hiệu tập thể"), queryset=None)
    member_title = forms.ModelChoiceField(
        label=_("Danh hiệu cá nhân của thành viên"), queryset=None
    )
    min_percent = forms.DecimalField(
        label=_("Tỷ lệ tối thiểu (%)"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    strict = forms.BooleanField(label=_("Phải vượt tỷ lệ (>)"), required=False)
    min_count = forms.IntegerField(label=_("Số người tối thiểu"), required=False, min_value=1)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].queryset = plan.titles.filter(target="collective")
        self.fields["member_title"].queryset = plan.titles.filter(target="individual")

    def min_share(self):
        value = self.cleaned_data.get("min_percent")
        return None if value is None else value / 100
