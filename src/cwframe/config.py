"""Project configuration: `[tool.cwframe.validate]` in pyproject.toml, or `[validate]` in .cwframe.toml.

    [tool.cwframe.validate]
    disable = ["OC01"]                      # rules not to run
    severity = { NU02 = "warning" }          # re-level rules
    [[tool.cwframe.validate.per-path]]       # the same, for some files only
    path = "data/raw/sdf/*.txt"
    disable = ["DB05"]
    [[tool.cwframe.validate.accept]]         # findings the project accepts, each with a reason
    code = "DB05"
    path = "data/raw/sdf/*.txt"
    reason = "the SDF conversion's page marks and footnotes, dropped by the parser"

Paths are glob patterns relative to the directory of the configuration file. The project's
word list for the spelling rules is ``cwframe-words.txt`` beside it (one word a line, ``#``
comments, any case); a repository with a word list and no configuration has it found alone.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from cwframe.errors import InputError
from cwframe.models import Problem, Severity
from cwframe.rules import RULES

CONFIG_NAMES = (".cwframe.toml", "pyproject.toml")
WORDS_FILE = "cwframe-words.txt"


@dataclass(frozen=True)
class PathRule:
    """Overrides for files matching a glob."""

    path: str
    disable: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)


@dataclass(frozen=True)
class Accept:
    """A finding the project accepts, and why."""

    code: str
    path: str
    reason: str
    contains: str | None = None  # only findings whose message contains this text


@dataclass(frozen=True)
class ValidateConfig:
    """Everything validate reads from configuration."""

    root: Path = Path(".")
    source: str | None = None
    disable: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_path: tuple[PathRule, ...] = ()
    accept: tuple[Accept, ...] = ()
    words: frozenset[str] = frozenset()  # the project's word list (lower case)


def discover(start: Path) -> Path | None:
    """The nearest .cwframe.toml, or pyproject.toml with a [tool.cwframe] table, or word list
    alone, at or above start."""
    for folder in [start.resolve(), *start.resolve().parents]:
        for name in (*CONFIG_NAMES, WORDS_FILE):
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def read_words(path: Path) -> frozenset[str]:
    """A project word list: one word a line, '#' starts a comment, any case."""
    from cwframe.corpus import read_text
    from cwframe.errors import CwframeError

    try:
        text = read_text(path)
    except CwframeError as exc:
        raise InputError(f"{path}: cannot read the word list ({exc})") from None
    return frozenset(word.lower() for line in text.splitlines() if (word := line.split("#", 1)[0].strip()))


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has a [tool.cwframe] table. Read through the one reader, so one
    too large to read is an error naming it; one that is not TOML or not text is not ours."""
    from cwframe.corpus import read_text
    from cwframe.errors import ParseError

    try:
        return "cwframe" in tomllib.loads(read_text(path)).get("tool", {})
    except (tomllib.TOMLDecodeError, ParseError, RecursionError):
        return False


