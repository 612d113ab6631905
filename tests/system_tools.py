"""System tools some tests need (Debian packages that `make test` installs when it can).

Without one, the tests that need it skip, naming the package; under CI=true they fail
instead, so that a green CI run proves what the README claims."""

import os
import shutil

import pytest

APT = "sudo apt-get install -y"


def missing(what: str, packages: str) -> None:
    message = f"{what} is missing: {APT} {packages}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def poppler_tool(name: str) -> str:
    """Path of pdftoppm, pdftotext or pdffonts (poppler-utils)."""
    path = shutil.which(name)
    if path is None:
        missing(f"{name} (poppler-utils)", "poppler-utils")
    return path
