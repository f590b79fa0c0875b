"""Machine formats. Every renderer starts from ``model_dump(mode="json")`` and decides nothing."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from cwframe.render.visible import json_escaped
from cwframe.sheets import flatten, write_csv  # noqa: F401 - the machine formats in one place for renderers


def write_json(data: Any, out: TextIO) -> None:
    """Pretty JSON with a final newline."""
    out.write(json_escaped(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def write_jsonl(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """One JSON object per line, streamed."""
    for record in records:
        out.write(json_escaped(json.dumps(record, ensure_ascii=False)) + "\n")


def write_yaml(data: Any, out: TextIO) -> None:
    """Block-style YAML in field order."""
    import yaml  # lazy: most commands never print YAML

    yaml.safe_dump(data, out, allow_unicode=True, sort_keys=False, width=100)