def load(path: Path) -> ValidateConfig:
    """Read and check a configuration file; a mistake is an InputError naming the file."""
    from cwframe.corpus import read_text
    from cwframe.errors import CwframeError

    words_file = path.parent / WORDS_FILE
    words = read_words(words_file) if words_file.is_file() else frozenset()
    if path.name == WORDS_FILE:
        return ValidateConfig(root=path.parent, source=str(path), words=words)
    try:
        data = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to read") from None
    except CwframeError as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    table = data.get("tool", {}).get("cwframe", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise InputError(f"{path}: [tool.cwframe] must be a table")
    section = table.get("validate", {})
    if not isinstance(section, dict):
        raise InputError(f"{path}: 'validate' must be a table")
    where = f"{path}: [{'tool.cwframe.' if path.name == 'pyproject.toml' else ''}validate]"
    unknown = set(section) - {"disable", "severity", "per-path", "accept"}
    if unknown:
        raise InputError(
            f"{where}: unknown key '{sorted(unknown)[0]}' (use disable, severity, per-path, accept)"
        )
    per_path = tuple(
        PathRule(
            _text(item, "path", where),
            _codes(item.get("disable", []), f"{where} per-path disable"),
            _levels(item.get("severity", {}), f"{where} per-path severity"),
        )
        for item in _tables(section.get("per-path", []), f"{where} per-path")
    )
    accept = []
    for item in _tables(section.get("accept", []), f"{where} accept"):
        code = _text(item, "code", where)
        _codes([code], where)
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise InputError(f"{where}: the accepted finding {code} needs a 'reason'")
        contains = item.get("contains")
        if contains is not None and not isinstance(contains, str):
            raise InputError(f"{where}: 'contains' of the accepted finding {code} must be a string")
        accept.append(
            Accept(code, _text(item, "path", where) if "path" in item else "*", reason.strip(), contains)
        )
    return ValidateConfig(
        root=path.parent, source=str(path), disable=_codes(section.get("disable", []), where),
        severity=_levels(section.get("severity", {}), where), per_path=per_path, accept=tuple(accept),
        words=words,
    )  # fmt: skip


def _text(item: dict, key: str, where: str) -> str:
    value = item.get(key) if isinstance(item, dict) else None
    if not isinstance(value, str):
        raise InputError(f"{where}: each entry needs a '{key}' string")
    return value


def _tables(values: object, where: str) -> list[dict]:
    if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
        raise InputError(f"{where}: expected a list of tables ([[…]] entries)")
    return values


def _codes(values: object, where: str) -> frozenset[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InputError(f'{where}: expected a list of rule codes, e.g. disable = ["DB02"]')
    for code in values:
        if code not in RULES:
            raise InputError(f"{where}: unknown rule code '{code}' (docs/rules.md lists them)")
    return frozenset(values)


def _levels(values: object, where: str) -> dict[str, Severity]:
    if not isinstance(values, dict):
        raise InputError(f'{where}: expected a table of rule code = "error" | "warning" | "note"')
    _codes(list(values), where)
    try:
        return {code: Severity(level) for code, level in values.items()}
    except ValueError:
        raise InputError(f"{where}: a severity is 'error', 'warning' or 'note'") from None


def _relative(config: ValidateConfig, path: str) -> str:
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def apply(problems: list[Problem], config: ValidateConfig) -> list[Problem]:
    """Drop disabled rules, re-level severities, mark accepted findings with their reason."""
    out = []
    for p in problems:
        rel = _relative(config, p.path)
        disabled = set(config.disable)
        severity = dict(config.severity)
        for rule in config.per_path:
            if fnmatch.fnmatch(rel, rule.path):
                disabled |= rule.disable
                severity.update(rule.severity)
        if p.code in disabled:
            continue
        update: dict[str, object] = {}
        if p.code in severity:
            update["severity"] = severity[p.code]
        for accept in config.accept:
            if (
                accept.code == p.code
                and fnmatch.fnmatch(rel, accept.path)
                and (accept.contains is None or accept.contains in p.message)
            ):
                update["accepted"] = True
                update["reason"] = accept.reason
                break
        out.append(p.model_copy(update=update) if update else p)
    return out


class Nearest:
    """The configuration nearest above each file, found once per directory (as ruff does):
    ``cwframe validate CHECKOUT/data/raw`` run from anywhere uses CHECKOUT's configuration."""

    def __init__(self) -> None:
        self._by_directory: dict[str, ValidateConfig | None] = {}
        self._by_file: dict[Path, ValidateConfig] = {}

    def for_path(self, path: Path) -> ValidateConfig | None:
        # Keyed on the directory as written: resolving every finding's path costs a system call
        # each, and a directory's files are reported together.
        key = str(path.parent)
        if key not in self._by_directory:
            found = discover(path.parent)
            if found is not None and found not in self._by_file:
                self._by_file[found] = load(found)
            self._by_directory[key] = self._by_file.get(found) if found else None
        return self._by_directory[key]


def apply_nearest(problems: list[Problem], nearest: Nearest | None = None) -> list[Problem]:
    """Each finding judged by the configuration nearest above its own file."""
    nearest = nearest or Nearest()
    out: list[Problem] = []
    for p in problems:
        settings = nearest.for_path(Path(p.path))
        out += apply([p], settings) if settings else [p]
    return out
