from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("source", "target"), [("nos", "sdf"), ("pcf", "sdf"), ("nos", "pcf"), ("sdf", "nos")]
)
def test_arranging_only_the_top_equals_the_head_of_the_full_arrangement(raw_corpus, monkeypatch, source, target
                                                                        ) -> None:  # fmt: skip
    """Families placed best raw score first, stopping once none left can enter the top:
    the same first three as placing every candidate, for every statement of the corpus."""
    from cwframe.crosswalk import engine, structure
    from cwframe.ops.crosswalk import crosswalk

    calls = []

    def checked(src, candidates, targets, *, top=None, **options):  # noqa: ANN001, ANN202
        head = structure.arrange(src, candidates, targets, top=top, **options)
        assert head == structure.arrange(src, candidates, targets, **options)[:top]
        calls.append(len(candidates))
        return head

    monkeypatch.setattr(engine, "arrange", checked)
    crosswalk(raw_corpus, source, target, reviews=False)  # every source arranged, none decided
    assert len(calls) > 100 and max(calls) > 20
