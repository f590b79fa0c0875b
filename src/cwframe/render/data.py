"""Machine formats. Every renderer starts from ``model_dump(mode="json")`` and decides nothing."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

# Spreadsheet tools run a cell that starts with one of these as a formula (OWASP,
# "CSV injection"). A leading apostrophe neutralises it. A cell that already starts
# with an apostrophe gets one more, so that stripping one leading apostrophe from any
# cell that has one always recovers the original text exactly (see unsafe_cell).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def safe_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def unsafe_cell(cell: str) -> str:
    """The original text of a cell written by safe_cell."""
    return cell[1:] if cell.startswith("'") else cell


def flatten(record: Mapping[str, Any]) -> dict[str, Any]:
    """Nested dicts become dotted columns: {'source': {'file': f}} gives 'source.file'."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, Mapping):
            for sub, inner in flatten(value).items():
                flat[f"{key}.{sub}"] = inner
        elif isinstance(value, list):
            flat[key] = "; ".join(str(v) for v in value)
        else:
            flat[key] = value
    return flat


def write_json(data: Any, out: TextIO) -> None:
    """Pretty JSON with a final newline."""
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_jsonl(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """One JSON object per line, streamed."""
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_yaml(data: Any, out: TextIO) -> None:
    """Block-style YAML in field order."""
    import yaml  # lazy: most commands never print YAML

    yaml.safe_dump(data, out, allow_unicode=True, sort_keys=False, width=100)


def write_csv(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """A header row then one row per record; columns from the first record."""
    writer: csv.DictWriter[str] | None = None
    for record in records:
        flat = flatten(record)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat), lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: safe_cell(v) for k, v in flat.items()})
