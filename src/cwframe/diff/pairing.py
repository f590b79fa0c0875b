"""Pairing two versions' texts by content: exact, similar, split/merged, and order.

Everything here is deterministic: every choice that could tie is broken by
position (or by the word itself), never by set or dict iteration order, so the
same inputs give the same pairs under any ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Protocol

from cwframe.text import RATIO_BUDGET, ratio

MATCH_THRESHOLD = 60.0  # 0-100: "the same text, reworded"
MAX_CANDIDATES = 30
RARE_WORDS = 8
# A word more texts share than this votes only for the ones nearest in the document, so that a
# document of texts that all say the same words costs a bounded number of votes per text.
NEAREST = 4 * MAX_CANDIDATES
# Split / merge rules (see find_splits): shares of the whole's words.
SPLIT_COVERAGE = 0.8
SPLIT_GAIN = 0.1
PART_FROM_WHOLE = 0.5
_WORD = re.compile(r"[a-z0-9]+")


class Keyed(Protocol):
    """Anything with a folded text and a document position."""

    folded: str
    position: int


def similarity(a: str, b: str) -> float:
    """0-100 similarity of two folded texts, aware of clauses added or cut.

    Character-level ratio alone calls "how to motivate others" and the same words
    followed by a twelve-word clause 42 % alike, below any sensible threshold. When
    every word of the shorter text (at least three) appears in order in the longer,
    the text was extended or trimmed: the score is the share of the longer text
    kept, lifted so that a short criterion gaining a long clause still pairs.
    """
    from rapidfuzz.distance import LCSseq

    score = ratio(a, b)
    if score >= 90:
        return score
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) >= 3 and len(short) * len(long) <= RATIO_BUDGET:
        kept = LCSseq.similarity(short, long)
        if kept >= 0.9 * len(short):
            score = max(score, 100 * kept / len(short) - 30 * (1 - len(short) / len(long)))
    return score


def pair_exact(old: Sequence[Keyed], new: Sequence[Keyed]) -> list[tuple[int, int]]:
    """(old index, new index) for identical folded texts, earliest with earliest."""
    waiting: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(old):
        waiting[item.folded].append(i)
    for queue in waiting.values():
        queue.reverse()  # pop() from the end: earliest first
    pairs = []
    for j, item in enumerate(new):
        queue = waiting.get(item.folded)
        if queue:
            pairs.append((queue.pop(), j))
    return pairs


class _Candidates:
    """Old texts indexed by word, to find the few worth comparing with a new text."""

    def __init__(self, old: Sequence[Keyed]) -> None:
        self.df: dict[str, int] = defaultdict(int)
        self.index: dict[str, list[int]] = defaultdict(list)
        for i, item in enumerate(old):
            for w in set(_WORD.findall(item.folded)):
                self.df[w] += 1
                self.index[w].append(i)

    def of(self, key: str, near: int) -> list[int]:
        # The rarest words say which old texts it could be; ties by the word itself,
        # candidates by votes then nearness to ``near`` then position: nothing depends on hash order.
        # Only words the old side has can vote (a new word would waste one of the slots).
        # A word in more than NEAREST texts votes for the NEAREST around old index ``near``.
        words = sorted((w for w in set(_WORD.findall(key)) if w in self.df), key=lambda w: (self.df[w], w))
        votes: dict[int, int] = defaultdict(int)
        for w in words[:RARE_WORDS]:
            postings = self.index[w]
            if len(postings) > NEAREST:
                start = min(max(bisect_left(postings, near) - NEAREST // 2, 0), len(postings) - NEAREST)
                postings = postings[start : start + NEAREST]
            for i in postings:
                votes[i] += 1
        return sorted(votes, key=lambda i: (-votes[i], abs(i - near), i))[:MAX_CANDIDATES]


def pair_similar(old: Sequence[Keyed], new: Sequence[Keyed]) -> list[tuple[int, int, float]]:
    """(old index, new index, similarity 0-1) for reworded texts, best pairs first."""
    if not old or not new:
        return []
    candidates = _Candidates(old)
    scored: list[tuple[float, int, int]] = []
    for j, item in enumerate(new):
        for i in candidates.of(item.folded, near=j * len(old) // len(new)):
            score = similarity(old[i].folded, item.folded)
            if score >= MATCH_THRESHOLD:
                # Among equal scores, prefer the pair whose positions are closest.
                scored.append((score, i, j))
    pairs, used_old, used_new = [], set(), set()
    for score, i, j in sorted(
        scored, key=lambda t: (-t[0], abs(old[t[1]].position - new[t[2]].position), t[1], t[2])
    ):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j, round(score / 100, 3)))
    return pairs


def _coverage(whole: list[str], part: list[str]) -> int:
    """How many of the whole's words the part has, in order."""
    from rapidfuzz.distance import LCSseq

    if len(whole) * len(part) > RATIO_BUDGET:  # too long to align: the words in common, in any order
        return sum((Counter(whole) & Counter(part)).values())
    return LCSseq.similarity(whole, part)


