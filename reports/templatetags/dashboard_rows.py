"""The federation dashboard's rows, built in Python.

A district's dashboard has 200 to 800 rows of 15 to 20 cells; the template language spent
about 0.3 ms on a row (a third of the page at 200 CĐCS), most of it looking up and
escaping one variable at a time. Like the admin's change list
(``django.contrib.admin.templatetags.admin_list.items_for_result``), the rows are written
here: every text from the database is escaped, the labels are translated once per page.
The header and the totals stay in ``templates/reports/dashboard_table.html``.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.vietnamese import format_number, format_ratio

register = template.Library()


def _labels() -> dict[str, str]:
    """The cell labels a phone shows beside each value (``table-stack``), escaped."""
    texts = {
        "plan": _("Kế hoạch"),
        "members": _("Đoàn viên"),
        "sr_on_time": _("Báo cáo cá nhân: đúng hạn"),
        "sr_late": _("Báo cáo cá nhân: trễ"),
        "sr_missing": _("Báo cáo cá nhân: thiếu"),
        "sr_pending": _("Báo cáo cá nhân: chưa đến hạn"),
        "sr_rate": _("Báo cáo cá nhân: tỷ lệ"),
        "review": _("Bình xét"),
        "forwarded": _("Đã gửi đề nghị"),
        "pr_on_time": _("Báo cáo định kỳ: đúng hạn"),
        "pr_late": _("Báo cáo định kỳ: trễ"),
        "pr_missing": _("Báo cáo định kỳ: thiếu"),
        "self_score": _("Xếp loại: tự chấm"),
        "verified": _("Xếp loại: thẩm định"),
        "rating": _("Xếp loại đơn vị"),
        "drafting": _("Đang soạn"),
        "not_cascaded": _("Chưa triển khai"),
        "finalised": _("Đã chốt"),
    }
    return {key: escape(text) for key, text in texts.items()}


def _number(label: str, n: int, warn: str = "") -> str:
    css = f"text-end {warn}" if n and warn else "text-end"
    return f'<td class="{css}" data-label="{label}">{n}</td>'


def _row(row, board, lab: dict[str, str], forwarded_labels: list[str]) -> str:
    c = row.counts
    name = escape(row.unit_name)
    cascaded = row.cascaded
    if cascaded and not board.self_row:
        name = f'<a href="{escape(row.dashboard_url)}">{name}</a>'
    if cascaded:
        plan = f'<a href="{escape(row.plan_url)}">{escape(row.plan_symbol)}</a>'
    elif row.plan_status == "draft":
        plan = f'<span class="badge text-bg-warning">{lab["drafting"]}</span>'
    else:
        plan = f'<span class="badge text-bg-danger">{lab["not_cascaded"]}</span>'
    if c.review_done:
        review = f'<span class="badge text-bg-success">{lab["finalised"]}</span>'
    elif c.plans:
        review = f"{c.reviews_final}/{c.plans}"
    else:
        review = "—"
    cells = [
        f'<td class="stack-head">{name}</td>',
        f'<td data-label="{lab["plan"]}">{plan}</td>',
        _number(lab["members"], c.members),
        _number(lab["sr_on_time"], c.submitted),
        _number(lab["sr_late"], c.late, "text-warning-emphasis fw-semibold"),
        _number(lab["sr_missing"], c.missing, "text-danger fw-semibold"),
        _number(lab["sr_pending"], c.pending),
        f'<td class="text-end" data-label="{lab["sr_rate"]}">'
        f"{escape(format_ratio(c.reported, c.members))}</td>",
        f'<td data-label="{lab["review"]}">{review}</td>',
    ]
    cells += [
        _number(label, n) for label, n in zip(forwarded_labels, row.forwarded_cells, strict=True)
    ]
    if board.periodic_dues:
        cells += [
            _number(lab["pr_on_time"], c.periodic_on_time),
            _number(lab["pr_late"], c.periodic_late, "text-warning-emphasis fw-semibold"),
            _number(lab["pr_missing"], c.periodic_missing, "text-danger fw-semibold"),
        ]
    if board.has_rating:
        r = row.rating
        if r is None:
            cells += [
                f'<td class="text-end" data-label="{lab["self_score"]}">—</td>',
                f'<td class="text-end" data-label="{lab["verified"]}">—</td>',
                f'<td data-label="{lab["rating"]}">—</td>',
            ]
        else:
            level = (
                escape(r.level)
                if r.level
                else f'<span class="text-muted small">{escape(r.status_label)}</span>'
            )
            cells += [
                f'<td class="text-end" data-label="{lab["self_score"]}">'
                f"{escape(format_number(r.self_total))}</td>",
                f'<td class="text-end" data-label="{lab["verified"]}">'
                f"{escape(format_number(r.verified_total))}</td>",
                f'<td data-label="{lab["rating"]}">{level}</td>',
            ]
    return "<tr>" + "".join(cells) + "</tr>\n"


@register.simple_tag
def dashboard_rows(board) -> SafeString:
    """The ``<tr>`` of every row shown on `board` (reports.builders.dashboard)."""
    lab = _labels()
    forwarded_labels = [f"{lab['forwarded']}: {escape(col.name)}" for col in board.title_columns]
    return mark_safe("".join(_row(row, board, lab, forwarded_labels) for row in board.rows))
