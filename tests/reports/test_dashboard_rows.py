"""The dashboard's rows written in Python (reports/templatetags/dashboard_rows.py) say
exactly what the template wrote before them, for every kind of cell, and escape what
came from the database."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from reports.builders.dashboard import (
    Counts,
    Dashboard,
    PeriodicDue,
    RatingCell,
    TitleColumn,
    UnitRow,
)
from reports.templatetags.dashboard_rows import dashboard_rows

# The rows as the template wrote them until December 2026, kept as the reference.
REFERENCE = (
    "{% load i18n vietnamese layout %}{% for row in board.rows %}{% with c=row.counts %}<tr>"
    '<td class="stack-head">{% if row.cascaded and not board.self_row %}'
    '<a href="{{ row.dashboard_url }}">{{ row.unit_name }}</a>{% else %}{{ row.unit_name }}'
    "{% endif %}</td><td data-label=\"{% translate 'Kế hoạch' %}\">{% if row.cascaded %}"
    '<a href="{{ row.plan_url }}">{{ row.plan_symbol }}</a>{% elif row.plan_status == "draft" %}'
    '<span class="badge text-bg-warning">{% translate "Đang soạn" %}</span>{% else %}'
    '<span class="badge text-bg-danger">{% translate "Chưa triển khai" %}</span>{% endif %}</td>'
    '<td class="text-end" data-label="{% translate \'Đoàn viên\' %}">{{ c.members }}</td>'
    '<td class="text-end" data-label="{% translate \'Báo cáo cá nhân: đúng hạn\' %}">'
    "{{ c.submitted }}</td>"
    '<td class="text-end{% if c.late %} text-warning-emphasis fw-semibold{% endif %}" '
    "data-label=\"{% translate 'Báo cáo cá nhân: trễ' %}\">{{ c.late }}</td>"
    '<td class="text-end{% if c.missing %} text-danger fw-semibold{% endif %}" '
    "data-label=\"{% translate 'Báo cáo cá nhân: thiếu' %}\">{{ c.missing }}</td>"
    '<td class="text-end" data-label="{% translate \'Báo cáo cá nhân: chưa đến hạn\' %}">'
    "{{ c.pending }}</td>"
    '<td class="text-end" data-label="{% translate \'Báo cáo cá nhân: tỷ lệ\' %}">'
    "{{ c.reported|vi_ratio:c.members }}</td>"
    "<td data-label=\"{% translate 'Bình xét' %}\">{% if c.review_done %}"
    '<span class="badge text-bg-success">{% translate "Đã chốt" %}</span>{% elif c.plans %}'
    "{{ c.reviews_final }}/{{ c.plans }}{% else %}—{% endif %}</td>"
    "{% for n in row.forwarded_cells %}"
    '<td class="text-end" data-label="{% translate \'Đã gửi đề nghị\' %}: '
    "{% with col=board.title_columns|at:forloop.counter0 %}{{ col.name }}{% endwith %}"
    '">{{ n }}</td>'
    "{% endfor %}{% if board.periodic_dues %}"
    '<td class="text-end" data-label="{% translate \'Báo cáo định kỳ: đúng hạn\' %}">'
    "{{ c.periodic_on_time }}</td>"
    '<td class="text-end{% if c.periodic_late %} text-warning-emphasis fw-semibold{% endif %}" '
    "data-label=\"{% translate 'Báo cáo định kỳ: trễ' %}\">{{ c.periodic_late }}</td>"
    '<td class="text-end{% if c.periodic_missing %} text-danger fw-semibold{% endif %}" '
    "data-label=\"{% translate 'Báo cáo định kỳ: thiếu' %}\">{{ c.periodic_missing }}</td>"
    "{% endif %}{% if board.has_rating %}{% with r=row.rating %}"
    '<td class="text-end" data-label="{% translate \'Xếp loại: tự chấm\' %}">'
    "{{ r.self_total|vi_number }}</td>"
    '<td class="text-end" data-label="{% translate \'Xếp loại: thẩm định\' %}">'
    "{{ r.verified_total|vi_number }}</td>"
    "<td data-label=\"{% translate 'Xếp loại đơn vị' %}\">{% if r.level %}{{ r.level }}"
    '{% elif r %}<span class="text-muted small">{{ r.status_label }}</span>{% else %}—'
    "{% endif %}</td>{% endwith %}{% endif %}</tr>{% endwith %}{% endfor %}"
)


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


def row(pk, name, status, *, rating=None, **counts):
    forwarded = counts.pop("forwarded", {})
    periodic = counts.pop("periodic", {})
    c = Counts(**counts)
    c.forwarded = forwarded
    c.periodic.update(periodic)
    r = UnitRow(unit_id=pk, unit_name=name, unit_path=f"/{pk}/", counts=c, rating=rating)
    r.plan_id, r.plan_symbol, r.plan_status = (pk * 10, f"0{pk}/KH-CĐCS", status)
    return r


def board(rows, *, self_row=False, periodic=True, rating=True) -> Dashboard:
    columns = [TitleColumn("t1", "Lao động tiên tiến"), TitleColumn("other", "Khác & <mới>")]
    for r in rows:
        r.forwarded_cells = [r.forwarded_for(c.key) for c in columns]
    dues = [PeriodicDue(1, "Quý I", dt.datetime(2026, 3, 31, tzinfo=dt.UTC))] if periodic else []
    return Dashboard(
        plan=None,
        self_row=self_row,
        rows=rows,
        all_rows=rows,
        totals=Counts(),
        title_columns=columns,
        periodic_dues=dues,
        now=dt.datetime(2026, 12, 7, tzinfo=dt.UTC),
        has_rating=rating,
    )


def every_kind_of_row():
    return [
        row(
            1,
            'CĐCS <script>alert("x")</script> & Co',
            "published",
            members=60,
            submitted=42,
            late=6,
            pending=12,
            plans=1,
            forwarded={"t1": 3, "other": 1},
            periodic={"late": 1, "missing": 2},
            rating=RatingCell("finalised", Decimal("90.50"), Decimal("85"), "Vững mạnh"),
        ),
        row(
            2,
            "CĐCS Trường MN Sen Hồng",
            "closed",
            members=7,
            submitted=7,
            plans=1,
            reviews_final=1,
            periodic={"on_time": 1},
            rating=RatingCell("submitted", Decimal("77.25"), None, ""),
        ),
        row(3, "CĐCS Đang Soạn", "draft", members=0, missing=0),
        row(4, "CĐCS Chưa Triển Khai", "", members=12, missing=12, plans=0),
    ]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "options",
    [{}, {"self_row": True}, {"periodic": False}, {"rating": False}],
    ids=["district", "own-row", "no-periodic", "no-rating"],
)
def test_rows_equal_what_the_template_wrote(language, options):
    shown = board(every_kind_of_row(), **options)

    with translation.override(language):
        expected = Template(REFERENCE).render(Context({"board": shown}))
        got = dashboard_rows(shown)

    assert squeeze(got) == squeeze(expected)


def test_text_from_the_database_is_escaped():
    html = dashboard_rows(board(every_kind_of_row()))

    assert "<script>" not in html
    assert "CĐCS &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert 'data-label="Đã gửi đề nghị: Khác &amp; &lt;mới&gt;"' in html
