"""Every help text of the portal, in one place (issue 19).

- ``STEPS``: one line under the heading of each step of a campaign — what the step is for
  and what comes next. Templates show it with ``{% step_help "selfreport" %}``
  (``portal/templatetags/guide.py``); the home page's cards ("what is due for me") show the
  ``after`` part of their step, what happens once the person has acted.
- ``FIRST_RUN``: where each role starts, shown on the home page until dismissed.
- ``GUIDES``: the short "Hướng dẫn sử dụng" page of each role, with its screenshots.

Texts are Vietnamese through gettext (English in the catalogue); URLs are given by name and
reversed when shown, so this module imports no app.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from portal.models import Role


@dataclass(frozen=True)
class Step:
    purpose: str  # what the step is for
    after: str  # what happens next, once the person has acted


STEPS = {
    "plan": Step(
        _("Kế hoạch nêu tiêu chí, danh hiệu và các mốc thời gian của đợt thi đua."),
        _("Sau khi ban hành, đơn vị cấp dưới tạo kế hoạch của mình từ kế hoạch này."),
    ),
    "cascade": Step(
        _("Kế hoạch của đơn vị lấy lại tiêu chí và mốc thời gian của kế hoạch cấp trên."),
        _("Sau khi ban hành, đoàn viên thấy kế hoạch, đăng ký thi đua và nộp báo cáo."),
    ),
    "registration": Step(
        _("Đăng ký danh hiệu thi đua mà bạn hoặc đơn vị phấn đấu đạt trong năm."),
        _("Cuối đợt, bạn nộp báo cáo tự đánh giá theo danh hiệu đã đăng ký."),
    ),
    "selfreport": Step(
        _("Tự đánh giá từng tiêu chí và đính kèm minh chứng trước hạn nộp."),
        _("Sau khi nộp, Ban Chấp hành chấm điểm báo cáo; bạn vẫn sửa và nộp lại được đến hết hạn."),
    ),
    "review": Step(
        _("Ban Chấp hành chấm điểm từng báo cáo tự đánh giá theo tiêu chí."),
        _("Khi chốt điểm, người đạt được lấy ý kiến chi bộ, ban giám hiệu rồi biểu quyết."),
    ),
    "consultation": Step(
        _("Chi bộ và ban giám hiệu cho ý kiến về từng người được đề nghị."),
        _("Sau khi có đủ ý kiến, hội nghị biểu quyết chọn người đề nghị khen thưởng."),
    ),
    "vote": Step(
        _("Biểu quyết (giơ tay hoặc bỏ phiếu kín) về từng người được đề nghị."),
        _("Người đạt đủ tỷ lệ đồng ý vào danh sách đề nghị khen thưởng, công khai để góp ý."),
    ),
    "lists": Step(
        _("Danh sách đề nghị khen thưởng được công khai để mọi người góp ý."),
        _("Hết thời gian góp ý, Chủ tịch lập hồ sơ đề nghị gửi cấp trên."),
    ),
    "dossiers": Step(
        _("Hồ sơ đề nghị gồm tờ trình, biên bản và danh sách, gửi lên cấp trên."),
        _("Cấp trên tiếp nhận hoặc trả lại hồ sơ, rồi ra quyết định khen thưởng."),
    ),
    "incoming": Step(
        _("Hồ sơ đề nghị các đơn vị cấp dưới gửi lên, chờ cấp trên xem xét."),
        _("Hồ sơ được tiếp nhận đưa vào quyết định khen thưởng; hồ sơ trả lại về đơn vị."),
    ),
    "decisions": Step(
        _("Quyết định khen thưởng ghi những người và tập thể được khen."),
        _("Sau khi ban hành, quyết định và giấy khen được in cho từng người."),
    ),
    "conditions": Step(
        _("Kiểm tra điều kiện để một tập thể được đề nghị danh hiệu."),
        _("Tập thể đủ điều kiện được đưa vào danh sách đề nghị khen thưởng."),
    ),
    "ratings": Step(
        _("Xếp loại đơn vị: đơn vị tự chấm theo thang điểm, cấp trên thẩm định."),
        _("Khi cấp trên chốt và công bố, kết quả xếp loại được dùng để xét danh hiệu tập thể."),
    ),
    "periodic": Step(
        _("Báo cáo định kỳ gửi cấp trên tình hình thi đua của đơn vị."),
        _("Cấp trên tổng hợp các báo cáo của đơn vị thành báo cáo sơ kết, tổng kết."),
    ),
    "meetings": Step(
        _("Chi bộ lập kế hoạch sinh hoạt chuyên đề, đăng tài liệu và ghi biên bản từng buổi."),
        _("Sau buổi sinh hoạt, biên bản được xác nhận và tổng hợp vào báo cáo quý."),
    ),
    "dashboard": Step(
        _("Theo dõi tiến độ của các đơn vị trong đợt thi đua."),
        _("Nhắc đơn vị chậm tiến độ; tải bảng tổng hợp và báo cáo khi cần."),
    ),
}


def step(key: str) -> Step:
    """The help of step `key`; an unknown key is a programming error."""
    return STEPS[key]


# The first-run guide and the guide pages speak to a kind of user, not to each Role.
GUIDE_OF_ROLE = {
    Role.MEMBER: "member",
    Role.GROUP_LEADER: "member",
    Role.PARTY_MEMBER: "member",
    Role.BCH_MEMBER: "bch",
    Role.VICE_CHAIR: "chair",
    Role.CHAIR: "chair",
    Role.CELL_SECRETARY: "cell",
    Role.CELL_COMMITTEE: "cell",
    Role.SCHOOL_BOARD: "board",
    Role.FEDERATION_STAFF: "federation",
}
# The order guides are shown in, the most responsible first.
GUIDE_ORDER = ("federation", "chair", "bch", "cell", "board", "member")


@dataclass(frozen=True)
class Line:
    text: str
    url_name: str = ""  # a link to where the step is done


@dataclass(frozen=True)
class Screenshot:
    name: str  # file under static/guide/ and docs/screenshots/
    caption: str


@dataclass(frozen=True)
class Guide:
    key: str
    slug: str  # in the URL /huong-dan/<slug>/
    title: str
    first_run: tuple[Line, ...]
    pages: tuple[str, ...]  # paragraphs of the guide page
    screenshots: tuple[Screenshot, ...] = ()


GUIDES = {
    "member": Guide(
        "member",
        "doan-vien",
        _("Đoàn viên"),
        (
            # The member's line names the real deadline: portal/views/guide.py fills it in.
            Line(_("Nộp báo cáo tự đánh giá trước hạn ở mục “Việc cần làm”."), "home"),
            Line(
                _("Xem kế hoạch của công đoàn để biết tiêu chí và danh hiệu."),
                "campaigns:plan_list",
            ),
            Line(_("Khi danh sách đề nghị khen thưởng được công khai, bạn xem và góp ý.")),
        ),
        (
            _("Trang “Việc của tôi” liệt kê mọi việc đang chờ bạn, việc gần hạn nhất ở trên."),
            _(
                "Bấm vào báo cáo cá nhân, chọn Đạt hoặc Chưa đạt cho từng tiêu chí, "
                "ghi nội dung và thêm minh chứng, rồi bấm “Nộp báo cáo”. "
                "Báo cáo được lưu tạm trên máy khi bạn đang gõ."
            ),
            _("Sau khi nộp, bạn nhận biên nhận; có thể sửa và nộp lại đến hết hạn."),
        ),
        (
            Screenshot("guide-member-home.png", _("Trang “Việc của tôi” trên điện thoại")),
            Screenshot("selfreport-phone.png", _("Báo cáo tự đánh giá trên điện thoại")),
        ),
    ),
    "chair": Guide(
        "chair",
        "chu-tich",
        _("Chủ tịch công đoàn cơ sở"),
        (
            Line(_("Tạo kế hoạch từ kế hoạch của LĐLĐ."), "campaigns:plan_list"),
            Line(_("Nhập danh sách đoàn viên từ tệp Excel."), "unit_list"),
            Line(_("Theo dõi đoàn viên nộp báo cáo, cùng Ban Chấp hành chấm điểm."), "home"),
            Line(_("Tổ chức biểu quyết, công khai danh sách và gửi hồ sơ lên LĐLĐ.")),
        ),
        (
            _(
                "Khi LĐLĐ ban hành kế hoạch, trang “Việc của tôi” nhắc bạn tạo kế hoạch "
                "của đơn vị: tiêu chí và mốc thời gian được lấy lại, bạn chỉ sửa phần riêng."
            ),
            _("Nhập danh sách đoàn viên ở mục “Đơn vị” để mọi người nhận tài khoản."),
            _(
                "Đến hạn, Ban Chấp hành chấm điểm các báo cáo; khi chốt điểm, bạn lấy ý kiến "
                "chi bộ, tổ chức biểu quyết, công khai danh sách rồi gửi hồ sơ lên cấp trên."
            ),
        ),
        (
            Screenshot("guide-chair-home.png", _("Trang “Việc của tôi” của Chủ tịch")),
            Screenshot("scoring.png", _("Chấm điểm một báo cáo tự đánh giá")),
        ),
    ),
    "bch": Guide(
        "bch",
        "ban-chap-hanh",
        _("Ủy viên Ban Chấp hành"),
        (
            Line(_("Chấm điểm các báo cáo tự đánh giá được giao."), "home"),
            Line(_("Tham gia biểu quyết khi đợt biểu quyết mở.")),
        ),
        (
            _("Trang “Việc của tôi” cho biết còn bao nhiêu báo cáo chờ bạn chấm."),
            _("Chấm từng tiêu chí theo minh chứng; điểm chỉ chốt khi Chủ tịch khóa."),
        ),
        (Screenshot("scoring.png", _("Chấm điểm một báo cáo tự đánh giá")),),
    ),
    "cell": Guide(
        "cell",
        "chi-bo",
        _("Bí thư, cấp ủy chi bộ"),
        (
            Line(_("Lập kế hoạch sinh hoạt chuyên đề của chi bộ."), "campaigns:meeting_plan_list"),
            Line(_("Cho ý kiến về người được đề nghị khen thưởng khi được hỏi."), "home"),
        ),
        (
            _(
                "Mục “Sinh hoạt chi bộ” giữ kế hoạch sinh hoạt chuyên đề: đăng tài liệu "
                "trước buổi họp, ghi biên bản sau buổi họp."
            ),
            _(
                "Khi công đoàn lấy ý kiến, trang “Việc của tôi” đưa bạn "
                "đến danh sách cần cho ý kiến."
            ),
        ),
        (Screenshot("guide-cell-home.png", _("Trang “Việc của tôi” của Bí thư chi bộ")),),
    ),
    "board": Guide(
        "board",
        "ban-giam-hieu",
        _("Ban giám hiệu"),
        (
            Line(_("Cho ý kiến về người được đề nghị khen thưởng khi được hỏi."), "home"),
            Line(_("Nộp báo cáo tự đánh giá của bạn như mọi đoàn viên."), "home"),
        ),
        (_("Ý kiến của ban giám hiệu được ghi vào hồ sơ đề nghị của từng người."),),
    ),
    "federation": Guide(
        "federation",
        "ldld",
        _("Cán bộ LĐLĐ"),
        (
            Line(_("Ban hành kế hoạch thi đua cho các đơn vị."), "campaigns:plan_list"),
            Line(_("Theo dõi đơn vị trên bảng tổng hợp tiến độ."), "home"),
            Line(_("Tiếp nhận hồ sơ đề nghị và ra quyết định khen thưởng.")),
        ),
        (
            _(
                "Soạn kế hoạch (hoặc nhập từ văn bản), thêm tiêu chí, danh hiệu và mốc thời "
                "gian, rồi ban hành: các công đoàn cơ sở được nhắc tạo kế hoạch của mình."
            ),
            _(
                "Bảng tổng hợp cho biết đơn vị nào chưa triển khai, bao nhiêu đoàn viên đã nộp "
                "báo cáo, nộp trễ hay còn thiếu; tải bảng Excel và báo cáo sơ kết từ đó."
            ),
        ),
        (Screenshot("dashboard-phone.png", _("Bảng tổng hợp tiến độ trên điện thoại")),),
    ),
}
GUIDE_OF_SLUG = {guide.slug: guide for guide in GUIDES.values()}


def guide_keys(roles) -> list[str]:
    """The guides for a set of Role values, most responsible first."""
    keys = {GUIDE_OF_ROLE[role] for role in roles if role in GUIDE_OF_ROLE}
    return [key for key in GUIDE_ORDER if key in keys]
