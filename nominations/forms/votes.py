"""Input validation for vote rounds and ballots. Forms never save; views call services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.forms.common import LocalDateTimeInput
from nominations.models import VoteRound
from nominations.models.votes import Choice
from portal.forms.fields import SaneDateTimeField


class VoteRoundForm(forms.Form):
    name = forms.CharField(label=_("Tên đợt biểu quyết"), max_length=200)
    nominations = forms.ModelMultipleChoiceField(
        label=_("Người được đề nghị"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    electorate = forms.ChoiceField(label=_("Người bỏ phiếu"), choices=VoteRound.Electorate.choices)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=VoteRound.Mode.choices)
    choice_mode = forms.ChoiceField(label=_("Cách chọn"), choices=VoteRound.ChoiceMode.choices)
    max_choices = forms.IntegerField(
        label=_("Chọn tối đa (K)"),
        required=False,
        min_value=1,
        help_text=_("Khi chọn tối đa K người."),
    )
    opens_at = SaneDateTimeField(label=_("Mở lúc"), widget=LocalDateTimeInput())
    closes_at = SaneDateTimeField(label=_("Đóng lúc"), widget=LocalDateTimeInput())

    def __init__(self, *args, nominations, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations
        if plan is not None:
            self.fields["opens_at"].around_year = plan.year
            self.fields["closes_at"].around_year = plan.year
        self.fields["nominations"].label_from_instance = lambda n: (
            f"{n.nominee_name} — {n.title.name}"
        )


class BallotForm(forms.Form):
    """The ballot: one radio group per nominee, or up to K check boxes."""

    def __init__(self, *args, round: VoteRound, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.nominations = list(nominations)
        if round.choice_mode == VoteRound.ChoiceMode.CHOOSE_UP_TO:
            self.fields["chosen"] = forms.MultipleChoiceField(
                label=_("Chọn tối đa %(k)s người") % {"k": round.max_choices},
                choices=[(str(n.pk), n.nominee_name) for n in self.nominations],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        else:
            for n in self.nominations:
                self.fields[f"n{n.pk}"] = forms.ChoiceField(
                    label=f"{n.nominee_name} — {n.title.name}",
                    choices=Choice.choices,
                    widget=forms.RadioSelect,
                    required=False,
                )

    def choices(self):
        """What the voter chose, in the form the services take."""
        if self.round.choice_mode == VoteRound.ChoiceMode.CHOOSE_UP_TO:
            return self.cleaned_data["chosen"]
        return {str(n.pk): self.cleaned_data.get(f"n{n.pk}") for n in self.nominations}

    def rows(self):
        """(nomination, bound field) pairs for the template."""
        return [(n, self[f"n{n.pk}"]) for n in self.nominations if f"n{n.pk}" in self.fields]


class WrittenBallotForm(BallotForm):
    def __init__(self, *args, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voter"] = forms.ModelChoiceField(
            label=_("Người vắng mặt gửi phiếu bằng văn bản"), queryset=voters
        )
        self.order_fields(["voter"])


class CloseRoundForm(forms.Form):
    present_count = forms.IntegerField(
        label=_("Số người có mặt"),
        required=False,
        min_value=0,
        help_text=_("Để trống nếu tính theo số người đã tự bỏ phiếu."),
    )
