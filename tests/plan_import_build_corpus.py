"""Build campaigns/plan_imports/data/corpus.txt: the portal's own Vietnamese words.

Sources: the interface strings (msgids of locale/en, which are Vietnamese), the demo org
tree and names, and the plans shipped in fixtures/plans EXCEPT seed 003 (the restorer is
measured on seed 003, so its restored text must not be in the vocabulary).

Also data/general.txt, the wider vocabulary (weighted below corpus.txt): every Vietnamese
phrase in the repository's own files (templates, services, fixtures, tests, docs) except
what the importer is measured on (tests/plan_import, its tests, docs/import.md, seed 003),
and the Vietnamese word lists of Faker's vi_VN locale (a test dependency already in .venv:
common words, occupations, provinces, districts, communes, streets, person names). The
people's names from Faker also go to names.txt (places do not: "Đồng Khởi" is a street).
Run: .venv/bin/python tests/plan_import_build_corpus.py
"""

import re
import subprocess
import tomllib
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "campaigns/plan_imports/data/corpus.txt"


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def main():
    lines = []
    for po in sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po")):
        for m in re.finditer(r'^msgid "(.+)"$', po.read_text(encoding="utf-8"), re.M):
            lines.append(m.group(1))
    for name in ("orgs.toml", "names.toml", "people.toml"):
        lines += list(strings(tomllib.loads((ROOT / "fixtures" / name).read_text())))
    for plan in sorted((ROOT / "fixtures/plans").glob("*.toml")):
        if "seed003" in plan.name:
            continue
        lines += list(strings(tomllib.loads(plan.read_text())))
    text = "\n".join(line.strip() for s in lines for line in s.splitlines() if line.strip())
    text = re.sub(r"%\(\w+\)s|\{[^}]*\}|<[^>]+>", " ", text)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(OUT, len(text.split()))
    # Person names (for the signer's name): the name parts and the demo people's names.
    names = tomllib.loads((ROOT / "fixtures/names.toml").read_text())
    words = []
    for key in ("family", "female_middle", "female_given", "male_middle", "male_given"):
        for item in names.get(key, []):
            words += (item[0] if isinstance(item, list) else item).split()
    people = tomllib.loads((ROOT / "fixtures/people.toml").read_text())
    for name in strings(people):
        if re.fullmatch(r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s){1,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*", name.strip()):
            words += name.split()
    (OUT.parent / "names.txt").write_text("\n".join(words) + "\n", encoding="utf-8")


# What the importer is measured on, or what discusses it: never part of the vocabulary.
_MEASURED = (
    "tests/plan_import/",
    "tests/plan_import_build_corpus.py",
    "tests/campaigns/plan_imports/",
    "campaigns/plan_imports/",
    "docs/import.md",
    "fixtures/plan_import/",
    "locale/",  # already in corpus.txt
)
_MARKED = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)
# A run of words and the punctuation of prose; code, markup and quotes end it.
_SEGMENT = re.compile(r"[^\W\d_][\w ,;:%()/-]*[^\W_]|[^\W\d_]")


def _vietnamese_segments(text: str):
    """The stretches of `text` that read as Vietnamese: two words or more, at least half
    of them with marks (so an English identifier or comment is left out)."""
    for line in unicodedata.normalize("NFC", text).splitlines():
        if not _MARKED.search(line):
            continue
        for m in _SEGMENT.finditer(line):
            words = re.findall(r"[^\W\d_]+", m.group())
            if len(words) >= 2 and sum(bool(_MARKED.search(w)) for w in words) * 2 >= len(words):
                yield m.group().strip()


def _faker_vi():
    """Faker's vi_VN word lists: (phrases, names)."""
    from faker.providers.address.vi_VN import Provider as Address
    from faker.providers.job.vi_VN import Provider as Job
    from faker.providers.lorem.vi_VN import Provider as Lorem
    from faker.providers.person.vi_VN import Provider as Person

    phrases = list(Lorem.word_list) + list(Job.jobs)
    places = []
    for attr in ("streets", "communes", "cities", "provinces", "street_prefixes",
                 "commune_prefixes", "city_prefixes", "province_prefixes"):  # fmt: skip
        places += [p for p in getattr(Address, attr, ()) if isinstance(p, str)]
    people = []
    for attr in dir(Person):
        if attr.startswith(("first_names", "last_names", "middle_names")):
            people += [p for p in getattr(Person, attr) if isinstance(p, str)]
    return phrases + places, people


def general():
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    lines = []
    for name in files:
        if name.startswith(_MEASURED) or "seed003" in name:
            continue
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        lines += _vietnamese_segments(text)
    phrases, names = _faker_vi()
    lines += phrases
    out = OUT.parent / "general.txt"
    out.write_text("\n".join(dict.fromkeys(lines)) + "\n", encoding="utf-8")
    print(out, sum(len(line.split()) for line in lines))
    words = [w for name in names for w in name.split() if w[:1].isupper()]
    with (OUT.parent / "names.txt").open("a", encoding="utf-8") as f:
        f.write("\n".join(words) + "\n")


if __name__ == "__main__":
    main()
    general()
