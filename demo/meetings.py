"""Demo party-cell meetings (seed 004 and the live Sen Hồng cell).

- Chi bộ Mầm non Mỹ Hòa, 2022 (seed 004): one thematic meeting per quarter on the seed's
  topics, each held, with minutes confirmed by the chair and the secretary.
- Chi bộ Trường MN Sen Hồng, this year: the quarters already past were held (one of them
  with minutes confirmed after the quarter ended, so the committee sees "late"); this
  quarter's meeting is planned a few days ahead with no materials yet, for
  ``bithu_senhong`` to post materials, record and confirm the minutes, download the PDF.
- A party-committee reader for each committee, to see the per-cell quarter overview.

Everything goes through the meeting services, so the audit log tells the same story.
"""

import datetime as dt
import re

from django.utils import timezone

from campaigns.models import Milestone, Plan, ThematicMeeting
from campaigns.selectors.meetings import cell_members, quarter_of, quarter_window
from campaigns.services import meetings as services
from campaigns.services.meetings import Attendance, Speech
from demo.context import DemoContext
from portal.models import Membership, Role, User

MYHOA_CELL = "cb-mn-myhoa"
MYHOA_PLAN = "myhoa-chibo-2022"
SENHONG_CELL = "cb-mn-senhong"
SENHONG_PLAN = "live-party-cell"

# The rest of Chi bộ Mầm non Mỹ Hòa (the seed names only the cell): not demo logins.
MYHOA_MEMBERS = [
    ("myhoa_dv01", "Trần Thị Thanh Hương", Role.CELL_COMMITTEE, "Phó Bí thư Chi bộ"),
    ("myhoa_dv02", "Lê Thị Mỹ Dung", Role.PARTY_MEMBER, "Đảng viên"),
    ("myhoa_dv03", "Nguyễn Thị Bích Vân", Role.PARTY_MEMBER, "Đảng viên"),
    ("myhoa_dv04", "Phạm Thị Ngọc Hà", Role.PARTY_MEMBER, "Đảng viên"),
    ("myhoa_dv05", "Huỳnh Văn Lộc", Role.PARTY_MEMBER, "Đảng viên"),
]
COMMITTEE_READERS = [
    ("danguy_tanxuan", "Trương Văn Hùng", "du-xa-tanxuan", "Bí thư Đảng ủy xã Tân Xuân"),
    ("danguy_phuong10", "Đặng Thị Minh Châu", "du-phuong10-govap", "Bí thư Đảng ủy Phường 10"),
]

