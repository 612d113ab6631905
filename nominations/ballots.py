"""Ballot codes and the validation of what a voter chose — no database, no clock."""

import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from nominations.models.votes import Choice

# No 0/O, 1/I/L: a code is read aloud and typed from a phone.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SMALL_ELECTORATE = 5


def new_code() -> str:
    """A random ballot code such as "K7Q-4MZ-9PX" (about 44 bits)."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(9))
    return f"{raw[:3]}-{raw[3:6]}-{raw[6:]}"


def normalise_choices(*, nomination_ids, choice_mode: str, max_choices, raw) -> dict[str, str]:
    """Turn what the voter sent into the stored form {"<nomination id>": choice}.

    Per nominee: `raw` maps ids to approve / disapprove / abstain; an unanswered nominee
    counts as an abstention. Choose up to K: `raw` is the chosen ids; the chosen are
    approved, the others not. Raises ValidationError (Vietnamese) on anything else.
    """
    ids = {str(i) for i in nomination_ids}
    if choice_mode == "choose_up_to":
        chosen = {str(i) for i in raw}
        if chosen - ids:
            raise ValidationError(_("Phiếu có người không nằm trong danh sách biểu quyết."))
        if len(chosen) > max_choices:
            raise ValidationError(
                _("Chỉ được chọn tối đa %(k)s người; phiếu đã chọn %(n)s người.")
                % {"k": max_choices, "n": len(chosen)}
            )
        return {i: (Choice.APPROVE if i in chosen else Choice.DISAPPROVE).value for i in ids}
    answers = {str(k): v for k, v in dict(raw).items() if v not in (None, "")}
    if set(answers) - ids:
        raise ValidationError(_("Phiếu có người không nằm trong danh sách biểu quyết."))
    if any(v not in Choice.values for v in answers.values()):
        raise ValidationError(_("Lựa chọn không hợp lệ trên phiếu."))
    return {i: answers.get(i, Choice.ABSTAIN.value) for i in ids}


def secrecy_warnings(*, electorate: int, counts=()) -> list[str]:
    """Why a secret ballot might not stay secret: a small electorate, or a unanimous
    result among three voters or fewer (everyone's choice is then known)."""
    warnings = []
    if 0 < electorate < SMALL_ELECTORATE:
        warnings.append(
            _(
                "Chỉ có %(n)s người bỏ phiếu: với dưới %(min)s người, kết quả có thể cho biết "
                "ai đã chọn gì."
            )
            % {"n": electorate, "min": SMALL_ELECTORATE}
        )
    for name, count in counts:
        if 0 < count.cast <= 3 and count.cast in (count.approve, count.disapprove, count.abstain):
            warnings.append(
                _("%(name)s: kết quả nhất trí với %(n)s phiếu làm lộ lựa chọn của từng người.")
                % {"name": name, "n": count.cast}
            )
    return warnings
