"""SP01-SP02: words that are neither English nor the frameworks' own vocabulary nor the
project's word list.

English is :func:`cwframe.lexicon.is_english` (SCOWL's British English list, with its
inflections), also for a hyphenated word written solid ('co-ordinator') or part by part.
The frameworks' vocabulary is every word used in at least two different statements of the
documents validated together and of the bundled published corpus ('wellbeing',
'interagency'): a word printed once, nowhere else and in no dictionary, is the typo an
editor makes. A statement copied word for word into several units counts once, so a typo
pasted into a whole suite is still one. The project's word list is ``cwframe-words.txt``
beside the configuration (one word a line, ``#`` comments, any case), as cspell keeps
its words. Acronyms (all capitals), words with capitals inside ('eCAF'), words of one or
two letters and plural marks ('policy(ies)') are not checked.

A word the published text of the bundled corpus prints is not an editor's mistake: it is
a note (SP02), never an error, so a unit as published passes ``--strict``.

Workers find each document's unknown words (:func:`unknown_words`, cheap: one regex pass
per distinct text, one dictionary look-up per distinct word); the parent judges them
against everything validated together (:func:`judge`), as OC01 does.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import chain

from cwframe.lexicon import english_words, is_english
from cwframe.models import Framework, GlossaryEntry, Problem, Source
from cwframe.rules.base import problem
from cwframe.text import fold

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_PLURAL_MARK = re.compile(r"(?<=[A-Za-z])\((?:s|es|ies|ren)\)", re.IGNORECASE)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# What suggesting may cost, whatever the input: a word longer than the lexicon's longest (45
# letters) gets no hint (its one-edit variants are its length squared in letters), and only
# the first CLOSE_LOOKUPS distinct words that need the lexicon's closest within two edits
# (a scan of the words of the same initial and length, ~3-10 ms) get one: a document of
# thousands of distinct unknown words is still reported in linear time, later ones unhinted.
HINTED_LENGTH = 45
CLOSE_LOOKUPS = 500

# An unknown word where it stands: (word as printed, statement id, file, line, column).
Found = tuple[str, str, str, int, int]
# Per unknown word (lower case): the digests of the distinct texts that use it.
Uses = dict[str, set[int]]


def _checked(token: str) -> bool:
    """Words worth checking: not acronyms, not 'eCAF', not one or two letters."""
    if len(token) < 3 or token.isupper():
        return False
    return not any(c.isupper() for part in token.split("-") for c in part[1:])


@lru_cache(maxsize=65536)
def is_word(token: str) -> bool:
    """English, or a hyphenated word that is English written solid ('co-ordinated')."""
    word = token.strip("'’-")
    return is_english(word) or ("-" in word and is_english(word.replace("-", "")))


# token as found -> its unknown words as (offset in the token, word), or () when it is fine
_UNKNOWN: dict[str, tuple[tuple[int, str], ...]] = {}


def _judged(token: str) -> tuple[tuple[int, str], ...]:
    word = token.strip("'’-")
    if not _checked(word) or is_word(word):
        return ()
    start = token.index(word)
    if "-" not in word:
        return ((start, word),)
    # 'work-setitng': the part that is wrong, where it stands
    out, at = [], start
    for part in word.split("-"):
        if part and _checked(part) and not is_word(part):
            out.append((at, part))
        at += len(part) + 1
    return tuple(out) or ((start, word),)


def unknown_in(text: str) -> list[tuple[int, str]]:
    """(offset, word) of the words in a text that are not English. One regex pass and one
    dictionary look-up a word: this runs over every statement of a directory."""
    if "(" in text:
        text = _PLURAL_MARK.sub(lambda m: " " * len(m.group()), text)
    judged = _UNKNOWN
    if len(judged) > 200_000:  # a worker's cache stays bounded whatever the corpus
        judged.clear()
    suspect = False
    for token in _WORD.findall(text):
        words = judged.get(token)
        if words is None:
            words = judged[token] = _judged(token)
        suspect = suspect or bool(words)
    if not suspect:
        return []
    return [(match.start() + offset, word) for match in _WORD.finditer(text)
            for offset, word in judged[match.group()]]  # fmt: skip


def _texts(framework: Framework) -> Iterator[tuple[str | GlossaryEntry, Source, str]]:
    """(id, source, text) of everything an editor writes: statements, glossary paragraphs,
    NOS section headings. A glossary paragraph stands for its id (made only when needed:
    a directory has hundreds of thousands)."""
    from cwframe.statements import iter_placed

    if framework.units:  # read straight from the tree: NOS directories are the large inputs
        for unit in framework.units:
            for section in unit.sections:
                for statement in section.statements:
                    yield statement.id, statement.source, statement.text
    else:
        for statement, _place in iter_placed(framework):
            yield statement.id, statement.source, statement.text
    for entries in [*(u.glossary for u in framework.units), framework.glossary]:
        for entry in entries:
            yield entry, entry.source, entry.definition
    for unit in framework.units:
        for section in unit.sections:
            if section.title:
                yield f"nos/{unit.slug}", section.source, section.title


def _digest(text: str) -> int:
    return zlib.crc32(" ".join(fold(text).split()).encode("utf-8"))


_MEMO: dict[str, list[tuple[int, str]]] = {}


def unknown_words(framework: Framework, lines: list[str] | None = None) -> tuple[list[Found], Uses]:
    """A document's words that are not English, where they stand (``lines``, the raw text's
    lines, give the column), and the distinct texts using each."""
    found: list[Found] = []
    uses: Uses = {}
    memo = _MEMO  # across documents too: a suite's units share their knowledge block
    if len(memo) > 100_000:  # a worker's memory stays bounded whatever the corpus
        memo.clear()
    glossary_ids: dict[int, str] | None = None
    for owner, source, text in _texts(framework):
        unknown = memo.get(text)
        if unknown is None:
            unknown = memo[text] = unknown_in(text)
        if not unknown:
            continue
        if not isinstance(owner, str):
            if glossary_ids is None:
                from cwframe.statements import iter_glossary

                glossary_ids = {id(entry): gid for gid, _unit, entry in iter_glossary(framework)}
            owner = glossary_ids[id(owner)]
        digest = _digest(text)
        cursor = (source.line, 0)
        placed: dict[str, tuple[int, int]] = {}
        for _offset, word in unknown:
            uses.setdefault(word.lower(), set()).add(digest)
            if word not in placed:  # a word is placed at its first occurrence, as each copy of it
                placed[word] = cursor = _locate(word, source, lines, cursor)
            found.append((word, owner, source.file, *placed[word]))
    return found, uses


def _locate(word: str, source: Source, lines: list[str] | None, cursor: tuple[int, int]) -> tuple[int, int]:
    """Where a word stands in the raw lines: its first whole-word occurrence at or after
    ``cursor`` (the previous new unknown word of the same text, which comes before its first
    occurrence: cleaning keeps the order), else from the text's first line. Searching on from the last one keeps
    a text of thousands of unknown words linear, where each search from the start was not."""
    if lines:
        last = min(source.end_line, len(lines))
        for start in (cursor, (source.line, 0)):
            for number in range(start[0], last + 1):
                column = _find_word(lines[number - 1], word, start[1] if number == start[0] else 0)
                if column >= 0:
                    return number, column + 1
            if start == (source.line, 0):
                break
    return source.line, 1


def _find_word(line: str, word: str, at: int) -> int:
    """The first index at or after ``at`` where ``word`` stands with no letter either side, or -1."""
    at = line.find(word, at)
    while at >= 0:
        before, after = line[at - 1 : at] if at else "", line[at + len(word) : at + len(word) + 1]
        if not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha()):
            return at
        at = line.find(word, at + 1)
    return -1


@lru_cache(maxsize=1)
def _published() -> tuple[dict[str, Uses], Counter[str]]:
    """The bundled corpus: per document identity, its unknown words' uses; and how many
    statements use each word (English too), to rank suggestions by the frameworks' usage."""
    from cwframe.rules.reference import bundled, identities

    per_identity: dict[str, Uses] = {}
    usage: Counter[str] = Counter()
    for framework in bundled():
        _found, uses = unknown_words(framework)
        for identity in identities(framework):
            per_identity[identity] = uses
        for _sid, _source, text in _texts(framework):
            usage.update({re.sub(r"['’]s$", "", w.lower()) for w in _WORD.findall(text)})
    return per_identity, usage


