"""No input answers 500 (issue 13, item 1): hostile values in every field of every form.

The forms are found by walking the site, as the permission walk does (tests/walk/tables):
every page a role may open is read once and its ``<form>``s parsed (field names and the
values the page offers); a form posting to a URL name of the tables is that URL's form,
and every POST URL also gets the fields its expectation sends. A page's GET form (a
search) is a target too, as is every view's query string.

Then, for each target, Hypothesis replaces any of the fields by hostile values (NUL and
control characters, NaN, sNaN, Infinity, absurd dates and zone offsets, huge numbers,
unknown ids, overlong text, markup, formulas) and sends the request as a role the table
says may use it. The answer must never be a 5xx. When the request wrote nothing, it was
refused: a 4xx, a redirect, or the page again with an error in Vietnamese. When it wrote
(the value passed as harmless, e.g. a name with a NUL stripped), what it wrote holds no
NUL or control character. Each request runs in a savepoint rolled back afterwards.

Run time: BAD_INPUT_EXAMPLES examples per target (default 4), derandomised so that CI
runs are repeatable; raise it locally to search harder.
"""

import json
import os
import re
import sys
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from portal.forms.fields import CONTROL_CHARACTERS
from portal.models import AuditEntry
from tests.walk import test_url_walk as walk
from tests.walk.tables import ROLES

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "4"))
# Who acts, when the table lets several: the union's own people before the federation
# and the administrator (whose views read rather than act).
PREFERRED = (
    "chutich_senhong",
    "bch_senhong",
    "doanvien_senhong",
    "bithu_senhong",
    "bgh_senhong",
    "ldld_govap",
    "admin",
)
# Sending these would end the session or change the language of the next requests.
SKIPPED = {"logout", "set_language", "password_change"}
# Any letter with a Vietnamese diacritic (Latin-1 accents, ă đ ĩ ũ ơ ư, and U+1EA0–U+1EF9).
VIETNAMESE = re.compile(
    "[\u00c0-\u00ff\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169"
    "\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)
ERROR_MARKUP = re.compile(
    r'class="[^"]*(invalid-feedback|errorlist|alert-danger|text-danger|is-invalid)[^"]*"[^>]*>'
    r"(.*?)</",
    re.S,
)
# Steps that show what was sent, to be confirmed by a second POST: a 200 there writes
# nothing by design, with or without an error.
# The autosave fragment says "saved" or the error; drafts write no audit entry.
PREVIEWS = {"campaigns:plan_import", "import_upload", "campaigns:selfreport_autosave"}
KEEP = object()  # the field keeps the value the page offered

HOSTILE_TEXT = [
    "",
    " ",
    "\x00",
    "Sen\x00Hồng",
    "\x01\x08\x0b\x1b[31m\x7f\x9f",
    "NaN",
    "sNaN",
    "-NaN",
    "Infinity",
    "-inf",
    "1e999999999",
    "-1",
    "0",
    "99999999999999999999999999",
    "7,5",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "0001-01-01",
    "9999-12-31",
    "2023-03-23T11:30-23:59",
    "2023-03-23T11:30+14:00",
    "2023-02-30T25:61",
    "31/12/99999",
    "'; DROP TABLE portal_user; --",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x","y")',
    "../../etc/passwd",
    "%00",
    "１２",
    "x" * 5000,
]
HOSTILE = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(
        st.characters(min_codepoint=0, max_codepoint=0x2FF, exclude_categories=("Cs",)),
        max_size=40,
    ),
)


