"""PDF renderer: a Django template in the Nghị định 30/2020 layout -> PDF bytes (WeasyPrint).

Renderers never touch the database or the request: they get plain data from a builder
(reports/builders/) and return bytes. WeasyPrint is imported inside ``render_pdf`` because
importing it takes a noticeable fraction of a second.
"""

import functools
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# Times New Roman and the free fonts with the same metrics, in order of preference. The
# templates name the same families in their CSS font-family list.
SERIF_FAMILIES = ("Times New Roman", "Liberation Serif", "Tinos")
FONT_PACKAGE = "fonts-liberation2"
# Where the font files live when fontconfig's `fc-list` is not installed.
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))


def in_official_language(func):
    """Build and render under the official language (settings.LANGUAGE_CODE, Vietnamese):
    an official document never follows the reader's UI language (English), and a file
    made once is shared by every reader."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper


class FontMissingError(RuntimeError):
    """No Times-compatible serif with Vietnamese glyphs is installed."""


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render `template_name` with `context` to PDF bytes.

    Raises FontMissingError when no Times-compatible serif with Vietnamese glyphs is
    installed (the PDF would silently fall back to a font without the diacritics).
    The document may load nothing from the network or the disk except data: URIs.
    """
    ensure_serif_font()
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=_refuse_external).write_pdf()


def ensure_serif_font() -> str:
    """Return the family used for documents; raise FontMissingError if there is none."""
    family = find_serif_font()
    if family is None:
        raise FontMissingError(
            "Không tìm thấy phông chữ có dấu tiếng Việt tương thích Times New Roman "
            f"({', '.join(SERIF_FAMILIES)}) để in văn bản PDF. Cài gói Debian/Ubuntu "
            f"`{FONT_PACKAGE}` (apt-get install {FONT_PACKAGE}) rồi khởi động lại. "
            f"No Times-compatible serif with Vietnamese glyphs is installed: install the "
            f"Debian package {FONT_PACKAGE} and restart."
        )
    return family


@functools.cache
def find_serif_font() -> str | None:
    """The first of SERIF_FAMILIES that fontconfig knows with Vietnamese coverage."""
    families = _vietnamese_families()
    for family in SERIF_FAMILIES:
        if family.lower() in families:
            return family
    return None


def _vietnamese_families() -> set[str]:
    fc_list = shutil.which("fc-list")
    if fc_list:
        out = subprocess.run(
            [fc_list, ":lang=vi", "family"], capture_output=True, text=True, check=False
        ).stdout
        return {name.strip().lower() for line in out.splitlines() for name in line.split(",")}
    # No fontconfig tools: look for the font files themselves (they all cover Vietnamese).
    names = {
        "times.ttf": "times new roman",
        "times new roman.ttf": "times new roman",
        "liberationserif-regular.ttf": "liberation serif",
        "tinos-regular.ttf": "tinos",
    }
    found = set()
    for folder in _FONT_DIRS:
        root = Path(folder)
        if root.is_dir():
            found |= {names[p.name.lower()] for p in root.rglob("*.ttf") if p.name.lower() in names}
    return found


def _refuse_external(url: str, *args, **kwargs):
    """WeasyPrint URL fetcher: only inline data: URIs (no network, no local files)."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"External resource refused in a PDF document: {url[:80]}")
