"""The golden cases: every raw document and every fixture, with how to parse each."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from cwframe import parsers
from cwframe.models import Framework

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"


def raw_cases() -> list[tuple[str, str, str | None, Path]]:
    """(display path, family, unit, golden file) for every document in the manifest."""
    manifest = yaml.safe_load((RAW / "manifest.yaml").read_text(encoding="utf-8"))
    cases = []
    for doc in manifest["documents"]:
        shown = f"data/raw/{doc['file']}"
        golden = GOLDEN / (doc["file"].replace("/", "__").removesuffix(".txt") + ".json")
        cases.append((shown, doc["family"], doc.get("unit"), golden))
    return cases


def fixture_cases() -> list[Path]:
    """Every fixture document; its golden file sits beside it as <case>.expected.json."""
    return sorted(FIXTURES.glob("*/*.txt"))


def parse_case(shown: str, family: str | None = None, unit: str | None = None) -> Framework:
    """Parse a case exactly as the golden files were made: from the text, path as shown."""
    data = (ROOT / shown).read_bytes()
    text = data.decode("utf-8-sig")
    family = family or parsers.detect(text)
    assert family, shown
    return parsers.get(family).parse(text, path=shown, unit=unit)


def dump(framework: Framework) -> str:
    """Golden files are the framework's JSON form, deterministic."""
    return json.dumps(framework.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
