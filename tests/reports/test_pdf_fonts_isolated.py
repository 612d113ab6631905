"""The documents need no system font: with a fontconfig that sees only DejaVu (not the
Liberation Serif or Times New Roman a server may have), `manage.py export_report` and the
demo's "Tải PDF" still make PDFs whose fonts, as `pdffonts` lists them, are the shipped
Tinos, embedded, with every Vietnamese diacritic extracted intact by `pdftotext`.

Fontconfig reads its configuration once per process, so each render runs in a subprocess
with FONTCONFIG_FILE set, on a demo database of its own. The renders are made once for the
module."""

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from tests.reports.test_pdf_fonts import SHIPPED, VIETNAMESE_LETTERS
from tests.system_tools import poppler_tool

DEJAVU = "/usr/share/fonts/truetype/dejavu"
FONTS_CONF = f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{DEJAVU}</dir>
  <cachedir>{{cache}}</cachedir>
</fontconfig>
"""
# The demo's seed 000 plan (CĐCS Trường MN Sen Hồng, 15/3/2023), opened as its chair.
VIEW_SCRIPT = """
import json, os
from django.test import Client
from django.urls import reverse
from campaigns.models import Plan
from portal.models import User

plan = Plan.objects.get(issuer__code="mn-senhong", issued_on="2023-03-15")
client = Client(HTTP_HOST="127.0.0.1")  # one of the DEBUG ALLOWED_HOSTS
client.force_login(User.objects.get(username="chutich_senhong"))
response = client.get(reverse("reports:plan_pdf", args=[plan.pk]))
open(os.environ["VIEW_PDF"], "wb").write(response.content)
print(json.dumps({"plan": plan.pk, "status": response.status_code,
                  "type": response["Content-Type"]}))
"""
KINDS = ("plan", "ceremony", "summary")


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def dejavu_only(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dejavu-only")
    conf = folder / "fonts.conf"
    conf.write_text(FONTS_CONF.format(cache=folder / "fc-cache"))
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(conf),
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
    }
    return SimpleNamespace(folder=folder, env=env)


@pytest.fixture(scope="module")
def renders(dejavu_only):
    """{name: PDF path}: export_report for each plan document kind, and the view."""
    env, folder = dejavu_only.env, dejavu_only.folder
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "seed_demo")
    out = folder / "view.pdf"
    view = json.loads(
        manage(
            {**env, "VIEW_PDF": str(out)}, "shell", "--no-imports", "-c", VIEW_SCRIPT
        ).splitlines()[-1]
    )
    assert (view["status"], view["type"]) == (200, "application/pdf")
    files = {"view": out}
    for kind in KINDS:
        files[kind] = folder / f"{kind}.pdf"
        manage(
            env,
            "export_report",
            "--plan",
            str(view["plan"]),
            "--document",
            kind,
            "--out",
            str(files[kind]),
        )
    return files


def pdffonts(path: Path, env) -> dict[str, bool]:
    """pdffonts' table: font name without the subset tag -> embedded."""
    out = subprocess.run(
        [poppler_tool("pdffonts"), str(path)], env=env, capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]
    fonts = {}
    for row in rows:
        name, *_, emb, _sub, _uni, _obj, _gen = row.split()
        fonts[name.split("+", 1)[-1]] = emb == "yes"
    return fonts


def pdftotext(path: Path, env) -> str:
    out = subprocess.run(
        [poppler_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(unicodedata.normalize("NFC", out).split())


def test_restricted_fontconfig_sees_only_dejavu(dejavu_only):
    fc_list = subprocess.run(
        ["fc-list", ":", "family"], env=dejavu_only.env, capture_output=True, text=True, check=False
    )
    if fc_list.returncode != 0 and not fc_list.stdout:
        pytest.skip("fc-list (fontconfig) is not installed")
    families = {name for line in fc_list.stdout.splitlines() for name in line.split(",")}
    assert families
    assert all(name.startswith("DejaVu") for name in families), families


@pytest.mark.parametrize("name", ["view", *KINDS])
def test_pdf_fonts_are_the_shipped_serif_embedded(renders, dejavu_only, name):
    fonts = pdffonts(renders[name], dejavu_only.env)

    assert fonts
    assert set(fonts) <= SHIPPED, fonts
    assert {"Tinos-Latin", "Tinos-Vietnamese"} <= set(fonts)
    assert all(fonts.values()), fonts


@pytest.mark.parametrize("name", ["view", "plan"])
def test_plan_pdf_text_keeps_vietnamese_diacritics(renders, dejavu_only, name):
    text = pdftotext(renders[name], dejavu_only.env)

    for phrase in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Gò Vấp, ngày 15 tháng 3 năm 2023",
        "CĐCS TRƯỜNG MN SEN HỒNG",
    ):
        assert phrase in text
    used = {c for c in text if c in VIETNAMESE_LETTERS and ord(c) > 0x7F}
    # Both the letters with a breve/horn/stroke and those with tone marks come through.
    assert {"Đ", "ư", "ơ", "ộ", "ệ"} <= used, sorted(used)


# The other document kinds need a campaign whose nominations went through review, votes
# and the final list, and a party cell's meetings: their tests build that. Run in the
# same restricted fontconfig, every render passes render_pdf's check that no letter the
# shipped serif covers was drawn with another font (DejaVu here), or the test fails.
OTHER_KINDS = (
    # nominations, minutes (review and vote rounds), dossier, certificates: export_report
    "tests/reports/test_documents_nominations.py::test_export_report_writes_the_nomination_documents",
    # the same documents through their "Tải PDF" views
    "tests/reports/test_documents_nominations.py::test_chair_downloads_every_document",
    "tests/campaigns/meetings/test_pdf.py::test_minutes_pdf_has_party_header_cell_and_speaker",
    "tests/campaigns/meetings/test_pdf.py::"
    "test_quarter_report_pdf_lists_meeting_attendance_and_conclusion",
)


def test_every_other_document_kind_renders_in_the_shipped_serif(dejavu_only):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *OTHER_KINDS, "-q", "-p", "no:cacheprovider"],
        cwd=settings.BASE_DIR,
        env=dejavu_only.env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 0, result.stdout[-4000:]
    assert f"{len(OTHER_KINDS)} passed" in result.stdout
