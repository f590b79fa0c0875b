"""Terminal rendering of search results: where a hit sits, its text with the matched words marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

from cwframe.ops.search import Definition
from cwframe.search.engine import Hit, SearchResult

ALSO_IN_SHOWN = 4


def where(hit: Hit) -> str:
    """framework › unit/category/level › heading/section › topic."""
    parts = [hit.framework]
    if hit.unit:
        parts.append(hit.unit)
    if hit.category:
        parts.append(f"category {hit.category}")
    if hit.level:
        parts.append(f"level {hit.level.replace('-', '/')}")
    parts += [p for p in (hit.heading, hit.section, hit.topic) if p]
    return " › ".join(parts)


def _lines(result: SearchResult) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(text, style, highlight ranges) for each line of the report; one builder for both emitters."""
    lines: list[tuple[str, str, list[tuple[int, int]]]] = []
    for word, replacement in result.corrections.items():
        lines.append((f"'{word}' is not in the corpus; showing results for '{replacement}'", "yellow", []))
    if result.unknown:
        lines.append(
            (f"no word like {', '.join(repr(w) for w in result.unknown)} in the corpus", "yellow", [])
        )
    for word in getattr(result, "absent", ()):
        lines.append((f"no statement says '{word}'", "yellow", []))
    if getattr(result, "partial", False) and not getattr(result, "absent", ()) and result.hits:
        said = ", ".join(repr(w) for w in result.words)
        lines.append((f"no statement says all of {said}: each hit shows the words it says", "yellow", []))
    if getattr(result, "stop_words_only", False):
        lines.append((f"'{result.query}' is only common words (the, and, of …) that every statement has: nothing "
                      'to rank on; add a word with meaning, or quote a phrase ("in the")', "yellow", []))  # fmt: skip
    if not result.hits:
        lines.append(("no results", "", []))
        return lines
    for rank, hit in enumerate(result.hits, start=1):
        lines.append((f"{rank:>2}. {hit.id}  {hit.score:.2f}", "bold cyan", []))
        lines.append(("    " + where(hit), "dim", []))
        prefix = "    " + (f"{hit.name}: " if hit.name else "")
        lines.append((prefix + hit.text, "", [(a + len(prefix), b + len(prefix)) for a, b in hit.highlights]))
        if len(getattr(result, "words", ())) > 1:
            lines.append(
                (f"    matched: {', '.join(hit.matched) or 'none of the words in its text'}", "dim", [])
            )
        for word, form in hit.forms.items():
            lines.append(
                (f"    form: '{form}' for '{word}' (shares its stem; may mean something else)", "dim", [])
            )
        if hit.related:
            lines.append((f"    via: {', '.join(hit.related)} (related, from the thesaurus)", "dim", []))
        if getattr(hit, "similar", None):
            near = ", ".join(f"{word} (near '{query_word}')" for word, query_word in hit.similar.items())
            lines.append((f"    via: {near} (by meaning)", "dim", []))
        if getattr(hit, "meaning", None) is not None:
            lines.append(
                (
                    f"    via: meaning (cosine {hit.meaning:.2f} with the query; not found by its words)",
                    "dim",
                    [],
                )
            )
        if len(hit.levels) > 1:
            lines.append((f"    levels: {', '.join(lv.replace('-', '/') for lv in hit.levels)}", "dim", []))
        if hit.also_in:
            shown = ", ".join(hit.also_in[:ALSO_IN_SHOWN])
            more = hit.also_in_count - ALSO_IN_SHOWN
            lines.append((f"    also in: {shown}" + (f" and {more} more" if more > 0 else ""), "dim", []))
    return lines


def results(result: SearchResult, console: Console) -> None:
    """Hits as a readable list, best first, matched words marked (a terminal)."""
    from rich.text import Text

    from cwframe.render.layout import indented, unbroken

    for line, style, marks in _lines(result):
        if line.startswith("    "):  # a hit's body: wrapped lines keep the indent
            body = line.removeprefix("    ")
            text = Text(body, style=style)
            for start, end in marks:
                text.stylize("bold yellow", start - 4, end - 4)
            console.print(indented(text, 4))
        elif style == "bold cyan":  # ' 1. id  score': never split
            console.print(unbroken((line, style)), soft_wrap=True)
        else:
            console.print(Text(line, style=style))


def plain(result: SearchResult, out: TextIO) -> None:
    """The same lines as plain text, for pipes and files (no rich import, no wrapping)."""
    out.write("".join(f"{line}\n" for line, _, _ in _lines(result)))


def definitions(found: list[Definition], term: str, console: Console) -> None:
    """Glossary definitions, best match first."""
    from rich.markup import escape
    from rich.text import Text

    if not found:
        console.print(f"no glossary defines a term like '{escape(term)}'")
        return
    for d in found:
        console.print(Text.assemble((d.term, "bold"), "  ", (d.id, "cyan"), (f"  {d.score:.2f}", "dim")))
        console.print(Text("    " + d.definition))
        if d.also_in:
            console.print(Text(f"    also in: {', '.join(d.also_in)}", style="dim"))
