"""Give back the diacritics a text lost (typed without them, or an OCR scan that dropped
or garbled them): known phrases first, then words, from a vocabulary of our own.

The vocabulary is the genre's phrase list (``data/genre.txt``), the portal's own texts
(``data/corpus.txt``: its interface strings, its org tree, the plans it ships) and, at
run time, what the caller adds from the database (unit names, title names, plan titles);
for the spellings none of these has, the general Vietnamese frequency list the ``wordfreq``
package ships (``general_frequencies``). Nothing is downloaded. Every word changed is
reported as a ``Restoration`` so the review screen can mark it for the chair to check.

Choice (see docs/import.md): pyvi's ``ViUtils.add_accents`` was weighed against this. It
is offline, but its last release is from 2021, it pulls scikit-learn and crfsuite, it was
trained on news text rather than union plans, it cannot be taught our unit names, and it
does not say which words it changed. A vocabulary of the portal's own words restores the
words that matter to a plan (names, titles, document kinds, dates) and marks each change.
"""

import bisect
import gzip
import importlib.util
import math
import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from campaigns.plan_imports.language_model import GENERAL_WEIGHT, LanguageModel, viterbi

DATA = Path(__file__).parent / "data"
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)  # words and numbers
NUM = "<số>"  # a number, as the neighbour of a word: "quận 3", "ngày 15", "tháng 3"
# A Vietnamese syllable once its marks are folded away ("khu", "nghieng", "truong"); OCR's
# "trwong", "ctia", "b9" are none.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?"
    r"(?:[aeiouy]{1,3})(?:ng|nh|ch|[cmnpt])?"
)
MAX_PHRASE = 10
_VN_MARKED = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
# What an OCR scan does to Vietnamese letters once the marks are folded away: "Héc Mon"
# (Hóc Môn), "trwong" (trường), "ctia" (của), "bUA"/"Pang" (ĐUA, Đảng), "t6t" (tốt).
_OCR_SWAPS = (
    ("e", "o"), ("w", "u"), ("ti", "u"), ("tt", "u"), ("b", "d"), ("p", "d"), ("6", "o"),
    ("4", "a"), ("ci", "a"), ("o", "e"), ("a", "e"), ("i", "u"), ("c", "e"), ("u", "o"),
    ("y", "u"), ("tr", "t"), ("1", "l"), ("ll", "u"), ("d", "u"), ("ir", "u"), ("i", "a"),
    ("9", "o"), ("0", "o"), ("d", "o"), ("e", "c"),
)  # fmt: skip


# Abbreviations that lose their Đ with the marks ("LDLD" for "LĐLĐ", "KH/DU" for "KH/ĐU").
ABBREVIATIONS = {
    fold_key: value
    for value in ("LĐLĐ", "CĐCS", "CĐGD", "CĐ", "ĐU", "ĐB", "ĐT", "GD&ĐT", "QĐ", "ĐH", "ĐTN",
                  "CNVCLĐ", "CNVC-LĐ", "LĐ", "BTCTW", "ĐUK")
    for fold_key in [value.replace("Đ", "D")]
}  # fmt: skip


@lru_cache(maxsize=1 << 16)  # the same words again and again
def fold(text: str) -> str:
    """Lower case without marks: "Đoàn" → "doan" (also OCR's stray marks: "céng" → "ceng")."""
    text = text.lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def has_marks(word: str) -> bool:
    return bool(_VN_MARKED.search(unicodedata.normalize("NFC", word.lower())))


@dataclass(frozen=True)
class Restoration:
    start: int  # in the restored text
    end: int
    original: str
    restored: str
    source: str  # "phrase", "word", or "unsure": a name kept as typed, for the chair to check
    confidence: float = 1.0