def judge(found: list[Found], uses: Uses, validated: set[str],
          project_words: Callable[[str], frozenset[str]]) -> Iterator[Problem]:  # fmt: skip
    """SP01 for each unknown word used in fewer than two distinct statements (of the documents
    validated together and of the published documents not among them), not in the project's
    word list for its file; SP02 (a note) when the published text prints it."""
    published, usage = _published()
    reference: dict[str, set[int]] = {}
    printed: set[str] = set()
    for identity, words in published.items():
        printed.update(words)
        if identity not in validated:
            for word, digests in words.items():
                reference.setdefault(word, set()).update(digests)
    hinted: dict[str, list[str]] = {}
    for word, sid, file, line, column in found:
        key = word.lower()
        if len(uses.get(key, set()) | reference.get(key, set())) >= 2 or key in project_words(file):
            continue
        if key not in hinted:
            hinted[key] = suggestions(word, usage, close=len(hinted) < CLOSE_LOOKUPS)
        hints = [h.capitalize() if word[:1].isupper() else h for h in hinted[key]]
        hint = f"; did you mean {', '.join(repr(h) for h in hints)}?" if hints else ""
        if key in printed:
            yield problem("SP02", file, line, f"'{word}' is in no dictionary, but the published text prints it{hint}",
                          column=column, statement=sid)  # fmt: skip
        else:
            yield problem("SP01", file, line, f"unknown word '{word}'{hint}", column=column, statement=sid)


