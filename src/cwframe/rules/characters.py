"""ST08, ST09, ID02: characters a reader cannot see for what they are — control characters and
bidirectional controls in the text, and ids that mix scripts (a Cyrillic 'е' in 'key-people').

The loaders accept such text (the bytes are kept as received, and the renderers show these
characters escaped); validate reports them, so a pull request that adds one fails review.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from cwframe.models import Framework, Problem
from cwframe.rules.base import problem
from cwframe.statements import iter_glossary, iter_placed

# Unicode's bidirectional formatting characters: embeddings, overrides, isolates and marks.
# U+202E (RIGHT-TO-LEFT OVERRIDE) shows 'gnp.exe' as 'exe.png' (Trojan Source, CVE-2021-42574).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


# Control characters (C0 but TAB, DEL, C1) and bidirectional controls, each as one search in C:
# a loop over the characters in Python cost validate 15 % on a 190,000-statement corpus.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


def control(text: str) -> str | None:
    """The first control character in a text (C0, DEL, C1; TAB aside), or None."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def bidi(text: str) -> str | None:
    """The first bidirectional control character in a text, or None."""
    if text.isascii():
        return None
    found = _BIDI.search(text)
    return found.group() if found else None


# The C0 controls' names (Unicode's name aliases: unicodedata.name has none for them).
_C0 = ("NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
       "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
       "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
       "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
       "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
       "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO",
       "INFORMATION SEPARATOR ONE")  # fmt: skip


def named(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE', 'U+001B ESCAPE': a character as a reader can look it up."""
    code = ord(ch)
    name = (
        _C0[code] if code < 0x20 else "DELETE" if code == 0x7F else unicodedata.name(ch, "control character")
    )
    return f"U+{code:04X} {name.upper()}"


def shown(text: str) -> str:
    """A text with everything outside printable ASCII escaped (\\u0435), so a finding shows
    what the characters are, not what they look like."""
    return text.encode("ascii", "backslashreplace").decode("ascii")


def look_alike(identifier: str) -> str | None:
    """The first character of an id that a reader would take for another: a letter or digit of
    a script other than Latin (Cyrillic 'е', Greek 'Α', fullwidth 'Ａ'), or an invisible one
    (a zero-width space, a control). Ids are ASCII kebab-case at the framework level, so any
    other script in one mixes scripts."""
    if identifier.isascii():  # the common case, decided in C
        return None if identifier.isprintable() else next(ch for ch in identifier if not ch.isprintable())
    for ch in identifier:
        if ch.isascii():
            if not ch.isprintable():
                return ch
            continue
        category = unicodedata.category(ch)
        if category[0] in "CZ":  # controls, formats (zero-width), separators: invisible or blank
            return ch
        if category[0] in "LN" and not unicodedata.name(ch, "").startswith("LATIN "):
            return ch
    return None


def check(framework: Framework) -> Iterator[Problem]:
    """Control and bidirectional characters in statements, headings and glossary entries; ids
    that mix scripts."""
    reported: list[str] = []  # ids already reported: their statements' ids repeat the part
    for unit in framework.units:
        uid = f"nos/{unit.slug}"
        ch = look_alike(unit.slug)
        if ch is not None:
            reported.append(uid)
            yield _mixed(uid, ch, unit.source.file, unit.source.line)
        if unit.title:  # from the manifest or the document: exports and listings print it
            yield from _characters(unit.title, f"the title of {uid}", unit.source.file, unit.source.line, uid)
    headings: set[str] = set()
    for s, place in iter_placed(framework):
        label = s.id.rsplit("/", 1)[-1]
        ch = look_alike(s.id)
        if ch is not None and not any(s.id.startswith(r + "/") for r in reported):
            yield _mixed(s.id, ch, s.source.file, s.source.line, statement=s.id)
        yield from _characters(s.text, label, s.source.file, s.source.line, s.id)
        for key in ("section", "heading"):
            title = place.get(key)
            if title and title not in headings:
                headings.add(title)
                yield from _characters(
                    title, f"the heading above {label}", s.source.file, s.source.line, s.id
                )
    for gid, _unit, entry in iter_glossary(framework):
        term = entry.term or ""
        yield from _characters(f"{term} {entry.definition or ''}", f"the glossary entry '{shown(term)}'",
                               entry.source.file, entry.source.line, gid)  # fmt: skip


def _mixed(identifier: str, ch: str, file: str, line: int, *, statement: str | None = None) -> Problem:
    return problem("ID02", file, line, f"the id '{shown(identifier)}' mixes scripts: it holds {named(ch)}, which "
                   "reads as another character; use ASCII letters and digits in ids", statement=statement)  # fmt: skip


def _characters(text: str, label: str, file: str, line: int, statement: str) -> Iterator[Problem]:
    ch = control(text)
    if ch is not None:
        yield problem("ST08", file, line, f"{label} holds a control character ({named(ch)}), which a terminal "
                      "or spreadsheet would act on; delete it", statement=statement)  # fmt: skip
    ch = bidi(text)
    if ch is not None:
        yield problem("ST09", file, line, f"{label} holds a bidirectional control character ({named(ch)}), "
                      "which shows the text in another order than it is read; delete it", statement=statement)  # fmt: skip
