"""The closing block: the recipients listed under "Nơi nhận", and the signatory (the
body or position signed for, with its prefix read as written: "TM.", "KT.", "TL.", "TUQ.",
"Q."; the position and the signer's name below it)."""

import re

from campaigns.plan_imports.diacritics import restore_name
from campaigns.plan_imports.fields.common import (
    _BULLET,
    Found,
    Line,
    _split_columns,
    plain,
)

# The signing line: "TM." (thay mặt), "KT." (ký thay), "TL." (thừa lệnh), "TUQ." (thừa ủy
# quyền), "Q." (quyền), then the body or position signed for. The last three need their dot.
_SIGN = re.compile(r"\b(TM|T/M|KT|THAY MAT|TUQ\.|TL\.|Q\.)\s*\.?\s*([A-Z][A-Z .]+[A-Z])")


_SIGN_MODES = {"TM": "TM.", "T/M": "TM.", "THAY MAT": "TM.", "KT": "KT."}


def _is_recipients_heading(line: Line) -> bool:
    return line.folded.lstrip(" *").startswith(("noi nhan", "noi nhin", "noi nhen"))


def _recipients(lines, found):
    index = next((i for i, line in enumerate(lines) if _is_recipients_heading(line)), None)
    if index is None:
        return
    items = []
    for line in lines[index + 1 : index + 25]:
        t = line.text.strip()
        first = _split_columns(Line(t, line.start))
        if not first:
            if items:
                continue
            continue
        text, start = first[0]
        if not _BULLET.match(text):
            if items:
                break
            continue
        value = _BULLET.sub("", text).strip().rstrip(" ;[|")
        if value:
            items.append(Found(value, start, start + len(text), 0.9))
    found["recipients"] = items


def _signatory(text, lines, found):
    tail_start = (
        found["recipients"][0].start
        if found.get("recipients")
        else (next((line.start for line in lines if _is_recipients_heading(line)), None))
    )
    if tail_start is None:
        tail_start = max(0, len(text) - 600)
    tail = text[tail_start - 200 if tail_start >= 200 else 0 :]
    offset = len(text) - len(tail)
    m = _SIGN.search(plain(tail))
    if not m:
        return
    body = re.sub(r"\s+", " ", tail[m.start(2) : m.end(2)].replace(" .", ".")).strip(" .")
    prefix = m.group(1).upper()
    mode = _SIGN_MODES.get(prefix, prefix)  # "TL.", "TUQ.", "Q." read as themselves
    after = tail[m.end() :]
    title = name = None
    for raw in after.split("\n"):
        part = raw.strip()
        columns = [c for c in re.split(r"\t+|\s{3,}", part) if c.strip()]
        part = columns[-1].strip() if columns else ""
        if not part or _BULLET.match(part):
            continue
        second = re.match(r"(KT|Q|TUQ|TL)\s*\.", plain(part))
        if second and title is None and not name:
            if second.group(1) == "Q":  # the acting head: "TM. BAN CHẤP HÀNH / Q. CHỦ TỊCH"
                title = part.strip(" .")
                continue
            # Signed for the head ("KT. CHỦ TỊCH", "TL. CHỦ TỊCH"): the position follows.
            mode = second.group(1) + "."
            continue
        if part.isupper() and title is None and len(part) < 40 and not name:
            title = part.strip(" .")
            continue
        words = part.split()
        if (
            2 <= len(words) <= 5
            and all(w[:1].isalpha() for w in words)
            and sum(w[:1].isupper() for w in words) >= len(words) - 1
            and not part.isupper()
        ):
            name = restore_name(part)
    value = {"on_behalf": body, "title": title, "name": name, "mode": mode}
    found["signatory"] = Found(value, offset + m.start(), offset + m.end(), 0.85 if name else 0.6)