# Minutes content per seed-004 quarter: agenda, (speaker index, opinion), conclusions,
# resolutions, absentee (index, reason) or None.
MYHOA_MINUTES = {
    1: (
        "Đồng chí Bí thư quán triệt chuyên đề “Xây dựng, chuẩn bị các phương án đảm bảo an "
        "toàn cho trẻ quay trở lại trường học trực tiếp trong bối cảnh dịch bệnh Covid-19”.\n"
        "Đồng chí Phó Bí thư trình bày dự thảo phương án đón trẻ trở lại trường: khử khuẩn "
        "phòng lớp, bố trí lối đi một chiều, đo thân nhiệt và khai báo y tế hằng ngày.",
        [
            (
                2,
                "Đề nghị chia ca đón trẻ theo từng khối lớp để phụ huynh không tập trung đông "
                "ở cổng trường; giáo viên trực cổng phải đeo khẩu trang và găng tay.",
            ),
            (
                3,
                "Cần tập huấn lại cho cô nuôi và bảo mẫu quy trình xử lý khi có trẻ sốt, ho; "
                "chuẩn bị phòng cách ly tạm thời ở khu y tế.",
            ),
            (
                4,
                "Thống nhất với phương án; đề nghị nhà trường liên hệ trạm y tế xã Tân Xuân "
                "hỗ trợ kiểm tra điều kiện trước ngày đón trẻ.",
            ),
        ],
        "Chi bộ thống nhất phương án đón trẻ trở lại trường học trực tiếp; mỗi đảng viên "
        "gương mẫu thực hiện và vận động phụ huynh cùng thực hiện các biện pháp phòng dịch.",
        "Giao đồng chí Phó Bí thư hoàn chỉnh phương án, trình Ban giám hiệu ban hành trước "
        "ngày 25/3/2022; các đảng viên phụ trách lớp rà soát danh sách trẻ trước khi đón.",
        (5, "Đang điều trị Covid-19 tại nhà"),
    ),
    2: (
        "Đồng chí Bí thư quán triệt chuyên đề “Học tập và làm theo tấm gương đạo đức Hồ Chí "
        "Minh” nhân kỷ niệm 132 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2022).\n"
        "Đảng viên liên hệ bản thân, đăng ký việc làm cụ thể làm theo Bác trong năm học.",
        [
            (
                2,
                "Học tập đức tính cần, kiệm, liêm, chính của Bác, tôi đăng ký tiết kiệm đồ "
                "dùng học tập, tận dụng nguyên vật liệu tái chế làm đồ chơi cho trẻ.",
            ),
            (
                3,
                "Làm theo lời Bác “Vì lợi ích trăm năm phải trồng người”, tôi đăng ký mỗi "
                "tháng thực hiện một tiết dạy đổi mới theo hướng lấy trẻ làm trung tâm.",
            ),
            (
                1,
                "Đề nghị chi bộ đưa việc làm theo Bác vào tiêu chí đánh giá đảng viên cuối "
                "năm và biểu dương kịp thời những đồng chí thực hiện tốt.",
            ),
        ],
        "Chi bộ ghi nhận 6/6 đảng viên đã đăng ký việc làm cụ thể làm theo Bác; các đăng ký "
        "thiết thực, gắn với nhiệm vụ chăm sóc, giáo dục trẻ.",
        "Mỗi quý chi bộ kiểm tra việc thực hiện đăng ký; kết quả là một căn cứ đánh giá, "
        "xếp loại đảng viên cuối năm 2022.",
        None,
    ),
    3: (
        "Đồng chí Bí thư quán triệt chuyên đề “Xây dựng môi trường thiên nhiên lấy trẻ làm "
        "trung tâm”.\nĐồng chí Phó Bí thư báo cáo hiện trạng sân vườn, góc thiên nhiên của "
        "các lớp và đề xuất cải tạo khu vườn rau của bé.",
        [
            (
                4,
                "Đề nghị mỗi lớp có một góc thiên nhiên để trẻ tự chăm sóc cây, ghi chép sự "
                "phát triển của cây bằng tranh vẽ.",
            ),
            (
                2,
                "Vận động phụ huynh đóng góp chậu cây, hạt giống; tổ chức ngày hội “Bé yêu "
                "thiên nhiên” vào tháng 9 khi khai giảng năm học mới.",
            ),
            (
                5,
                "Khu vườn phía sau trường cần làm lối đi lát gạch để trẻ đi lại an toàn khi "
                "trời mưa.",
            ),
        ],
        "Chi bộ thống nhất chủ trương xây dựng môi trường thiên nhiên lấy trẻ làm trung tâm; "
        "đảng viên là giáo viên đứng lớp đi đầu thực hiện ở lớp mình.",
        "Lãnh đạo nhà trường cải tạo vườn rau của bé và lối đi trước ngày 05/9/2022; các lớp "
        "hoàn thành góc thiên nhiên trong tháng 9/2022.",
        (3, "Nghỉ phép chăm con ốm"),
    ),
    4: (
        "Đồng chí Bí thư quán triệt chuyên đề “Công tác phát triển đảng viên mới trong chi "
        "bộ”; rà soát quần chúng ưu tú là giáo viên, nhân viên của nhà trường.",
        [
            (
                1,
                "Đề xuất giới thiệu hai quần chúng ưu tú tham gia lớp bồi dưỡng nhận thức về "
                "Đảng: cô Võ Thị Thu Sương và cô Lê Ngọc Hân.",
            ),
            (
                3,
                "Nhất trí; đề nghị phân công đảng viên giúp đỡ từng quần chúng và báo cáo chi "
                "bộ hằng tháng.",
            ),
            (
                2,
                "Công đoàn và Đoàn thanh niên của trường cần phối hợp bồi dưỡng, giới thiệu "
                "đoàn viên ưu tú cho chi bộ xem xét.",
            ),
        ],
        "Chi bộ thống nhất giới thiệu 02 quần chúng ưu tú tham gia lớp bồi dưỡng nhận thức "
        "về Đảng; phấn đấu kết nạp ít nhất 01 đảng viên mới trong năm 2023.",
        "Phân công đồng chí Phó Bí thư và đồng chí Nguyễn Thị Bích Vân giúp đỡ quần chúng; "
        "báo cáo Đảng ủy xã Tân Xuân kết quả thực hiện.",
        None,
    ),
}
MYHOA_DATES = {1: (3, 18), 2: (5, 19), 3: (8, 26), 4: (11, 25)}

