"""Legacy encodings → Unicode NFC: every Vietnamese letter round-trips through each table."""

import unicodedata
from pathlib import Path

import pytest

from campaigns.plan_imports.encodings import (
    TCVN3,
    VIETNAMESE_LETTERS,
    decode,
    detect,
    encode,
    to_unicode,
)

ROOT = Path(__file__).resolve().parents[3]
SENTENCE = (
    "Ban Thường vụ Liên đoàn Lao động quận Gò Vấp tổ chức Hội nghị tuyên dương ngày 19 tháng 5 "
    "năm 2023; đoàn viên tự báo cáo trước 11h30 ngày 23/3/2023, học tập và làm theo tư tưởng, "
    "đạo đức, phong cách Hồ Chí Minh."
)


def test_every_vietnamese_letter_is_covered():
    # 12 vowels × 6 tones × 2 cases, less the 12 plain ASCII vowels, plus đ and Đ.
    assert len(VIETNAMESE_LETTERS) == 12 * 6 * 2 - 12 + 2
    assert "ự" in VIETNAMESE_LETTERS and "Ỵ" in VIETNAMESE_LETTERS


@pytest.mark.parametrize("letter", [c for c in VIETNAMESE_LETTERS if c == c.lower()])
def test_tcvn3_round_trips_every_lowercase_letter(letter):
    legacy = encode(letter, "tcvn3")
    assert len(legacy) == 1  # one 8-bit code (ý happens to be Latin-1's own ý)
    assert decode(legacy, "tcvn3") == letter


@pytest.mark.parametrize("letter", [c for c in VIETNAMESE_LETTERS if c != c.lower()])
def test_tcvn3_capitals_round_trip_through_the_capital_font(letter):
    # TCVN3 types capitals with tones in .VnTimeH using the lowercase codes.
    assert decode(encode(letter, "tcvn3"), "tcvn3", upper=True) == letter


def test_tcvn3_has_its_seven_plain_capitals():
    for letter in "ĂÂĐÊÔƠƯ":
        assert decode(TCVN3[letter], "tcvn3") == letter


@pytest.mark.parametrize("encoding", ["vni", "viqr"])
@pytest.mark.parametrize("letter", VIETNAMESE_LETTERS)
def test_vni_and_viqr_round_trip_every_letter(encoding, letter):
    word = f"x{letter}n"  # inside a word, where VIQR marks are unambiguous
    assert decode(encode(word, encoding), encoding) == word


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viqr"])
def test_detects_and_converts_a_sentence(encoding):
    legacy = encode(SENTENCE, encoding)
    text, found = to_unicode(legacy)
    assert found == encoding
    if encoding == "tcvn3":  # capitals with tones fold to lowercase in one-font TCVN3
        assert text.lower() == SENTENCE.lower()
    elif encoding == "viqr":
        # "vu. Liên": a dot before a capital may end a sentence; VIQR cannot tell.
        assert text == SENTENCE.replace("vụ Liên", "vu. Liên")
    else:
        assert text == SENTENCE


def test_unicode_and_nfd_are_left_as_unicode_in_nfc():
    assert detect(SENTENCE) == "unicode"
    nfd = unicodedata.normalize("NFD", SENTENCE)
    text, found = to_unicode(nfd)
    assert found == "unicode" and text == SENTENCE


def test_text_without_diacritics_is_not_taken_for_a_legacy_encoding():
    assert detect("Lien doan Lao dong quan Hoc Mon phat dong phong trao thi dua") == "unicode"


def test_ocr_scan_with_stray_marks_is_not_taken_for_tcvn3():
    seed003 = (ROOT / "fixtures/plan_import/seed003.txt").read_text(encoding="utf-8")
    assert detect(seed003) == "unicode"


def test_font_name_decides():
    assert detect("abc", ".VnTime") == "tcvn3"
    assert detect("abc", ".VnTimeH") == "tcvn3"
    assert detect("abc", "VNI-Times") == "vni"
    assert detect("abc", "Times New Roman") == "unicode"


def test_a_tcvn3_heading_in_capitals_reads_in_capitals():
    legacy = encode("LĐLĐ QUẬN GÒ VẤP", "tcvn3")
    assert decode(legacy, "tcvn3") == "LĐLĐ QUẬN GÒ VẤP"
