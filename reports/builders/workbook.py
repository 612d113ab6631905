"""The federation's workbook of a plan and its subtree: one sheet per view, for the safe
XLSX writer (reports/renderers/xlsx.py). Cells keep their types (numbers, dates,
percentages, yes/no); user text stays text."""

import datetime as dt

from django.utils import timezone

from campaigns.models import Plan
from reports.builders.dashboard import Dashboard, build_dashboard
from reports.builders.figures import criteria_results, late_and_missing, nominee_rows, periodic_rows
from reports.renderers.xlsx import Column, Sheet, percent

SHEET_UNITS = "Đơn vị và tiến độ"
SHEET_NOMINEES = "Người được đề nghị"
SHEET_CRITERIA = "Kết quả tiêu chuẩn"
SHEET_LATE = "Trễ hạn và còn thiếu"
SHEET_PERIODIC = "Báo cáo định kỳ"
TOTAL_LABEL = "Tổng cộng"


def build_workbook_sheets(plan: Plan, *, now: dt.datetime | None = None) -> list[Sheet]:
    """The five sheets of `plan`'s workbook (its issuer's whole subtree)."""
    now = now or timezone.now()
    board = build_dashboard(plan, now=now)
    return [
        units_sheet(board),
        nominees_sheet(plan),
        criteria_sheet(plan),
        late_sheet(plan, now),
        periodic_sheet(plan, board, now),
    ]


def units_sheet(board: Dashboard) -> Sheet:
    columns = [
        Column("Đơn vị", 42),
        Column("Kế hoạch", 18),
        Column("Đã triển khai", 12),
        Column("Số đoàn viên", 12),
        Column("Nộp đúng hạn", 12),
        Column("Nộp trễ", 10),
        Column("Còn thiếu", 10),
        Column("Chưa đến hạn", 12),
        Column("Tỷ lệ đã nộp", **percent(12)),
        Column("Đã chốt bình xét", 14),
        # Published nominations: on the unit's published list, or sent up.
        *[Column(f"Đề nghị: {c.name}", 18) for c in board.title_columns],
        Column("Định kỳ đúng hạn", 14),
        Column("Định kỳ trễ hạn", 14),
        Column("Định kỳ còn thiếu", 14),
    ]

    def values(name, symbol, cascaded, c, review):
        return [
            name,
            symbol,
            cascaded,
            c.members,
            c.submitted,
            c.late,
            c.missing,
            c.pending,
            c.report_rate,
            review,
            *[c.forwarded.get(col.key, 0) for col in board.title_columns],
            c.periodic_on_time,
            c.periodic_late,
            c.periodic_missing,
        ]

    rows = [
        values(r.unit_name, r.plan_symbol, r.cascaded, r.counts, r.counts.review_done)
        for r in board.rows
    ]
    rows.append(values(TOTAL_LABEL, None, None, board.totals, None))
    return Sheet(SHEET_UNITS, columns, rows)


def nominees_sheet(plan: Plan) -> Sheet:
    columns = [
        Column("Đơn vị", 36),
        Column("Họ và tên / tập thể", 30),
        Column("Cá nhân / tập thể", 14),
        Column("Danh hiệu đề nghị", 30),
        Column("Cấp", 18),
        Column("Trạng thái", 22),
        Column("Đã gửi lên cấp trên", 14),
        Column("Thành tích", 60),
        Column("Ngày đề xuất", 16),
    ]
    rows = (
        [
            n.unit_name,
            n.name,
            "Tập thể" if n.is_collective else "Cá nhân",
            n.title,
            n.level,
            n.status,
            n.is_forwarded,
            n.achievements,
            n.proposed_at,
        ]
        for n in nominee_rows(plan)
    )
    return Sheet(SHEET_NOMINEES, columns, rows)


def criteria_sheet(plan: Plan) -> Sheet:
    columns = [
        Column("Tiêu chuẩn", 60),
        Column("Cách đánh giá", 16),
        Column("Số báo cáo trả lời", 14),
        Column("Đạt (tự đánh giá)", 10),
        Column("Không đạt (tự đánh giá)", 10),
        Column("Tỷ lệ đạt (tự đánh giá)", **percent(10)),
        Column("Điểm tự chấm trung bình", 14),
        Column("Điểm tối đa", 10),
    ]
    rows = (
        [
            c.text,
            c.kind_label,
            c.answered,
            c.met,
            c.not_met,
            c.met_share,
            c.mean_points,
            c.max_points,
        ]
        for c in criteria_results(plan)
    )
    return Sheet(SHEET_CRITERIA, columns, rows)


def late_sheet(plan: Plan, now: dt.datetime) -> Sheet:
    columns = [
        Column("Đơn vị", 36),
        Column("Họ và tên", 30),
        Column("Tình trạng", 12),
        Column("Hạn chót", 16),
        Column("Nộp lúc", 16),
    ]
    rows = (
        [r.unit_name, r.member_name, r.state.label, r.deadline, r.submitted_at]
        for r in late_and_missing(plan, now=now)
    )
    return Sheet(SHEET_LATE, columns, rows)


def periodic_sheet(plan: Plan, board: Dashboard, now: dt.datetime) -> Sheet:
    columns = [
        Column("Đơn vị", 36),
        Column("Kỳ báo cáo", 28),
        Column("Hạn gửi", 16),
        Column("Tình trạng", 14),
        Column("Gửi lúc", 16),
        Column("Người gửi", 24),
        Column("Kết quả thực hiện", 60),
        Column("Khó khăn, hạn chế", 40),
        Column("Đề xuất, kiến nghị", 40),
    ]
    source = plan.parent if board.self_row else plan
    rows = (
        [
            r.unit_name,
            r.label,
            r.deadline,
            r.state.label,
            r.sent_at,
            r.sent_by,
            r.results,
            r.difficulties,
            r.proposals,
        ]
        for r in (periodic_rows(source, board.all_rows, now=now) if source else [])
    )
    return Sheet(SHEET_PERIODIC, columns, rows)
