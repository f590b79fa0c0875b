"""Every statement of all five documents, and every fixture, against reviewed golden files.

Regenerate with `make golden` only when a change is intended, and review the diff.
"""

from __future__ import annotations

import pytest

from golden_cases import ROOT, dump, fixture_cases, parse_case, raw_cases


@pytest.mark.parametrize("case", raw_cases(), ids=lambda c: c[0])
def test_raw_document_matches_golden(case: tuple) -> None:
    shown, family, unit, golden = case
    assert dump(parse_case(shown, family, unit)) == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_matches_golden(case) -> None:
    shown = case.relative_to(ROOT).as_posix()
    expected = case.with_suffix(".expected.json").read_text(encoding="utf-8")
    assert dump(parse_case(shown, case.parent.name)) == expected
