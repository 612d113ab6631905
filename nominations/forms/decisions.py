"""Input for issuing and correcting award decisions. Forms never save; views call services."""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionForm(forms.Form):
    issued_on = forms.DateField(label=_("Ngày ký"), widget=DATE)
    effective_on = forms.DateField(label=_("Ngày có hiệu lực"), widget=DATE)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120)
    signer_name = forms.CharField(label=_("Họ và tên người ký"), max_length=150)
    override = forms.BooleanField(
        label=_("Chủ tịch xác nhận chi vượt quỹ (nếu quỹ cho phép)"), required=False
    )


class CorrectionForm(DecisionForm):
    entry = forms.ModelChoiceField(label=_("Sửa đổi khen thưởng của"), queryset=None)
    new_title = forms.ModelChoiceField(
        label=_("Khen thưởng thay bằng"),
        queryset=None,
        required=False,
        empty_label=_("(Không — chỉ thu hồi)"),
    )
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, entries, titles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
        self.fields["entry"].label_from_instance = lambda e: f"{e.name} — {e.title_name}"
        self.fields["new_title"].queryset = titles
        self.fields["new_title"].label_from_instance = lambda t: t.name
