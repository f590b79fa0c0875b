"""Rewrite the golden files (`make golden`). Review the diff before committing it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from golden_cases import ROOT, dump, fixture_cases, parse_case, raw_cases  # noqa: E402


def main() -> None:
    for shown, family, unit, golden in raw_cases():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(dump(parse_case(shown, family, unit)), encoding="utf-8")
        print(f"wrote {golden.relative_to(ROOT)}")
    for case in fixture_cases():
        shown = case.relative_to(ROOT).as_posix()
        target = case.with_suffix(".expected.json")
        target.write_text(dump(parse_case(shown, case.parent.name)), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