class Vocabulary:
    """Word forms and their neighbours, from texts with diacritics."""

    def __init__(self):
        self.forms: dict[str, Counter] = defaultdict(Counter)
        self.pairs: Counter = Counter()
        self.triples: Counter = Counter()  # three words in a row, for the language model
        self.unigrams: Counter = Counter()  # each form (and NUM), weighted
        self._model = None
        self._lengths = None
        self.phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        # Abbreviations written with their Đ ("CĐCS", "GD&ĐT"), by folded form.
        self.abbreviations: dict[str, Counter] = defaultdict(Counter)
        self._initials = None
        # A general word-frequency list (``general_frequencies``): form -> share of running
        # text, the language model's unigram prior for words our own texts lack or rarely use.
        self.general: dict[str, float] = {}
        self.general_forms: dict[str, list] = {}

    def add_general(self, frequencies: dict[str, float]) -> None:
        """Take `frequencies` (form -> share of general text) as the candidate forms of the
        folded spellings our own texts lack ("luoi": lưới, "giac": giấc) and as the language
        model's unigram prior for the forms our texts never use. Kept apart from `forms`, so
        an OCR slip ("Héc", "true") is not taken for a known word."""
        self._model = None
        self.general = frequencies
        self.general_forms = defaultdict(list)
        for form in frequencies:
            key = fold(form)
            if key not in self.forms:
                self.general_forms[key].append(form)

    def add_text(self, text: str, weight: int = 1) -> None:
        self._initials = None
        self._model = None
        for line in unicodedata.normalize("NFC", text).splitlines():
            tokens = TOKEN.findall(line)
            for token in tokens:
                if "Đ" in token and re.fullmatch(r"[A-ZĐ]{2,8}", token):
                    self.abbreviations[fold(token)][token] += weight
            words = [_token_form(w) for w in tokens]
            for i, word in enumerate(words):
                if word is None:
                    continue
                if word != NUM:
                    self.forms[fold(word)][word] += weight
                self.unigrams[word] += weight
                if i and words[i - 1] is not None:
                    self.pairs[(words[i - 1], word)] += weight
                    if i > 1 and words[i - 2] is not None:
                        self.triples[(words[i - 2], words[i - 1], word)] += weight

    def add_phrase(self, phrase: str, weight: int = 3) -> None:
        words = [w.lower() for w in WORD.findall(unicodedata.normalize("NFC", phrase))]
        if not words:
            return
        self.add_text(" ".join(words), weight)
        if len(words) > 1 and len(words) <= MAX_PHRASE:
            self.phrases[tuple(fold(w) for w in words)] = tuple(words)

    def phrase_lengths(self) -> dict[str, int]:
        """The longest known phrase starting with each word (folded)."""
        if self._lengths is None or self._lengths[0] != len(self.phrases):
            lengths: dict[str, int] = {}
            for key in self.phrases:
                lengths[key[0]] = max(lengths.get(key[0], 0), len(key))
            self._lengths = (len(self.phrases), lengths)
        return self._lengths[1]

    def model(self) -> LanguageModel:
        if self._model is None:
            self._model = LanguageModel(self)
        return self._model

    def knows(self, folded: str) -> bool:
        return folded in self.forms

    @property
    def initials(self) -> dict[str, Counter]:
        """The pieces an abbreviation that lost its Đ is read from, by folded form: the
        abbreviations seen written ("cdcs" → "CĐCS") and the initials of each run of two
        to four words of the known phrases, "và" left out ("cd" → "CĐ": công đoàn;
        "gddt" → "GDĐT": giáo dục và đào tạo; "bv" → "BV": bệnh viện)."""
        if self._initials is None:
            table: dict[str, Counter] = defaultdict(Counter)
            for key, forms in self.abbreviations.items():
                table[key].update(forms)
            for phrase in self.phrases.values():
                letters = [_initial(w) for w in phrase if w != "và"]
                for n in range(2, 5):
                    for i in range(len(letters) - n + 1):
                        initials = "".join(letters[i : i + n]).upper()
                        table[fold(initials)][initials] += 1
            self._initials = table
        return self._initials

    def best(self, folded: str, previous: str | None) -> str | None:
        forms = self.forms.get(folded)
        if not forms:
            return None

        def score(form):
            pair = self.pairs.get((previous, form), 0) if previous else 0
            return 3 * math.log1p(pair) + math.log1p(forms[form])

        return max(forms, key=score)


def _token_form(token: str) -> str | None:
    """A token as the vocabulary counts it: a word in lower case, a number as NUM, a mix of
    letters and digits ("b9", "Q1") as nothing."""
    if token.isdigit():
        return NUM
    if any(ch.isdigit() for ch in token):
        return None
    return token.lower()


def _initial(word: str) -> str:
    """The letter an abbreviation takes from `word`: its first, marks dropped but đ kept."""
    return "đ" if word[:1] == "đ" else fold(word[:1])