def _hostile_file(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


HOSTILE_FILES = st.sampled_from(
    [
        (b"%PDF-1.4\n%%EOF\n", "minh-chung.bat"),
        (b"%PDF-1.4\n%%EOF\n", "minh-chung.html"),
        (b"MZ\x90\x00 not a pdf", "to-trinh.pdf"),
        (b"<html><script>alert(1)</script></html>", "trang.pdf"),
        (b"", "rong.pdf"),
        (b"PK\x03\x04 broken zip", "bao-cao.docx"),
        (b"%PDF-1.4\n%%EOF\n", "a\x00b.pdf"),
    ]
)


# --- finding the forms ----------------------------------------------------------------


class FormParser(HTMLParser):
    """Every <form>: method, action, and its fields with the values the page offers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": {},
                "files": set(),
            }
            self.forms.append(self._form)
            return
        form = self._form
        name = a.get("name")
        if form is None or not name or name == "csrfmiddlewaretoken":
            return
        fields = form["fields"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                fields.setdefault(name, a.get("value") or "")
            elif kind == "file":
                form["files"].add(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields[name] = a.get("value") or "on"
                else:
                    fields.setdefault(name, None)
            else:
                fields[name] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = name
            fields[name] = ""
        elif tag == "select":
            self._select = name
            fields.setdefault(name, None)
        elif (
            tag == "option"
            and self._select
            and (fields.get(self._select) is None or "selected" in a)
        ):
            fields[self._select] = a.get("value", "")

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return None
    return match.view_name


def _role_for(expect, allowed=(200, 302)) -> str | None:
    for role in PREFERRED:
        if expect.status[role] in allowed:
            return role
    return None


def _request(demo, url_name, expect, role, data, method):
    """Send one request in a savepoint rolled back afterwards; (response, audit written,
    the new audit entries' JSON)."""
    with transaction.atomic():
        url = reverse(url_name, kwargs=expect.resolve_kwargs(demo))
        client = Client()
        client.force_login(demo.user(role))
        before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        send = client.post if method == "POST" else client.get
        response = send(url, data)
        if response.streaming:
            b"".join(response.streaming_content)
        written = list(AuditEntry.objects.filter(pk__gt=before).values())
        transaction.set_rollback(True)
    return url, response, written


@pytest.fixture(scope="module")
def targets(demo, django_db_blocker):
    """(url name, Expect, role, method, {field: offered value}, file fields) to attack."""
    found_post: dict[str, dict] = {}
    found: list[tuple] = []
    with django_db_blocker.unblock():
        for url_name in walk.URL_NAMES:
            if url_name in SKIPPED:
                continue
            for expect in walk.EXPECTATIONS.get(url_name, []):
                role = _role_for(expect, allowed=(200,))
                if expect.method != "GET" or role is None:
                    continue
                _url, response, _ = _request(
                    demo, url_name, expect, role, expect.resolve_data(demo), "GET"
                )
                if response.status_code != 200 or response.streaming:
                    continue
                if "html" not in response.get("Content-Type", ""):
                    continue
                parser = FormParser()
                parser.feed(response.content.decode())
                for form in parser.forms:
                    if form["method"] == "post":
                        action = _url_name(form["action"] or _url)
                        if action:
                            entry = found_post.setdefault(action, {"fields": {}, "files": set()})
                            for name, value in form["fields"].items():
                                entry["fields"].setdefault(name, value)
                            entry["files"] |= form["files"]
                    elif form["fields"] and not form["action"].startswith("http"):
                        found.append((url_name, expect, role, "GET", form["fields"], set()))
                found.append((url_name, expect, role, "GET", _query_fields(expect, demo), set()))
        for url_name in walk.URL_NAMES:
            if url_name in SKIPPED:
                continue
            page = found_post.get(url_name, {"fields": {}, "files": set()})
            expects = walk.EXPECTATIONS.get(url_name, [])
            posts = [e for e in expects if e.method == "POST"]
            if not posts and page["fields"]:
                # A page that posts to itself, its table giving only the GET: post as the
                # role that opened it.
                posts = [e for e in expects if _role_for(e, allowed=(200,))]
            for expect in posts[:1] if not any(e.method == "POST" for e in expects) else posts:
                role = _role_for(expect)
                if role is None:
                    continue
                fields = dict(page["fields"])
                found.append((url_name, expect, role, "POST", fields, set(page["files"])))
    return found


def _query_fields(expect, demo) -> dict:
    """A page's own query string (its expectation's) plus the names views read."""
    fields = {key: KEEP for key in ("q", "status", "sort", "page", "year", "nam", "v", "ma")}
    fields.update({k: v for k, v in expect.resolve_data(demo).items() if isinstance(v, str)})
    return fields


def _errors_shown(response) -> list[str]:
    """The error messages a page shows: its forms' errors, else the error markup."""
    messages = []
    for context in response.context or []:
        for value in context.flatten().values() if hasattr(context, "flatten") else []:
            errors = getattr(value, "errors", None)
            if errors and hasattr(value, "non_field_errors"):
                messages += [str(m) for field in errors.values() for m in field]
    if not messages:
        html = response.content.decode(errors="replace")
        messages = [
            re.sub(r"<[^>]+>", "", text).strip() for _cls, text in ERROR_MARKUP.findall(html)
        ]
        messages = [m for m in messages if m]
    return messages


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_hostile_values_in_every_form_field_never_answer_500(targets, demo, method):
    chosen = [t for t in targets if t[3] == method]
    assert chosen, f"the walk found no {method} forms"

    if method == "POST":
        attacked = {t[0] for t in chosen}
        assert {
            "nominations:round_create",
            "nominations:score_report",
            "campaigns:selfreport_fill",
            "campaigns:extension_decide",
        } <= attacked, attacked

    failures = []
    for url_name, expect, role, _method, fields, files in chosen:
        problem = _attack(url_name, expect, role, method, fields, files, demo)
        if problem:
            print(problem, file=sys.stderr)
            failures.append(problem)
    assert failures == [], "\n".join(failures)


def _attack(url_name, expect, role, method, fields, files, demo) -> str | None:
    """Run Hypothesis on one target; the first failure's description, or None."""
    base = {k: v for k, v in expect.resolve_data(demo).items()}
    names = sorted(set(fields) | set(base))
    if not names and not files:
        return None
    strategy = st.fixed_dictionaries(
        {name: st.one_of(st.just(KEEP), HOSTILE) for name in names},
        optional={name: HOSTILE_FILES for name in files},
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: each try is a request
    )
    @given(chosen=strategy)
    def attack(chosen):
        data = {}
        for name in names:
            value = chosen.get(name, KEEP)
            if value is KEEP:
                value = base.get(name, fields.get(name))
            if value is not None:
                data[name] = value
        for name in files:
            if name in chosen:
                content, filename = chosen[name]
                data[name] = _hostile_file(content, filename)
        hostile = any(chosen.get(name, KEEP) is not KEEP for name in names) or bool(
            set(files) & set(chosen)
        )
        check(url_name, expect, role, method, data, demo, hostile=hostile)

    try:
        attack()
    except AssertionError as exc:
        return f"{method} {url_name} as {role}: {exc}"
    return None


def check(url_name, expect, role, method, data, demo, *, hostile=True):
    url, response, written = _request(demo, url_name, expect, role, data, method)
    shown = {k: (v if isinstance(v, str) else "<file>") for k, v in data.items()}
    where = f"{url} {json.dumps(shown, ensure_ascii=False)[:400]}"
    assert response.status_code < 500, f"answered {response.status_code}: {where}"
    if method == "GET":
        assert not written, f"a GET wrote the audit log: {where}"
        return
    if written:
        dirty = [w["action"] for w in written if _has_control(w)]
        assert not dirty, f"stored control characters ({dirty}): {where}"
        return
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        errors = _errors_shown(response)
        if hostile and url_name not in PREVIEWS:
            assert errors, f"answered 200, wrote nothing and showed no error: {where}"
        english = [e for e in errors if not VIETNAMESE.search(e)]
        assert not english, f"error not in Vietnamese {english}: {where}"


def _has_control(value) -> bool:
    if isinstance(value, str):
        return bool(CONTROL_CHARACTERS.search(value))
    if isinstance(value, dict):
        return any(_has_control(k) or _has_control(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_control(v) for v in value)
    return False


def test_every_role_the_attack_uses_exists():
    assert set(PREFERRED) <= set(ROLES)
