"""The order of a campaign's steps (issue 11): one pure rule every service asks.

Seed 000 (Kế hoạch 01/KH-CĐCS) gives the default order: the self-report deadline, the
BCH's review finalised, the opinions of the chi bộ and the school board, the collective
vote, the list, its publication with an objection window, sending up. A plan states its
own order in ``Plan.steps``; a step it leaves out is not used and is not waited for.

Each action belongs to a step. It is refused while the plan is not running (draft or
closed), while a step before its own, in the plan's order, is not done — the refusal names
the first missing one — and, for the steps that meet at a time, before their milestone
opens. Finalising the review is also refused once a later step has been taken.

Pure: the facts come from ``nominations.selectors.steps.step_facts``; the clock is an
argument.
"""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models.plans import STEP_ORDER
from portal.vietnamese import format_deadline


class Step(StrEnum):
    SELF_REPORT = "self_report"
    REVIEW = "review"
    CONSULTATION = "consultation"
    VOTE = "vote"
    LIST = "list"
    PUBLICATION = "publication"
    SENDING_UP = "sending_up"


assert tuple(Step) == STEP_ORDER  # noqa: S101 (the model's default is this order)

LABELS = {
    Step.SELF_REPORT: gettext_lazy("hết hạn tự báo cáo (kể cả các hạn đã gia hạn)"),
    Step.REVIEW: gettext_lazy("BCH chốt kết quả bình xét"),
    Step.CONSULTATION: gettext_lazy("ý kiến của chi bộ và Ban Giám hiệu về người được đề nghị"),
    Step.VOTE: gettext_lazy("lấy ý kiến tập thể (biểu quyết) đã kiểm phiếu"),
    Step.LIST: gettext_lazy("chốt danh sách đề nghị"),
    Step.PUBLICATION: gettext_lazy("công khai danh sách, hết hạn góp ý, trả lời mọi góp ý"),
    Step.SENDING_UP: gettext_lazy("gửi hồ sơ lên cấp trên"),
}


class Action(StrEnum):
    """What a service does, named for the refusal."""

    FINALISE_REVIEW = "review.finalise"
    PROPOSE = "nomination.propose"
    OPINION = "opinion.give"
    CREATE_ROUND = "vote_round.create"
    OPEN_ROUND = "vote_round.open"
    FINALISE_LIST = "list.finalise"
    PUBLISH_LIST = "list.publish"
    PREPARE_DOSSIER = "dossier.prepare"
    FORWARD_DOSSIER = "dossier.forward"


# The step each action takes (or, for proposals and opinions, works inside).
ACTION_STEP = {
    Action.FINALISE_REVIEW: Step.REVIEW,
    Action.PROPOSE: Step.CONSULTATION,
    Action.OPINION: Step.CONSULTATION,
    Action.CREATE_ROUND: Step.VOTE,
    Action.OPEN_ROUND: Step.VOTE,
    Action.FINALISE_LIST: Step.LIST,
    Action.PUBLISH_LIST: Step.PUBLICATION,
    Action.PREPARE_DOSSIER: Step.SENDING_UP,
    Action.FORWARD_DOSSIER: Step.SENDING_UP,
}
# Actions that wait for their step's milestone to open (the meeting or the vote itself).
TIMED = {Action.FINALISE_REVIEW: "review", Action.OPEN_ROUND: "vote"}


@dataclass(frozen=True)
class Facts:
    """Where one plan stands, read from the database by the selector."""

    plan_status: str = "published"  # Plan.Status value
    steps: tuple[str, ...] = STEP_ORDER
    # The last moment a self-report can still arrive (deadline or latest granted
    # extension); None when the plan has no self-report window.
    reports_until: datetime | None = None
    review_finalised_at: datetime | None = None
    review_starts_at: datetime | None = None  # the BCH meeting's milestone
    vote_starts_at: datetime | None = None  # the collective vote's milestone
    nominations: int = 0  # nominations still in the running (not withdrawn)
    without_opinion: tuple[str, ...] = ()  # nominees lacking the chi bộ's or BGH's opinion
    rounds_counted: int = 0
    rounds_pending: int = 0  # draft or open rounds
    list_finalised: bool = False
    list_published: bool = False
    feedback_ends_at: datetime | None = None
    objections_waiting: int = 0
    forwarded: int = 0


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""
    missing: Step | None = None

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Verdict(True)


def used(facts: Facts) -> list[Step]:
    return [Step(code) for code in facts.steps if code in Step.__members__.values()]


