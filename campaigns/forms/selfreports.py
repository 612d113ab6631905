"""Forms for the self-report page, the extension request and the chair's decision."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from campaigns.deadlines import parse_local, to_local
from campaigns.models import Criterion, SelfReport, Target, Title
from portal.vietnamese import format_number

MET_CHOICES = [("1", _("Đạt")), ("0", _("Không đạt"))]


class SelfReportForm(forms.Form):
    """One field group per criterion (met radios or points, evidence), the narrative and
    the titles applied for. Field names: c<id>_met, c<id>_points, c<id>_evidence."""

    narrative = forms.CharField(
        label=_("Kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=20_000,
    )
    titles = forms.ModelMultipleChoiceField(
        label=_("Danh hiệu đề nghị"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, criteria: list[Criterion], titles, **kwargs):
        """`titles`: a queryset of the titles offered, or the titles themselves (a list,
        as ``plan_structure`` gives them: then checking the choices reads nothing)."""
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        if isinstance(titles, QuerySet):
            self.fields["titles"].queryset = titles
        else:
            self.fields["titles"] = PreloadedMultipleChoiceField(
                objects=titles,
                label=self.fields["titles"].label,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        for c in criteria:
            if c.kind == Criterion.Kind.MET:
                self.fields[f"c{c.pk}_met"] = forms.ChoiceField(
                    label=c.text, choices=MET_CHOICES, widget=forms.RadioSelect, required=False
                )
            else:
                self.fields[f"c{c.pk}_points"] = forms.DecimalField(
                    label=c.text,
                    min_value=0,
                    max_value=c.max_points,
                    max_digits=6,
                    decimal_places=2,
                    required=False,
                    error_messages={
                        "max_value": _("Điểm tối đa của tiêu chuẩn này là %(max)s.")
                        % {"max": format_points(c.max_points)},
                        "min_value": _("Điểm không được nhỏ hơn 0."),
                        "invalid": _("Điểm phải là một số."),
                    },
                    widget=forms.NumberInput(
                        attrs={
                            "step": "0.25",
                            "min": 0,
                            "max": c.max_points,
                            "inputmode": "decimal",
                        }
                    ),
                )
            self.fields[f"c{c.pk}_evidence"] = forms.CharField(
                label=_("Minh chứng"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=5_000,
            )

    def criterion_rows(self):
        """(criterion, answer field, evidence field) for the template, in order."""
        for c in self.criteria:
            key = f"c{c.pk}_met" if c.kind == Criterion.Kind.MET else f"c{c.pk}_points"
            yield c, self[key], self[f"c{c.pk}_evidence"]

    def service_data(self) -> dict:
        """The cleaned form as the services take it: only what the request sent (a field
        left out keeps its stored value; an autosave changes only what it sends). The
        page marks its title checkboxes with "titles_shown", so unticking them all
        clears the titles."""
        data = self.cleaned_data
        sent = set(self.data.keys()) if self.is_bound else set(self.fields)
        answers = {}
        for c in self.criteria:
            answer = {}
            key = f"c{c.pk}_met" if c.kind == Criterion.Kind.MET else f"c{c.pk}_points"
            if key in sent:
                if c.kind == Criterion.Kind.MET:
                    answer["met"] = {"1": True, "0": False}.get(data.get(key))
                else:
                    answer["points"] = data.get(key)
            if f"c{c.pk}_evidence" in sent:
                answer["evidence"] = data.get(f"c{c.pk}_evidence", "")
            if answer:
                answers[c.pk] = answer
        result = {"answers": answers}
        if "narrative" in sent:
            result["narrative"] = data.get("narrative", "")
        if "titles" in sent or "titles_shown" in sent:
            result["titles"] = [t.pk for t in data.get("titles") or []]
        return result

    @staticmethod
    def initial_from(report: SelfReport, answers: dict) -> dict:
        """Initial values from the stored working copy."""
        initial = {"narrative": report.narrative}
        if report.pk:
            initial["titles"] = list(report.titles.values_list("pk", flat=True))
        for cid, a in answers.items():
            if a.met is not None:
                initial[f"c{cid}_met"] = "1" if a.met else "0"
            if a.points is not None:
                initial[f"c{cid}_points"] = a.points
            initial[f"c{cid}_evidence"] = a.evidence
        return initial


class PreloadedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField over objects already read: the same choices, the same
    checks and messages, the chosen objects as the cleaned value, and no query."""

    def __init__(self, *, objects, **kwargs):
        self.objects = list(objects)
        self.model = type(self.objects[0]) if self.objects else Title
        super().__init__(queryset=None, **kwargs)

    def _get_queryset(self):
        # For templates that ask the field's queryset: the same rows, read only if asked.
        return self.model._default_manager.filter(pk__in=[o.pk for o in self.objects])

    def _set_queryset(self, queryset):
        self.widget.choices = self.choices

    queryset = property(_get_queryset, _set_queryset)

    def _choice_list(self):
        return [(o.pk, self.label_from_instance(o)) for o in self.objects]

    def _get_choices(self):
        return CallableChoiceIterator(self._choice_list)  # labels made only when shown

    choices = property(_get_choices, forms.ChoiceField.choices.fset)

    def _check_values(self, value):
        try:
            value = frozenset(value)
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        by_pk = {str(o.pk): o for o in self.objects}
        for pk in value:
            self.validate_no_null_characters(pk)
            try:
                self.model._meta.pk.to_python(pk)
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                ) from None
        for val in value:
            if str(val) not in by_pk:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": val},
                )
        wanted = {str(v) for v in value}
        return [o for o in self.objects if str(o.pk) in wanted]


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp minh chứng (PDF, JPEG, PNG, DOCX; tối đa 10 MB)"))
    criterion = forms.ModelChoiceField(
        label=_("Cho tiêu chuẩn"),
        queryset=Criterion.objects.none(),
        required=False,
        empty_label=_("Chung cho cả báo cáo"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = plan.criteria.filter(target=Target.INDIVIDUAL).order_by(
            "order", "id"
        )
        self.fields["criterion"].label_from_instance = lambda c: c.text[:70]


class ExtensionRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do xin gia hạn"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2_000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("grant", _("Gia hạn")), ("refuse", _("Không chấp thuận"))]
    )
    new_deadline = forms.CharField(
        label=_("Hạn mới (giờ Việt Nam)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=1_000)

    def clean_new_deadline(self):
        value = self.cleaned_data["new_deadline"].strip()
        if not value:
            return None
        try:
            return parse_local(value)
        except ValueError as exc:
            raise ValidationError(_("Hạn mới không đúng dạng ngày giờ.")) from exc

    def clean(self):
        data = super().clean()
        missing = not data.get("new_deadline") and "new_deadline" not in self.errors
        if data.get("decision") == "grant" and missing:
            self.add_error("new_deadline", _("Hãy chọn hạn mới."))
        return data


def format_points(value) -> str:
    """ "10", "7,5": points as Vietnamese write them."""
    return format_number(value)


def datetime_local_value(moment) -> str:
    """A moment as a datetime-local input shows it, in Asia/Ho_Chi_Minh."""
    return to_local(moment).strftime("%Y-%m-%dT%H:%M")
