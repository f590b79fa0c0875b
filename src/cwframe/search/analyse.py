"""Turning text into index terms: fold, split into words, stem (Snowball/Porter2)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

WORD = re.compile(r"[a-z0-9]+")
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
# British/American and spelling variants a practitioner may type either way.
_VARIANTS = {"practise": "practice", "practising": "practicing", "organization": "organisation",
             "behavior": "behaviour", "judgment": "judgement", "focussed": "focused"}  # fmt: skip


def fold(text: str) -> str:
    """Lower case, typography folded, accents stripped: the form words are matched in."""
    text = text.translate(_FOLD)
    if text.isascii():  # nearly all text (curly quotes are folded above): skip the accent pass
        return text.lower().replace("'", "")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("'", "")


def words(text: str) -> list[str]:
    """The words of a text in order (apostrophes dropped: "people's" gives "peoples")."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=1)
def _stemmer():  # imported on first use: the query path looks most stems up in the index
    from snowballstemmer import stemmer  # PyStemmer's compiled Porter2 when installed, same stems

    return stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index term for a folded word."""
    word = _VARIANTS.get(word, word)
    return _stemmer().stemWord(word) if len(word) > 2 and not word.isdigit() else word


_STEM_CACHE: dict[str, str] = {}


def stems(folded_words: Iterable[str]) -> list[str]:
    """Stems of folded words, through a plain dict cache (the index build's hot loop:
    nearly every word is cached, so the comprehension runs and the loop rarely does)."""
    cache = _STEM_CACHE
    if not isinstance(folded_words, list | tuple):
        folded_words = list(folded_words)  # read twice when a word is new
    try:
        return [cache[w] for w in folded_words]
    except KeyError:
        for w in folded_words:
            if w not in cache:
                cache[w] = stem(w)
        return [cache[w] for w in folded_words]


def terms(text: str) -> list[str]:
    """Stems of a text, in order."""
    return [stem(w) for w in words(text)]


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for each word of the original text, for highlighting."""
    spans = []
    for match in re.finditer(r"[A-Za-z0-9\u00C0-\u024F’']+", text):
        folded = words(match.group())
        if folded:
            spans.append((match.start(), match.end(), "".join(folded)))
    return spans
