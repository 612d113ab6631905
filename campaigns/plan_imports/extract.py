"""Pull a draft plan's fields out of a plan's text (Unicode NFC, diacritics restored): the
modules of ``campaigns.plan_imports.fields`` find them, one group each, and this one builds
the draft from them.

Every keyword and pattern is matched on the text with its marks stripped (``plain``: the
same length, so a match's span is the same in the text), and values are cut from the
text itself: extraction does not depend on the diacritics being restored right ("Noi
nhan", "ngay 05 thang 3", "TM. BAN CHAP HANH" are read as their marked forms are).

Pure: no database. Each field found is a ``Found``: its value, where in the text it came
from (``start``/``end``, so the review screen can highlight the sentence) and how sure
the importer is (0–1). ``to_json`` gives the draft in the shape ``import_plan --json``
prints; a field not found is ``None`` there.
"""

from dataclasses import dataclass, field

from campaigns.plan_imports.fields.closing import _recipients, _signatory
from campaigns.plan_imports.fields.common import _lines
from campaigns.plan_imports.fields.criteria import _criteria, _sections, _titles
from campaigns.plan_imports.fields.heading import (
    _header,
    _issuer_from_body,
    _parent,
    _plan_heading_index,
    _title,
)
from campaigns.plan_imports.fields.milestones import _milestones


@dataclass
class Draft:
    fields: dict = field(default_factory=dict)

    def get(self, name):
        return self.fields.get(name)


def extract(text: str) -> Draft:
    """The draft plan found in `text`."""
    lines = _lines(text)
    heading = _plan_heading_index(lines)
    found: dict = {}
    _header(lines, heading, found)
    _title(text, lines, heading, found)
    _parent(text, found)
    _issuer_from_body(text, found)
    _sections(lines, found)
    _criteria(lines, found)
    _titles(text, lines, found)
    _milestones(lines, found)
    _recipients(lines, found)
    _signatory(text, lines, found)
    return Draft(found)


JSON_KEYS = (
    "issuer", "parent_issuer", "number", "place", "issued_on", "title", "parent_plan",
    "criteria", "titles", "self_report_window", "milestones", "recipients", "signatory",
)  # fmt: skip


def to_json(draft: Draft) -> dict:
    """The draft as ``import_plan --json`` prints it: exactly JSON_KEYS, null when absent."""
    out = {}
    for key in JSON_KEYS:
        item = draft.get(key)
        if isinstance(item, list):
            values = [i.value for i in item]
            if key == "milestones":  # the label is for the review screen, not the JSON
                values = [{k: v for k, v in m.items() if k != "label"} for m in values]
            out[key] = values or None
        elif item is None:
            out[key] = None
        else:
            value = item.value
            if key == "signatory":
                value = {k: value[k] for k in ("on_behalf", "title", "name")}
            if key == "parent_plan":
                value = {k: value[k] for k in ("number", "date")}
            out[key] = value
    return out


def is_useful(draft: Draft) -> bool:
    """Did the text yield a plan at all? Criteria, milestones, sections, a number or a cited
    parent plan; or a title under a "KẾ HOẠCH" heading (any first line passes for a title
    without one, so that alone says nothing)."""
    f = draft.fields
    title = f.get("title")
    return bool(
        f.get("criteria")
        or f.get("milestones")
        or f.get("sections")
        or f.get("number")
        or f.get("parent_plan")
        or (title and title.confidence >= 0.9)
    )
