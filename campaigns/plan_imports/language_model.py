"""The language model the diacritic restorer chooses among a syllable's forms with: trigram
counts of the vocabulary's word forms, smoothed (Witten-Bell), with the general frequency
list as a small prior, and the beam search over a line that finds the likeliest sequence
of forms. The vocabulary itself, and what to restore, are ``diacritics``."""

import math
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from campaigns.plan_imports.diacritics import Vocabulary

# The general list's weight in the unigram prior, as pseudo-counts: a tenth of our own word
# count, spread by each form's share of general text, given only to the forms our own texts
# never use (where they know a form, their counts and neighbours decide). Measured on the
# held-out, third and fourth sets and the test plans (docs/import.md): 0.1 is the best of
# 0.03-3; higher weights, or the prior on every form, pulled "điện" to "diện", "tân" to "tấn".
GENERAL_WEIGHT = 0.1


# "công nhận" a hundred times should not outweigh "công nhân" ten times quite so much.
# Measured: 0.9 one field and one word better than 1 on the held-out sets (within noise);
# 0.85 the same, 0.7 and 0.5 worse.
DAMP = 0.9


def _damp(counts):
    return Counter({k: v**DAMP for k, v in counts.items()})


class LanguageModel:
    """A trigram language model over word forms, interpolated with Witten-Bell smoothing
    (a context seen often and followed by few words trusts its own counts; a rare one leans
    on the shorter context): the probability of each form after the one or two before it.
    Among a syllable's forms ("co": có, cơ, cỏ, cô …) it prefers the one its neighbours
    make likely, and an unseen pair costs ("cơ 100" is never seen, "có 100" is)."""

    def __init__(self, vocab: "Vocabulary"):
        self.uni = _damp(vocab.unigrams)
        self.total = sum(self.uni.values())
        # The general list as pseudo-counts for the forms our texts never use:
        # GENERAL_WEIGHT times our own word count, spread by each form's share.
        self.general = vocab.general
        self.general_total = GENERAL_WEIGHT * self.total if self.general else 0.0
        self.size = len(self.uni.keys() | self.general.keys()) + 1
        self.norm = self.total + self.general_total + 0.5 * self.size
        self.pairs = _damp(vocab.pairs)
        self.triples = _damp(vocab.triples)
        self.left: Counter = Counter()  # how often each word has a right neighbour
        self.types: Counter = Counter()  # how many different right neighbours
        for (v, _w), n in self.pairs.items():
            self.left[v] += n
            self.types[v] += 1
        self.left2: Counter = Counter()
        self.types2: Counter = Counter()
        for (u, v, _w), n in self.triples.items():
            self.left2[(u, v)] += n
            self.types2[(u, v)] += 1
        self._cache: dict = {}

    def logp(self, u: str | None, v: str | None, w: str) -> float:
        key = (u, v, w)
        if (cached := self._cache.get(key)) is not None:
            return cached
        seen = self.uni.get(w) or self.general_total * self.general.get(w, 0.0)
        p = (seen + 0.5) / self.norm
        if v is not None and (cv := self.left.get(v)):
            lam = cv / (cv + self.types[v])
            p = lam * self.pairs.get((v, w), 0) / cv + (1 - lam) * p
            if u is not None and (cuv := self.left2.get((u, v))):
                lam = cuv / (cuv + self.types2[(u, v)])
                p = lam * self.triples.get((u, v, w), 0) / cuv + (1 - lam) * p
        value = math.log(p)
        self._cache[key] = value
        return value


BEAM = 24


def viterbi(choices: list[list[str]], line_start: list[bool], vocab: "Vocabulary") -> list[str]:
    """The sequence of forms (one of each token's `choices`) the language model finds
    likeliest, a line at a time (no context across a line break), keeping a beam of the
    best pairs of last two forms. A path is a chain (path before, form)."""
    if not choices:
        return []
    model = vocab.model()
    states: dict = {}  # (form before, form) -> (score, path)
    for i, options in enumerate(choices):
        if i == 0 or line_start[i]:
            score, path = max(states.values(), key=lambda s: s[0]) if states else (0.0, None)
            states = {
                (None, form): (score + model.logp(None, None, form), (path, form))
                for form in options
            }
            continue
        new: dict = {}
        for (u, v), (score, path) in states.items():
            for form in options:
                candidate = score + model.logp(u, v, form)
                if (v, form) not in new or candidate > new[(v, form)][0]:
                    new[(v, form)] = (candidate, (path, form))
        if len(new) > BEAM:
            new = dict(sorted(new.items(), key=lambda kv: -kv[1][0])[:BEAM])
        states = new
    _score, path = max(states.values(), key=lambda s: s[0])
    out = []
    while path is not None:
        path, form = path
        out.append(form)
    return out[::-1]
