"""Input validation for scoring and the review. Forms never save; views call services."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.models import Exclusion
from portal.vietnamese import format_number


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
