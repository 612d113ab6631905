"""A missing system tool skips the tests that need it, naming the package; on CI it fails."""

import pytest

from tests.system_tools import missing, poppler_tool


def test_missing_tool_skips_naming_the_package(monkeypatch):
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="sudo apt-get install -y poppler-utils"):
        missing("pdffonts (poppler-utils)", "poppler-utils")


def test_missing_tool_fails_on_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="chromium"):
        missing("/usr/bin/chromium", "chromium")


def test_poppler_tool_without_poppler_skips(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("tests.system_tools.shutil.which", lambda name: None)

    with pytest.raises(pytest.skip.Exception, match="pdftotext"):
        poppler_tool("pdftotext")
