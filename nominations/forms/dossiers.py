"""Input validation for dossier attachments. Forms never save; views call services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.models import DossierAttachment


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DossierAttachment.Kind.choices)
    title = forms.CharField(
        label=_("Tên tài liệu"),
        max_length=255,
        required=False,
        help_text=_("In trên tờ trình, ví dụ “Báo cáo thành tích năm học 2022–2023”."),
    )
    file = forms.FileField(label=_("Tệp (PDF, JPEG, PNG, DOCX)"))