# Sen Hồng's quarters already past this year: agenda, speakers, conclusions, resolutions.
SENHONG_MINUTES = {
    1: (
        "Đồng chí Bí thư quán triệt chuyên đề của quý; các đảng viên tự đánh giá việc "
        "phát huy vai trò tiên phong, gương mẫu trong nhà trường.",
        [
            (
                1,
                "Đảng viên là giáo viên chủ nhiệm phải gương mẫu đi đầu trong phong trào thi "
                "đua “Dạy tốt - Học tốt” của nhà trường.",
            ),
            (
                2,
                "Đề nghị nâng cao chất lượng sinh hoạt chi bộ bằng cách gửi tài liệu trước để "
                "đảng viên nghiên cứu, buổi họp tập trung thảo luận.",
            ),
        ],
        "Chi bộ thống nhất mỗi đảng viên nhận ít nhất một việc khó trong học kỳ II.",
        "Tài liệu sinh hoạt chuyên đề gửi trước buổi họp ít nhất một ngày.",
    ),
    2: (
        "Đồng chí Bí thư quán triệt chuyên đề học tập và làm theo tư tưởng, đạo đức, phong "
        "cách Hồ Chí Minh; đảng viên liên hệ trách nhiệm nêu gương của giáo viên mầm non.",
        [
            (
                3,
                "Giáo viên mầm non nêu gương từ lời nói, cử chỉ với trẻ; tuyệt đối không để "
                "xảy ra bạo hành trẻ dưới bất kỳ hình thức nào.",
            ),
            (
                1,
                "Đề nghị chi bộ phối hợp Công đoàn tuyên dương các gương điển hình làm theo "
                "Bác trong hội nghị sơ kết.",
            ),
        ],
        "Chi bộ ghi nhận các đảng viên đều đăng ký việc làm theo Bác gắn với nhiệm vụ.",
        "Giới thiệu gương điển hình cho Công đoàn trường xem xét tuyên dương.",
    ),
    3: (
        "Đồng chí Bí thư quán triệt chuyên đề xây dựng môi trường giáo dục lấy trẻ làm trung "
        "tâm, bảo đảm an toàn cho trẻ trong năm học mới.",
        [
            (
                2,
                "Rà soát toàn bộ đồ chơi ngoài trời trước khai giảng, thay thế các thiết bị "
                "đã hư hỏng.",
            ),
            (4, "Mỗi lớp xây dựng góc thiên nhiên và góc sách để trẻ tự chọn hoạt động."),
        ],
        "Chi bộ thống nhất các biện pháp bảo đảm an toàn và môi trường lấy trẻ làm trung tâm.",
        "Ban giám hiệu hoàn thành rà soát cơ sở vật chất trước ngày khai giảng.",
    ),
}


def load(ctx: DemoContext) -> None:
    """The Mỹ Hòa 2022 meetings, Sen Hồng's year so far and its live quarter."""
    _committee_readers(ctx)
    _myhoa(ctx)
    _senhong(ctx)


def _committee_readers(ctx: DemoContext) -> None:
    for username, full_name, unit_code, position in COMMITTEE_READERS:
        user = User(username=username, full_name=full_name, password=ctx.password_hash)
        user.save()
        ctx.users[username] = user
        Membership.objects.create(
            user=user, unit=ctx.unit(unit_code), role=Role.CELL_SECRETARY, position=position
        )
        ctx.logins[username] = f"{position}: xem tình hình sinh hoạt chuyên đề các chi bộ"


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_default_timezone()
    )


def _quarter_topics(plan: Plan) -> dict[int, str]:
    """Topics from the plan's sections headed "Quý N" (the fixtures' convention)."""
    topics = {}
    for section in plan.sections.all():
        match = re.fullmatch(r"Quý\s+([1-4])", section.heading.strip())
        if match and section.body.strip():
            topics[int(match.group(1))] = section.body.strip().rstrip(".")
    return topics


def _hold(meeting, *, chair, secretary, members, content, absent=None, confirmed_at):
    """Minutes of a held meeting, drafted by the secretary and confirmed by both."""
    agenda, speeches, conclusions, resolutions = content
    start = meeting.planned_at
    minutes = services.draft_minutes(
        meeting=meeting,
        actor=secretary,
        started_at=start,
        ended_at=start + dt.timedelta(hours=1, minutes=45),
        place=meeting.place,
        chair=chair,
        secretary=secretary,
        agenda=agenda,
        conclusions=conclusions,
        resolutions=resolutions,
        attendance=[
            Attendance(
                user=m,
                present=not (absent and m == members[absent[0]]),
                reason=absent[1] if absent and m == members[absent[0]] else "",
            )
            for m in members
        ],
        speeches=[Speech(opinion=text, speaker=members[i]) for i, text in speeches],
    )
    services.confirm_minutes(minutes=minutes, actor=secretary, now=confirmed_at)
    services.confirm_minutes(minutes=minutes, actor=chair, now=confirmed_at)
    return minutes


