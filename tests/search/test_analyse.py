from __future__ import annotations

from cwframe.search.analyse import stems


def test_stems_of_new_words_from_a_generator() -> None:
    """The cached fast path falls back to stemming the new words: a generator (read once)
    still gives every stem, new words included."""
    words = ["qwzxvn", "blorfing", "explains", "frumiously"]
    assert stems(w for w in words) == stems(list(words)) == ["qwzxvn", "blorf", "explain", "frumious"]
