"""The importer end to end, without the database: bytes or pasted text in, a draft out."""

from dataclasses import dataclass, field

from campaigns.plan_imports import diacritics
from campaigns.plan_imports.extract import Draft, extract
from campaigns.plan_imports.readers import Source, read_text, read_upload


@dataclass
class Parsed:
    source: Source
    text: str  # what the fields point into: Unicode NFC, diacritics restored
    draft: Draft
    restorations: list = field(default_factory=list)

    @property
    def restored(self) -> bool:
        return bool(self.restorations)


def parse_source(source: Source, extra_phrases=()) -> Parsed:
    text = source.text
    restorations = []
    if diacritics.lost_diacritics(text):
        vocab = diacritics.vocabulary(extra_phrases)
        text, restorations = diacritics.restore(text, vocab)
    return Parsed(source, text, extract(text), restorations)


def parse_upload(name: str, data: bytes, extra_phrases=()) -> Parsed:
    """Raises ``readers.ImportRefused`` for a file we cannot read (.doc, scanned PDF)."""
    return parse_source(read_upload(name, data), extra_phrases)


def parse_text(text: str, extra_phrases=()) -> Parsed:
    return parse_source(read_text(text), extra_phrases)
