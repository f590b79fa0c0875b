"""Crosswalk reports: terminal, CSV rows, Markdown, and a self-contained HTML page."""

from __future__ import annotations

import html
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cwframe.export.markdown import escape as md
from cwframe.ops.crosswalk import Crosswalk, Match
from cwframe.render.layout import id_lines, indented, unbroken

GAPS_SHOWN = 15


def _evidence(m: Match) -> str:
    parts = []
    if m.evidence.terms:
        parts.append("shared: " + ", ".join(m.evidence.terms))
    if m.evidence.concepts:
        parts.append("concepts: " + ", ".join(m.evidence.concepts))
    if m.evidence.level_aligned:
        parts.append(f"level-aligned ({m.level})")
    if m.evidence.sentence:
        parts.append(f"matched sentence: “{m.evidence.sentence}”")
    if m.reviewed:
        parts.append("reviewed" + (f": {m.note}" if m.note else ""))
    return "; ".join(parts)


def summary_line(result: Crosswalk) -> str:
    c = result.coverage
    return (f"{result.source} → {result.target}: {c.sources_matched}/{c.sources} source statements have a counterpart "
            f"({c.source_percent:.0f}%); {c.targets_reached}/{c.targets} target statements are reached "
            f"({c.target_percent:.0f}%)")  # fmt: skip


def text(result: Crosswalk, console: Console) -> None:
    """Pairs with evidence, then the group matrix as a heatmap, gaps and level alignment."""
    console.print(Text(summary_line(result), style="bold"), soft_wrap=True)
    for record in result.records:
        console.print()
        console.print(unbroken((record.id, "bold cyan")), soft_wrap=True)
        console.print(indented(record.text, 2))
        if not record.matches:
            console.print(indented("no match above the threshold", 4, style="dim"))
        for m in record.matches:
            style = {"strong match": "green", "related": "yellow", "weak": "dim"}[m.relation]
            flag = "" if m.reviewed else " [unreviewed]"
            console.print(
                unbroken(f"    {m.score:.2f} ", (f"{m.relation}", style), f"  {m.id}{flag}"), soft_wrap=True
            )
            console.print(indented(m.text, 8))
            console.print(indented(_evidence(m), 8, style="dim"))
    console.print()
    table = Table(
        title="Group matrix: mean best-match score of each source group's statements", show_lines=False
    )
    table.add_column("source group")
    for col in result.matrix_columns:
        table.add_column(col[:18], justify="center")
    for row, values in zip(result.matrix_rows, result.matrix, strict=True):
        cells = [Text(f"{v:.2f}" if v else "·", style=_heat(v)) for v in values]
        table.add_row(row[:40], *cells)
    console.print(table)
    gaps(result, console)


def _heat(value: float) -> str:
    if value >= 0.35:
        return "bold white on dark_green"
    if value >= 0.2:
        return "black on yellow"
    if value > 0:
        return "white on grey35"
    return "dim"


def gaps(result: Crosswalk, console: Console) -> None:
    """Unmatched sources, unreached targets, level alignment."""
    c = result.coverage
    for title, ids in (("Source statements with no counterpart", c.unmatched_sources),
                       ("Target statements no source reaches", c.unreached_targets)):  # fmt: skip
        console.print(f"\n[bold]{title}[/] ({len(ids)})")
        shown = ids[:GAPS_SHOWN]
        tail = f" … and {len(ids) - len(shown)} more" if len(ids) > len(shown) else ""
        for line in id_lines(shown, console.width, 2, tail):
            console.print(line, soft_wrap=True, markup=False, highlight=False)
    if result.alignment:
        console.print("\n[bold]Level alignment[/] (where each source part's best matches fall)")
        for a in result.alignment:
            counts = ", ".join(f"{lv}: {n}" for lv, n in a.counts.items())
            console.print(f"  {a.source} → level {a.best_level}  ({counts})")


def rows(result: Crosswalk) -> list[dict[str, Any]]:
    """One row per (source, match); a source with no match gets one row with empty target fields."""
    out = []
    for r in result.records:
        for m in r.matches or [None]:
            out.append({
                "source_id": r.id, "source_text": r.text, "target_id": m.id if m else None,
                "target_text": m.text if m else None, "score": m.score if m else None,
                "relation": m.relation if m else "no match", "shared_terms": ", ".join(m.evidence.terms) if m else None,
                "concepts": ", ".join(m.evidence.concepts) if m else None,
                "matched_sentence": m.evidence.sentence if m else None,
                "level_aligned": m.evidence.level_aligned if m else None,
                "reviewed": m.reviewed if m else None, "note": m.note if m else None,
            })  # fmt: skip
    return out