def find_splits(
    whole: Sequence[Keyed], parts: Sequence[Keyed], paired: dict[int, int], unpaired_parts: set[int]
) -> list[tuple[int, int, int, float]]:
    """Texts of ``whole`` that became two adjacent texts of ``parts``.

    ``paired`` maps an index of ``whole`` to the index of ``parts`` it pairs with by
    similarity; ``unpaired_parts`` are indexes of ``parts`` with no counterpart. A split
    is two parts adjacent in the document whose joined words cover the whole
    (``SPLIT_COVERAGE``), where the unpaired part's words mostly come from the whole
    (``PART_FROM_WHOLE``, so a new criterion next to a trimmed one is not taken for its
    other half) and bring words of the whole the other part lacked (``SPLIT_GAIN``).
    Returns (whole index, first part, second part, similarity 0-1). Swap the sides to
    find merges.
    """
    by_part = {j: i for i, j in paired.items()}
    found = []
    taken: set[int] = set()  # parts already used by a split
    used: set[int] = set()  # wholes already split
    candidates = _Candidates(whole) if unpaired_parts else None
    for j in sorted(unpaired_parts):
        if j in taken:
            continue
        options = []
        for first, second in ((j - 1, j), (j, j + 1)):
            if first < 0 or second >= len(parts) or first in taken or second in taken:
                continue
            if parts[second].position != parts[first].position + 1:  # adjacent in the document
                continue
            other = first if second == j else second
            joined = f"{parts[first].folded} {parts[second].folded}"
            if other in by_part:
                wholes = [by_part[other]] if by_part[other] not in used else []
            elif other in unpaired_parts and candidates is not None:
                wholes = [
                    i
                    for i in candidates.of(joined, j * len(whole) // len(parts))
                    if i not in paired and i not in used
                ]
            else:
                continue
            new_words, other_words = parts[j].folded.split(), parts[other].folded.split()
            for i in wholes:
                words = whole[i].folded.split()
                both = _coverage(words, joined.split())
                alone = max(
                    _coverage(words, other_words), 0 if other in by_part else _coverage(words, new_words)
                )
                if (
                    both >= SPLIT_COVERAGE * len(words)
                    and both - alone >= max(2, SPLIT_GAIN * len(words))
                    and _coverage(new_words, words) >= PART_FROM_WHOLE * len(new_words)
                ):
                    options.append((ratio(whole[i].folded, joined), i, first, second))
        if options:
            score, i, first, second = max(options, key=lambda t: (t[0], -t[2]))
            found.append((i, first, second, round(score / 100, 3)))
            taken |= {first, second}
            used.add(i)
    return found


def out_of_order(sequence: Sequence[int], weights: Sequence[int] | None = None) -> set[int]:
    """Indexes of ``sequence`` outside one heaviest increasing subsequence.

    Applied to the old positions of paired texts in new order, these are the texts
    that changed place relative to the others: the fewest (or, with ``weights``, the
    lightest — a section of 8 statements moved past one of 22 is the one reported)
    that explain the change. A Fenwick tree keeps it O(n log n); ties go to the later
    element, so the answer never depends on anything but the input.
    """
    n = len(sequence)
    weights = weights or [1] * n
    rank = {value: r for r, value in enumerate(sorted(set(sequence)), start=1)}
    tree: list[tuple[int, int]] = [(0, -1)] * (len(rank) + 1)  # (best total, its last index)
    parent = [-1] * n
    best = [0] * n
    for k, value in enumerate(sequence):
        found, i = (0, -1), rank[value] - 1  # the best run ending below this value
        while i > 0:
            found = max(found, tree[i])
            i -= i & -i
        best[k], parent[k] = found[0] + weights[k], found[1]
        i = rank[value]
        while i < len(tree):
            tree[i] = max(tree[i], (best[k], k))
            i += i & -i
    keep: set[int] = set()
    k = max(range(n), key=lambda k: (best[k], k)) if n else -1
    while k >= 0:
        keep.add(k)
        k = parent[k]
    return set(range(n)) - keep
