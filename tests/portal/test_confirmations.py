"""Irreversible steps ask for confirmation (issue 11): every form that posts to one of
them carries data-confirm, which static/js/confirm.js (loaded on every page, no inline
script: the Content-Security-Policy forbids it) turns into a question."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

IRREVERSIBLE = {
    "nominations:review_finalise": "Chốt và khóa điểm",
    "nominations:round_close": "Đóng đợt",
    "nominations:list_publish": "Công bố danh sách",
    "nominations:dossier_forward": "Gửi hồ sơ lên cấp trên",
    "campaigns:plan_publish": "Ban hành",
    "campaigns:plan_close": "Kết thúc kế hoạch",
}
TEMPLATES = Path(settings.BASE_DIR) / "templates"
FORM = re.compile(r"<form\b[^>]*>", re.S)


def _forms_posting_to(name):
    found = []
    for path in TEMPLATES.rglob("*.html"):
        for tag in FORM.findall(path.read_text()):
            if f"'{name}'" in tag:
                found.append((path.name, tag))
    return found


@pytest.mark.parametrize("name", sorted(IRREVERSIBLE))
def test_irreversible_step_asks_for_confirmation(name):
    forms = _forms_posting_to(name)

    assert forms, f"no form posts to {name}"
    for template, tag in forms:
        assert "data-confirm=" in tag, f"{template}: {tag}"


def test_no_inline_event_handlers_for_confirmation():
    for path in TEMPLATES.rglob("*.html"):
        assert "onsubmit=" not in path.read_text(), path.name


@pytest.mark.django_db
def test_confirm_script_is_on_every_page():
    html = Client().get("/dang-nhap/").content.decode()
    assert "js/confirm.js" in html
    script = (Path(settings.BASE_DIR) / "static/js/confirm.js").read_text()
    assert "dataset.confirm" in script and "preventDefault" in script
