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
    counters = forms.ModelMultipleChoiceField(
        label=_("Ban kiểm phiếu (2 hoặc 3 ủy viên BCH)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bắt buộc với bỏ phiếu kín; có thể chọn sau, trước khi mở đợt."),
    )

    def __init__(self, *args, nominations, counters=None, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations
        if counters is None:
            del self.fields["counters"]
        else:
            self.fields["counters"].queryset = counters
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
    """A paper ballot: the elector, the choices read from the paper, and a second member
    of the counting committee who read the same paper and confirms with their password."""

    def __init__(self, *args, voters, confirmers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voter"] = forms.ModelChoiceField(
            label=_("Người bỏ phiếu giấy"), queryset=voters
        )
        self.fields["confirmed_by"] = forms.ModelChoiceField(
            label=_("Thành viên ban kiểm phiếu xác nhận"), queryset=confirmers
        )
        self.fields["confirm_password"] = forms.CharField(
            label=_("Mật khẩu của người xác nhận"),
            widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
            help_text=_("Người xác nhận đọc lại phiếu giấy và tự nhập mật khẩu của mình."),
        )
        self.order_fields(["voter"])


class CommitteeForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Ban kiểm phiếu (2 hoặc 3 người)"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = candidates


class ShareCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã khóa kiểm phiếu của bạn"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "font-monospace"}),
    )


class PaperVoterForm(forms.Form):
    voter = forms.ModelChoiceField(label=_("Người có mặt không dùng điện thoại"), queryset=None)

    def __init__(self, *args, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voter"].queryset = voters


class CloseRoundForm(forms.Form):
    present_count = forms.IntegerField(
        label=_("Số người có mặt"),
        required=False,
        min_value=0,
        help_text=_("Để trống nếu tính theo số người đã tự bỏ phiếu."),
    )
    reason = forms.CharField(
        label=_("Lý do kết thúc sớm"),
        required=False,
        max_length=250,
        help_text=_("Chỉ khi kết thúc trước giờ đóng mà còn người chưa bỏ phiếu."),
    )


class PaperVotersForm(forms.Form):
    """Before the opening: who votes on paper (and so not on the phone)."""

    paper_voters = forms.ModelMultipleChoiceField(
        label=_("Người bỏ phiếu giấy"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Người không dùng điện thoại: ban kiểm phiếu nhập phiếu giấy của họ."),
    )

    def __init__(self, *args, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paper_voters"].queryset = voters
