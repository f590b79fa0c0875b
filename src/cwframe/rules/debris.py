"""DB01-DB05, OC01: conversion debris and OCR garbage."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from cwframe.models import Framework, Problem
from cwframe.rules.base import Owners, problem
from cwframe.statements import iter_framework, iter_placed
from cwframe.text import clean, words

_CRITERION = re.compile(r"^\s*[PK]\s?\d+[A-Za-z]?\b")
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,80}>")
_BULLET = re.compile(r"[•▪◦●]")
_PAGE_MARK = re.compile(r"\bPROTECT\b")
_GARBAGE_MIN_UNKNOWN = 2
_GARBAGE_RATIO = 0.5  # of a statement's words; compared by stem, so 'explains' knows 'explain'


def _stems(text: str) -> set[str]:
    from cwframe.search.analyse import stems

    return set(stems(words(text)))


def check_raw_nos(path: str, lines: list[str], owners: Owners) -> Iterator[Problem]:
    """In a NOS unit's text (plain by design), any markup left behind is debris. Each finding
    names the criterion (or glossary entry, or unit) its line belongs to."""
    for number, raw in enumerate(lines, start=1):
        at = raw.find("[bookmark:")
        if at >= 0:
            yield problem("DB02", path, number, "'[bookmark: …]' remnant of a Word conversion", column=at + 1,
                          statement=owners.at(number))  # fmt: skip
        # Judged on the line as the parser reads it (tags removed), so that HTML wrapped
        # around a whole criterion ('<p><span>P12 …</span></p>') is found too.
        if not _CRITERION.match(raw) and not (_TAG.search(raw) and _CRITERION.match(clean(raw))):
            if _PAGE_MARK.search(raw):
                yield problem("DB04", path, number, "page mark 'PROTECT'", column=raw.find("PROTECT") + 1,
                              statement=owners.at(number))  # fmt: skip
            continue
        owner = owners.at(number)
        tag = _TAG.search(raw)
        if tag:
            where = "in" if _CRITERION.match(raw) else "around"
            yield problem("DB01", path, number, f"HTML tag '{tag.group()}' {where} a criterion",
                          column=tag.start() + 1, statement=owner)  # fmt: skip
        bullet = _BULLET.search(raw)
        if bullet:
            yield problem("DB03", path, number, f"bullet mark '{bullet.group()}' in a criterion",
                          column=bullet.start() + 1, statement=owner)  # fmt: skip
        if _PAGE_MARK.search(raw):
            yield problem("DB04", path, number, "page mark 'PROTECT' in a criterion",
                          column=raw.find("PROTECT") + 1, statement=owner)  # fmt: skip


def check_statements(framework: Framework) -> Iterator[Problem]:
    """Debris that survived into statement text (any family), and the lines the parser dropped."""
    if not framework.units:  # NOS raw text is checked line by line instead
        for row in iter_framework(framework):
            if _BULLET.search(row.text):
                yield problem(
                    "DB03",
                    row.source.file,
                    row.source.line,
                    "bullet mark inside the statement",
                    statement=row.id,
                )
            if _PAGE_MARK.search(row.text):
                yield problem("DB04", row.source.file, row.source.line, "page mark 'PROTECT' inside the statement",
                              statement=row.id)  # fmt: skip
    owners = Owners(framework) if framework.dropped else None
    for dropped in framework.dropped:
        text = " ".join(dropped.text.split())
        shown = text if len(text) <= 60 else text[:57] + "…"
        yield problem("DB05", dropped.file, dropped.line, f"{dropped.reason}: '{shown}'",
                      statement=owners.at(dropped.line) if owners else None)  # fmt: skip


def _reference_vocabulary() -> Counter[str]:
    """Words of the bundled corpus: a small edited file is judged against real standards' wording."""
    from cwframe.corpus import load_corpus
    from cwframe.errors import CwframeError

    try:
        return Counter(
            s for fw in load_corpus().frameworks for row in iter_framework(fw) for s in _stems(row.text)
        )
    except CwframeError:
        return Counter()


# A statement that might be garbled: (id, file, line, its stems, the ones rare in its document).
Candidate = tuple[str, str, int, int, list[str]]


def garbled_candidates(framework: Framework) -> tuple[Counter[str], list[Candidate]]:
    """A document's word counts (each statement's stems once) and its statements that could
    be garbled: words found nowhere else in the corpus are words found once in their
    document at most, so a statement whose document-rare words miss the thresholds is
    clean whatever the other documents say. Lets documents be checked one at a time
    (in worker processes) and only the few candidates be judged against everything."""
    # Each statement stemmed once (a text repeated across a suite, once in all), read straight
    # from the tree: building a flat pydantic row per statement cost seconds at directory scale.
    stems_of: dict[str, set[str]] = {}
    statements = []
    vocabulary: Counter[str] = Counter()
    for statement, _place in iter_placed(framework):
        stems = stems_of.get(statement.text)
        if stems is None:
            stems = stems_of[statement.text] = _stems(statement.text)
        statements.append((statement, stems))
        vocabulary.update(stems)
    candidates = []
    for statement, stems in statements:
        rare = _unknown(stems, vocabulary)
        if rare:
            candidates.append((statement.id, statement.source.file, statement.source.line, len(stems), rare))
    return vocabulary, candidates


def _unknown(stems: set[str], vocabulary: Counter[str]) -> list[str] | None:
    """The statement's words found at most once, when there are enough of them to call it garbage."""
    ws = sorted(stems)
    unknown = [w for w in ws if vocabulary[w] <= 1 and len(w) > 2]
    if len(unknown) >= _GARBAGE_MIN_UNKNOWN and len(unknown) / len(ws) >= _GARBAGE_RATIO:
        return unknown
    return None


def judge_garbled(vocabulary: Counter[str], candidates: list[Candidate]) -> Iterator[Problem]:
    """The candidates still garbled against everything validated together and the bundled corpus."""
    vocabulary = vocabulary + _reference_vocabulary()
    for sid, file, line, n_stems, rare in candidates:
        unknown = [w for w in rare if vocabulary[w] <= 1]
        if len(unknown) >= _GARBAGE_MIN_UNKNOWN and len(unknown) / n_stems >= _GARBAGE_RATIO:
            yield problem("OC01", file, line, f"mostly words found nowhere else ({', '.join(unknown[:4])}): OCR garbage?",
                          statement=sid)  # fmt: skip