def is_syllable(folded: str) -> bool:
    return bool(_SYLLABLE.fullmatch(folded))


def looks_scanned(text: str) -> bool:
    """Does `text` read like an OCR scan (where a word may be garbled: "trwong", "b9") rather
    than typed without marks? Three words in a hundred that are no Vietnamese syllable,
    leaving out what typed plans have too: abbreviations ("KH", "CTr", "b/c"), times
    ("17h00"), numbers."""
    words = [
        w
        for w in TOKEN.findall(text)
        if len(w) > 1
        and not w[0].isdigit()
        and not w.isupper()
        and not any(ch.isupper() for ch in w[1:])
    ]
    if not words:
        return False
    odd = sum(1 for w in words if not is_syllable(fold(w)))
    return odd / len(words) >= 0.03


def restore_abbreviation(word: str, vocab: "Vocabulary") -> str | None:
    """An upper-case abbreviation with its Đ back, from the initials of the word pairs we
    know: "CDBV" → "CĐBV" (công đoàn, bệnh viện), "GDDT" → "GDĐT" (giáo dục, đào tạo).
    Splits the word into two-letter initials (and single letters, left as typed), taking
    the split with the best-known pairs."""
    if not (word.isupper() and word.isalpha() and "D" in word and 3 <= len(word) <= 10):
        return None
    key = fold(word)
    if vocab.knows(key):
        return None  # a word ("DANG", "DUA"), not an abbreviation
    table = vocab.initials
    # best[i]: (score, text) of the best reading of key[:i]; a known piece scores its
    # length squared (fewer, longer pieces: "GDĐT" whole rather than "GĐ" + "ĐT"), its
    # count breaking ties; a letter alone nothing (and stays as typed).
    best: list[tuple[float, str]] = [(0.0, "")] + [(-1.0, "")] * len(key)
    for i in range(1, len(key) + 1):
        score, text = best[i - 1]
        options = [(score, text + word[i - 1])]
        for length in range(2, min(i, 8) + 1):
            if forms := table.get(key[i - length : i]):
                form, n = forms.most_common(1)[0]
                previous_score, previous_text = best[i - length]
                score = length * length + 0.1 * math.log1p(n)
                options.append((previous_score + score, previous_text + form))
        best[i] = max(options, key=lambda o: o[0])
    restored = best[-1][1]
    return restored if restored != word else None


# The new-style tone on the second vowel of a final "oa", "oe", "uy" ("hoà", "thuỷ") moved to
# the first, as the portal writes them ("hòa", "thủy"); "quý" keeps it.
_NEW_STYLE = re.compile(r"(?:^|(?<=[^q]))([ou])([àáảãạèéẻẽẹỳýỷỹỵ])$")


def old_style_tone(word: str) -> str:
    m = _NEW_STYLE.search(word)
    if not m:
        return word
    vowel, toned = m.group(1), unicodedata.normalize("NFD", m.group(2))
    return unicodedata.normalize("NFC", word[: m.start()] + vowel + toned[1:] + toned[0])


@lru_cache(maxsize=1)
def general_frequencies() -> dict[str, float]:
    """Vietnamese syllables and how often each occurs in general text (a share of all
    words), from the list the ``wordfreq`` package ships (``data/small_vi.msgpack.gz``,
    about 10,700 forms; nothing is downloaded). Read straight from the package's file (its
    "cB" format: after a header, a list of words per centibel of frequency) rather than
    through ``import wordfreq``, which takes half a second to import; its public API is the
    fallback. Only Vietnamese syllables are kept, in the portal's tone placement. Empty
    when the package is absent."""
    raw: dict[str, float] = {}
    spec = importlib.util.find_spec("wordfreq")
    if spec is None:
        return {}
    path = os.path.join(spec.submodule_search_locations[0], "data", "small_vi.msgpack.gz")
    try:
        import msgpack

        with gzip.open(path) as handle:
            data = msgpack.load(handle, raw=False)
        if data[0] != {"format": "cB", "version": 1}:
            raise ValueError(data[0])
        for centibels, words in enumerate(data[1:]):
            share = 10 ** (-centibels / 100)
            for word in words:
                raw[word] = raw.get(word, 0.0) + share
    except (OSError, ValueError, ImportError):  # a changed layout: the public API
        import wordfreq

        raw = wordfreq.get_frequency_dict("vi", wordlist="small")
    out: dict[str, float] = defaultdict(float)
    for word, share in raw.items():
        word = unicodedata.normalize("NFC", word.lower())
        if word.isalpha() and is_syllable(fold(word)):
            out[old_style_tone(word)] += share
    return dict(out)


