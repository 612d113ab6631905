"""Input validation for dossier attachments. Forms never save; views call services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.models import DossierAttachment


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DossierAttachment.Kind.choices)
    file = forms.FileField(label=_("Tệp (PDF, JPEG, PNG, DOCX)"))
