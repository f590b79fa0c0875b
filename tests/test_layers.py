"""Imports flow one way (STYLE.md): cli -> render -> ops -> the domain (crosswalk, search, parsers,
rules, diff, export, corpus) -> models/errors. Every import counts, lazy ones inside functions
too: a cycle hidden in a function is still a knot."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "cwframe"
# A module of the left may not import one of the right.
FORBIDDEN = {
    "crosswalk": ("cwframe.ops", "cwframe.render", "cwframe.cli"),
    "search": ("cwframe.ops", "cwframe.render", "cwframe.cli"),
    "parsers": ("cwframe.ops", "cwframe.render", "cwframe.cli", "cwframe.crosswalk", "cwframe.search"),
    "rules": ("cwframe.ops", "cwframe.render", "cwframe.cli"),
    "diff": ("cwframe.ops", "cwframe.render", "cwframe.cli"),
    "export": ("cwframe.ops", "cwframe.render", "cwframe.cli"),
    "ops": ("cwframe.render", "cwframe.cli"),
    "render": ("cwframe.cli",),
}


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return out


def test_imports_flow_one_way() -> None:
    wrong = []
    for layer, banned in FORBIDDEN.items():
        for path in sorted((SRC / layer).rglob("*.py")):
            for module in _imports(path):
                if module.startswith(banned):
                    wrong.append(f"{path.relative_to(SRC)} imports {module}")
    assert wrong == []


def test_the_crosswalk_package_has_no_import_cycle() -> None:
    """Issue #23: crosswalk/review.py imported ops/crosswalk.py, which imported it back."""
    graph = {}
    for path in (SRC / "crosswalk").glob("*.py"):
        name = f"cwframe.crosswalk.{path.stem}"
        graph[name] = {m for m in _imports(path) if m.startswith("cwframe.crosswalk.")}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    assert [m for m in graph if reaches(m, m, {m})] == []