def suggestions(word: str, usage: Counter[str], limit: int = 3, *, close: bool = True) -> list[str]:
    """Words one edit away (a letter missing, extra, wrong, or two swapped) that are English
    or the frameworks' own, those the frameworks use most first; else (``close``) the
    lexicon's closest within two edits. None for a word longer than any English word."""
    lower = word.lower()
    if len(lower) > HINTED_LENGTH:
        return []
    # A word of letters only has variants of letters only, which is_english would look up as they
    # are: the lexicon's set directly, ~50x cheaper over the hundreds of variants of each word.
    english = english_words().__contains__ if lower.isalpha() and lower.isascii() else is_english
    near = [c for c in _edits(lower) if c != lower and (c in usage or english(c))]
    if not near and close:
        near = _close(lower)
    ranked = sorted(set(near), key=lambda c: (-usage[c], c))[:limit]
    return [c.capitalize() if word[:1].isupper() else c for c in ranked]


def _edits(word: str) -> Iterator[str]:
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            yield head + tail[1:]
            for c in _LETTERS:
                yield head + c + tail[1:]
        if len(tail) > 1:
            yield head + tail[1] + tail[0] + tail[2:]
        for c in _LETTERS:
            yield head + c + tail


@lru_cache(maxsize=1)
def _by_initial() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for w in english_words():
        if w:
            out.setdefault(w[0], []).append(w)
    return out


@lru_cache(maxsize=1)
def _by_initial_length() -> dict[tuple[str, int], list[tuple[int, str]]]:
    """(initial, length) -> (place among the initial's words, word): a look-up scans only the
    lengths it can match."""
    out: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for initial, words in _by_initial().items():
        for k, w in enumerate(words):
            out.setdefault((initial, len(w)), []).append((k, w))
    return out


def _close(word: str) -> list[str]:
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    # The words of the same initial within two letters of its length, in the initial's order.
    lengths = _by_initial_length()
    near = (lengths.get((word[:1], n), []) for n in range(len(word) - 2, len(word) + 3))
    bucket = [w for _, w in sorted(chain.from_iterable(near))]
    matches = process.extract(word, bucket, scorer=DamerauLevenshtein.distance, score_cutoff=2, limit=5)
    return [m[0] for m in matches]