def markdown(result: Crosswalk) -> str:
    """A Markdown report: summary, pairs with evidence, gaps."""
    out = [f"# Crosswalk {md(result.source)} → {md(result.target)}", "", md(summary_line(result)), ""]
    out += ["| source | target | score | relation | evidence |", "|---|---|---|---|---|"]
    for r in result.records:
        for m in r.matches:
            out.append(f"| {md(r.id)} | {md(m.id)} | {m.score:.2f} | {m.relation} | {md(_evidence(m))} |")
    out += ["", f"## Source statements with no counterpart ({len(result.coverage.unmatched_sources)})", ""]
    out += [f"- {md(i)}" for i in result.coverage.unmatched_sources]
    out += ["", f"## Target statements no source reaches ({len(result.coverage.unreached_targets)})", ""]
    out += [f"- {md(i)}" for i in result.coverage.unreached_targets]
    return "\n".join(out) + "\n"


_CSS = """body{font:15px/1.45 system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 6px;
vertical-align:top}th{background:#f3f3f3}.m td.v{text-align:center;min-width:3.5em}.src{margin-top:1.2em}
.id{font-family:monospace;color:#036}.ev{color:#555;font-size:.9em}.strong{color:#186a18}.related{color:#8a6d00}
.weak{color:#777}.none{color:#a00}details{margin:.5em 0}"""


def html_page(result: Crosswalk) -> str:
    """One self-contained page (no network): summary, matrix heatmap, gaps, pairs with evidence; all text escaped."""
    e = html.escape
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Crosswalk {e(result.source)} → "
             f"{e(result.target)}</title><style>{_CSS}</style></head><body>",
             f"<h1>Crosswalk {e(result.source)} → {e(result.target)}</h1><p>{e(summary_line(result))}</p>",
             "<h2>Group matrix</h2><p>Mean best-match score of each source group's statements per target group.</p>",
             "<table class='m'><tr><th>source group</th>"]  # fmt: skip
    parts += [f"<th>{e(c)}</th>" for c in result.matrix_columns] + ["</tr>"]
    for row, values in zip(result.matrix_rows, result.matrix, strict=True):
        cells = "".join(
            f"<td class='v' style='background:rgba(24,120,24,{min(v / 0.6, 1):.2f})'>{v:.2f}</td>" if v else "<td class='v'>·</td>"
            for v in values
        )  # fmt: skip
        parts.append(f"<tr><th>{e(row)}</th>{cells}</tr>")
    parts.append("</table>")
    c = result.coverage
    for title, ids in (("Source statements with no counterpart", c.unmatched_sources),
                       ("Target statements no source reaches", c.unreached_targets)):  # fmt: skip
        parts.append(f"<details><summary><b>{e(title)}</b> ({len(ids)})</summary><ul>")
        parts += [f"<li class='id'>{e(i)}</li>" for i in ids] + ["</ul></details>"]
    if result.alignment:
        parts.append(
            "<h2>Level alignment</h2><table><tr><th>source</th><th>best level</th><th>best matches by level</th></tr>"
        )
        for a in result.alignment:
            counts = ", ".join(f"{lv}: {n}" for lv, n in a.counts.items())
            parts.append(
                f"<tr><td>{e(a.source)}</td><td>{e(str(a.best_level))}</td><td>{e(counts)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("<h2>Pairs</h2>")
    for r in result.records:
        parts.append(f"<div class='src'><span class='id'>{e(r.id)}</span> {e(r.text)}<ul>")
        if not r.matches:
            parts.append("<li class='none'>no match above the threshold</li>")
        for m in r.matches:
            cls = m.relation.split()[0]
            parts.append(f"<li><b class='{cls}'>{m.score:.2f} {e(m.relation)}</b> <span class='id'>{e(m.id)}</span> "
                         f"{e(m.text)}<div class='ev'>{e(_evidence(m))}</div></li>")  # fmt: skip
        parts.append("</ul></div>")
    parts.append("</body></html>\n")
    return "".join(parts)


def xlsx(result: Crosswalk) -> bytes:
    """Pairs and matrix sheets (the xlsx extra)."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError:
        from cwframe.errors import InputError

        raise InputError("xlsx output needs the xlsx extra: pip install 'cwframe[xlsx]'") from None
    from cwframe.export.xlsx import fixed_zip

    book = Workbook()
    pairs = book.active
    pairs.title = "pairs"
    data = rows(result)
    header = list(data[0]) if data else ["source_id"]
    pairs.append(header)
    for row in data:
        pairs.append([row[k] for k in header])
        for cell in pairs[pairs.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    matrix = book.create_sheet("matrix")
    matrix.append(["source group", *result.matrix_columns])
    for name, values in zip(result.matrix_rows, result.matrix, strict=True):
        matrix.append([name, *values])
    for sheet in (pairs, matrix):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "B2" if sheet is matrix else "A2"
    import io

    raw = io.BytesIO()
    book.save(raw)
    return fixed_zip(raw.getvalue())