@lru_cache(maxsize=1)
def base_vocabulary() -> Vocabulary:
    vocab = Vocabulary()
    corpus = DATA / "corpus.txt"
    if corpus.exists():
        vocab.add_text(corpus.read_text(encoding="utf-8"), weight=2)
    general = DATA / "general.txt"
    if general.exists():
        vocab.add_text(general.read_text(encoding="utf-8"))
    for line in (DATA / "genre.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            vocab.add_phrase(line)
    if GENERAL_WEIGHT:
        vocab.add_general(general_frequencies())
    return vocab


def vocabulary(extra_phrases=()) -> Vocabulary:
    """The base vocabulary plus `extra_phrases` (the org tree, titles, known plans)."""
    extra_phrases = [p for p in extra_phrases if p]
    if not extra_phrases:
        return base_vocabulary()
    base = base_vocabulary()
    vocab = Vocabulary()
    vocab.forms = defaultdict(Counter, {k: Counter(v) for k, v in base.forms.items()})
    vocab.pairs = Counter(base.pairs)
    vocab.triples = Counter(base.triples)
    vocab.unigrams = Counter(base.unigrams)
    vocab.general = base.general
    vocab.general_forms = base.general_forms
    vocab.phrases = dict(base.phrases)
    vocab.abbreviations = defaultdict(
        Counter, {k: Counter(v) for k, v in base.abbreviations.items()}
    )
    for phrase in extra_phrases:
        vocab.add_phrase(phrase, weight=5)
    return vocab


def lost_diacritics(text: str) -> bool:
    """Has `text` lost its diacritics? Fewer than one word in six carries a mark, where
    Vietnamese prose has marks on most words."""
    words = [w for w in WORD.findall(text) if len(w) > 1]
    if len(words) < 5:
        return bool(words) and not any(has_marks(w) for w in words)
    vocab = base_vocabulary()
    good = sum(1 for w in words if has_marks(w) and w.lower() in vocab.forms.get(fold(w), ()))
    return good / len(words) < 0.25


_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}


def untoned(word: str) -> str:
    """`word` without its tone mark, its vowel letters kept: "tuyền" → "tuyên", "hién" →
    "hien" (OCR's mark on a letter that takes no such vowel)."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


@lru_cache(maxsize=1)
def _skeletons() -> dict[str, set]:
    """The vowel letters each folded word is seen with, tones aside ("tuyen": "tuyên"): a
    name typed with marks we do not know ("Tuyền") is kept when its letters are Vietnamese;
    OCR's "Hién" (no word is spelt "hien" with a plain e and a tone) is repaired."""
    table: dict[str, set] = defaultdict(set)
    for key, forms in base_vocabulary().forms.items():
        table[key].update(untoned(form) for form in forms)
    for key, forms in _name_forms().items():
        table[key].update(untoned(form.lower()) for form in forms)
    return table


@lru_cache(maxsize=1)
def _name_forms() -> dict[str, Counter]:
    forms: dict[str, Counter] = defaultdict(Counter)
    for word in (DATA / "names.txt").read_text(encoding="utf-8").split():
        forms[fold(word)][unicodedata.normalize("NFC", word)] += 1
    return forms


# A name part is restored only when one form is most of what its letters are seen as
# ("Nguyen": Nguyễn); "Tuyen" (Tuyên, Tuyền) or "Vinh" (Vinh, Vĩnh) keep their letters and
# are marked for the chair to check.
NAME_SURE = 0.6


def name_form(key: str) -> tuple[str, float] | None:
    """The commonest name part that folds to `key`, and its share of them."""
    forms = _name_forms().get(key)
    if not forms:
        return None
    form, n = forms.most_common(1)[0]
    return form, n / sum(forms.values())


