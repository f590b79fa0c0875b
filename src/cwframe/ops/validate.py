"""``cwframe validate``: lint raw documents and corpora; every input gives findings, none a crash."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from cwframe import parsers
from cwframe.config import Nearest, ValidateConfig, apply, apply_nearest
from cwframe.corpus import check_normalised, display_path, load_normalised, read_bytes, read_text
from cwframe.errors import CorpusError, CwframeError, InputError, ParseError
from cwframe.locations import CORPUS_FILE, MANIFEST, corpus_kind
from cwframe.models import Framework, Problem, ReadOptions, Report, Skipped, SourceDocument
from cwframe.rules import (
    RULES,
    characters,
    content,
    debris,
    drift,
    encoding,
    identity,
    manifest,
    numbering,
    reference,
    spelling,
)
from cwframe.rules.base import Owners, problem
from cwframe.workers import in_order


def _inputs(path: Path) -> tuple[list[Problem], list[tuple[Path, SourceDocument | None]], list[Path]]:
    """(manifest findings, raw documents, normalised files) that a path stands for. A
    manifest.yaml stands for its directory (an edited manifest is checked against its files)."""
    if not path.exists():
        raise InputError(f"{display_path(path)}: no such file or directory")
    if path.name == MANIFEST and path.is_file():
        path = path.parent
    kind, target = corpus_kind(path)
    if kind == "normalised":
        return [], [], [target]
    if kind == "document":
        return [], [(target, None)], []
    found, documents = manifest.check(target)
    return found, documents, []


# A corpus file's key, in JSON or YAML: a file without it is some other data file.
_FRAMEWORKS_KEY = re.compile(r"""^["']?frameworks["']?\s*:|"frameworks"\s*:""", re.MULTILINE)


def _not_a_corpus(path: Path) -> str | None:
    """Why a JSON or YAML file is not a cwframe corpus (a workflow, package.json …), or None
    when it is one or tries to be (a damaged corpus is reported as CO01, not skipped)."""
    if path.name == CORPUS_FILE:
        return None
    try:
        text = read_text(path)
    except CwframeError:
        return None  # unreadable: let loading it report why
    if _FRAMEWORKS_KEY.search(text):
        return None
    return "not a cwframe corpus (no 'frameworks')"


class Read(NamedTuple):
    """A raw document read and parsed: its findings so far, the framework (None when it could
    not be parsed), why it was skipped (not a standard), and its lines."""

    found: list[Problem]
    framework: Framework | None = None
    skipped: str | None = None
    lines: list[str] | None = None


def _own_family(path: Path, entry: SourceDocument | None) -> str | None:
    """'table' or 'case' for a framework of your own (by its manifest entry, or by the file), else None."""
    from cwframe.locations import is_case_package

    if entry is not None:
        return entry.family.value if entry.family.value in ("table", "case") else None
    if path.suffix.lower() in parsers.TABLE_SUFFIXES:
        return "table"
    return "case" if is_case_package(path) else None


def _own(path: Path, family: str, entry: SourceDocument | None,
         options: ReadOptions | None) -> Read:  # fmt: skip
    """A spreadsheet or CASE package: what reading it found (TB, IT, CA rules), or why it cannot be read."""
    from cwframe.corpus import parse_document, parse_file

    shown = display_path(path)
    found: list[Problem] = []
    if (
        path.suffix.lower() in (".csv", ".tsv") or family == "case"
    ):  # text: its bytes are checked as a document's
        try:
            found, text = encoding.check(shown, read_bytes(path))
        except InputError as error:
            return Read([problem("FI01", shown, 1, str(error).removeprefix(f"{shown}: "))])
        if text is None:
            return Read(found)
    findings: list = []
    try:
        if entry is not None:
            framework = parse_document(path, entry, findings=findings)
        else:
            framework = parse_file(path, family, options=options, findings=findings)
    except ParseError as error:
        code = error.code if error.code in RULES else "PA03"
        return Read([*found, problem(code, shown, error.line, error.message, column=error.column)])
    except InputError as error:
        code = "CA01" if family == "case" else "TB05"
        return Read(
            [*found, problem(code, shown, 1, str(error).removeprefix(f"{shown}: ").removeprefix("error: "))]
        )
    found += [problem(code, shown, line, message, column=column, statement=sid)
              for code, line, column, message, sid in findings]  # fmt: skip
    return Read(found, framework)


def _raw(path: Path, entry: SourceDocument | None, options: ReadOptions | None = None) -> Read:
    shown = display_path(path)
    own = _own_family(path, entry)
    if own is not None:
        return _own(path, own, entry, options)
    try:
        data = read_bytes(path)
    except InputError as error:  # removed while validating, unreadable, too large, not a regular file
        return Read([problem("FI01", shown, 1, str(error).removeprefix(f"{shown}: "))])
    found, text = encoding.check(shown, data)
    if entry is None:
        readable = text if text is not None else _readable(data)
        family = parsers.detect(readable)
        if family is None and not parsers.looks_like_standard(readable):
            # A README, requirements.txt, a licence: not a standard, so nothing to report.
            return Read([], skipped="not a standard (no NOS criteria, PCF rows or SDF tables)")
    else:
        family = entry.family.value
    if text is None:
        return Read(found)
    try:
        check_normalised(text, shown)
    except ParseError as error:  # would grow past the limit when normalised: never parsed
        return Read([*found, problem("FI01", shown, error.line, error.message, column=error.column)])
    text = text.removeprefix("\ufeff")
    if family is None:
        found.append(problem("PA03", shown, 1, "reads like a standard but cannot tell which framework (no NOS "
                             "criteria P1/K1, PCF rows or SDF tables); name it in manifest.yaml with its family"))  # fmt: skip
        return Read(found)
    try:
        framework = parsers.get(family).parse(text, path=shown, unit=entry.unit if entry else None)
    except ParseError as error:
        found.append(problem("PA03", shown, error.line, error.message, column=error.column))
        return Read(found)
    if entry is not None:  # what the loaders read: the manifest's title too
        from cwframe.corpus import apply_manifest

        framework = apply_manifest(framework, entry, path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if family == "nos":
        found += debris.check_raw_nos(shown, lines, Owners(framework))
    return Read(found, framework, None, lines)


def _readable(data: bytes) -> str:
    """Text enough to tell whether an undecodable file is a standard at all."""
    from cwframe.corpus import newlines

    guess = encoding.probable_encoding(data)
    if guess.startswith("UTF-16"):
        return newlines(data.decode("utf-16-le" if "little" in guess else "utf-16-be", errors="replace"))
    return newlines(data.decode("cp1252", errors="replace"))


class Checked(NamedTuple):
    """What one document contributes: its own findings, and what the checks across documents
    need from it (drift: its numbered knowledge statements; garbled text: its word counts and
    the statements that could be garbage; spelling: its unknown words and their uses; what it
    is, to stand in for its published version). Never the parsed tree, which for a directory
    of 20,000 units would not fit in memory."""

    problems: list[Problem]
    copies: list[drift.Copy] = []
    vocabulary: Counter[str] = Counter()
    candidates: list[debris.Candidate] = []
    words: list[spelling.Found] = []
    uses: spelling.Uses = {}
    identities: list[str] = []
    owned: list[tuple[str, str, int]] = []  # (id, file, line): what must be unique in a corpus (ID01)
    skipped: str | None = None  # why, when the file is not a standard at all


def _checked(framework: Framework, lines: list[str] | None = None, file: str = "") -> Checked:
    from cwframe.corpus import identities

    found = [*numbering.check(framework), *content.check(framework), *debris.check_statements(framework),
             *characters.check(framework)]  # fmt: skip
    owned = identities(framework, file)
    if framework.items:  # typed into a spreadsheet or a CASE tool, not OCR'd: no garbled text to look for
        return Checked(found, identities=reference.identities(framework), owned=owned)
    vocabulary, candidates = debris.garbled_candidates(framework)
    words, uses = spelling.unknown_words(framework, lines)
    return Checked(found, drift.copies_of(framework), vocabulary, candidates, words, uses,
                   reference.identities(framework), owned)  # fmt: skip


def _check_document(job: tuple[str, dict | None, dict | None]) -> Checked:
    """Worker: read, parse and check one raw document."""
    path, entry, options = job
    read = _raw(Path(path), SourceDocument.model_validate(entry) if entry else None,
                ReadOptions.model_validate(options) if options else None)  # fmt: skip
    if read.framework is None:
        return Checked(read.found, skipped=read.skipped)
    checked = _checked(read.framework, read.lines, display_path(Path(path)))
    return checked._replace(problems=read.found + checked.problems)


def validate(paths: list[Path], *, config: ValidateConfig | None = None, discover: bool = False,
             workers: int | None = None, options: ReadOptions | None = None) -> Report:  # fmt: skip
    """Validate files and directories; raises InputError only for a path that does not exist.

    Args:
        paths: raw documents, raw directories (with or without manifest.yaml), or
            normalised corpus files (corpus.json, exports in JSON or YAML).
        config: rule selection, severities and accepted findings, for every file.
        discover: instead, judge each finding by the configuration nearest above its
            file (.cwframe.toml, or pyproject.toml with [tool.cwframe]).
        workers: processes checking raw documents (default: one per core).
        options: how to read a spreadsheet or CASE package given as a path (a manifest entry
            says it for the files it names).
    """
    if not paths:
        raise InputError("give at least one file or directory, e.g. cwframe validate data/raw")
    problems: list[Problem] = []
    copies: list[drift.Copy] = []
    vocabulary: Counter[str] = Counter()
    candidates: list[debris.Candidate] = []
    words: list[spelling.Found] = []
    uses: spelling.Uses = {}
    validated: set[str] = set()
    skipped: list[Skipped] = []
    files = 0

    def add(checked: Checked) -> None:
        problems.extend(checked.problems)
        copies.extend(checked.copies)
        vocabulary.update(checked.vocabulary)
        candidates.extend(checked.candidates)
        words.extend(checked.words)
        for word, digests in checked.uses.items():
            uses.setdefault(word, set()).update(digests)
        validated.update(checked.identities)

    # Every input first, each document once: a pre-commit hook passes an edited manifest and
    # the files beside it, and a file named twice is one file.
    # A file a manifest names twice is two documents, as the loaders read it (ID01 when both
    # give one unit); a file named on its own and by a manifest, one.
    documents: dict[tuple[Path, int], tuple[Path, SourceDocument | None]] = {}
    scopes: dict[tuple[Path, int], int] = {}  # which input a document came with: ids are unique per corpus
    seen: set[Path] = set()
    normalised: dict[Path, Path] = {}
    for number, path in enumerate(paths):
        found, listed, corpus_files = _inputs(path)
        problems += found
        for entry_number, (document, entry) in enumerate(listed):
            resolved = document.resolve()
            if entry is None and resolved in seen:
                continue
            seen.add(resolved)
            documents.pop((resolved, -1), None)  # named alone first: the manifest's entry says more
            key = (resolved, -1 if entry is None else entry_number)
            documents[key] = (document, entry)
            scopes.setdefault(key, number)
        normalised.update((f.resolve(), f) for f in corpus_files)
    given = options.model_dump(mode="json") if options else None
    jobs = [(str(d), e.model_dump(mode="json") if e else None, given) for d, e in documents.values()]
    owned: dict[int, list[tuple[str, str, int]]] = {}
    for key, job, checked in zip(documents, jobs, in_order(_check_document, jobs, workers=workers, minimum=16,
                                                           chunksize=8), strict=True):  # fmt: skip
        if checked.skipped is not None:
            skipped.append(Skipped(path=display_path(Path(job[0])), reason=checked.skipped))
            continue
        files += 1
        add(checked)
        owned.setdefault(scopes[key], []).extend(checked.owned)
    for scoped in owned.values():
        problems += identity.check(scoped)
    for corpus_file in normalised.values():
        reason = _not_a_corpus(corpus_file)
        if reason is not None:
            skipped.append(Skipped(path=display_path(corpus_file), reason=reason))
            continue
        files += 1
        try:
            frameworks = load_normalised(corpus_file).frameworks
        except (CorpusError, ParseError) as error:
            problems.append(problem("CO01", error.path, error.line, f"{error.code} {error.message}",
                                    column=error.column))  # fmt: skip
            continue
        for framework in frameworks:
            add(_checked(framework))
    named_files = all(p.is_file() for p in paths)
    if files == 0 and not problems and not named_files:
        # '0 errors in 0 files' would pass a CI job that checked nothing (a wrong path, an empty
        # checkout). Files named one by one that are not standards (a pre-commit hook's list) pass.
        shown = ", ".join(display_path(p) for p in paths)
        also = f" ({len(skipped)} skipped: not standards)" if skipped else ""
        raise InputError(f"{shown}: no documents to validate (no .txt files, manifest or corpus file){also}")
    problems += drift.check_copies(copies + drift.published_copies(validated))
    problems += debris.judge_garbled(vocabulary, candidates)
    nearest = Nearest()

    def project_words(file: str) -> frozenset[str]:
        settings = config if config is not None else nearest.for_path(Path(file)) if discover else None
        return settings.words if settings is not None else frozenset()

    problems += spelling.judge(words, uses, validated, project_words)
    if config is not None:
        problems = apply(problems, config)
    elif discover:
        problems = apply_nearest(problems, nearest)
    unique = {(p.path, p.line, p.column, p.code, p.message): p for p in problems}
    ordered = sorted(unique.values(), key=Problem.sort_key)
    return Report(paths=[display_path(p) for p in paths], files=files, problems=ordered,
                  skipped=sorted(skipped, key=lambda s: s.path))  # fmt: skip
