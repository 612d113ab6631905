"""PDF renderer: a Django template in the Nghị định 30/2020 layout -> PDF bytes (WeasyPrint).

Renderers never touch the database or the request: they get plain data from a builder
(reports/builders/) and return bytes. WeasyPrint is imported inside ``render_pdf`` because
importing it takes a noticeable fraction of a second.

The documents' serif ships with the portal: Tinos (metrically identical to Times New
Roman, with the Vietnamese glyphs), from the npm package @fontsource/tinos, collected with
the other static files. Whatever fonts the server has, a document looks the same. A system
Times New Roman or Liberation Serif is deliberately not preferred: the same document would
then depend on which server made it.

Fontsource splits the font into files by script (latin, latin-ext, vietnamese). WeasyPrint
keeps one PDF font per family, style and weight, so files that share a family name would
mix their glyph numbers: each file therefore gets a family name of its own, and the
templates list them in order (SERIF_FAMILIES).
"""

import contextlib
import functools
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation

from portal.audit import chain_head, chain_of

logger = logging.getLogger(__name__)

FONT_STATIC_DIR = "vendor/tinos/files"
# Subsets in the order the templates' font-family lists them: the Vietnamese letters come
# from the vietnamese file, the rest of Latin from latin, anything else Latin from latin-ext.
FONT_SUBSETS = {
    "latin": "Tinos Latin",
    "vietnamese": "Tinos Vietnamese",
    "latin-ext": "Tinos Latin Ext",
}
SERIF_FAMILIES = tuple(FONT_SUBSETS.values())
FONT_STYLES = (("400", "normal"), ("700", "normal"), ("400", "italic"), ("700", "italic"))
# A host that cannot exist (RFC 2606): font URLs are resolved to files, never fetched.
BASE_URL = "https://static.thidua.invalid/"


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
    """The shipped serif is missing or did not draw the text it covers."""


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: str
    style: str
    name: str  # static file name, e.g. vendor/tinos/files/tinos-latin-400-normal.woff

    @property
    def url(self) -> str:
        return BASE_URL + self.name


def font_faces() -> list[FontFace]:
    """The @font-face rules of every document: each subset in regular, bold, italic and
    bold italic. WOFF, not WOFF2: Fontsource's WOFF files of Tinos are the smaller ones,
    and WOFF needs only zlib to decode (WOFF2 needs brotli, which WeasyPrint's
    fonttools[woff] requirement brings in too)."""
    return [
        FontFace(family, weight, style, f"{FONT_STATIC_DIR}/tinos-{subset}-{weight}-{style}.woff")
        for subset, family in FONT_SUBSETS.items()
        for weight, style in FONT_STYLES
    ]


def render_pdf(template_name: str, context: dict, *, audit_unit=None) -> bytes:
    """Render `template_name` with `context` to PDF bytes.

    Raises FontMissingError when the shipped serif's files cannot be found, or when text
    the serif covers was drawn with another font (the PDF would silently show another
    face, or boxes instead of the diacritics). The document may load nothing from the
    network or the disk except the serif's static files and data: URIs. The footer
    carries the head (its length and newest hash) of the audit chain of the unit the
    document belongs to: `audit_unit` (an OrgUnit or its id), else the issuer in the
    document's header (`context["doc"].header.unit_id`, or `.unit_id` of a document with
    no header), else the global chain.
    """
    faces = font_faces()
    files = {face.url: find_font_file(face.name) for face in faces}
    from weasyprint import HTML

    # Every document prints its unit's audit chain's head in its footer: a copy of the
    # anchor outside the database (docs/audit.md). The one read a renderer does.
    if audit_unit is None:
        doc = context.get("doc")
        audit_unit = getattr(getattr(doc, "header", None), "unit_id", None)
        audit_unit = audit_unit or getattr(doc, "unit_id", None)
    head = chain_head(chain_of(audit_unit)).line
    html = render_to_string(template_name, {**context, "font_faces": faces, "audit_head": head})
    # NFC: text typed in decomposed form (e + U+0323 + U+0302) gets the precomposed
    # Vietnamese letters the font has, instead of combining marks it lacks.
    html = unicodedata.normalize("NFC", html)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher(files)).render()
    pdf = document.write_pdf()
    check_no_fallback(document.fonts.values())
    return pdf


def find_font_file(name: str) -> Path:
    """The file of static file `name`: in STATIC_ROOT after collectstatic (under its
    hashed name with the manifest storage of production, which may keep only hashed
    files), else through the static files finders (DEBUG without collectstatic)."""
    candidates = []
    stored_name = getattr(staticfiles_storage, "stored_name", None)
    if stored_name is not None:
        # ValueError: not in the manifest, collectstatic has not run.
        with contextlib.suppress(ValueError):
            candidates.append(stored_name(name))
    candidates.append(name)
    for candidate in candidates:
        try:
            path = Path(staticfiles_storage.path(candidate))
        except NotImplementedError:  # a storage without local files
            break
        if path.is_file():
            return path
    found = finders.find(name)
    if found:
        return Path(found)
    raise FontMissingError(
        f"Không tìm thấy tệp phông chữ {name} của văn bản PDF: chạy `make assets` "
        "(npm ci và collectstatic) rồi khởi động lại. "
        f"The documents' font file {name} is missing: run `make assets` (npm ci and "
        "collectstatic) and restart."
    )


def _fetcher(files: dict[str, Path]):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ShippedFontsOnly(URLFetcher):
        """Serves the shipped serif's files and data: URIs; refuses everything else
        (no network, no other local file)."""

        def fetch(self, url, headers=None):
            if url in files:
                return URLFetcherResponse(url, files[url].read_bytes())
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"External resource refused in a PDF document: {url[:80]}")

    return ShippedFontsOnly()


@functools.cache
def shipped_coverage() -> frozenset[int]:
    """Code points the shipped serif draws (the regular style of every subset)."""
    from fontTools.ttLib import TTFont

    covered = set()
    for face in font_faces():
        if face.weight == "400" and face.style == "normal":
            covered |= set(TTFont(find_font_file(face.name)).getBestCmap())
    covered.discard(ord(" "))
    return frozenset(covered)


def check_no_fallback(fonts) -> None:
    """Raise FontMissingError if a character the shipped serif covers was drawn with
    another font. Characters it lacks (arrows, ≥, emoji in user text) fall back to what
    the server has; that is logged, not refused."""
    covered = shipped_coverage()
    fell_back = {}
    for font in fonts:
        if font.family in SERIF_FAMILIES:
            continue
        chars = {c for text in font.to_unicode.values() for c in text if not c.isspace()}
        if chars:
            fell_back[font.family] = chars
    wrong = {
        family: chars for family, chars in fell_back.items() if {ord(c) for c in chars} & covered
    }
    if wrong:
        detail = "; ".join(
            f"{family}: {''.join(sorted(chars))[:40]}" for family, chars in wrong.items()
        )
        raise FontMissingError(
            "Văn bản PDF không dùng được phông chữ Tinos đi kèm cổng thi đua "
            f"(chữ đã in bằng phông khác: {detail}). Chạy `make assets` rồi khởi động lại. "
            f"The shipped Tinos did not draw the document's text (drawn with {detail}): "
            "run `make assets` and restart."
        )
    for family, chars in fell_back.items():
        logger.warning(
            "PDF: characters not in Tinos drawn with %s: %s", family, "".join(sorted(chars))
        )
