"""The README's warning table lists every (code, severity) any rule in the package can emit."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "vitasim"


def emitted() -> dict[str, set[str]]:
    """Every ``Finding(CODE, SEVERITY, ...)`` in the package source, read from its syntax tree.

    A code or severity that is not a literal cannot be checked, so it fails this test outright.
    """
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding"):
                continue
            code = node.args[0] if node.args else None
            severity = node.args[1] if len(node.args) > 1 else None
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            assert isinstance(code, ast.Constant) and isinstance(code.value, str), f"non-literal code at {where}"
            if isinstance(severity, ast.Constant):
                severities = {severity.value}
            elif isinstance(severity, ast.IfExp) and all(isinstance(x, ast.Constant) for x in (severity.body, severity.orelse)):
                severities = {severity.body.value, severity.orelse.value}
            else:
                raise AssertionError(f"non-literal severity at {where}")
            found.setdefault(code.value, set()).update(severities)
    return found


def documented() -> dict[str, set[str]]:
    """Rows of the README's Warnings table: codes (backticked) -> severities."""
    text = (ROOT / "README.md").read_text()
    section = text.split("### Warnings", 1)[1].split("\n## ", 1)[0]
    table: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        severities = {s.strip() for s in cells[1].split("/")}
        for code in re.findall(r"`([A-Z0-9_]+)`", cells[0]):
            table[code] = severities
    return table


def test_the_scan_finds_the_rules():
    codes = emitted()
    assert {"VITD_ABOVE_UL", "CA_HYPERCALCAEMIA", "SOLVER_FAILED", "PROFILE_UNKNOWN_MEDICATION"} <= set(codes)
    assert codes["VITD_25OHD_HIGH"] == {"danger", "caution"}


def test_every_emitted_code_and_severity_is_in_the_readme():
    table = documented()
    missing = {code: sev for code, sev in emitted().items() if code not in table}
    assert not missing, f"codes missing from the README's Warnings table: {sorted(missing)}"
    wrong = {code: (sev, table[code]) for code, sev in emitted().items() if not sev <= table[code]}
    assert not wrong, f"severities the README does not list (emitted, documented): {wrong}"


def test_the_readme_lists_no_code_that_nothing_emits():
    stale = set(documented()) - set(emitted())
    assert not stale, f"README lists codes no rule emits: {sorted(stale)}"
