"""``cwframe validate``: lint raw documents and corpora; every input gives findings, none a crash."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from cwframe import parsers
from cwframe.config import ValidateConfig, apply, apply_nearest
from cwframe.corpus import display_path, load_normalised, read_bytes
from cwframe.errors import CorpusError, InputError, ParseError
from cwframe.locations import corpus_kind
from cwframe.models import Framework, Problem, Report, SourceDocument
from cwframe.rules import content, debris, drift, encoding, manifest, numbering
from cwframe.rules.base import Owners, problem
from cwframe.workers import in_order


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
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        found += debris.check_raw_nos(shown, lines, Owners(framework))
    return found, framework


# What one document contributes: its own findings, and what the checks across documents
# need from it (drift: its numbered knowledge statements; garbled text: its word counts
# and the statements that could be garbage). Never the parsed tree, which for a
# directory of 20,000 units would not fit in memory.
Checked = tuple[list[Problem], list[drift.Copy], Counter, list[debris.Candidate]]


def _checked(framework: Framework) -> Checked:
    found = [*numbering.check(framework), *content.check(framework), *debris.check_statements(framework)]
    vocabulary, candidates = debris.garbled_candidates(framework)
    return found, drift.copies_of(framework), vocabulary, candidates


def _check_document(job: tuple[str, dict | None]) -> Checked:
    """Worker: read, parse and check one raw document."""
    path, entry = job
    found, framework = _raw(Path(path), SourceDocument.model_validate(entry) if entry else None)
    if framework is None:
        return found, [], Counter(), []
    mine, copies, vocabulary, candidates = _checked(framework)
    return found + mine, copies, vocabulary, candidates


def validate(paths: list[Path], *, config: ValidateConfig | None = None, discover: bool = False,
             workers: int | None = None) -> Report:  # fmt: skip
    """Validate files and directories; raises InputError only for a path that does not exist.

    Args:
        paths: raw documents, raw directories (with or without manifest.yaml), or
            normalised corpus files (corpus.json, exports in JSON or YAML).
        config: rule selection, severities and accepted findings, for every file.
        discover: instead, judge each finding by the configuration nearest above its
            file (.cwframe.toml, or pyproject.toml with [tool.cwframe]).
        workers: processes checking raw documents (default: one per core).
    """
    if not paths:
        raise InputError("give at least one file or directory, e.g. cwframe validate data/raw")
    problems: list[Problem] = []
    copies: list[drift.Copy] = []
    vocabulary: Counter[str] = Counter()
    candidates: list[debris.Candidate] = []
    files = 0

    def add(checked: Checked) -> None:
        problems.extend(checked[0])
        copies.extend(checked[1])
        vocabulary.update(checked[2])
        candidates.extend(checked[3])

    for path in paths:
        found, documents, normalised = _inputs(path)
        problems += found
        files += len(documents)
        jobs = [(str(d), e.model_dump(mode="json") if e else None) for d, e in documents]
        for checked in in_order(_check_document, jobs, workers=workers, minimum=16, chunksize=8):
            add(checked)
        for corpus_file in normalised:
            files += 1
            try:
                frameworks = load_normalised(corpus_file).frameworks
            except (CorpusError, ParseError) as error:
                problems.append(problem("CO01", error.path, error.line, f"{error.code} {error.message}",
                                        column=error.column))  # fmt: skip
                continue
            for framework in frameworks:
                add(_checked(framework))
    if files == 0 and not problems:
        # '0 errors in 0 files' would pass a CI job that checked nothing (a wrong path, an empty checkout).
        shown = ", ".join(display_path(p) for p in paths)
        raise InputError(f"{shown}: no documents to validate (no .txt files, manifest or corpus file)")
    problems += drift.check_copies(copies)
    problems += debris.judge_garbled(vocabulary, candidates)
    if config is not None:
        problems = apply(problems, config)
    elif discover:
        problems = apply_nearest(problems)
    unique = {(p.path, p.line, p.column, p.code, p.message): p for p in problems}
    ordered = sorted(unique.values(), key=Problem.sort_key)
    return Report(paths=[display_path(p) for p in paths], files=files, problems=ordered)
