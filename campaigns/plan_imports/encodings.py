"""Legacy Vietnamese encodings to Unicode (NFC): TCVN3 (ABC), VNI-Windows and VIQR.

The mapping tables are data, kept here and nowhere else. Text typed in a legacy font
reaches us as the font's 8-bit codes read as Windows-1252/Latin-1 characters ("Vi\xd6t"
for "Việt" in .VnTime), so each table maps such characters back to Vietnamese letters.

TCVN3 has no capitals with tone marks: headings are typed with lowercase codes in the
capital fonts (.VnTimeH, .VnArialH), so a run in such a font is decoded and upper-cased.
"""

import re
import unicodedata

# --- tables ------------------------------------------------------------------------

# TCVN3 (ABC): one 8-bit code per lowercase letter, plus the seven capital base letters.
TCVN3 = {
    "à": "\xb5", "ả": "\xb6", "ã": "\xb7", "á": "\xb8", "ạ": "\xb9",
    "ă": "\xa8", "ằ": "\xbb", "ẳ": "\xbc", "ẵ": "\xbd", "ắ": "\xbe", "ặ": "\xc6",
    "â": "\xa9", "ầ": "\xc7", "ẩ": "\xc8", "ẫ": "\xc9", "ấ": "\xca", "ậ": "\xcb",
    "đ": "\xae",
    "è": "\xcc", "ẻ": "\xce", "ẽ": "\xcf", "é": "\xd0", "ẹ": "\xd1",
    "ê": "\xaa", "ề": "\xd2", "ể": "\xd3", "ễ": "\xd4", "ế": "\xd5", "ệ": "\xd6",
    "ì": "\xd7", "ỉ": "\xd8", "ĩ": "\xdc", "í": "\xdd", "ị": "\xde",
    "ò": "\xdf", "ỏ": "\xe1", "õ": "\xe2", "ó": "\xe3", "ọ": "\xe4",
    "ô": "\xab", "ồ": "\xe5", "ổ": "\xe6", "ỗ": "\xe7", "ố": "\xe8", "ộ": "\xe9",
    "ơ": "\xac", "ờ": "\xea", "ở": "\xeb", "ỡ": "\xec", "ớ": "\xed", "ợ": "\xee",
    "ù": "\xef", "ủ": "\xf1", "ũ": "\xf2", "ú": "\xf3", "ụ": "\xf4",
    "ư": "\xad", "ừ": "\xf5", "ử": "\xf6", "ữ": "\xf7", "ứ": "\xf8", "ự": "\xf9",
    "ỳ": "\xfa", "ỷ": "\xfb", "ỹ": "\xfc", "ý": "\xfd", "ỵ": "\xfe",
    "Ă": "\xa1", "Â": "\xa2", "Đ": "\xa7", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6",
}  # fmt: skip

# VNI-Windows: base letter followed by a mark character (lowercase marks after lowercase
# letters, capital marks after capitals); a few letters are one character.
_VNI_MARKS_LOWER = {"grave": "ø", "acute": "ù", "hook": "û", "tilde": "õ", "dot": "ï"}
_VNI_MARKS_UPPER = {"grave": "Ø", "acute": "Ù", "hook": "Û", "tilde": "Õ", "dot": "Ï"}
_VNI_CIRC_LOWER = {"": "â", "grave": "à", "acute": "á", "hook": "å", "tilde": "ã", "dot": "ä"}
_VNI_CIRC_UPPER = {"": "Â", "grave": "À", "acute": "Á", "hook": "Å", "tilde": "Ã", "dot": "Ä"}
_VNI_BREVE_LOWER = {"": "ê", "grave": "è", "acute": "é", "hook": "ú", "tilde": "ü", "dot": "ë"}
_VNI_BREVE_UPPER = {"": "Ê", "grave": "È", "acute": "É", "hook": "Ú", "tilde": "Ü", "dot": "Ë"}
_TONE_MARKS = {"grave": "\u0300", "acute": "\u0301", "hook": "\u0309", "tilde": "\u0303",
               "dot": "\u0323", "": ""}  # fmt: skip


def _compose(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + _TONE_MARKS[tone])


