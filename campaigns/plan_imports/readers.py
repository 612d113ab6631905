"""Read an uploaded plan into plain text: .docx (paragraphs and tables, in order), pasted
or uploaded text, and PDF with a text layer. Legacy encodings are converted here (per run
in a .docx, where the font names tell), so everything after works on Unicode NFC.

A .doc (Word 97-2003) or a scanned PDF cannot be read without a converter we do not ship:
``ImportRefused`` carries a Vietnamese message saying what to do instead.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from campaigns.plan_imports.encodings import decode, detect

MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = (".docx", ".pdf", ".txt", ".doc")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The heading table of a Vietnamese administrative document: issuer on the left, the
# national (or party) motto and the place and date on the right.
_MOTTO = ("cộng hòa", "cộng hoà", "độc lập", "đảng cộng sản", "CéNG HßA".lower())
TABLE_CELL_SEPARATOR = " | "


class ImportRefused(Exception):
    """The file cannot be read; the message says, in Vietnamese, what to do instead."""


@dataclass
class Source:
    text: str
    kind: str  # "docx", "pdf", "text"
    encoding: str  # "unicode", "tcvn3", "vni", "viqr", or "mixed"


def _doc_message() -> str:
    return _(
        "Tệp .doc (Word 97–2003) không đọc được trực tiếp. Hãy mở tệp trong Word hoặc "
        "LibreOffice, chọn Lưu thành… (Save As) định dạng .docx rồi tải lên lại, hoặc sao "
        "chép toàn bộ nội dung và dán vào ô văn bản."
    )


def _scan_message() -> str:
    return _(
        "Tệp PDF này là bản scan (chỉ có hình ảnh, không có lớp chữ) nên không đọc được "
        "nội dung. Hãy tải lên bản .docx của văn bản, hoặc dán nội dung văn bản vào ô văn bản."
    )


def read_upload(name: str, data: bytes) -> Source:
    """Read an uploaded file by its content (the name's extension only breaks ties)."""
    lower = (name or "").lower()
    if len(data) > MAX_BYTES:
        raise ImportRefused(_("Tệp lớn hơn 10 MB, không nhập được."))
    if data.startswith(_OLE_MAGIC) or lower.endswith(".doc"):
        raise ImportRefused(_doc_message())
    if data.startswith(b"%PDF"):
        return read_pdf(data)
    if data.startswith(b"PK"):
        return read_docx(data)
    if lower.endswith((".docx", ".pdf")):
        raise ImportRefused(_("Tệp bị hỏng hoặc không đúng định dạng, không đọc được."))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused(
            _("Chỉ nhận tệp .docx, .pdf có lớp chữ hoặc văn bản thuần (.txt), hoặc dán nội dung.")
        )
    return read_text(_bytes_to_str(data))


def _bytes_to_str(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Legacy 8-bit text (TCVN3, VNI): the codes read as Windows-1252, as Word does.
        return data.decode("cp1252", errors="replace")


_EMPHASIS = re.compile(r"\*\*|(?<=\S)\*(?=[\s”\"])|(?<=[\s“\"])\*(?=\S)")


def read_text(text: str) -> Source:
    """Pasted or uploaded text, in any of the encodings (NFD included). Markdown emphasis
    marks ("**TM. BAN THƯỜNG VỤ**") that a copy from a web page leaves are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _EMPHASIS.sub("", text)
    encoding = detect(text)
    return Source(decode(text, encoding), "text", encoding)


def read_pdf(data: bytes) -> Source:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as error:
        raise ImportRefused(_("Tệp PDF bị hỏng, không đọc được.")) from error
    text = "\n".join(pages)
    if sum(1 for ch in text if ch.isalpha()) < 40 * max(1, len(pages)) // 4:
        raise ImportRefused(_scan_message())
    source = read_text(text)
    source.kind = "pdf"
    return source


# --- .docx -------------------------------------------------------------------------


def _run_font(run, paragraph_font: str) -> str:
    from docx.oxml.ns import qn

    fonts = run._r.rPr.find(qn("w:rFonts")) if run._r.rPr is not None else None
    if fonts is not None:
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            value = fonts.get(qn(attr))
            if value:
                return value
    return run.font.name or paragraph_font


def _style_font(style) -> str:
    while style is not None:
        if style.font is not None and style.font.name:
            return style.font.name
        style = style.base_style
    return ""


def _paragraph_text(paragraph, fonts: dict, seen: set) -> str:
    # The paragraph's style font from a table made once (python-docx's paragraph.style
    # searches all styles each time: most of the time of a long document).
    p_pr = paragraph._p.pPr
    style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
    font_of_paragraph = fonts.get(style_id) or fonts.get(None, "")
    parts = []
    for run in paragraph.runs:
        font = _run_font(run, font_of_paragraph)
        seen.add(font)
        encoding = detect(run.text, font) if font else "unicode"
        # TCVN3 capital fonts (.VnTimeH, .VnArialH) type capitals with lowercase codes.
        upper = encoding == "tcvn3" and font.rstrip().upper().endswith("H")
        parts.append(decode(run.text, encoding, upper=upper))
    return "".join(parts) if parts else paragraph.text


def _cell_lines(cell, fonts, seen) -> list[str]:
    return [t for p in cell.paragraphs if (t := _paragraph_text(p, fonts, seen).strip())]


_SIGNATURE = re.compile(r"^\s*(?:TM|T/M|KT|THAY MẶT)\b|^\s*N[ơo]i nh[ậa]n", re.I | re.M)


def _is_heading_table(rows: list[list[list[str]]]) -> bool:
    """The heading block (issuer | motto, place and date) or the closing block (recipients |
    signature): two columns to read side by side, not a table of data."""
    if not rows or max(len(r) for r in rows) != 2:
        return False
    right = "\n".join("\n".join(r[-1]) for r in rows)
    left = "\n".join("\n".join(r[0]) for r in rows)
    return any(m in right.lower() for m in _MOTTO) or bool(
        _SIGNATURE.search(right) or _SIGNATURE.search(left)
    )


def _table_lines(table, fonts, seen) -> list[str]:
    rows = []
    for row in table.rows:
        cells, last = [], None
        for cell in row.cells:
            if last is not None and cell._tc is last:
                continue  # a merged cell repeats across the columns it spans
            last = cell._tc
            cells.append(_cell_lines(cell, fonts, seen))
        rows.append(cells)
    if _is_heading_table(rows):
        # Two columns side by side, line by line, as the printed page reads.
        lines = []
        for left, right in ((r[0], r[1]) for r in rows if len(r) == 2):
            for i in range(max(len(left), len(right))):
                a = left[i] if i < len(left) else ""
                b = right[i] if i < len(right) else ""
                lines.append(f"{a}\t\t{b}".strip("\t") if a else f"\t\t{b}")
        return lines
    lines = []
    for cells in rows:
        texts = [" ".join(c) for c in cells]
        texts = [t for t in texts if t and not t.rstrip(".").isdigit()]
        if texts:
            lines.append(TABLE_CELL_SEPARATOR.join(texts))
    return lines


def read_docx(data: bytes) -> Source:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ImportRefused(_("Tệp .docx bị hỏng, không đọc được.")) from error
    # Each paragraph style's font (None: the default paragraph style's).
    fonts: dict = {}
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            fonts[style.style_id] = _style_font(style)
            if style.element.default:
                fonts[None] = fonts[style.style_id]
    seen: set[str] = set()
    lines = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_text(Paragraph(child, document), fonts, seen))
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document), fonts, seen))
    text = unicodedata.normalize("NFC", "\n".join(lines))
    legacy = {detect("", f) for f in seen if f} - {"unicode"}
    encoding = legacy.pop() if len(legacy) == 1 else ("mixed" if legacy else "unicode")
    if encoding == "unicode":
        # No legacy font named: the text itself may still be legacy (a font substituted).
        found = detect(text)
        if found != "unicode":
            text, encoding = decode(text, found), found
    return Source(text, "docx", encoding)
