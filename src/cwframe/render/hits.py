"""Terminal rendering of search results: where a hit sits, its text with the matched words marked."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text

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


def results(result: SearchResult, console: Console) -> None:
    """Hits as a readable list, best first."""
    for word, replacement in result.corrections.items():
        console.print(
            f"[yellow]'{escape(word)}' is not in the corpus; showing results for '{escape(replacement)}'[/]"
        )
    if result.unknown:
        console.print(f"[yellow]no word like {', '.join(repr(w) for w in result.unknown)} in the corpus[/]")
    if not result.hits:
        console.print("no results")
        return
    for rank, hit in enumerate(result.hits, start=1):
        head = Text()
        head.append(f"{rank:>2}. ", style="dim")
        head.append(hit.id, style="bold cyan")
        head.append(f"  {hit.score:.2f}", style="dim")
        console.print(head, soft_wrap=True)  # an id is never broken across lines
        console.print(Text("    " + where(hit), style="dim"), soft_wrap=True)
        body = Text("    ")
        if hit.name:
            body.append(f"{hit.name}: ", style="bold")
        text = Text(hit.text)
        for start, end in hit.highlights:
            text.stylize("bold yellow", start, end)
        body.append_text(text)
        console.print(body)
        if hit.also_in:
            shown = ", ".join(hit.also_in[:ALSO_IN_SHOWN])
            more = len(hit.also_in) - ALSO_IN_SHOWN
            console.print(
                Text(f"    also in: {shown}" + (f" and {more} more" if more > 0 else ""), style="dim")
            )
    if not result.exact:
        console.print(
            "[dim]ranking stopped at the depth limit; the list is the best found, not proven best[/]"
        )


def definitions(found: list[Definition], term: str, console: Console) -> None:
    """Glossary definitions, best match first."""
    if not found:
        console.print(f"no glossary defines a term like '{escape(term)}'")
        return
    for d in found:
        console.print(Text.assemble((d.term, "bold"), "  ", (d.id, "cyan"), (f"  {d.score:.2f}", "dim")))
        console.print(Text("    " + d.definition))
        if d.also_in:
            console.print(Text(f"    also in: {', '.join(d.also_in)}", style="dim"))