def _garbled(word: str, key: str) -> bool:
    """Marks that make no word: OCR's "Hién" (a typed "Tuyền" is a word, if not known)."""
    return (
        has_marks(word)
        and word.lower() not in base_vocabulary().forms.get(key, ())
        and untoned(word.lower()) not in _skeletons().get(key, ())
    )


def restore_name(name: str) -> str:
    """A person's name with its marks back ("guyen Thi Thu Hien" → "Nguyễn Thị Thu Hiền"):
    each word without marks (or with marks that make no Vietnamese word, "Hién") the
    commonest name part it folds to, when that form is sure enough (``NAME_SURE``); a first
    word the scan cut ("guyén") gets its lost first letter back when that makes a family
    name. A name typed with marks ("Lâm Thị Hoa") is kept as typed, but for garbled words."""
    forms = _name_forms()
    words = name.split()
    keys = []
    for i, word in enumerate(words):
        key = fold(word)
        if key not in forms and i == 0:
            key = next((c + key for c in "nthlpd" if c + key in forms), key)
        keys.append(key)
    typed = any(has_marks(w) and not _garbled(w, k) for w, k in zip(words, keys, strict=True))
    out = []
    for word, key in zip(words, keys, strict=True):
        garbled = _garbled(word, key)
        choice = name_form(key)
        repaired = garbled or key != fold(word)
        if choice and (repaired or not has_marks(word) and not typed):
            form, share = choice
            if repaired or share >= NAME_SURE:
                out.append(form)
                continue
        out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def _apply_case(model: str, word: str) -> str:
    if word.isupper():
        return word
    letters = [ch for ch in model if ch.isalpha()]
    if len(letters) > 1 and sum(ch.isupper() for ch in letters) > len(letters) / 2:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _needs_help(token: str, vocab: Vocabulary) -> bool:
    """A word to restore: no marks, or marks that make no word we know (OCR's "céng")."""
    if not has_marks(token) and not any(ch.isdigit() for ch in token):
        return True
    return token.lower() not in vocab.forms.get(fold(token), ())


def _ocr_readings(folded: str, vocab: Vocabulary, slips: int = 1) -> list[str]:
    """Every known word `folded` is one OCR slip away from (two with `slips=2`, when one
    finds none): the context then picks ("b9" after "can" → "bộ", "trwe" → "trực")."""
    found, frontier = [], [folded]
    for _ in range(slips):
        after = []
        for word in frontier:
            for wrong, right in _OCR_SWAPS:
                start = 0
                while (i := word.find(wrong, start)) >= 0:
                    candidate = word[:i] + right + word[i + len(wrong) :]
                    if vocab.knows(candidate) and len(candidate) > 1:
                        found.append(candidate)
                    after.append(candidate)
                    start = i + 1
        if found:
            break
        frontier = after
    return list(dict.fromkeys(found))


