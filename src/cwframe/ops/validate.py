"""``cwframe validate``: lint raw documents and corpora; every input gives findings, none a crash."""

from __future__ import annotations

from pathlib import Path

from cwframe import parsers
from cwframe.config import ValidateConfig, apply, apply_nearest
from cwframe.corpus import display_path, load_normalised, read_bytes
from cwframe.errors import CorpusError, InputError, ParseError
from cwframe.locations import corpus_kind
from cwframe.models import Framework, Problem, Report, SourceDocument
from cwframe.rules import content, debris, drift, encoding, manifest, numbering
from cwframe.rules.base import problem


def _inputs(path: Path) -> tuple[list[Problem], list[tuple[Path, SourceDocument | None]], list[Path]]:
    """(manifest findings, raw documents, normalised files) that a path stands for."""
    if not path.exists():
        raise InputError(f"{display_path(path)}: no such file or directory")
    kind, target = corpus_kind(path)
    if kind == "normalised":
        return [], [], [target]
    if kind == "document":
        return [], [(target, None)], []
    found, documents = manifest.check(target)
    return found, documents, []


def _raw(path: Path, entry: SourceDocument | None) -> tuple[list[Problem], Framework | None]:
    shown = display_path(path)
    try:
        data = read_bytes(path)
    except InputError as error:  # removed while validating, unreadable, too large, not a regular file
        return [problem("FI01", shown, 1, str(error).removeprefix(f"{shown}: "))], None
    found, text = encoding.check(shown, data)
    if text is None:
        return found, None
    text = text.removeprefix("\ufeff")
    family = entry.family.value if entry else parsers.detect(text)
    if family is None:
        found.append(problem("PA03", shown, 1, "cannot tell which framework this is (no NOS criteria, PCF rows or "
                             "SDF tables); name it in manifest.yaml with its family"))  # fmt: skip
        return found, None
    try:
        framework = parsers.get(family).parse(text, path=shown, unit=entry.unit if entry else None)
    except ParseError as error:
        found.append(problem("PA03", shown, error.line, error.message, column=error.column))
        return found, None
    if family == "nos":
        found += debris.check_raw_nos(shown, text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return found, framework


def validate(paths: list[Path], *, config: ValidateConfig | None = None, discover: bool = False) -> Report:
    """Validate files and directories; raises InputError only for a path that does not exist.

    Args:
        paths: raw documents, raw directories (with or without manifest.yaml), or
            normalised corpus files (corpus.json, exports in JSON or YAML).
        config: rule selection, severities and accepted findings, for every file.
        discover: instead, judge each finding by the configuration nearest above its
            file (.cwframe.toml, or pyproject.toml with [tool.cwframe]).
    """
    if not paths:
        raise InputError("give at least one file or directory, e.g. cwframe validate data/raw")
    problems: list[Problem] = []
    frameworks: list[Framework] = []
    files = 0
    for path in paths:
        found, documents, normalised = _inputs(path)
        problems += found
        for document, entry in documents:
            files += 1
            more, framework = _raw(document, entry)
            problems += more
            if framework is not None:
                frameworks.append(framework)
        for corpus_file in normalised:
            files += 1
            try:
                frameworks += load_normalised(corpus_file).frameworks
            except (CorpusError, ParseError) as error:
                problems.append(problem("CO01", error.path, error.line, f"{error.code} {error.message}",
                                        column=error.column))  # fmt: skip
    for framework in frameworks:
        problems += numbering.check(framework)
        problems += content.check(framework)
        problems += debris.check_statements(framework)
    if files == 0 and not problems:
        # '0 errors in 0 files' would pass a CI job that checked nothing (a wrong path, an empty checkout).
        shown = ", ".join(display_path(p) for p in paths)
        raise InputError(f"{shown}: no documents to validate (no .txt files, manifest or corpus file)")
    problems += drift.check(frameworks)
    problems += debris.check_garbled(frameworks)
    if config is not None:
        problems = apply(problems, config)
    elif discover:
        problems = apply_nearest(problems)
    unique = {(p.path, p.line, p.column, p.code, p.message): p for p in problems}
    ordered = sorted(unique.values(), key=Problem.sort_key)
    return Report(paths=[display_path(p) for p in paths], files=files, problems=ordered)
