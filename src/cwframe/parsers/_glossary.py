"""Term/definition splitting shared by the NOS and SDF glossaries."""

from __future__ import annotations

import re

# The scope/range section a NOS glossary entry belongs to, as the flat view and search name it.
GLOSSARY_SECTIONS = {
    "performance": "Scope/range related to performance criteria",
    "knowledge": "Scope/range related to knowledge and understanding",
}

# 'Key people are those who ...', 'Development would include ...': the term is what
# precedes the first defining verb. Capped in length so that ordinary sentences
# ('Depending on how it is used ...') stay notes rather than invented terms.
_DEFINING = re.compile(
    r"^(?P<term>.{2,90}?)\s+(?:is|are|would include|would be|may include|should include|"
    r"can be defined as|could include|uses|involves|requires|includes|means)\s"
)
_NOT_A_TERM_START = {"depending", "in", "all", "if", "when", "where", "for", "this", "these",
                     "it", "there", "we", "you", "they", "here"}  # fmt: skip
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)


def defined_term(paragraph: str) -> str | None:
    """The term a NOS scope/range paragraph defines, or None when it defines nothing."""
    match = _DEFINING.match(paragraph)
    if not match:
        return None
    term = match.group("term")
    words = term.split()
    lowered = [w.lower() for w in words]
    if len(words) > 10 or lowered[0] in _NOT_A_TERM_START or "this" in lowered:
        return None
    return _ARTICLE.sub("", term)


def _is_acronym(word: str) -> bool:
    return sum(ch.isupper() for ch in word) >= 2 and word.isalpha()


def split_term(line: str) -> tuple[str, str] | None:
    """Split an SDF glossary line 'TERM Definition' that has no separator.

    An acronym ('CAF', 'DfE') is the term on its own. Otherwise the term ends at the
    last of a run of words each followed by a capitalised word: 'Common Core CWDC
    has ...' gives 'Common Core', 'Communities of practice The process ...' gives
    'Communities of practice'.
    """
    tokens = line.split()
    if len(tokens) < 2:
        return None
    if _is_acronym(tokens[0]):
        return tokens[0], " ".join(tokens[1:])
    end = None
    for i in range(min(len(tokens) - 1, 6)):
        followed_by_capital = tokens[i + 1][:1].isupper()
        if followed_by_capital:
            end = i
        elif end is not None:
            break
    if end is None:
        return None
    return " ".join(tokens[: end + 1]), " ".join(tokens[end + 1 :])
