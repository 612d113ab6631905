"""Forms for meetings, materials and minutes. They validate input; services write."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import ThematicMeeting
from campaigns.services.meetings import Attendance, Speech
from portal.forms.fields import SaneDateTimeField

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(SaneDateTimeField):
    """A datetime-local input read in the portal's time zone, near this year."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT)

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [LOCAL_FORMAT, "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


def _members_queryset(members):
    from portal.models import User

    return User.objects.filter(pk__in=[m.pk for m in members]).order_by("sort_name", "id")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại buổi sinh hoạt"),
        choices=ThematicMeeting.Kind.choices,
        initial=ThematicMeeting.Kind.THEMATIC,
        help_text=_("Sinh hoạt chuyên đề tính riêng, không thay cho sinh hoạt thường kỳ."),
    )
    topic = forms.CharField(label=_("Chuyên đề / nội dung"), max_length=500)
    planned_at = LocalDateTimeField(label=_("Thời gian dự kiến"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    preparer = MemberChoiceField(
        label=_("Người chuẩn bị"), queryset=None, required=False, empty_label=_("— Chọn —")
    )
    preparer_name = forms.CharField(
        label=_("Hoặc ghi tên người chuẩn bị"), max_length=150, required=False
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preparer"].queryset = _members_queryset(members)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if not data.get("preparer") and not (data.get("preparer_name") or "").strip():
            raise forms.ValidationError(_("Chọn hoặc ghi tên người chuẩn bị nội dung."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class MaterialsForm(forms.Form):
    files = MultipleFileField(
        label=_("Tệp tài liệu"),
        help_text=_("PDF, DOCX, JPEG hoặc PNG; chọn được nhiều tệp."),
    )
    description = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MinutesForm(forms.Form):
    """The minutes with one present/absent pair of fields per party member of the cell."""

    started_at = LocalDateTimeField(label=_("Bắt đầu lúc"))
    ended_at = LocalDateTimeField(label=_("Kết thúc lúc"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200)
    chair = MemberChoiceField(label=_("Chủ trì"), queryset=None)
    secretary = MemberChoiceField(label=_("Thư ký"), queryset=None)
    agenda = forms.CharField(
        label=_("Nội dung, chương trình"), widget=forms.Textarea(attrs={"rows": 4})
    )
    conclusions = forms.CharField(
        label=_("Kết luận của chủ trì"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    resolutions = forms.CharField(
        label=_("Nghị quyết, nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        queryset = _members_queryset(self.members)
        self.fields["chair"].queryset = queryset
        self.fields["secretary"].queryset = queryset
        for member in self.members:
            self.fields[f"present_{member.pk}"] = forms.BooleanField(
                label=str(member), required=False, initial=True
            )
            self.fields[f"reason_{member.pk}"] = forms.CharField(
                label=_("Lý do vắng"), max_length=300, required=False
            )

    def attendance_rows(self):
        """(member, present field, reason field) for the template."""
        return [(m, self[f"present_{m.pk}"], self[f"reason_{m.pk}"]) for m in self.members]

    def clean(self):
        data = super().clean()
        start, end = data.get("started_at"), data.get("ended_at")
        if start and end and end < start:
            self.add_error("ended_at", _("Giờ kết thúc phải sau giờ bắt đầu."))
        for member in self.members:
            if (
                not data.get(f"present_{member.pk}")
                and not (data.get(f"reason_{member.pk}") or "").strip()
            ):
                self.add_error(
                    f"reason_{member.pk}",
                    _("Ghi lý do vắng mặt của đồng chí %(name)s.") % {"name": member},
                )
        return data

    def attendance(self) -> list[Attendance]:
        return [
            Attendance(
                user=m,
                present=bool(self.cleaned_data.get(f"present_{m.pk}")),
                reason=self.cleaned_data.get(f"reason_{m.pk}") or "",
            )
            for m in self.members
        ]

    def minutes_fields(self) -> dict:
        keys = ("started_at", "ended_at", "place", "chair", "secretary", "agenda")
        fields = {k: self.cleaned_data[k] for k in keys}
        fields["conclusions"] = self.cleaned_data.get("conclusions") or ""
        fields["resolutions"] = self.cleaned_data.get("resolutions") or ""
        return fields


class SpeakerForm(forms.Form):
    speaker = MemberChoiceField(
        label=_("Người phát biểu"), queryset=None, required=False, empty_label=_("— Chọn —")
    )
    speaker_name = forms.CharField(label=_("hoặc ghi tên"), max_length=150, required=False)
    opinion = forms.CharField(
        label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = _members_queryset(members)

    def clean(self):
        data = super().clean()
        who = data.get("speaker") or (data.get("speaker_name") or "").strip()
        if (data.get("opinion") or "").strip() and not who:
            raise forms.ValidationError(_("Ghi người phát biểu cho ý kiến này."))
        if who and not (data.get("opinion") or "").strip():
            raise forms.ValidationError(_("Ghi nội dung ý kiến của người phát biểu."))
        return data


class BaseSpeakerFormSet(forms.BaseFormSet):
    def speeches(self) -> list[Speech]:
        return [
            Speech(
                opinion=f.cleaned_data["opinion"],
                speaker=f.cleaned_data.get("speaker"),
                speaker_name=f.cleaned_data.get("speaker_name") or "",
            )
            for f in self.forms
            if f.cleaned_data and (f.cleaned_data.get("opinion") or "").strip()
        ]


SpeakerFormSet = forms.formset_factory(SpeakerForm, formset=BaseSpeakerFormSet, extra=3)


class CorrectionForm(forms.Form):
    reason = forms.CharField(label=_("Lý do đính chính"), max_length=500)