def _done_reason(step: Step, facts: Facts, now: datetime) -> str | None:
    """None when `step` is done; otherwise what is still missing, in a few words."""
    if step is Step.SELF_REPORT:
        if facts.reports_until is not None and now < facts.reports_until:
            return _("còn nhận báo cáo đến %(at)s") % {"at": format_deadline(facts.reports_until)}
        return None
    if step is Step.REVIEW:
        return None if facts.review_finalised_at else _("chưa chốt")
    if step is Step.CONSULTATION:
        if not facts.nominations:
            return _("chưa có ai được đề nghị")
        if facts.without_opinion:
            return _("chưa đủ ý kiến về %(names)s") % {"names": ", ".join(facts.without_opinion)}
        return None
    if step is Step.VOTE:
        if facts.rounds_pending:
            return _("còn %(n)s đợt biểu quyết chưa kiểm phiếu") % {"n": facts.rounds_pending}
        return None if facts.rounds_counted else _("chưa có đợt biểu quyết nào được kiểm phiếu")
    if step is Step.LIST:
        return None if facts.list_finalised else _("chưa chốt")
    if step is Step.PUBLICATION:
        if not facts.list_published:
            return _("danh sách chưa được công khai")
        if facts.feedback_ends_at is not None and now < facts.feedback_ends_at:
            return _("còn nhận góp ý đến %(at)s") % {"at": format_deadline(facts.feedback_ends_at)}
        if facts.objections_waiting:
            return _("còn %(n)s góp ý chưa trả lời") % {"n": facts.objections_waiting}
        return None
    return None if facts.forwarded else _("chưa gửi")


def is_done(step: Step, facts: Facts, now: datetime) -> bool:
    return _done_reason(step, facts, now) is None


def _started(step: Step, facts: Facts) -> bool:
    """Whether a step after the review has been taken (so the review is past changing)."""
    return {
        Step.CONSULTATION: facts.nominations > 0,
        Step.VOTE: facts.rounds_counted + facts.rounds_pending > 0,
        Step.LIST: facts.list_finalised,
        Step.PUBLICATION: facts.list_published,
        Step.SENDING_UP: facts.forwarded > 0,
    }.get(step, False)


def check(action: Action | str, facts: Facts, now: datetime) -> Verdict:
    """May `action` be taken now? The reason names the first missing step."""
    action = Action(action)
    if facts.plan_status == "closed":
        return Verdict(False, _("Kế hoạch đã kết thúc: chỉ xem, không thay đổi được nữa."))
    if facts.plan_status != "published":
        return Verdict(False, _("Kế hoạch chưa ban hành."))
    step = ACTION_STEP[action]
    order = used(facts)
    before = order[: order.index(step)] if step in order else []
    for previous in before:
        missing = _done_reason(previous, facts, now)
        if missing is not None:
            return Verdict(
                False,
                _("Chưa thể %(what)s: phải xong bước trước “%(step)s” (%(missing)s).")
                % {"what": ACTION_NAMES[action], "step": LABELS[previous], "missing": missing},
                previous,
            )
    if action is Action.FINALISE_REVIEW:
        later = order[order.index(step) + 1 :] if step in order else []
        taken = [s for s in later if _started(s, facts)]
        if taken:
            return Verdict(
                False,
                _("Không chốt lại kết quả bình xét được: đã có bước sau “%(step)s”.")
                % {"step": LABELS[taken[-1]]},
            )
    milestone = TIMED.get(action)
    starts = {"review": facts.review_starts_at, "vote": facts.vote_starts_at}.get(milestone)
    if starts is not None and now < starts:
        return Verdict(
            False,
            _("Chưa thể %(what)s: theo kế hoạch, việc này bắt đầu từ %(at)s.")
            % {"what": ACTION_NAMES[action], "at": format_deadline(starts)},
            step,
        )
    return ALLOWED


ACTION_NAMES = {
    Action.FINALISE_REVIEW: gettext_lazy("chốt kết quả bình xét"),
    Action.PROPOSE: gettext_lazy("đề xuất người được đề nghị"),
    Action.OPINION: gettext_lazy("cho ý kiến về người được đề nghị"),
    Action.CREATE_ROUND: gettext_lazy("tạo đợt biểu quyết"),
    Action.OPEN_ROUND: gettext_lazy("mở đợt biểu quyết"),
    Action.FINALISE_LIST: gettext_lazy("chốt danh sách đề nghị"),
    Action.PUBLISH_LIST: gettext_lazy("công khai danh sách"),
    Action.PREPARE_DOSSIER: gettext_lazy("lập hồ sơ đề nghị"),
    Action.FORWARD_DOSSIER: gettext_lazy("gửi hồ sơ lên cấp trên"),
}


@dataclass(frozen=True)
class StepRow:
    """One step of the plan, for the plan's progress line."""

    step: Step
    label: str
    done: bool
    missing: str = ""
    extra: dict = field(default_factory=dict)


def progress(facts: Facts, now: datetime) -> list[StepRow]:
    rows = []
    for step in used(facts):
        missing = _done_reason(step, facts, now)
        rows.append(StepRow(step, str(LABELS[step]), missing is None, missing or ""))
    return rows
