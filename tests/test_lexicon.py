from __future__ import annotations

from cwframe.lexicon import english_words, is_english


def test_british_spellings_and_their_forms_are_english() -> None:
    for word in (
        "organisation",
        "Behaviour",
        "counselling",
        "paediatric",
        "programme",
        "safeguarding",
        "leavers",
        "autistic",
        "fostering",
        "recognise",
        "people's",
        "well-being",
    ):
        assert is_english(word), word


def test_typos_and_fragments_are_not() -> None:
    for word in (
        "rigths",
        "complaits",
        "safegaurding",
        "represention",
        "wellbeing",
    ):  # wellbeing: corpus vocabulary
        assert not is_english(word), word
    assert len(english_words()) == 130_033
