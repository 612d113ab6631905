"""The audit log reads as sentences in both languages, each linking to its object when the
reader may see it (issue 19), and every action the code base records has its sentence."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from portal.audit import record
from portal.audit_sentences import GENERIC, SENTENCES, describe
from portal.models import AuditEntry
from tests.factories import PlanFactory, UserFactory

BASE_DIR = Path(settings.BASE_DIR)
APPS = ("campaigns", "nominations", "portal", "reports", "demo")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _strings(node) -> set[str]:
    """The action codes an `action=` expression may take: literals, both branches of
    `a if c else b`, and an f-string's constant prefix (ending in ".")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body) | _strings(node.orelse)
    if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
        return {node.values[0].value + "*"}
    raise AssertionError(f"Cannot read the action code {ast.unparse(node)!r}")


def recorded_actions() -> set[str]:
    """Every action code passed to portal.audit.record() in the apps' code."""
    found, dossier_steps = set(), set()
    for app in APPS:
        for path in (BASE_DIR / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name == "record":
                    for keyword in node.keywords:
                        if keyword.arg == "action":
                            found |= _strings(keyword.value)
                # nominations/services/dossiers.py: _event(dossier, "forward", ...) records
                # "dossier.forward".
                if name == "_event" and len(node.args) > 1:
                    dossier_steps |= _strings(node.args[1])
    assert "dossier.*" in found and dossier_steps  # the scan still sees the f-string
    found.discard("dossier.*")
    return found | {f"dossier.{step}" for step in dossier_steps}


def test_the_scan_finds_the_codes_recorded_across_the_apps():
    actions = recorded_actions()

    assert {"selfreport.submitted", "plan.publish", "vote.cast", "dossier.return"} <= actions
    assert len(actions) > 80


def test_every_recorded_action_has_a_sentence():
    assert sorted(recorded_actions() - set(SENTENCES)) == []


@pytest.mark.parametrize("action", sorted(SENTENCES))
def test_each_sentence_is_vietnamese_and_english(action):
    template = SENTENCES[action]
    with translation.override("vi"):
        vietnamese = str(template)
    with translation.override("en"):
        english = str(template)

    assert vietnamese.startswith("%(actor)s ")
    assert english != vietnamese, f"no English for {action}"
    assert sorted(PLACEHOLDER.findall(english)) == sorted(PLACEHOLDER.findall(vietnamese))
    assert action not in vietnamese


@pytest.fixture
def plan(union):
    return PlanFactory(issuer=union, number=1, title="Kế hoạch thi đua năm học")


@pytest.fixture
def anh(union):
    return UserFactory(username="anh", full_name="Nguyễn Thị Ngọc Ánh")


@pytest.fixture
def submitted(plan, anh, union):
    return record(actor=anh, action="selfreport.submitted", obj=plan, unit=union, version=2)


@pytest.mark.django_db
def test_audit_page_reads_a_sentence_with_a_link_to_the_object(client, alice, plan, submitted):
    client.force_login(alice)

    page = client.get(reverse("audit_log")).content.decode()

    sentence = "Nguyễn Thị Ngọc Ánh nộp báo cáo tự đánh giá (lần 2) — Kế hoạch 01/KH-CĐCS-MNSH"
    assert f'<a href="{reverse("campaigns:plan_detail", args=[plan.pk])}">{sentence}</a>' in page
    assert "selfreport.submitted" not in page
    assert "campaigns.plan" not in page


@pytest.mark.django_db
def test_audit_page_in_english(client, alice, submitted):
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    page = client.get(reverse("audit_log")).content.decode()

    assert "Nguyễn Thị Ngọc Ánh submitted the self-assessment report (version 2)" in page
    assert "— Plan 01/KH-CĐCS-MNSH" in page


@pytest.mark.django_db
def test_no_link_where_the_reader_may_not_see_the_object(charlie, submitted):
    with translation.override("vi"):
        (line,) = describe([submitted], charlie)

    assert line.url == ""
    assert line.sentence.startswith("Nguyễn Thị Ngọc Ánh nộp báo cáo")


@pytest.mark.django_db
def test_unknown_code_and_missing_fields_still_read_as_a_sentence(alice, union):
    unknown = record(actor=alice, action="something.new", unit=union)
    old = record(actor=None, action="unit.rename", unit=union)  # no actor, no names stored

    entries = AuditEntry.objects.filter(pk__in=[unknown.pk, old.pk]).order_by("id")
    with translation.override("vi"):
        lines = describe(entries, alice)
        generic = str(GENERIC) % {"actor": "Trần Thị Alice", "action": "something.new"}

    assert [line.sentence for line in lines] == [generic, "Hệ thống đổi tên đơn vị “…” thành “…”"]
    assert lines[0].sentence.startswith("Trần Thị Alice thực hiện một thao tác")


@pytest.mark.django_db
def test_describe_queries_do_not_grow_with_the_page(django_assert_max_num_queries, alice, plan):
    for version in range(1, 31):
        record(actor=alice, action="selfreport.submitted", obj=plan, version=version)
    entries = list(AuditEntry.objects.all())

    with django_assert_max_num_queries(6):
        lines = describe(entries, alice)

    assert len(lines) == 30
