"""The UI is Vietnamese first, English on request (the footer's language switcher).

The English catalogue is locale/en/LC_MESSAGES/django.po, compiled to django.mo and
committed, so a fresh clone has English without the gettext tools.
"""

import datetime as dt
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from portal.vietnamese import format_deadline, format_moment

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[-#0 +]*\d*(?:\.\d+)?[sdfr]|%%|\{[a-z_0-9]*\}")


def _unquote(text: str) -> str:
    return text[1:-1].encode("raw_unicode_escape").decode("unicode_escape")


def _po_entries(path: Path) -> list[dict]:
    """A small .po reader: one dict per entry with msgctxt, msgid, msgid_plural, msgstr
    (or msgstr[0], msgstr[1]) and the flags of its `#,` line."""
    entries, entry, key = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#~"):
            if entry is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += _unquote(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = _unquote(value)
    return entries


def _switch_to_english(client, next_url="/"):
    return client.post(reverse("set_language"), {"language": "en", "next": next_url})


def test_login_page_vietnamese_by_default(client):
    response = client.get(reverse("login"))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in content
    assert "Đăng nhập" in content
    assert "Tên đăng nhập" in content
    assert "Log in" not in content


def test_login_page_english_after_switching_language(client):
    switched = _switch_to_english(client, reverse("login"))

    response = client.get(reverse("login"))

    content = response.content.decode()
    assert switched.status_code == 302
    assert switched["Location"] == reverse("login")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in content
    assert "Log in" in content
    assert "Username" in content
    assert "Password" in content
    assert "Đăng nhập" not in content


def test_login_error_message_english_after_switching_language(client, alice):
    _switch_to_english(client, reverse("login"))

    response = client.post(reverse("login"), {"username": "alice", "password": "sai-mat-khau"})

    assert response.status_code == 200
    assert "Incorrect username or password. Please try again." in response.content.decode()


def test_home_page_vietnamese_by_default(client, alice):
    client.force_login(alice)

    response = client.get(reverse("home"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Việc của tôi" in content
    assert "Xin chào, Trần Thị Alice" in content
    assert "My tasks" not in content


def test_home_page_english_after_switching_language(client, alice):
    client.force_login(alice)
    _switch_to_english(client)

    response = client.get(reverse("home"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "My tasks" in content
    assert "Hello, Trần Thị Alice" in content
    assert "Log out" in content
    assert "Việc của tôi" not in content
    # user data and the official names of units stay as entered
    assert "CĐCS Trường MN Sen Hồng" in content


def test_switching_back_to_vietnamese_restores_vietnamese(client, alice):
    client.force_login(alice)
    _switch_to_english(client)

    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    response = client.get(reverse("home"))

    assert "Việc của tôi" in response.content.decode()
    assert "My tasks" not in response.content.decode()


def test_unknown_language_keeps_vietnamese(client):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    response = client.get(reverse("login"))

    assert "Đăng nhập" in response.content.decode()


def test_language_switcher_offers_vietnamese_and_english(client):
    response = client.get(reverse("login"))

    content = response.content.decode()
    assert f'action="{reverse("set_language")}"' in content
    assert '<option value="vi" selected>Tiếng Việt</option>' in content
    assert '<option value="en">Tiếng Anh</option>' in content  # Django's own vi catalogue


def test_language_switcher_in_english_marks_english_selected(client):
    _switch_to_english(client, reverse("login"))

    response = client.get(reverse("login"))

    content = response.content.decode()
    assert '<option value="vi">Tiếng Việt</option>' in content
    assert '<option value="en" selected>English</option>' in content


def test_gettext_translates_domain_terms_to_glossary_english():
    with translation.override("en"):
        assert translation.gettext("Công đoàn cơ sở") == "Grassroots union"
        assert translation.gettext("Ban Chấp hành") == "Executive committee"
        assert translation.gettext("Sinh hoạt chuyên đề") == "Thematic meeting"
        assert translation.gettext("Danh sách đề nghị") == "Nomination list"
    with translation.override("vi"):
        assert translation.gettext("Công đoàn cơ sở") == "Công đoàn cơ sở"


def test_english_plural_forms():
    with translation.override("en"):
        one = translation.ngettext("%(n)s tài liệu", "%(n)s tài liệu", 1) % {"n": 1}
        many = translation.ngettext("%(n)s tài liệu", "%(n)s tài liệu", 3) % {"n": 3}

    assert one == "1 document"
    assert many == "3 documents"


def test_english_catalogue_complete_without_fuzzy_entries():
    entries = [e for e in _po_entries(LOCALE_DIR / "django.po") if e.get("msgid")]

    untranslated = [
        e["msgid"]
        for e in entries
        if not (e.get("msgstr") or (e.get("msgstr[0]") and e.get("msgstr[1]")))
    ]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert len(entries) > 1000
    assert untranslated == []
    assert fuzzy == []


def test_english_catalogue_keeps_placeholders():
    entries = [e for e in _po_entries(LOCALE_DIR / "django.po") if e.get("msgid")]

    broken = []
    for e in entries:
        pairs = [(e["msgid"], e.get("msgstr", ""))]
        if "msgid_plural" in e:
            pairs = [(e["msgid"], e["msgstr[0]"]), (e["msgid_plural"], e["msgstr[1]"])]
        for source, target in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                broken.append(source)
    assert broken == []


def test_compiled_catalogue_matches_po():
    """django.mo is committed: it must hold every translation of django.po."""
    with (LOCALE_DIR / "django.mo").open("rb") as fp:
        catalog = gettext.GNUTranslations(fp)._catalog
    entries = [e for e in _po_entries(LOCALE_DIR / "django.po") if e.get("msgid")]

    stale = []
    for e in entries:
        prefix = f"{e['msgctxt']}\x04" if "msgctxt" in e else ""
        if "msgid_plural" in e:
            found = catalog.get((prefix + e["msgid"], 1))
            expected = e["msgstr[1]"]
        else:
            found = catalog.get(prefix + e["msgid"])
            expected = e["msgstr"]
        if found != expected:
            stale.append(e["msgid"])
    assert stale == []


# --- official documents stay Vietnamese -----------------------------------------------


@pytest.fixture
def seed_plan(union, federation):
    from tests.reports.factories_pdf import federation_plan, seed_000_plan

    return seed_000_plan(union, parent=federation_plan(federation))


@pytest.fixture
def captured_documents(monkeypatch):
    """Replace the PDF renderer: keep the documents handed to it, return dummy bytes."""
    import reports.renderers.pdf
    import reports.views.documents
    import reports.views.meetings

    docs = []

    def fake_render_pdf(template_name, context):
        docs.append(context["doc"])
        return b"%PDF-1.7 test"

    for module in (reports.renderers.pdf, reports.views.documents, reports.views.meetings):
        monkeypatch.setattr(module, "render_pdf", fake_render_pdf)
    return docs


def _labels(doc) -> set[str]:
    """The choice labels (gettext_lazy) the plan document prints."""
    return {c.target for c in doc.criteria} | {
        label for t in doc.titles for label in (t.target, t.level)
    }


def test_plan_pdf_stays_vietnamese_when_reader_uses_english(
    client, alice, seed_plan, captured_documents
):
    client.force_login(alice)
    _switch_to_english(client)

    response = client.get(reverse("reports:plan_pdf", args=[seed_plan.pk]))

    assert response.status_code == 200
    [doc] = captured_documents
    assert _labels(doc) == {"Cá nhân", "Cấp quận/huyện", "Cấp cơ sở / cấp trường"}


def test_generated_plan_file_stays_vietnamese_when_made_in_english(
    alice, union, seed_plan, captured_documents
):
    from reports.services.dashboard import render_now

    with translation.override("en"):
        artifact = render_now(plan=seed_plan, unit=union, kind="plan", actor=alice)
        language_after = translation.get_language()

    [doc] = captured_documents
    assert artifact.status == "ready"
    assert _labels(doc) == {"Cá nhân", "Cấp quận/huyện", "Cấp cơ sở / cấp trường"}
    assert language_after == "en"


def test_deadline_format_follows_ui_language():
    moment = dt.datetime(2023, 3, 23, 4, 30, tzinfo=dt.UTC)  # 11h30 in Vietnam

    with translation.override("vi"):
        vietnamese = (format_deadline(moment), format_moment(moment))
    with translation.override("en"):
        english = (format_deadline(moment), format_moment(moment))

    assert vietnamese == ("11h30 ngày 23/3/2023", "11:30:00 ngày 23/3/2023")
    assert english == ("11h30 on 23/3/2023", "11:30:00 on 23/3/2023")


def test_quarter_choice_labels_follow_ui_language():
    from campaigns.models import ThematicMeeting

    meeting = ThematicMeeting(quarter=4)

    with translation.override("en"):
        english = meeting.get_quarter_display()
    with translation.override("vi"):
        vietnamese = meeting.get_quarter_display()

    assert english == "Quarter 4"
    assert vietnamese == "Quý 4"


def test_browser_asking_for_english_still_gets_vietnamese(client):
    response = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="vi">' in response.content.decode()
