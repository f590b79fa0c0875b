"""Validation reports: text for people and editors, JSON, GitHub annotations, SARIF 2.1.0."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.text import Text

from cwframe import __version__
from cwframe.models import Problem, Report, Severity
from cwframe.render.data import write_json
from cwframe.rules import RULES

_STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.note: "cyan"}


def plural(n: int, word: str) -> str:
    """'1 error', '2 errors'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(report: Report) -> str:
    """'1 error, 2 warnings, 3 notes (55 accepted) in 5 files; 2 skipped (not standards)'."""
    counts = report.counts()
    notes = f", {plural(counts['note'], 'note')}" if counts["note"] else ""
    accepted = f" ({counts['accepted']} accepted)" if counts["accepted"] else ""
    skipped = f"; {len(report.skipped)} skipped (not standards)" if report.skipped else ""
    return (f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}{notes}{accepted} "
            f"in {plural(report.files, 'file')}{skipped}")  # fmt: skip


def _listed(p: Problem, *, show_accepted: bool, verbose: bool) -> bool:
    """Accepted findings only with ``show_accepted`` (as ruff does), notes only with ``verbose``."""
    if p.accepted:
        return show_accepted
    return verbose or p.severity is not Severity.note


def text(report: Report, console: Console, *, show_accepted: bool = False, verbose: bool = False) -> None:
    """`path:line:col: CODE message`, grouped by file; colour only on a terminal. Accepted findings
    and notes are counted in the summary and listed on request; so are skipped files."""
    shown = [p for p in report.problems if _listed(p, show_accepted=show_accepted, verbose=verbose)]
    for _path, group in groupby(shown, key=lambda p: p.path):
        for p in group:
            line = Text(f"{p.path}:{p.line}:{p.column}: ")
            line.append(p.code, style="dim" if p.accepted else _STYLE[p.severity])
            line.append(f" {p.message}", style="dim" if p.accepted else "")
            if p.statement:
                line.append(f" [{p.statement}]", style="dim")
            if p.accepted:
                line.append(f" (accepted: {p.reason})", style="dim")
            console.print(line, soft_wrap=True)
        console.print()
    if verbose and report.skipped:
        for skipped in report.skipped:
            console.print(Text(f"{skipped.path}: skipped: {skipped.reason}", style="dim"), soft_wrap=True)
        console.print()
    counts = report.counts()
    style = "bold red" if counts["error"] else ("yellow" if counts["warning"] else "green")
    console.print(Text(summary(report), style=style))


def as_dict(report: Report) -> dict:
    """The JSON form: paths, file count, summary counts, every problem."""
    return {
        "paths": report.paths,
        "files": report.files,
        "summary": report.counts(),
        "problems": [p.model_dump(mode="json") for p in report.problems],
        "skipped": [s.model_dump(mode="json") for s in report.skipped],
    }


def _escape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(report: Report, out: TextIO, *, show_accepted: bool = False, verbose: bool = False) -> None:
    """GitHub Actions workflow commands: one ::error/::warning per finding (accepted ones and
    notes, when shown, as ::notice)."""
    for p in report.problems:
        if not _listed(p, show_accepted=show_accepted, verbose=verbose):
            continue
        kind = "notice" if p.accepted or p.severity is Severity.note else p.severity.value
        title = _escape(f"{p.code} {p.rule}", property_value=True)
        message = (
            p.message
            + (f" [{p.statement}]" if p.statement else "")
            + (f" (accepted: {p.reason})" if p.accepted else "")
        )
        out.write(
            f"::{kind} file={_escape(p.path, property_value=True)},line={p.line},col={p.column},"
            f"title={title}::{_escape(message)}\n"
        )


def sarif(report: Report, out: TextIO) -> None:
    """A SARIF 2.1.0 log (code scanning); accepted findings carry an external suppression."""
    used = sorted({p.code for p in report.problems})
    rules = [
        {
            "id": code,
            "name": RULES[code].name,
            "shortDescription": {"text": RULES[code].summary},
            "help": {"text": RULES[code].fix},
            "defaultConfiguration": {"level": RULES[code].severity.value},
        }
        for code in used
    ]
    results = [_sarif_result(p, used.index(p.code)) for p in report.problems]
    root = Path.cwd().as_uri() + "/"
    # The version says which rules and messages produced the log (code scanning compares runs).
    driver = {"name": "cwframe", "version": __version__, "semanticVersion": __version__, "rules": rules}
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver},
                  "originalUriBaseIds": {SARIF_ROOT: {"uri": root}}, "results": results}],
    }  # fmt: skip
    write_json(log, out)  # as every JSON output: C1 and bidi controls as \u escapes


SARIF_ROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict:
    """A finding's file as SARIF wants it: a URI percent-encoding the name's bytes (RFC 3986; a
    space, '%', '#' or a byte that is not UTF-8 would otherwise name another file), relative to the run's
    %SRCROOT% (the working directory) when the path is relative, else a file: URI."""
    from urllib.parse import quote

    from cwframe.corpus import path_bytes

    raw = quote(path_bytes(Path(path).as_posix()))  # the name's bytes: not UTF-8 ones too
    if Path(path).is_absolute():
        return {"uri": "file://" + raw}
    return {"uri": raw, "uriBaseId": SARIF_ROOT}


def _sarif_result(p: Problem, rule_index: int) -> dict:
    result: dict = {
        "ruleId": p.code,
        "ruleIndex": rule_index,
        "level": p.severity.value,
        "message": {"text": p.message + (f" [{p.statement}]" if p.statement else "")},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(p.path),
                    "region": {"startLine": p.line, "startColumn": p.column},
                }
            }
        ],
    }
    if p.accepted:
        result["suppressions"] = [{"kind": "external", "justification": p.reason}]
    return result