def _vni_table() -> dict[str, str]:
    table = {"đ": "ñ", "Đ": "Ñ"}
    for upper in (False, True):
        marks = _VNI_MARKS_UPPER if upper else _VNI_MARKS_LOWER
        circ = _VNI_CIRC_UPPER if upper else _VNI_CIRC_LOWER
        breve = _VNI_BREVE_UPPER if upper else _VNI_BREVE_LOWER
        case = str.upper if upper else str.lower
        for tone, mark in [("", ""), *marks.items()]:
            for base in "aeouy":
                table[_compose(case(base), tone)] = case(base) + mark
            for base, code in (("â", "a"), ("ê", "e"), ("ô", "o")):
                table[_compose(case(base), tone)] = case(code) + circ[tone]
            table[_compose(case("ă"), tone)] = case("a") + breve[tone]
            # ơ and ư are one character each ("ô", "ö"), followed by the tone mark.
            table[_compose(case("ơ"), tone)] = ("Ô" if upper else "ô") + mark
            table[_compose(case("ư"), tone)] = ("Ö" if upper else "ö") + mark
        # i and ỵ have one-character forms.
        i_forms = {"": "i", "grave": "ì", "acute": "í", "hook": "æ", "tilde": "ó", "dot": "ò"}
        for tone, code in i_forms.items():
            table[_compose(case("i"), tone)] = case(code) if upper else code
        table[_compose(case("y"), "dot")] = "Î" if upper else "î"
    # Plain letters are themselves.
    return {k: v for k, v in table.items() if k != v}


VNI = _vni_table()

# VIQR: the letter followed by ASCII marks ("Vie^.t Nam", "dd" for đ).
_VIQR_TONES = {"grave": "`", "acute": "'", "hook": "?", "tilde": "~", "dot": "."}
_VIQR_SHAPES = {"â": "a^", "ă": "a(", "ê": "e^", "ô": "o^", "ơ": "o+", "ư": "u+"}


def _viqr_table() -> dict[str, str]:
    table = {"đ": "dd", "Đ": "DD"}
    for upper in (False, True):
        case = str.upper if upper else str.lower
        for tone, mark in [("", ""), *_VIQR_TONES.items()]:
            for base in "aeiouy":
                table[_compose(case(base), tone)] = case(base) + mark
            for letter, code in _VIQR_SHAPES.items():
                table[_compose(case(letter), tone)] = case(code[0]) + code[1] + mark
    return {k: v for k, v in table.items() if k != v}


VIQR = _viqr_table()

TABLES = {"tcvn3": TCVN3, "vni": VNI, "viqr": VIQR}

# Every Vietnamese letter with a mark, both cases (what the round-trip tests cover).
VIETNAMESE_LETTERS = sorted(
    {_compose(c(b), t) for b in "aăâeêioôơuưy" for t in _TONE_MARKS for c in (str.lower, str.upper)}
    - set("aeiouyAEIOUY")
    | {"đ", "Đ"}
)


def _decoder(table: dict[str, str]):
    reverse = {code: letter for letter, code in table.items()}
    keys = sorted(reverse, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    return pattern, reverse


_DECODERS = {name: _decoder(table) for name, table in TABLES.items()}
# VIQR "e." or "a?" also end sentences: decode a mark only inside a word (letter after it
# or a letter before a shape mark), so "hoc." at a sentence end stays as it is.
_VIQR_WORD = re.compile(
    r"[A-Za-z][A-Za-z\^\(\+`'?~.]*\.(?=\s+[^A-ZĐ\s]|[,;:)]|$)"
    r"|[A-Za-z][A-Za-z`'?~.]*[\^\(\+][A-Za-z`'?~]*\.(?=\s)"
    r"|[A-Za-z][A-Za-z\^\(\+`'?~.]*[A-Za-z\^\(\+`'?~]|[A-Za-z]"
)


_CAPS_WORD = re.compile(r"\b(?=\w*[A-ZĐ]{2}|[A-ZĐ]\w*[A-Z])(?!\w*[a-z])\w+\b")


def _caps_line(line: str) -> str:
    """A heading typed in capitals: "LĐLĐ QUẬN Gò VẤP" (Gò has its only capital first) is
    all capitals when most of its words are."""
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 1 or w.isupper()]
    if len(words) >= 2 and sum(w.isupper() for w in words) >= 0.6 * len(words):
        return line.upper()
    return line


