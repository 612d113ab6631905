"""Bar charts as inline SVG markup for the PDF documents (WeasyPrint draws SVG natively):
no JavaScript, no network, no image files. Plain data in, a string of SVG out; every
label is escaped, so user text can never inject markup."""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from reports.renderers.pdf import SERIF_FAMILIES

# The documents' shipped serif (reports/renderers/pdf.py), one family per subset file.
# No space after the commas: WeasyPrint's SVG text strips the quotes of each name but not
# the spaces before them, so every family after the first would be lost.
FONT = ",".join(f"'{family}'" for family in SERIF_FAMILIES) + ",serif"
DEFAULT_COLOR = "#4a4a4a"
# Timeliness colours that still read when printed in grey.
COLORS = {
    "on_time": "#2e7d32",
    "late": "#ef8f00",
    "missing": "#c62828",
    "pending": "#9e9e9e",
}


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str = ""  # printed at the end of the bar; defaults to the value
    color: str = DEFAULT_COLOR


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str = "",
    max_value: float | None = None,
    width: int = 520,
    label_width: int = 190,
    bar_height: int = 18,
    gap: int = 6,
) -> str:
    """A horizontal bar chart: one labelled bar per item, scaled to `max_value` (the
    largest value when not given). Long labels are cut with an ellipsis."""
    top = 22 if title else 4
    height = top + len(bars) * (bar_height + gap) + 4
    scale_to = max_value if max_value else max((b.value for b in bars), default=0) or 1
    track = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="12" role="img"'
        f' aria-label="{escape(title)}">'
    ]
    if title:
        parts.append(
            f'<text x="{width / 2:.0f}" y="14" text-anchor="middle" font-weight="bold" '
            f'font-size="13">{escape(title)}</text>'
        )
    for i, bar in enumerate(bars):
        y = top + i * (bar_height + gap)
        length = max(0.0, min(bar.value / scale_to, 1.0)) * track
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        value_text = bar.text or _number(bar.value)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height - 4}" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect x="{label_width}" y="{y}" width="{track}" height="{bar_height}" '
            f'fill="#f0f0f0"/>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{escape(bar.color)}"/>'
            f'<text x="{label_width + track + 4}" y="{y + bar_height - 4}">'
            f"{escape(value_text)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")
