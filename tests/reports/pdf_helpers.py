"""Reading PDFs back in tests: text with pypdf, page images with pdftoppm + Pillow."""

import io
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from tests.system_tools import poppler_tool


def pdf_pages_text(pdf: bytes) -> list[str]:
    """Each page's text, NFC-normalised, whitespace runs collapsed to one space."""
    reader = PdfReader(io.BytesIO(pdf))
    return [
        " ".join(unicodedata.normalize("NFC", page.extract_text() or "").split())
        for page in reader.pages
    ]


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages_text(pdf))


def first_page_image(pdf: bytes, dpi: int = 40) -> Image.Image:
    """Page 1 as an image. Skips without poppler-utils, except on CI where it must exist."""
    pdftoppm = poppler_tool("pdftoppm")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                str(dpi),
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                source,
                Path(tmp) / "page",
            ],
            check=True,
        )
        with Image.open(Path(tmp) / "page.png") as image:
            return image.convert("L").copy()


def dark_pixel_share(image: Image.Image) -> float:
    """Share of pixels darker than light grey (0.0 for a blank page)."""
    histogram = image.histogram()
    dark = sum(histogram[:200])
    return dark / (image.width * image.height)


def top_margin_text(pdf: bytes, page_index: int, margin_pt: float = 56.7) -> str:
    """Text drawn in the top `margin_pt` points (20 mm) of a page (where page numbers go)."""
    page = PdfReader(io.BytesIO(pdf)).pages[page_index]
    top = float(page.mediabox.top)
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        y = tm[5] * cm[3] + tm[4] * cm[1] + cm[5]
        if text.strip() and y > top - margin_pt:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(found)


def pdf_fonts(pdf: bytes) -> dict[str, bool]:
    """Every font of the PDF's pages: base name without the subset tag -> embedded."""
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]] = embedded
    return fonts
