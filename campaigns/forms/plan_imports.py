"""The two steps of the import: the document (a file or pasted text), then the review of
the fields found, which the chair corrects before the plan is created."""

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Milestone, Plan, Target
from campaigns.plan_imports.diacritics import fold
from campaigns.plan_imports.readers import EXTENSIONS, MAX_BYTES
from portal.models import OrgUnit

CRITERION_PREFIX = {Target.INDIVIDUAL: "Cá nhân", Target.COLLECTIVE: "Tập thể"}
_ROMAN_HEADING = re.compile(r"^\s*[IVX]{1,4}\s*[./)]")


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp kế hoạch"),
        required=False,
        help_text=_("Tệp .docx, .pdf có lớp chữ hoặc .txt, tối đa 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.doc"}),
    )
    text = forms.CharField(
        label=_("Hoặc dán nội dung văn bản"),
        required=False,
        max_length=300_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB, không nhập được."))
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(
                _("Chỉ nhận tệp .docx, .pdf có lớp chữ hoặc .txt (hoặc dán nội dung văn bản).")
            )
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Chọn một tệp hoặc dán nội dung văn bản."))
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError(_("Chọn một tệp hoặc dán văn bản, không cả hai."))
        return data


def _parse_when(text: str, *, end: bool) -> dt.datetime:
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?\s*", text)
    if not m:
        raise ValueError(text)
    day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m.group(4):
        time = dt.time(int(m.group(4)), int(m.group(5)))
    else:
        time = dt.time(23, 59) if end else dt.time(0, 0)
    return timezone.make_aware(dt.datetime.combine(day, time), timezone.get_default_timezone())


def format_when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return local.strftime("%d/%m/%Y %H:%M")


def milestone_kind(label: str) -> str | None:
    key = fold(label.strip())
    for value, name in Milestone.Kind.choices:
        if key in (fold(value), fold(str(name))):
            return value
    return None


def _target_line(line: str) -> tuple[str, str]:
    m = re.match(r"\s*(Cá nhân|Tập thể)\s*:\s*(.+)$", line, re.I)
    if m:
        target = Target.COLLECTIVE if fold(m.group(1)) == "tap the" else Target.INDIVIDUAL
        return m.group(2).strip(), target
    return line.strip(), Target.INDIVIDUAL


class ReviewForm(forms.Form):
    """The fields found, as the chair corrects them. List fields are one item a line."""

    source = forms.CharField(widget=forms.HiddenInput, required=False)
    restorations = forms.CharField(widget=forms.HiddenInput, required=False)
    issuer = forms.ModelChoiceField(label=_("Đơn vị ban hành"), queryset=OrgUnit.objects.none())
    parent = forms.ModelChoiceField(
        label=_("Thực hiện kế hoạch"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_("Kế hoạch cấp trên đã có trên cổng; để trống nếu không có."),
    )
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    kind = forms.ChoiceField(label=_("Loại kế hoạch"), choices=Plan.Kind.choices)
    issued_on = forms.DateField(label=_("Ngày ban hành"), required=False)
    place = forms.CharField(label=_("Địa danh"), max_length=80, required=False)
    school_year = forms.CharField(label=_("Năm học"), max_length=20, required=False)
    external_reference = forms.CharField(
        label=_("Căn cứ (văn bản ngoài hệ thống)"), max_length=500, required=False
    )
    purpose = forms.CharField(
        label=_("Mục đích, yêu cầu"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    sections = forms.CharField(
        label=_("Các mục nội dung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mỗi mục bắt đầu bằng dòng tiêu đề số La Mã (I., II., …)."),
    )
    criteria = forms.CharField(
        label=_("Tiêu chuẩn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mỗi dòng một tiêu chuẩn, bắt đầu bằng “Cá nhân:” hoặc “Tập thể:”."),
    )
    titles = forms.CharField(
        label=_("Danh hiệu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một danh hiệu, có thể bắt đầu bằng “Cá nhân:” hoặc “Tập thể:”."),
    )
    milestones = forms.CharField(
        label=_("Mốc thời gian"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Mỗi dòng: loại mốc | từ (ngày/tháng/năm giờ:phút) | đến | địa điểm | nội dung. "
            "Loại mốc: %(kinds)s."
        )
        % {"kinds": "; ".join(str(label) for _v, label in Milestone.Kind.choices)},
    )
    recipients = forms.CharField(
        label=_("Nơi nhận"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    signing_mode = forms.ChoiceField(
        label=_("Hình thức ký"), choices=Plan.SigningMode.choices, required=False
    )
    signing_body = forms.CharField(label=_("Thay mặt"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)

    def __init__(self, *args, units=None, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units if units is not None else OrgUnit.objects.none()
        self.fields["parent"].queryset = parents if parents is not None else Plan.objects.none()

    def clean_recipients(self):
        return "\n".join(line.strip() for line in self.cleaned_data["recipients"].splitlines())

    def clean_purpose(self):
        return self.cleaned_data["purpose"].replace("\r\n", "\n").strip()

    def clean_criteria(self):
        lines = [line for line in self.cleaned_data["criteria"].splitlines() if line.strip()]
        return [_target_line(line) for line in lines]

    def clean_titles(self):
        lines = [line for line in self.cleaned_data["titles"].splitlines() if line.strip()]
        return [_target_line(line) for line in lines]

    def clean_sections(self):
        sections = []
        for line in self.cleaned_data["sections"].splitlines():
            if _ROMAN_HEADING.match(line) or not sections:
                sections.append([line.strip(), []])
            else:
                sections[-1][1].append(line.rstrip())
        return [(h, "\n".join(b).strip()) for h, b in sections if h]

    def clean_milestones(self):
        out, errors = [], []
        for number, line in enumerate(self.cleaned_data["milestones"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", "", "", ""]
            kind = milestone_kind(parts[0])
            try:
                starts = _parse_when(parts[1], end=False)
                ends = _parse_when(parts[2] or parts[1], end=not parts[2] or ":" not in parts[2])
            except (ValueError, TypeError):
                kind = kind and None
                starts = ends = None
            if kind is None or starts is None:
                errors.append(
                    _("Dòng %(n)s chưa đúng mẫu “loại mốc | từ | đến | địa điểm”.") % {"n": number}
                )
                continue
            out.append(
                {
                    "kind": kind,
                    "starts_at": starts,
                    "ends_at": ends,
                    "place": parts[3],
                    "label": parts[4],
                }
            )
        if errors:
            raise forms.ValidationError(errors)
        return out
