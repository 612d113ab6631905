"""The audit log in plain words: one sentence per action, from the entry's stored fields.

"Nguyễn Thị Ngọc Ánh nộp báo cáo tự đánh giá (lần 2) — Kế hoạch 01/KH-CĐCS-MNSH", with a
link to the object when the reader may see it (through the permission policy). An action
without a sentence here still reads as a sentence (GENERIC), never as a bare code;
tests/portal/test_audit_sentences.py checks every code the code base records has one.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.permissions import visible_to

# %(actor)s is the person (or "Hệ thống"); other names are the entry's data fields.
SENTENCES = {
    "account.activated": gettext_lazy("%(actor)s kích hoạt tài khoản"),
    "account.code_issued": gettext_lazy("%(actor)s cấp mã kích hoạt tài khoản"),
    "account.link_sent": gettext_lazy("%(actor)s gửi đường dẫn kích hoạt tài khoản"),
    "account.password_set": gettext_lazy("%(actor)s đặt mật khẩu mới"),
    "agenda.add": gettext_lazy("%(actor)s thêm một mục chương trình"),
    "agenda.update": gettext_lazy("%(actor)s sửa một mục chương trình"),
    "agenda.delete": gettext_lazy("%(actor)s xoá một mục chương trình"),
    "artifact.request": gettext_lazy("%(actor)s yêu cầu tạo tệp tổng hợp"),
    "awards.import": gettext_lazy("%(actor)s nhập danh sách khen thưởng các năm trước"),
    "cluster.create": gettext_lazy("%(actor)s lập cụm thi đua “%(name)s” năm %(year)s"),
    "cluster.assign": gettext_lazy("%(actor)s phân đơn vị vào cụm thi đua"),
    "cluster.leaders": gettext_lazy("%(actor)s phân công cụm trưởng %(head)s"),
    "cluster.pact": gettext_lazy("%(actor)s ban hành giao ước thi đua của cụm"),
    "cluster.pact_confirm": gettext_lazy("%(actor)s xác nhận giao ước thi đua cho %(member)s"),
    "cluster.score": gettext_lazy("%(actor)s gửi điểm chấm chéo trong cụm thi đua"),
    "cluster.meeting": gettext_lazy("%(actor)s ghi biên bản họp tổng kết cụm thi đua"),
    "cluster.propose": gettext_lazy("%(actor)s gửi đề nghị khen thưởng của cụm thi đua"),
    "condition.add": gettext_lazy("%(actor)s thêm điều kiện khen thưởng tập thể"),
    "condition.remove": gettext_lazy("%(actor)s bỏ điều kiện khen thưởng tập thể"),
    "criterion.add": gettext_lazy("%(actor)s thêm tiêu chuẩn"),
    "criterion.update": gettext_lazy("%(actor)s sửa tiêu chuẩn"),
    "criterion.delete": gettext_lazy("%(actor)s xoá tiêu chuẩn"),
    "decision.issue": gettext_lazy("%(actor)s ban hành quyết định khen thưởng %(symbol)s"),
    "decision.correct": gettext_lazy("%(actor)s ban hành quyết định sửa đổi %(symbol)s"),
    "demo.load": gettext_lazy("%(actor)s nạp dữ liệu mẫu"),
    "demo.load_district": gettext_lazy("%(actor)s nạp dữ liệu mẫu của quận"),
    "demo.load_city": gettext_lazy("%(actor)s nạp dữ liệu mẫu của thành phố"),
    "dossier.prepare": gettext_lazy("%(actor)s lập hồ sơ đề nghị khen thưởng"),
    "dossier.attach": gettext_lazy("%(actor)s bổ sung tài liệu vào hồ sơ đề nghị"),
    "dossier.forward": gettext_lazy("%(actor)s gửi hồ sơ đề nghị lên cấp trên"),
    "dossier.receive": gettext_lazy("%(actor)s tiếp nhận hồ sơ đề nghị"),
    "dossier.return": gettext_lazy("%(actor)s trả lại hồ sơ đề nghị"),
    "fund.allocate": gettext_lazy("%(actor)s trích lập quỹ thi đua, khen thưởng"),
    "guide.dismiss": gettext_lazy("%(actor)s ẩn hướng dẫn bắt đầu"),
    "guide.restore": gettext_lazy("%(actor)s hiện lại hướng dẫn bắt đầu"),
    "list.finalise": gettext_lazy("%(actor)s chốt danh sách đề nghị khen thưởng"),
    "list.publish": gettext_lazy("%(actor)s công khai danh sách đề nghị khen thưởng"),
    "list.objection": gettext_lazy("%(actor)s góp ý về danh sách đề nghị khen thưởng"),
    "list.objection_answer": gettext_lazy("%(actor)s trả lời góp ý về danh sách đề nghị"),
    "meeting.plan": gettext_lazy("%(actor)s lên kế hoạch buổi sinh hoạt chi bộ"),
    "meeting.update": gettext_lazy("%(actor)s sửa buổi sinh hoạt chi bộ"),
    "meeting.post_materials": gettext_lazy("%(actor)s đăng tài liệu sinh hoạt chi bộ"),
    "member.add": gettext_lazy("%(actor)s thêm thành viên vào đơn vị"),
    "member.edit": gettext_lazy("%(actor)s sửa thông tin thành viên"),
    "member.move": gettext_lazy("%(actor)s chuyển thành viên sang tổ khác"),
    "member.end": gettext_lazy("%(actor)s kết thúc sinh hoạt của thành viên"),
    "member.roles": gettext_lazy("%(actor)s thay đổi vai trò của thành viên"),
    "members.import": gettext_lazy("%(actor)s nhập danh sách đoàn viên"),
    "milestone.add": gettext_lazy("%(actor)s thêm mốc thời gian"),
    "milestone.update": gettext_lazy("%(actor)s sửa mốc thời gian"),
    "milestone.delete": gettext_lazy("%(actor)s xoá mốc thời gian"),
    "minutes.draft": gettext_lazy("%(actor)s soạn biên bản (bản %(version)s)"),
    "minutes.update": gettext_lazy("%(actor)s sửa biên bản (bản %(version)s)"),
    "minutes.confirm": gettext_lazy("%(actor)s xác nhận biên bản (bản %(version)s)"),
    "minutes.correct": gettext_lazy("%(actor)s đính chính biên bản (bản %(version)s)"),
    "nomination.propose": gettext_lazy("%(actor)s đề nghị khen thưởng"),
    "nomination.withdraw": gettext_lazy("%(actor)s rút đề nghị khen thưởng"),
    "opinion.give": gettext_lazy("%(actor)s cho ý kiến về đề nghị khen thưởng"),
    "opinion.change": gettext_lazy("%(actor)s sửa ý kiến về đề nghị khen thưởng"),
    "periodic_report.save": gettext_lazy("%(actor)s lưu báo cáo định kỳ"),
    "periodic_report.send": gettext_lazy("%(actor)s gửi báo cáo định kỳ"),
    "phase.add": gettext_lazy("%(actor)s thêm giai đoạn"),
    "phase.update": gettext_lazy("%(actor)s sửa giai đoạn"),
    "phase.delete": gettext_lazy("%(actor)s xoá giai đoạn"),
    "plan.cascade": gettext_lazy("%(actor)s triển khai kế hoạch của cấp trên"),
    "plan.close": gettext_lazy("%(actor)s kết thúc kế hoạch"),
    "plan.create": gettext_lazy("%(actor)s tạo kế hoạch"),
    "plan.import": gettext_lazy("%(actor)s nhập kế hoạch từ tệp"),
    "plan.publish": gettext_lazy("%(actor)s ban hành kế hoạch"),
    "plan.update": gettext_lazy("%(actor)s sửa kế hoạch"),
    "registration.register": gettext_lazy("%(actor)s đăng ký danh hiệu thi đua"),
    "registration.register_unit": gettext_lazy("%(actor)s đăng ký danh hiệu thi đua tập thể"),
    "registration.withdraw": gettext_lazy("%(actor)s rút đăng ký danh hiệu thi đua"),
    "review.exclusion": gettext_lazy("%(actor)s ghi một trường hợp không xét khen thưởng"),
    "review.finalise": gettext_lazy("%(actor)s chốt kết quả bình xét"),
    "review.score": gettext_lazy("%(actor)s chấm điểm báo cáo tự đánh giá"),
    "section.add": gettext_lazy("%(actor)s thêm mục nội dung"),
    "section.update": gettext_lazy("%(actor)s sửa mục nội dung"),
    "section.delete": gettext_lazy("%(actor)s xoá mục nội dung"),
    "selfreport.submitted": gettext_lazy("%(actor)s nộp báo cáo tự đánh giá (lần %(version)s)"),
    "selfreport.refused_early": gettext_lazy(
        "%(actor)s nộp báo cáo tự đánh giá khi chưa mở nhận (không được nhận)"
    ),
    "selfreport.refused_late": gettext_lazy(
        "%(actor)s nộp báo cáo tự đánh giá sau hạn (không được nhận)"
    ),
    "selfreport.evidence_added": gettext_lazy("%(actor)s thêm minh chứng “%(name)s”"),
    "selfreport.evidence_removed": gettext_lazy("%(actor)s xoá minh chứng “%(name)s”"),
    "selfreport.extension_requested": gettext_lazy("%(actor)s xin gia hạn nộp báo cáo"),
    "selfreport.extension_granted": gettext_lazy("%(actor)s cho gia hạn nộp báo cáo"),
    "selfreport.extension_refused": gettext_lazy("%(actor)s không cho gia hạn nộp báo cáo"),
    "selfreport.reminded": gettext_lazy("%(actor)s nhắc đoàn viên nộp báo cáo tự đánh giá"),
    "summary.save": gettext_lazy("%(actor)s lưu báo cáo sơ kết, tổng kết"),
    "title.add": gettext_lazy("%(actor)s thêm danh hiệu"),
    "title.update": gettext_lazy("%(actor)s sửa danh hiệu"),
    "title.delete": gettext_lazy("%(actor)s xoá danh hiệu"),
    "unit.create": gettext_lazy("%(actor)s tạo đơn vị “%(name)s”"),
    "unit.rename": gettext_lazy("%(actor)s đổi tên đơn vị “%(old)s” thành “%(new)s”"),
    "unit.move": gettext_lazy("%(actor)s chuyển đơn vị sang cấp trên khác"),
    "unit.close": gettext_lazy("%(actor)s giải thể đơn vị"),
    "unitassessment.scored": gettext_lazy("%(actor)s đánh giá tiêu chuẩn tập thể"),
    "vote.cast": gettext_lazy("%(actor)s bỏ phiếu biểu quyết"),
    "vote.written": gettext_lazy("%(actor)s ghi phiếu biểu quyết gửi bằng văn bản"),
    "vote_round.create": gettext_lazy("%(actor)s tạo đợt biểu quyết"),
    "vote_round.open": gettext_lazy("%(actor)s mở đợt biểu quyết"),
    "vote_round.close": gettext_lazy("%(actor)s kết thúc đợt biểu quyết"),
    "vote_round.cancel": gettext_lazy("%(actor)s huỷ đợt biểu quyết"),
    "rating.configured": gettext_lazy("%(actor)s thiết lập thang xếp loại đơn vị"),
    "rating.published": gettext_lazy("%(actor)s công bố kết quả xếp loại đơn vị"),
    "unitassessment.submitted": gettext_lazy(
        "%(actor)s nộp bản tự đánh giá của đơn vị (lần %(version)s)"
    ),
    "unitassessment.refused_late": gettext_lazy(
        "%(actor)s nộp bản tự đánh giá của đơn vị sau hạn chót (không được nhận)"
    ),
    "unitassessment.verified": gettext_lazy("%(actor)s chấm thẩm định bản tự đánh giá của đơn vị"),
    "unitassessment.finalised": gettext_lazy("%(actor)s chốt kết quả xếp loại của đơn vị"),
    "unitassessment.objected": gettext_lazy("%(actor)s gửi ý kiến về kết quả xếp loại của đơn vị"),
    "unitassessment.evidence_added": gettext_lazy(
        "%(actor)s thêm minh chứng “%(name)s” vào bản tự đánh giá của đơn vị"
    ),
    "unitassessment.extension_granted": gettext_lazy("%(actor)s gia hạn tự chấm cho đơn vị"),
    "unitassessment.objection_accepted": gettext_lazy(
        "%(actor)s chấp nhận ý kiến của đơn vị, điều chỉnh điểm và xếp loại"
    ),
    "unitassessment.objection_rejected": gettext_lazy(
        "%(actor)s không chấp nhận ý kiến của đơn vị về kết quả xếp loại"
    ),
    "unitassessment.evidence_removed": gettext_lazy(
        "%(actor)s xoá minh chứng “%(name)s” khỏi bản tự đánh giá của đơn vị"
    ),
    "vote.paper": gettext_lazy("%(actor)s ghi một phiếu giấy (có người thứ hai xác nhận)"),
    "vote.paper_mark": gettext_lazy("%(actor)s ghi nhận một đại biểu bỏ phiếu giấy"),
    "vote_round.committee": gettext_lazy("%(actor)s chọn ban kiểm phiếu"),
    "vote_round.key_share": gettext_lazy("%(actor)s nhận mã khóa của thành viên ban kiểm phiếu"),
    "vote_round.key_entered": gettext_lazy("%(actor)s nhập mã khóa để kiểm phiếu"),
    "vote_round.end_voting": gettext_lazy("%(actor)s kết thúc bỏ phiếu sớm"),
}
GENERIC = gettext_lazy("%(actor)s thực hiện một thao tác (%(action)s)")

# Where the reader sees each kind of object: (model label, URL name).
OBJECT_PAGES = {
    "campaigns.plan": ("campaigns.Plan", "campaigns:plan_detail"),
    "campaigns.selfreport": ("campaigns.SelfReport", "campaigns:selfreport_detail"),
    "campaigns.thematicmeeting": ("campaigns.ThematicMeeting", "campaigns:meeting_detail"),
    "campaigns.minutes": ("campaigns.Minutes", "campaigns:minutes_detail"),
    "nominations.nomination": ("nominations.Nomination", "nominations:nomination_detail"),
    "nominations.dossier": ("nominations.Dossier", "nominations:dossier_detail"),
    "nominations.voteround": ("nominations.VoteRound", "nominations:round_detail"),
    "nominations.decision": ("nominations.Decision", "nominations:decision_detail"),
    "reports.periodicreport": ("reports.PeriodicReport", "reports:periodic_detail"),
}


class _Fields(dict):
    """The entry's data for %-formatting: a field an old entry lacks reads as "…"."""

    def __missing__(self, key):
        return "…"


