"""Restoring lost diacritics from the portal's vocabulary, phrases first."""

import tomllib
import unicodedata
from pathlib import Path

import pytest

from campaigns.plan_imports.diacritics import (
    lost_diacritics,
    restore,
    restore_name,
    vocabulary,
)

ROOT = Path(__file__).resolve().parents[3]


def strip(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _org_tree():
    data = tomllib.loads((ROOT / "fixtures/orgs.toml").read_text(encoding="utf-8"))
    units = data.get("units") or data.get("unit") or next(iter(data.values()))
    return [(u["name"], u.get("place", "")) for u in units]


def _titles():
    names = []
    for path in (ROOT / "fixtures/plans").glob("*.toml"):
        plan = tomllib.loads(path.read_text(encoding="utf-8"))
        names += [t["name"] for t in plan.get("titles", [])]
    return sorted(set(names))


def test_the_issue_examples():
    vocab = vocabulary(["LĐLĐ huyện Hóc Môn", "Hóc Môn"])
    text, changes = restore("Lien doan Lao dong quan Hoc Mon", vocab)
    assert text == "Liên đoàn Lao động quận Hóc Môn"
    text, changes = restore("ke hoach phat dong phong trao thi dua", vocab)
    assert text == "kế hoạch phát động phong trào thi đua"
    assert [c.restored for c in changes] == ["kế", "hoạch", "phát", "động", "trào", "đua"]


def test_every_restoration_is_reported_where_it_landed():
    text, changes = restore("Ban Thuong vu LIEN DOAN LAO DONG xay dung ke hoach")
    assert text == "Ban Thường vụ LIÊN ĐOÀN LAO ĐỘNG xây dựng kế hoạch"
    for change in changes:
        assert text[change.start : change.end] == change.restored
        assert strip(change.restored) == change.original
    assert "Ban" not in [c.original for c in changes]  # unchanged words are not marked


def test_org_tree_unit_names_and_places_come_back():
    units = _org_tree()
    assert units, "the demo org tree has units"
    vocab = vocabulary([n for u in units for n in u])
    for name, place in units:
        for phrase in (name, place):
            if phrase:
                assert restore(strip(phrase), vocab)[0] == phrase


def test_title_names_document_kinds_months_and_positions_come_back():
    titles = _titles()
    assert titles
    vocab = vocabulary(titles)
    words = [
        *titles,
        "Kế hoạch",
        "Hướng dẫn",
        "Quyết định",
        "Chỉ thị",
        "Nghị quyết",
        "Kết luận",
        "tháng một",
        "tháng mười hai",
        "Chủ tịch",
        "Phó Chủ tịch",
        "Bí thư",
        "Ban Thường vụ",
        "Ban Chấp hành",
    ]
    for phrase in words:
        assert restore(strip(phrase), vocab)[0] == phrase


def test_text_with_diacritics_is_not_touched_and_not_judged_lost():
    seed000 = (ROOT / "tests/plan_import/documents/seed000.txt").read_text(encoding="utf-8")
    assert not lost_diacritics(seed000)
    assert lost_diacritics(strip(seed000))
    assert lost_diacritics((ROOT / "fixtures/plan_import/seed003.txt").read_text())


def test_ocr_garbled_words_are_repaired_when_they_fold_to_a_known_word():
    text, changes = restore("Lién doan Lao dong huyén Héc Mon", vocabulary(["Hóc Môn"]))
    assert text == "Liên đoàn Lao động huyện Hóc Môn"
    assert {c.original for c in changes} >= {"Lién", "Héc"}


@pytest.mark.parametrize(
    ("scanned", "name"),
    [
        ("guyén Thi Thu Hién", "Nguyễn Thị Thu Hiền"),
        # The commonest forms of the name parts, where one is sure; "Thuy" is seen as Thủy
        # and as Thùy, so it keeps its letters (marked "unsure" by restore, below).
        ("Le Thi Thuy Huong", "Lê Thị Thuy Hương"),
        ("Lê Thị Thúy Hường", "Lê Thị Thúy Hường"),  # a name with its marks stays as typed
    ],
)
def test_signer_names(scanned, name):
    assert restore_name(scanned) == name


def test_a_name_part_read_two_ways_keeps_its_letters_and_is_marked_unsure():
    text, changes = restore("Nguoi ky\n\nLe Thi Thuy Huong\n")
    assert text.endswith("Lê Thị Thuy Hương\n")
    unsure = [c for c in changes if c.source == "unsure"]
    assert [(c.original, c.restored) for c in unsure] == [("Thuy", "Thuy")]
    assert unsure[0].confidence < 0.5
    assert text[unsure[0].start : unsure[0].end] == "Thuy"
    assert all(c.confidence == 1.0 for c in changes if c.source != "unsure")


def test_typed_names_keep_their_letters_and_the_language_model_reads_numbers_as_neighbours():
    # A name typed with marks is kept, its unmarked parts too ("Hoa", not "Hòa").
    assert restore_name("Lâm Thị Hoa") == "Lâm Thị Hoa"
    assert restore_name("Võ Thị Tuyền") == "Võ Thị Tuyền"  # a typed name we do not know
    # "có 100" is seen, "cơ 100" never: the trigram model prefers "có" after "công đoàn".
    text, _ = restore("To cong doan co 100% doan vien tham gia")
    assert text == "Tổ công đoàn có 100% đoàn viên tham gia"


def test_abbreviations_get_their_d_back_from_known_initials():
    from campaigns.plan_imports.diacritics import restore_abbreviation

    vocab = vocabulary(["Công đoàn Bệnh viện Quận 8"])
    assert restore_abbreviation("CDBV", vocab) == "CĐBV"  # công đoàn + bệnh viện
    assert restore_abbreviation("CDN", vocab) == "CĐN"  # công đoàn + a letter as typed
    assert restore_abbreviation("GDDT", vocab) == "GDĐT"  # giáo dục + đào tạo
    assert restore_abbreviation("DANG", vocab) is None  # a word, not an abbreviation
    assert restore_abbreviation("MNSH", vocab) is None  # no D to restore
    text, _ = restore("So: 03/KH-CDBV", vocab)
    assert text == "Số: 03/KH-CĐBV"


def test_typed_text_is_not_read_as_an_ocr_scan():
    """A word we do not know that is a Vietnamese syllable stays as typed in typed text (an
    OCR swap made "khu" "khó"); in a scan, or with marks that make no word, it is repaired."""
    from campaigns.plan_imports.diacritics import base_vocabulary, looks_scanned

    vocab = base_vocabulary()
    assert not looks_scanned("Chi bo Khu pho 3 xay dung ke hoach thi dua nam 2024")
    # Abbreviations and times are in typed plans too: not signs of a scan.
    assert not looks_scanned("- LDLD (b/c); UBND (p/h); 17h00 ngay 15/10; so 12/CTr-LDLD")
    assert looks_scanned("Phat dong phong trao thi dua trong can b9 Khoi trwong hoc ctia huyen")
    assert "nghoang" not in vocab.forms  # a syllable we do not know stays as typed
    assert restore("nha nghoang moi", vocab)[0].split()[1] == "nghoang"
    assert restore("nha nghoang moi b9", vocab)[0].split()[1] == "nghoang"


def test_numbers_and_the_next_word_count_as_context():
    text, _ = restore("Quan 3, ngay 15 thang 4 nam 2021")
    assert text == "Quận 3, ngày 15 tháng 4 năm 2021"


def test_a_scan_s_garbled_words_are_read_in_context():
    """In a scan, a word with a digit ("b9") or two slips ("trwe") is read as the known
    word the context picks; the same word typed (no scan) stays as it is."""
    scanned = "Phat dong phong trao thi dua trong can b9, nha giao Khoi trwong hoc\n- Thudng trwe"
    text, _ = restore(scanned)
    assert "cán bộ" in text and "Khối trường học" in text and "Thường trực" in text
    assert restore("Ban chap hanh LDLD Q1 xay dung ke hoach")[0].endswith("Q1 xây dựng kế hoạch")


def test_upper_case_abbreviations_are_no_typing_slips():
    text, _ = restore("Luu: VP, NC.\nGui cac to cong doan")
    assert text.startswith("Lưu: VP, NC.")


def test_the_vocabulary_holds_none_of_the_plans_the_importer_is_measured_on_unseen():
    data = ROOT / "campaigns/plan_imports/data"
    vocabulary_text = "\n".join(
        (data / name).read_text(encoding="utf-8") for name in ("corpus.txt", "general.txt")
    )
    measured = [
        *(ROOT / "tests/plan_import/heldout").glob("*.txt"),
        *(ROOT / "tests/plan_import/blind").glob("*.txt"),
        *(ROOT / "tests/plan_import/blind2").glob("*.txt"),
        *(ROOT / "tests/plan_import/blind3").glob("*.txt"),
    ]
    assert len(measured) >= 13
    for path in measured:
        for line in path.read_text(encoding="utf-8").splitlines():
            body = line.strip(" -+\t;.")
            if len(body) > 40:
                assert body not in vocabulary_text, (path.name, body)


# The general Vietnamese word-frequency list (wordfreq's, shipped in the package).


def test_the_general_list_is_vietnamese_syllables_in_the_portals_tone_placement():
    import wordfreq

    from campaigns.plan_imports.diacritics import general_frequencies

    general = general_frequencies()
    assert len(general) > 4000
    api = wordfreq.get_frequency_dict("vi", wordlist="small")
    # Read from the package's own file, the same figures as its public API …
    assert general["lưới"] == pytest.approx(api["lưới"], rel=1e-6)
    # … with "hoà", "thuỷ" counted as the portal writes them ("hòa", "thủy"), "quý" kept.
    assert general["hòa"] == pytest.approx(api["hòa"] + api["hoà"], rel=1e-6)
    assert "hoà" not in general and "thuỷ" not in general and "quý" in general
    # Foreign words, numbers and abbreviations are left out.
    assert api.get("john") and "john" not in general and "000" not in general


def test_the_tone_is_moved_to_the_portals_placement():
    from campaigns.plan_imports.diacritics import old_style_tone

    assert old_style_tone("hoà") == "hòa"
    assert old_style_tone("thuỷ") == "thủy"
    assert old_style_tone("khoẻ") == "khỏe"
    assert old_style_tone("quý") == "quý"  # the u of "qu" is no vowel
    assert old_style_tone("hoàn") == "hoàn"  # a closed syllable keeps it
    assert old_style_tone("ủy") == "ủy"


def test_a_word_our_vocabulary_lacks_comes_from_the_general_list():
    from campaigns.plan_imports.diacritics import base_vocabulary

    vocab = base_vocabulary()
    assert "thuyet" not in vocab.forms and "buyt" not in vocab.forms
    assert restore("diem ly thuyet va thuc hanh")[0] == "điểm lý thuyết và thực hành"
    assert restore("lai xe buyt")[0] == "lái xe buýt"


def test_the_portals_own_words_still_win_where_they_know_the_word():
    from campaigns.plan_imports.diacritics import Vocabulary

    vocab = Vocabulary()
    vocab.add_text("điện lực điện lực điện")
    # In general text "diện" is far commoner; our texts only know "điện": they decide.
    vocab.add_general({"diện": 0.01, "điện": 0.0001, "lưới": 0.001})
    assert restore("dien luc", vocab)[0] == "điện lực"
    # "luoi" our texts never saw: the general list gives its form.
    assert restore("luoi dien", vocab)[0] == "lưới điện"


def test_the_restorer_reads_the_list_without_importing_wordfreq():
    """``import wordfreq`` takes half a second (ftfy, regex): the restorer reads the
    package's file itself, once."""
    import subprocess
    import sys

    code = (
        "import sys; from campaigns.plan_imports.diacritics import general_frequencies as g;"
        "print(len(g()) > 4000, 'wordfreq' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.split() == ["True", "False"]


def test_without_the_package_the_restorer_goes_on_with_its_own_vocabulary(monkeypatch):
    import importlib.util

    from campaigns.plan_imports import diacritics

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "wordfreq" else real(name)
    )
    assert diacritics.general_frequencies.__wrapped__() == {}
