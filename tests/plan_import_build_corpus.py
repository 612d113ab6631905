"""Build campaigns/plan_imports/data/corpus.txt: the portal's own Vietnamese words.

Sources: the interface strings (msgids of locale/en, which are Vietnamese), the demo org
tree and names, and the plans shipped in fixtures/plans EXCEPT seed 003 (the restorer is
measured on seed 003, so its restored text must not be in the vocabulary).
Run: .venv/bin/python tests/plan_import_build_corpus.py
"""

import re
import tomllib
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


if __name__ == "__main__":
    main()
