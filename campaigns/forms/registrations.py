"""The registration pages' forms: one checkbox per title of the plan."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class TitleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        label = f"{obj.name} — {obj.get_level_display()}"
        if obj.requires_registration:
            label += " " + str(_("(phải đăng ký mới được xét)"))
        return label


class TitleRegistrationForm(forms.Form):
    """The titles to register for; unticked ones are withdrawn."""

    titles = TitleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Danh hiệu đăng ký"),
        error_messages={"invalid_choice": _("Danh hiệu bạn chọn không thuộc kế hoạch này.")},
    )

    def __init__(self, *args, titles, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["titles"].queryset = titles
        self.fields["titles"].disabled = disabled
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        if not disabled:
            self.helper.add_input(
                Submit("save", _("Lưu đăng ký"), css_class="btn-primary w-100 btn-lg")
            )
