"""The cluster pages' forms (W13)."""

from django import forms
from django.utils.translation import gettext as _


class ClusterMembersForm(forms.Form):
    """The units of a cluster, chosen among the unions offered (``candidate_units``): an
    id that was not offered — a closed union, another federation's, a crafted one — is
    refused with one message that names none of them."""

    unit = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, cluster, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = {u.pk: u for u in candidates}
        field = self.fields["unit"]
        field.choices = [(u.pk, u.name) for u in candidates]
        # Django fills in %(value)s; the federation's name is put in first, escaped.
        field.error_messages["invalid_choice"] = _(
            "Chỉ chọn các công đoàn cơ sở đang hoạt động của %(fed)s có trong danh sách."
        ) % {"fed": cluster.federation.name.replace("%", "%%")}

    @property
    def units(self) -> list:
        return [self.offered[pk] for pk in self.cleaned_data["unit"]]
