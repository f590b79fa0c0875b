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

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(#?[^)]*\)")
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


def word_ops(old: str, new: str) -> list[tuple[str, str]]:
    """A word diff as (op, words) runs, op one of 'equal', 'delete', 'insert', in order."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", " ".join(b[j1:j2])))
    return out


def word_diff(old: str, new: str) -> str:
    """'[-removed-] {+added+}' marks between two texts, word by word."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return " ".join(marks[op].format(words) for op, words in word_ops(old, new))