@dataclass(frozen=True)
class Line:
    entry: object
    sentence: str
    url: str


def _plan_pk(entry) -> int | None:
    if entry.object_type == "campaigns.plan":
        return _int(entry.object_id)
    return _int((entry.data or {}).get("plan"))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def describe(entries, user) -> list[Line]:
    """A sentence and a link (or "") for each entry, in order. Queries: one for the plans
    named, one per kind of linked object (what `user` may see), whatever the page size."""
    entries = list(entries)
    Plan = apps.get_model("campaigns", "Plan")
    plan_pks = {pk for pk in map(_plan_pk, entries) if pk}
    plans = (
        Plan.objects.select_related("issuer").in_bulk(plan_pks) if plan_pks else {}
    )  # the plan's number needs its issuer
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        if entry.object_type in OBJECT_PAGES and _int(entry.object_id):
            wanted.setdefault(entry.object_type, set()).add(int(entry.object_id))
    if plan_pks:
        wanted.setdefault("campaigns.plan", set()).update(plan_pks)
    visible: dict[str, set[int]] = {}
    for object_type, pks in wanted.items():
        model = apps.get_model(OBJECT_PAGES[object_type][0])
        visible[object_type] = set(
            visible_to(user, model).filter(pk__in=pks).values_list("pk", flat=True)
        )
    return [_line(entry, plans, visible) for entry in entries]


def _line(entry, plans, visible) -> Line:
    fields = _Fields(entry.data or {})
    fields["actor"] = entry.actor_name or _("Hệ thống")
    fields["action"] = entry.action
    template = SENTENCES.get(entry.action, GENERIC)
    sentence = str(template) % fields
    plan = plans.get(_plan_pk(entry))
    if plan is not None:
        sentence = _("%(sentence)s — Kế hoạch %(plan)s") % {
            "sentence": sentence,
            "plan": plan.symbol if plan.number or plan.symbol_override else plan.title,
        }
    return Line(entry, sentence, _url(entry, visible, _plan_pk(entry)))


def _url(entry, visible, plan_pk) -> str:
    """The object's own page if the reader may see it, else its plan's, else none."""
    pk = _int(entry.object_id)
    targets = [(entry.object_type, pk), ("campaigns.plan", plan_pk)]
    for object_type, target in targets:
        if target and target in visible.get(object_type, ()):
            try:
                return reverse(OBJECT_PAGES[object_type][1], args=[target])
            except NoReverseMatch:
                continue
    return ""