def _myhoa(ctx: DemoContext) -> None:
    cell = ctx.unit(MYHOA_CELL)
    plan = ctx.plan(MYHOA_PLAN)
    for username, full_name, role, position in MYHOA_MEMBERS:
        user = User(username=username, full_name=full_name, password=ctx.password_hash)
        user.save()
        ctx.users[username] = user
        Membership.objects.create(user=user, unit=cell, role=role, position=position)
    chair = ctx.user("bithu_myhoa")
    secretary = ctx.user(MYHOA_MEMBERS[0][0])
    # Index 0 is the chair, then the members in the order of MYHOA_MEMBERS.
    members = [chair, *(ctx.user(u) for u, *_ in MYHOA_MEMBERS)]
    topics = _quarter_topics(plan)
    for quarter, (month, day) in MYHOA_DATES.items():
        meeting = services.plan_meeting(
            plan=plan,
            actor=chair,
            topic=topics.get(quarter, f"Chuyên đề quý {quarter}"),
            planned_at=_local(dt.date(2022, month, day), 14, 0),
            place="Phòng họp Trường Mầm non Mỹ Hòa",
            preparer=secretary if quarter % 2 else chair,
        )
        agenda, speeches, conclusions, resolutions, absent = MYHOA_MINUTES[quarter]
        _hold(
            meeting,
            chair=chair,
            secretary=secretary,
            members=members,
            content=(agenda, speeches, conclusions, resolutions),
            absent=absent,
            confirmed_at=meeting.planned_at + dt.timedelta(hours=3),
        )
    ctx.log("Chi bộ Mầm non Mỹ Hòa: 4 thematic meetings of 2022 with confirmed minutes")


def _senhong(ctx: DemoContext) -> None:
    plan = ctx.plan(SENHONG_PLAN)
    chair = ctx.user("bithu_senhong")
    secretary = ctx.user("senhong03")  # Phó Bí thư (cell committee)
    members = cell_members(plan.issuer, ctx.today)
    ordered = [chair, secretary, *(m for m in members if m not in (chair, secretary))]
    topics = _quarter_topics(plan)
    current = quarter_of(ctx.today)
    place = f"Phòng họp {plan.issuer.name.removeprefix('Chi bộ ').strip()}"
    for quarter in range(1, current):
        window = quarter_window(plan.year, quarter)
        first = timezone.localdate(window.starts_at)
        held_on = dt.date(first.year, first.month + 1, 20)
        meeting = services.plan_meeting(
            plan=plan,
            actor=chair,
            topic=topics.get(quarter, f"Chuyên đề quý {quarter}"),
            planned_at=_local(held_on, 15, 30),
            place=place,
            preparer=secretary,
        )
        confirmed_at = meeting.planned_at + dt.timedelta(hours=2)
        if quarter == 2:  # the minutes were confirmed only after the quarter had ended
            confirmed_at = min(window.ends_at + dt.timedelta(days=2, hours=9), ctx.now)
        _hold(
            meeting,
            chair=chair,
            secretary=secretary,
            members=ordered,
            content=SENHONG_MINUTES.get(quarter, SENHONG_MINUTES[1]),
            confirmed_at=confirmed_at,
        )
    _live_meeting(ctx, plan, chair, topics.get(current, ""), place, current)


def _live_meeting(ctx, plan, chair, topic, place, quarter) -> ThematicMeeting:
    """This quarter's meeting, a few days ahead, without materials (for the live demo)."""
    milestone = plan.milestones.filter(kind=Milestone.Kind.THEMATIC_MEETING).first()
    planned_at = milestone.starts_at if milestone else _local(ctx.today, 15, 30)
    if not milestone:
        planned_at += dt.timedelta(days=4)
    if timezone.localdate(planned_at).year != plan.year:  # the last days of December
        planned_at = _local(dt.date(plan.year, 12, 31), 15, 30)
    if milestone and milestone.label:
        topic = re.sub(r"^Quý\s+[1-4]\s*:\s*", "", milestone.label).strip() or topic
    meeting = services.plan_meeting(
        plan=plan,
        actor=chair,
        topic=topic or f"Chuyên đề quý {quarter}",
        planned_at=planned_at,
        place=(milestone.place if milestone and milestone.place else place),
        preparer=chair,
    )
    ctx.log(f"Chi bộ Sen Hồng: live meeting planned {meeting.planned_at:%Y-%m-%d %H:%M}")
    return meeting