def encode(text: str, encoding: str) -> str:
    """Unicode → legacy (used by the tests and the fixtures that make legacy files)."""
    table = TABLES[encoding]
    text = unicodedata.normalize("NFC", text)
    if encoding == "tcvn3":
        return "".join(table.get(ch, table.get(ch.lower(), ch)) for ch in text)
    return "".join(table.get(ch, ch) for ch in text)


def decode(text: str, encoding: str, *, upper: bool = False) -> str:
    """Legacy → Unicode NFC. `upper`: the run was in a TCVN3 capital font (.VnTimeH)."""
    if encoding in ("", "unicode", None):
        return unicodedata.normalize("NFC", text)
    pattern, reverse = _DECODERS[encoding]
    if encoding == "viqr":
        # A final "." is a tone where no sentence can end: before a lowercase word or a
        # number ("thi. 05"), or after a shaped vowel ("Bo^. Chi'nh").
        out = _VIQR_WORD.sub(lambda m: pattern.sub(lambda k: reverse[k.group()], m.group()), text)
    else:
        out = pattern.sub(lambda m: reverse[m.group()], text)
    if upper:
        out = out.upper()
    elif encoding == "tcvn3":
        # Capitals with tones are typed with lowercase codes: "§¹O" in a heading is "ĐẠO".
        out = _CAPS_WORD.sub(lambda m: m.group().upper(), out)
        out = "\n".join(_caps_line(line) for line in out.split("\n"))
    return unicodedata.normalize("NFC", out)


# --- detection ---------------------------------------------------------------------

_TCVN3_CODES = set("".join(TCVN3.values()))
_VNI_SIGNS = re.compile(r"[aeouyAEOUY][øùûõïâàáåãäêèéúüëØÙÛÕÏÂÀÁÅÃÄÊÈÉÚÜË]|[ôöÔÖ][øùûõï]|ñ|Ñ")
_VIQR_SIGNS = re.compile(r"[a-zA-Z](?:[\^\(\+][`'?~.]?|[`'?~])(?=[a-zA-Z])|\bdd[a-z]|\bDD[A-Z]")
_UNICODE_VN = re.compile(r"[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


def detect(text: str, font_hint: str = "") -> str:
    """Which encoding `text` is in: "unicode", "tcvn3", "vni" or "viqr".

    The font names of a .docx are a strong hint (.VnTime → TCVN3, VNI-Times → VNI);
    otherwise count the signs of each encoding and take the strongest.
    """
    hint = font_hint.lower()
    if hint.startswith(".vn") or hint.startswith("vn") and "time" in hint and "vni" not in hint:
        return "tcvn3"
    if hint.startswith("vni"):
        return "vni"
    if not text:
        return "unicode"
    unicode_hits = len(_UNICODE_VN.findall(unicodedata.normalize("NFC", text)))
    tcvn3_hits = sum(1 for ch in text if ch in _TCVN3_CODES)
    vni_hits = len(_VNI_SIGNS.findall(text))
    viqr_hits = len(_VIQR_SIGNS.findall(text))
    words = max(1, len(text.split()))
    # Legacy text marks most syllables; an OCR scan's stray "é" or "ô" does not reach this.
    floor = max(3, words // 5, unicode_hits + 1)
    candidates = [
        name
        for name, hits in (("tcvn3", tcvn3_hits), ("vni", vni_hits), ("viqr", viqr_hits))
        if hits >= (floor if name != "viqr" else max(3, words // 8, unicode_hits + 1))
    ]
    if not candidates:
        return "unicode"
    if "tcvn3" in candidates and "vni" in candidates:
        # Both read the same Latin-1 letters. In VNI nearly every such letter is a mark
        # after a plain vowel ("Vieät"); in TCVN3 the accented vowel is one code ("ViÖt").
        candidates.remove("vni" if vni_hits * 2 < tcvn3_hits else "tcvn3")
    return max(candidates, key=lambda e: _plausibility(decode(text, e)))


def _plausibility(text: str) -> int:
    return len(_UNICODE_VN.findall(text)) - 3 * len(re.findall(r"[\xa0-\xff]", text))


def to_unicode(text: str, font_hint: str = "") -> tuple[str, str]:
    """Detect and convert; returns (NFC text, encoding found)."""
    encoding = detect(text, font_hint)
    return decode(text, encoding), encoding