# Counts are taken to this power: the interface texts repeat the same strings, and their
def restore(text: str, vocab: Vocabulary | None = None) -> tuple[str, list[Restoration]]:
    """Restore the diacritics of the words of `text` that have none (or garbled ones).

    Returns the new text (NFC) and each change made, positioned in the new text.
    """
    vocab = vocab or base_vocabulary()
    text = unicodedata.normalize("NFC", text)
    scanned = looks_scanned(text)
    tokens = list(re.finditer(r"[^\W_]+", text))
    folded = [fold(t.group()) for t in tokens]
    replacement: dict[int, tuple[str, str]] = {}
    # 1. Phrases, longest first, where every word needs help and the line does not break.
    longest = vocab.phrase_lengths()
    i = 0
    while i < len(tokens):
        for n in range(min(longest.get(folded[i], 0), len(tokens) - i), 1, -1):
            key = tuple(folded[i : i + n])
            phrase = vocab.phrases.get(key)
            if phrase and any(_needs_help(tokens[i + k].group(), vocab) for k in range(n)):
                gap = text[tokens[i].end() : tokens[i + n - 1].start()]
                if "\n" in gap:
                    continue
                for k in range(n):
                    if _needs_help(tokens[i + k].group(), vocab):
                        replacement[i + k] = (phrase[k], "phrase")
                i += n - 1
                break
        i += 1
    # 2. A line of two to five capitalised words is a person's name (the signer): its
    # words are restored from the name parts.
    names = _name_forms()
    starts = [token.start() for token in tokens]
    for line in re.finditer(r"^[ \t]*((?:[^\W\d_]+[ \t]+){1,4}[^\W\d_]+)[ \t]*$", text, re.M):
        words = line.group(1).split()
        if sum(w[:1].isupper() for w in words) < len(words) - 1 or line.group(1).isupper():
            continue
        first = bisect.bisect_left(starts, line.start(1))
        for i in range(first, bisect.bisect_left(starts, line.end(1))):
            token = tokens[i]
            if i not in replacement:
                key = folded[i]
                if key not in names and token.start() == line.start(1):
                    key = next((c + key for c in "nthlpd" if c + key in names), key)
                if key in names and _needs_help(token.group(), vocab) or key != folded[i]:
                    form, share = name_form(key) or (None, 0.0)
                    repaired = key != folded[i] or has_marks(token.group())  # OCR's "Hién"
                    if form and (share >= NAME_SURE or repaired):
                        replacement[i] = (form.lower(), "word")
                    elif form:
                        # Not sure which name it is ("Tuyen": Tuyên or Tuyền): kept as
                        # typed, marked for the chair.
                        replacement[i] = (token.group().lower(), "unsure")
    # 3. Words: the likeliest sequence of forms (Viterbi over the word pairs we know, so
    # both neighbours count: "quan 3" → "quận 3", "nuoi day con" → "nuôi dạy con").
    # Tokens already settled (phrases, names, words with their marks, numbers) are fixed.
    choices: list[list[str]] = []
    line_start = [False] * len(tokens)
    for i, token in enumerate(tokens):
        word = token.group()
        if i and "\n" in text[tokens[i - 1].end() : token.start()]:
            line_start[i] = True
        if i in replacement:
            choices.append([replacement[i][0]])
            continue
        if word.isupper() and word in ABBREVIATIONS:
            replacement[i] = (ABBREVIATIONS[word], "word")
            choices.append([word.lower()])
            continue
        if word.isupper() and (abbreviation := restore_abbreviation(word, vocab)):
            replacement[i] = (abbreviation, "word")
            choices.append([word.lower()])
            continue
        mixed = any(ch.isdigit() for ch in word) and not word.isdigit()
        camel = not word.isupper() and any(ch.isupper() for ch in word[1:])  # "CTr", "TPHCMinh"
        if not _needs_help(word, vocab) or word.isdigit() or mixed and not scanned or camel:
            choices.append([_token_form(word) or word.lower()])
            continue
        key = folded[i]
        keys = [key]
        if word.isupper() and len(word) <= 5 and not is_syllable(key) and not scanned:
            choices.append([word.lower()])  # an abbreviation ("NC", "VP"), not a slip
            continue
        if not vocab.knows(key) and (scanned or not is_syllable(key) or has_marks(word)):
            # An unknown word that is no syllable, has marks that make no word ("Héc"), or
            # is in a scan: an OCR slip ("trwong", "b9"). Typed text keeps "khu" as "khu".
            keys = _ocr_readings(key, vocab, slips=2 if scanned else 1) or keys
        forms = [form for k in keys for form in vocab.forms.get(k, ())]
        if keys == [key] and not scanned:
            forms += [f for f in vocab.general_forms.get(key, ()) if f not in forms]
        choices.append(forms or [_token_form(word) or word.lower()])
    chosen = viterbi(choices, line_start, vocab)
    for i, token in enumerate(tokens):
        if i in replacement or len(choices[i]) == 1 and choices[i][0] == _token_form(token.group()):
            continue
        if chosen[i] != token.group().lower():
            replacement[i] = (chosen[i], "word")
    # 4. Rebuild, keeping case, recording where each change landed.
    out, changes, cursor, length = [], [], 0, 0
    for i, token in enumerate(tokens):
        if i not in replacement:
            continue
        out.append(text[cursor : token.start()])
        length += token.start() - cursor
        new = _apply_case(token.group(), replacement[i][0])
        out.append(new)
        source = replacement[i][1]
        if new != token.group() or source == "unsure":
            sure = 0.3 if source == "unsure" else 1.0
            changes.append(Restoration(length, length + len(new), token.group(), new, source, sure))
        length += len(new)
        cursor = token.end()
    out.append(text[cursor:])
    return unicodedata.normalize("NFC", "".join(out)), changes
