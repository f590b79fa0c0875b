"""Shared cleaning for every document family.

Text is kept as printed (wording, spelling, punctuation, curly quotes); cleaning
only removes conversion debris and collapses whitespace. ``fold`` gives a second,
typography-free form for matching, never for display.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# No pattern here scans past the next opening mark of its own kind: a match that fails at one
# ``[`` stops at the next, so a line of unclosed marks costs its length, not its square.
_BOOKMARK = re.compile(r"\[bookmark:[^\[\]]*\]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\(#?[^)\[]*\)")
_MD_BOLD = re.compile(r"\*\*(.*?)\*\*|(?<![\w*])\*(\S[^*]*?)\*(?![\w*])")
_SPACES = re.compile(r"\s+")
# Superscript digits mark footnotes in the SDF conversion (¹, ², ³, ⁴ …).
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_MARK = re.compile(f"[{_SUPERSCRIPTS}]+")
# A mark just before a closing quote or bracket takes its spaces with it.
_FOOTNOTE_BEFORE_CLOSE = re.compile(f"\\s*[{_SUPERSCRIPTS}]+\\s*(?=['’\"”).,;:]|$)")
_BULLETS = "•·▪◦‣●–-*"

_FOLD_TABLE = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
        "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " ", "…": "...",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line of a source file: 1-based number and raw text (no newline)."""

    number: int
    raw: str

    @property
    def cells(self) -> list[str]:
        """The line split on TABs (table cells), each cleaned."""
        return [clean(cell) for cell in self.raw.split("\t")]

    @property
    def text(self) -> str:
        """The whole line, cleaned."""
        return clean(self.raw)


def split_lines(text: str) -> list[Line]:
    """Number the lines of a document, tolerating a BOM and CRLF/CR endings."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [Line(i, raw) for i, raw in enumerate(text.split("\n"), start=1)]


# What cleaning can remove besides whitespace: a text with none of these is clean already.
DEBRIS_MARKS = frozenset("[<*\u00a0")


def clean(text: str) -> str:
    """Remove conversion debris (bookmarks, HTML tags, markdown, NBSP) and collapse spaces."""
    if DEBRIS_MARKS.isdisjoint(text):  # the common case: only whitespace to collapse
        return " ".join(text.split())
    text = _BOOKMARK.sub("", text)
    text = _HTML_TAG.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_BOLD.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = text.replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def strip_footnote_marks(text: str) -> str:
    """Drop superscript footnote markers ('co-ordinators ¹⁰ ' becomes 'co-ordinators')."""
    text = _FOOTNOTE_BEFORE_CLOSE.sub("", text)
    return _SPACES.sub(" ", _FOOTNOTE_MARK.sub(" ", text)).strip()


def strip_bullet(text: str) -> str:
    """Remove a leading list bullet or dash ('- ', '• ')."""
    return text.lstrip(_BULLETS + " ").strip() if text[:1] in _BULLETS else text


def is_debris(text: str) -> bool:
    """True for a line that holds no words: bullets, rules, punctuation only."""
    return not any(ch.isalnum() for ch in text)


def fold(text: str) -> str:
    """A matching form: NFKC, straight quotes and dashes, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD_TABLE)
    return _SPACES.sub(" ", text).strip().lower()


def slugify(text: str, *, max_words: int = 12) -> str:
    """Kebab-case slug from words ('Leads the CAF/eCAF' becomes 'leads-the-caf-ecaf')."""
    words = re.findall(r"[a-z0-9]+", fold(text).replace("'", ""))
    return "-".join(words[:max_words])


def words(text: str) -> Iterator[str]:
    """The alphabetic words of a text, folded to lower case."""
    return (w for w in re.findall(r"[a-z]+", fold(text).replace("'", "")))


_ABBREVIATION_END = re.compile(r"\b(?:i\.e|e\.g|etc|cf|viz)\.$", re.IGNORECASE)


def ends_sentence(text: str) -> bool:
    """True when text ends with terminal punctuation (allowing closing quotes/brackets).

    An abbreviation such as '(i.e.' does not end a sentence.
    """
    text = text.rstrip("'\"’”)] ")
    return text.endswith((".", "!", "?", ":")) and not _ABBREVIATION_END.search(text)


def join_text(left: str, right: str) -> str:
    """Join two fragments of one statement cut by a line or page break."""
    if not left:
        return right
    if not right:
        return left
    return f"{left} {right}"


# What one comparison of two texts may cost, so that a text's length is not squared: the word
# diff aligns at most this many word pairs exactly (difflib), the ratio compares at most this many
# character pairs (rapidfuzz, bit-parallel). Past it the common start and end are still exact.
ALIGN_BUDGET = 250_000
RATIO_BUDGET = 1_000_000_000


def _word_ops(a: list[str], b: list[str]) -> tuple[list[tuple[str, str]], bool]:
    """The runs of a word diff, and whether the middle was aligned word by word."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    exact = len(middle_a) * len(middle_b) <= ALIGN_BUDGET
    if exact:
        codes = difflib.SequenceMatcher(a=middle_a, b=middle_b, autojunk=False).get_opcodes()
    else:  # too long to align: the middle shown removed and added whole
        codes = [("replace", 0, len(middle_a), 0, len(middle_b))]
    out: list[tuple[str, str]] = [("equal", " ".join(a[:start]))] if start else []
    for op, i1, i2, j1, j2 in codes:
        if op == "equal":
            out.append(("equal", " ".join(middle_a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", " ".join(middle_a[i1:i2])))
        if j2 > j1:
            out.append(("insert", " ".join(middle_b[j1:j2])))
    if end:
        if out and out[-1][0] == "equal":  # an empty middle: one run of equal words
            out[-1] = ("equal", f"{out[-1][1]} {' '.join(a[len(a) - end :])}")
        else:
            out.append(("equal", " ".join(a[len(a) - end :])))
    return out, exact


def word_ops(old: str, new: str) -> list[tuple[str, str]]:
    """A word diff as (op, words) runs, op one of 'equal', 'delete', 'insert', in order.

    The common start and end are found first; the words between are aligned exactly when
    there are few enough (``ALIGN_BUDGET`` word pairs), otherwise shown removed and added
    whole, so that the cost stays linear in the texts' length.
    """
    return _word_ops(old.split(), new.split())[0]


def word_diff(old: str, new: str) -> str:
    """'[-removed-] {+added+}' marks between two texts, word by word (with a note when the texts
    were too long to align word by word: see :func:`word_ops`)."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    ops, exact = _word_ops(old.split(), new.split())
    shown = " ".join(marks[op].format(words) for op, words in ops)
    return shown if exact else f"{shown} (too long to align word by word: the changed part is shown whole)"


def ratio(a: str, b: str) -> float:
    """0-100 similarity of two texts (rapidfuzz's ``fuzz.ratio``), within a bounded cost: past
    ``RATIO_BUDGET`` character pairs, the share of words the two have in common (a multiset
    Dice coefficient, linear), which is never below what the exact ratio would be on words."""
    from rapidfuzz import fuzz

    if len(a) * len(b) <= RATIO_BUDGET:
        return fuzz.ratio(a, b)
    from collections import Counter

    left, right = Counter(a.split()), Counter(b.split())
    total = sum(left.values()) + sum(right.values())
    return 200 * sum((left & right).values()) / total if total else 100.0
