"""Text a terminal will show: control characters made visible, never executed (issue #27).

Document text, file names and error messages come from files a user received from others. An
escape sequence in them (a window title, a clear screen, an OSC-8 link, a C1 control, a
right-to-left override) would be run by the terminal, or by a CI log that renders like one.
Every text output and every message goes through :func:`visible` (the CLI's consoles and streams,
cwframe.cli.options; its last-resort messages, cwframe.cli.entry), so the next such character
holds too. Each character becomes one visible character, so that the columns rich lays out and
the styles it places stay where they were:

* C0 controls except tab and newline, and DEL: Unicode's control pictures (ESC as '␛', BEL as '␇');
* C1 controls (U+0080-U+009F), bidirectional overrides, embeddings and isolates, and the line
  and paragraph separators: '�' (they have no picture of their own).

Machine formats (JSON, YAML, CSV, SARIF) keep the data as it is; JSON writes these characters as
``\\u`` escapes (cwframe.render.data.write_json).
"""

from __future__ import annotations

import re

# Characters a terminal interprets, or that reorder what it shows: C0 (tab, newline kept), DEL,
# C1, the bidi controls, LINE/PARAGRAPH SEPARATOR.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")

_PICTURES = {c: chr(0x2400 + c) for c in range(0x20)} | {0x7F: "\u2421"}
_TABLE = str.maketrans(
    {**{c: p for c, p in _PICTURES.items() if c not in (0x09, 0x0A)},
     **dict.fromkeys((*range(128, 160), 1564, 8206, 8207, *range(8232, 8239), *range(8294, 8298)), "�")}
)  # fmt: skip


def visible(text: str) -> str:
    """``text`` with every character a terminal would interpret made visible (see the module)."""
    return text.translate(_TABLE) if UNSAFE.search(text) else text


def json_escaped(text: str) -> str:
    """JSON text (``ensure_ascii=False``) with the characters of :data:`UNSAFE` that JSON leaves
    raw (C1, bidi, separators; C0 is already escaped) written as ``\\uXXXX``: the same data."""
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
