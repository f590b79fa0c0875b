"""Machine formats. Every renderer starts from ``model_dump(mode="json")`` and decides nothing."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from cwframe.sheets import safe_cell


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
