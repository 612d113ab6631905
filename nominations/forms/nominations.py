"""Input validation for nominations and opinions. Forms never save; views call services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.models import Opinion


class NominationForm(forms.Form):
    title = forms.ModelChoiceField(label=_("Danh hiệu"), queryset=None)
    nominee = forms.ModelChoiceField(label=_("Cá nhân"), queryset=None, required=False)
    collective = forms.ModelChoiceField(label=_("Tập thể"), queryset=None, required=False)
    achievements = forms.CharField(
        label=_("Thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, titles, members, collectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].queryset = titles
        self.fields["nominee"].queryset = members
        self.fields["collective"].queryset = collectives

    def clean(self):
        data = super().clean()
        if bool(data.get("nominee")) == bool(data.get("collective")):
            raise forms.ValidationError(_("Chọn một cá nhân hoặc một tập thể, không chọn cả hai."))
        return data


class OpinionForm(forms.Form):
    body = forms.ChoiceField(label=_("Cơ quan cho ý kiến"))
    agree = forms.TypedChoiceField(
        label=_("Ý kiến"),
        choices=[("1", _("Đồng ý")), ("0", _("Không đồng ý"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Opinion.Body.choices)
        self.fields["body"].choices = [(b, labels[b]) for b in bodies]
        if len(bodies) == 1:
            self.fields["body"].initial = bodies[0]
            self.fields["body"].widget = forms.HiddenInput()
