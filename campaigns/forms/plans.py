"""Input for the plan pages. Forms validate and never save: views pass cleaned_data to a
service. Times are entered in Asia/Ho_Chi_Minh (datetime-local inputs)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import (
    AgendaItem,
    Criterion,
    Milestone,
    Plan,
    PlanPhase,
    PlanSection,
    RatingLevel,
    Title,
)
from campaigns.models.plans import STEP_CHOICES
from campaigns.services.plan_parts import CRITERION_INHERITED_EDITABLE, TITLE_INHERITED_EDITABLE
from campaigns.services.plans import PLAN_FORM_FIELDS
from portal.forms.fields import SaneDateField, SaneDateTimeField
from portal.models import OrgUnit

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_LOCAL)


class PlanForm(forms.ModelForm):
    steps = forms.MultipleChoiceField(
        label=_("Các bước của đợt bình xét (theo thứ tự)"),
        choices=STEP_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Bỏ chọn bước kế hoạch không dùng; mỗi bước chỉ làm được khi bước trước đã xong."
        ),
    )

    class Meta:
        model = Plan
        fields = list(PLAN_FORM_FIELDS)
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "issued_on": DateInput(),
            "period_start": DateInput(),
            "period_end": DateInput(),
            "preamble": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 4}),
            "closing": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {
            "issued_on": SaneDateField,
            "period_start": SaneDateField,
            "period_end": SaneDateField,
        }
        help_texts = {
            "issued_on": _("Để trống: lấy ngày ban hành."),
            "doc_type": _("KH cho kế hoạch."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.status != Plan.Status.DRAFT:
            self.fields["doc_type"].disabled = True
        if not self.is_bound:
            self.initial.setdefault("steps", list(self.instance.steps or []))

    def clean_steps(self) -> list[str]:
        """In the default order (seed 000's): the plan chooses which steps it uses."""
        chosen = set(self.cleaned_data.get("steps") or ())
        return [code for code, _label in STEP_CHOICES if code in chosen]


class PlanCreateForm(PlanForm):
    issuer = forms.ModelChoiceField(
        label=_("Đơn vị ban hành"), queryset=OrgUnit.objects.none(), empty_label=None
    )

    class Meta(PlanForm.Meta):
        fields = ["issuer", *PlanForm.Meta.fields]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units if units is not None else OrgUnit.objects.none()
        self.order_fields(["issuer"])
        # Place and signature default from the issuing unit in the service.
        for name in ("place", "signing_body", "signer_title"):
            self.fields[name].required = False


class CascadeForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị của tôi"), queryset=OrgUnit.objects.none(), empty_label=None
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()


class _InheritedLockMixin:
    """Disable the fields an inherited item cannot change (the service enforces it too)."""

    editable_when_inherited: frozenset = frozenset()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.inherited_from_id:
            for name, field in self.fields.items():
                if name not in self.editable_when_inherited:
                    field.disabled = True


class CriterionForm(_InheritedLockMixin, forms.ModelForm):
    editable_when_inherited = CRITERION_INHERITED_EDITABLE

    class Meta:
        model = Criterion
        fields = ["text", "kind", "max_points", "required", "target", "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("kind") == Criterion.Kind.POINTS and not data.get("max_points"):
            self.add_error("max_points", _("Tiêu chuẩn chấm điểm cần điểm tối đa lớn hơn 0."))
        return data


class TitleForm(_InheritedLockMixin, forms.ModelForm):
    editable_when_inherited = TITLE_INHERITED_EDITABLE

    class Meta:
        model = Title
        fields = [
            "name",
            "level",
            "target",
            "quota_count",
            "quota_share",
            "min_points",
            "criterion_floor_share",
            "prerequisite",
            "requires_registration",
            "rating_level",
            "vote_quorum",
            "vote_base",
            "vote_threshold",
            "vote_strict",
            "secret_ballot",
            "valid_from",
            "valid_to",
            "order",
        ]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}
        field_classes = {"valid_from": SaneDateField, "valid_to": SaneDateField}
        help_texts = {
            "vote_quorum": _("Ví dụ 0,6667 cho 2/3 số thành viên."),
            "vote_threshold": _("Ví dụ 0,7 cho 70%."),
        }

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        plan = plan or self.instance.plan
        others = plan.titles.all()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["prerequisite"].queryset = others
        self.fields["rating_level"].queryset = RatingLevel.objects.filter(scheme__plan=plan)


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["kind", "label", "starts_at", "ends_at", "place"]
        widgets = {"starts_at": DateTimeLocalInput(), "ends_at": DateTimeLocalInput()}
        field_classes = {"starts_at": SaneDateTimeField, "ends_at": SaneDateTimeField}
        help_texts = {
            "starts_at": _("Giờ Việt Nam."),
            "ends_at": _("Giờ Việt Nam. Với hạn chót, đây là thời điểm hết nhận (ví dụ 11:30)."),
        }

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at < starts_at:
            self.add_error("ends_at", _("Thời điểm kết thúc phải sau hoặc đúng thời điểm bắt đầu."))
        return data


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["order", "text", "presenter"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Để trống: thêm vào cuối.")


class SectionForm(forms.ModelForm):
    class Meta:
        model = PlanSection
        fields = ["order", "heading", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Để trống: thêm vào cuối.")


class PhaseForm(forms.ModelForm):
    class Meta:
        model = PlanPhase
        fields = ["name", "starts_on", "ends_on", "description"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"starts_on": SaneDateField, "ends_on": SaneDateField}
