"""Forms of reports/: a periodic report's sections and the summary report's narrative."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.services.periodic import MAX_SECTION


def _section(label, rows=6):
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_SECTION,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PeriodicReportForm(forms.Form):
    results = _section(_("Kết quả thực hiện"), 8)
    difficulties = _section(_("Khó khăn, hạn chế"), 4)
    proposals = _section(_("Đề xuất, kiến nghị"), 4)


class SummaryNarrativeForm(forms.Form):
    overview = _section(_("Đánh giá chung"), 6)
    strengths = _section(_("Ưu điểm"), 4)
    weaknesses = _section(_("Tồn tại, hạn chế"), 4)
    next_steps = _section(_("Phương hướng, nhiệm vụ thời gian tới"), 4)
