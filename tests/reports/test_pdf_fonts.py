"""The documents' serif ships with the portal (Tinos from @fontsource/tinos, static files)
and the check that no text it covers fell back to another font. The proof that no system
font is needed, with fontconfig seeing only DejaVu, is in test_pdf_fonts_isolated.py."""

import json
import logging
import unicodedata

import pytest

from reports.builders.plan import build_plan_document
from reports.renderers import pdf as pdf_renderer
from reports.renderers.pdf import FontMissingError, render_pdf
from tests.factories import PlanFactory
from tests.reports.pdf_helpers import pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db

SHIPPED = {
    f"{family.replace(' ', '-')}{style}"
    for family in pdf_renderer.SERIF_FAMILIES
    for style in ("", "-Bold", "-Italic", "-Bold-Italic")
}
# Every Vietnamese letter: the 12 vowels with each of the 6 tones, and đ; both cases.
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE_LETTERS = "".join(
    unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONES
)
VIETNAMESE_LETTERS += "đ" + VIETNAMESE_LETTERS.upper() + "Đ"


def render_plan(plan) -> bytes:
    return render_pdf("reports/pdf/plan.html", {"doc": build_plan_document(plan.pk)})


def test_vietnamese_alphabet_has_134_letters_and_all_are_covered():
    assert len(VIETNAMESE_LETTERS) == 2 * (12 * 6 + 1)
    missing = {c for c in VIETNAMESE_LETTERS if ord(c) not in pdf_renderer.shipped_coverage()}
    assert missing == set()


def test_font_faces_give_each_subset_four_styles_from_static_files():
    faces = pdf_renderer.font_faces()

    assert {(f.weight, f.style) for f in faces} == {
        ("400", "normal"),
        ("700", "normal"),
        ("400", "italic"),
        ("700", "italic"),
    }
    assert {f.family for f in faces} == set(pdf_renderer.SERIF_FAMILIES)
    assert len(faces) == 12
    for face in faces:
        assert pdf_renderer.find_font_file(face.name).read_bytes()[:4] == b"wOFF"


def test_plan_pdf_uses_only_the_shipped_serif_embedded(union):
    """Liberation Serif is installed on this machine: the document must not use it."""
    title = "Kế hoạch " + VIETNAMESE_LETTERS
    plan = PlanFactory(issuer=union, number=5, title=title)

    pdf = render_plan(plan)

    fonts = pdf_fonts(pdf)
    assert set(fonts) <= SHIPPED
    assert {"Tinos-Latin", "Tinos-Vietnamese", "Tinos-Latin-Bold", "Tinos-Vietnamese-Bold"} <= set(
        fonts
    )
    assert all(fonts.values())
    assert VIETNAMESE_LETTERS.upper() in pdf_text(pdf).upper()


def test_decomposed_vietnamese_is_drawn_with_the_precomposed_letters(union):
    title = unicodedata.normalize("NFD", "Kế hoạch thực hiện Nghị quyết")
    plan = PlanFactory(issuer=union, number=6, title=title)

    pdf = render_plan(plan)

    assert set(pdf_fonts(pdf)) <= SHIPPED
    assert "Kế hoạch thực hiện Nghị quyết".upper() in pdf_text(pdf).upper()


def test_characters_the_serif_lacks_fall_back_with_a_warning(union, caplog):
    plan = PlanFactory(issuer=union, number=7, title="Tỷ lệ ≥ 90% → đạt")

    with caplog.at_level(logging.WARNING, logger="reports.renderers.pdf"):
        pdf = render_plan(plan)

    assert "≥" in pdf_text(pdf)
    assert any("≥" in record.getMessage() for record in caplog.records)


def test_text_drawn_in_another_font_is_refused(union, monkeypatch, tmp_path):
    """If the shipped files load but are not the font (here: empty), every letter falls
    back to a system font: the check refuses the document instead of shipping it."""
    pdf_renderer.shipped_coverage()  # cached from the real files first
    broken = tmp_path / "broken.woff"
    broken.write_bytes(b"")
    monkeypatch.setattr(pdf_renderer, "find_font_file", lambda name: broken)
    plan = PlanFactory(issuer=union, number=8, title="Kế hoạch")

    with pytest.raises(FontMissingError, match="make assets") as excinfo:
        render_plan(plan)

    assert "Tinos" in str(excinfo.value)


def test_missing_font_file_names_the_command(union, settings, monkeypatch, tmp_path):
    settings.STATIC_ROOT = tmp_path / "empty"
    monkeypatch.setattr(pdf_renderer.finders, "find", lambda name: None)
    plan = PlanFactory(issuer=union, number=9, title="Kế hoạch")

    with pytest.raises(FontMissingError, match=r"tinos-latin-400-normal\.woff.*make assets"):
        render_plan(plan)


def test_font_found_by_finders_without_collectstatic(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "empty"

    path = pdf_renderer.find_font_file("vendor/tinos/files/tinos-vietnamese-700-italic.woff")

    assert path.parts[-4:] == ("@fontsource", "tinos", "files", "tinos-vietnamese-700-italic.woff")


def test_font_found_under_its_manifest_name_in_production(settings, monkeypatch, tmp_path):
    """Production: collectstatic with the manifest storage; WhiteNoise may keep only the
    hashed copies (WHITENOISE_KEEP_ONLY_HASHED_FILES), and node_modules may be gone."""
    name = "vendor/tinos/files/tinos-latin-400-normal.woff"
    hashed = "vendor/tinos/files/tinos-latin-400-normal.0123456789ab.woff"
    (tmp_path / hashed).parent.mkdir(parents=True)
    (tmp_path / hashed).write_bytes(b"wOFF")
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "hash": "x", "paths": {name: hashed}})
    )
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    monkeypatch.setattr(pdf_renderer.finders, "find", lambda name: None)

    assert pdf_renderer.find_font_file(name) == tmp_path / hashed
