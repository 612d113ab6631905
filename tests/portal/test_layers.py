"""The apps depend on each other in one direction only (docs/architecture.md):

    portal  <-  campaigns  <-  nominations  <-  reports  <-  demo

`portal` imports no app, `campaigns` imports neither `nominations` nor `reports`,
`nominations` does not import `reports`, and no app imports `demo`. The test reads every
module's source (imports inside functions count too), so it needs no Django and no new
dependency."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# app -> the apps it must never import
FORBIDDEN = {
    "portal": {"campaigns", "nominations", "reports", "demo"},
    "campaigns": {"nominations", "reports", "demo"},
    "nominations": {"reports", "demo"},
    "reports": {"demo"},
}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import statement in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def violations(app: str) -> list[str]:
    forbidden = FORBIDDEN[app]
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for line, module in imported_modules(path):
            if module.split(".")[0] in forbidden:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_imports_only_the_layers_below_it(app):
    assert violations(app) == [], (
        f"{app} must not import {', '.join(sorted(FORBIDDEN[app]))} (see docs/architecture.md)"
    )


def test_the_walk_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from reports.models import X\n", encoding="utf-8")
    assert imported_modules(module) == [(2, "reports.models")]
