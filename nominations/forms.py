"""Input validation for nominations/ pages. Forms never save; views call services."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.models import DossierAttachment, Exclusion, Opinion, VoteRound
from nominations.models.votes import Choice
from portal.vietnamese import format_number


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


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
    opens_at = forms.DateTimeField(label=_("Mở lúc"), widget=LocalDateTimeInput())
    closes_at = forms.DateTimeField(label=_("Đóng lúc"), widget=LocalDateTimeInput())

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations
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


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class NominationForm(forms.Form):
    title = forms.ModelChoiceField(label=_("Danh hiệu"), queryset=None)
    nominee = forms.ModelChoiceField(label=_("Cá nhân"), queryset=None, required=False)
    collective = forms.ModelChoiceField(label=_("Tập thể"), queryset=None, required=False)
    achievements = forms.CharField(
        label=_("Thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, titles, members, collectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].queryset = titles
        self.fields["nominee"].queryset = members
        self.fields["collective"].queryset = collectives

    def clean(self):
        data = super().clean()
        if bool(data.get("nominee")) == bool(data.get("collective")):
            raise forms.ValidationError(_("Chọn một cá nhân hoặc một tập thể, không chọn cả hai."))
        return data


class OpinionForm(forms.Form):
    body = forms.ChoiceField(label=_("Cơ quan cho ý kiến"))
    agree = forms.TypedChoiceField(
        label=_("Ý kiến"),
        choices=[("1", _("Đồng ý")), ("0", _("Không đồng ý"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Opinion.Body.choices)
        self.fields["body"].choices = [(b, labels[b]) for b in bodies]
        if len(bodies) == 1:
            self.fields["body"].initial = bodies[0]
            self.fields["body"].widget = forms.HiddenInput()


@dataclass(frozen=True)
class _SelfScore:
    met: bool | None
    points: Decimal | None
    comment: str = ""


def _from_self_answer(criterion, answer: dict | None):
    """The member's own answer as a starting score, or None."""
    if not answer:
        return None
    if criterion.kind == "met":
        return None if answer.get("met") is None else _SelfScore(answer["met"], None)
    points = answer.get("points")
    return None if points in (None, "") else _SelfScore(None, Decimal(str(points)))


class ScoreForm(forms.Form):
    """One reviewer's scores on one report: met / not met or points, and a comment, per
    criterion."""

    def __init__(self, *args, criteria, initial_scores=None, self_answers=None, **kwargs):
        """`self_answers`: the member's own answers ({criterion id: snapshot answer}); a
        criterion the reviewer has not scored yet starts from them ("đồng ý với tự đánh
        giá"), so agreeing with a report is one pass."""
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.self_answers = self_answers or {}
        initial_scores = initial_scores or {}
        for c in criteria:
            score = initial_scores.get(c.pk) or _from_self_answer(c, self.self_answers.get(c.pk))
            if c.kind == "met":
                self.fields[f"c{c.pk}"] = forms.TypedChoiceField(
                    label=c.text,
                    choices=[("1", _("Đạt")), ("0", _("Không đạt"))],
                    coerce=lambda v: v == "1",
                    empty_value=None,
                    widget=forms.RadioSelect,
                    required=False,
                    initial=None
                    if score is None or score.met is None
                    else ("1" if score.met else "0"),
                )
            else:
                # Text, not DecimalField: people type "7,5"; the service parses and
                # checks the range with a message naming the criterion.
                self.fields[f"c{c.pk}"] = forms.CharField(
                    label=_("%(text)s (tối đa %(max)s điểm)")
                    % {"text": c.text, "max": format_number(c.max_points)},
                    required=False,
                    max_length=10,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                    initial=format_number(score.points)
                    if score and score.points is not None
                    else "",
                )
            self.fields[f"comment{c.pk}"] = forms.CharField(
                label=_("Nhận xét"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )

    def rows_with_answers(self):
        """(criterion, score field, comment field, the member's own answer or None,
        whether the member declared a required criterion not met)."""
        for c in self.criteria:
            answer = self.self_answers.get(c.pk)
            declared_not_met = bool(
                c.required and c.kind == "met" and answer and answer.get("met") is False
            )
            yield c, self[f"c{c.pk}"], self[f"comment{c.pk}"], answer, declared_not_met

    def scores(self) -> dict:
        data = self.cleaned_data
        result = {}
        for c in self.criteria:
            value = data.get(f"c{c.pk}")
            key = "met" if c.kind == "met" else "points"
            result[c.pk] = {key: value, "comment": data.get(f"comment{c.pk}", "")}
        return result

    def rows(self):
        return [(c, self[f"c{c.pk}"], self[f"comment{c.pk}"]) for c in self.criteria]


class ExclusionForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Đoàn viên"), queryset=None)
    kind = forms.ChoiceField(label=_("Trường hợp"), choices=Exclusion.Kind.choices)
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class PublishForm(forms.Form):
    feedback_ends_at = forms.DateTimeField(
        label=_("Nhận góp ý đến"),
        widget=LocalDateTimeInput(),
        help_text=_("Giờ Việt Nam; thường là 5 ngày sau khi công khai."),
    )


class ObjectionForm(forms.Form):
    entry = forms.ModelChoiceField(
        label=_("Về người và danh hiệu"),
        queryset=None,
        required=False,
        empty_label=_("Cả danh sách"),
    )
    text = forms.CharField(label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
        # One line per nominee and title: "Trịnh Thị Kim Yến — Lao động tiên tiến".
        self.fields["entry"].label_from_instance = lambda e: (
            f"{e.nomination.nominee_name} — {e.nomination.title.name}"
        )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DossierAttachment.Kind.choices)
    file = forms.FileField(label=_("Tệp (PDF, JPEG, PNG, DOCX)"))


class CollectiveConditionForm(forms.Form):
    title = forms.ModelChoiceField(label=_("Danh hiệu tập thể"), queryset=None)
    member_title = forms.ModelChoiceField(
        label=_("Danh hiệu cá nhân của thành viên"), queryset=None
    )
    min_percent = forms.DecimalField(
        label=_("Tỷ lệ tối thiểu (%)"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    strict = forms.BooleanField(label=_("Phải vượt tỷ lệ (>)"), required=False)
    min_count = forms.IntegerField(label=_("Số người tối thiểu"), required=False, min_value=1)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].queryset = plan.titles.filter(target="collective")
        self.fields["member_title"].queryset = plan.titles.filter(target="individual")

    def min_share(self):
        value = self.cleaned_data.get("min_percent")
        return None if value is None else value / 100
