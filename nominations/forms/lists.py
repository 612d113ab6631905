"""Input validation for publishing the list and objections. Forms never save; views call
services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.forms.common import LocalDateTimeInput
from portal.forms.fields import SaneDateTimeField


class PublishForm(forms.Form):
    feedback_ends_at = SaneDateTimeField(
        label=_("Nhận góp ý đến"),
        widget=LocalDateTimeInput(),
        help_text=_("Giờ Việt Nam; thường là 5 ngày sau khi công khai."),
    )


class ObjectionForm(forms.Form):
    entry = forms.ModelChoiceField(
        label=_("Về người và danh hiệu"),
        queryset=None,
        required=False,
        empty_label=_("Cả danh sách"),
    )
    text = forms.CharField(label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
        # One line per nominee and title: "Trịnh Thị Kim Yến — Lao động tiên tiến".
        self.fields["entry"].label_from_instance = lambda e: (
            f"{e.nomination.nominee_name} — {e.nomination.title.name}"
        )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 2}))
