"""Crosswalk reports: terminal, CSV rows, Markdown, and a self-contained HTML page."""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any

from rich.console import Console
from rich.text import Text

from cwframe.crosswalk.model import Crosswalk, Match, why
from cwframe.crosswalk.summary import MATRIX_BANDS
from cwframe.export.markdown import escape as md
from cwframe.render.layout import id_lines, indented, unbroken

GAPS_SHOWN = 15


def evidence_text(m: Match) -> str:
    """The machine's evidence for a pair in one line (a reviewed pair's reason is shown apart)."""
    return why(m.model_copy(update={"reviewed": False}))


def reviewed_line(result: Crosswalk) -> str:
    """How much of the crosswalk a reviewer decided, and who."""
    decided = [r for r in result.records if r.decided]
    if not decided:
        return "nothing reviewed yet: every match is a suggestion" + (
            "" if result.reviews else " (--no-reviews: the reviews cwframe ships are not applied)"
        )
    ours = sum(r.reviewed_by == "cwframe" for r in decided)
    none = sum(r.no_counterpart for r in decided)
    who = ", ".join(
        x
        for x in (
            f"{ours} by cwframe's review" if ours else "",
            f"{len(decided) - ours} by you" if len(decided) - ours else "",
        )
        if x
    )
    return (f"{len(decided)} of {len(result.records)} sources reviewed ({who}): {len(decided) - none} with a "
            f"counterpart, {none} with none; {len(result.records) - len(decided)} show suggestions")  # fmt: skip


def summary_line(result: Crosswalk) -> str:
    c = result.coverage
    return (f"{result.source} → {result.target}: {c.sources_matched}/{c.sources} source statements have a counterpart "
            f"({c.source_percent:.0f}%); {c.targets_reached}/{c.targets} target statements are reached "
            f"({c.target_percent:.0f}%)")  # fmt: skip


def text(result: Crosswalk, console: Console) -> None:
    """Pairs with evidence (a reviewed pair: the reviewer's grade and reason first), then the group
    matrix as a heat map, gaps and level alignment."""
    console.print(Text(summary_line(result), style="bold"), soft_wrap=True)
    console.print(Text(reviewed_line(result)), soft_wrap=True)
    for record in result.records:
        console.print()
        also = f"  (also {', '.join(record.copies)})" if record.copies else ""
        console.print(unbroken((record.id, "bold cyan"), (also, "dim")), soft_wrap=True)
        console.print(indented(record.text, 2))
        if record.no_counterpart:
            who = "cwframe's review" if record.reviewed_by == "cwframe" else "your review"
            console.print(
                indented(f"no counterpart (reviewed: {who})" + (f": {record.note}" if record.note else ""), 4)
            )
        elif not record.matches:
            console.print(indented("no match above the threshold", 4, style="dim"))
        for m in record.matches:
            _match_lines(m, console)
    console.print()
    for line in matrix_lines(result, min(console.width, 120)):
        console.print(line, soft_wrap=True, markup=False, highlight=False)
    gaps(result, console)


def _match_lines(m: Match, console: Console) -> None:
    if m.reviewed:
        who = "cwframe's review" if m.reviewed_by == "cwframe" else "your review"
        console.print(unbroken("    ", (m.label, "bold green" if m.grade == "strong" else "green"), f"  {m.id}",
                               (f"  ({who})", "dim")), soft_wrap=True)  # fmt: skip
        console.print(indented(m.text, 8))
        if m.note:
            console.print(indented(f"why: {m.note}", 8))
        machine = evidence_text(m)
        console.print(indented(f"machine: {m.score:.2f} {m.relation}" + (f"; {machine}" if machine else ""), 8,
                               style="dim"))  # fmt: skip
        return
    style = {"strong match": "green", "related": "yellow", "weak": "dim"}[m.relation]
    console.print(
        unbroken(f"    {m.score:.2f} ", (m.relation, style), f"  {m.id} [unreviewed]"), soft_wrap=True
    )
    console.print(indented(m.text, 8))
    console.print(indented(evidence_text(m), 8, style="dim"))


SHADES = "·░▒▓█"  # no share, then the bands of MATRIX_BANDS
MATRIX_TITLE = "Group matrix: the share of each source group's sources whose best counterpart (reviewed, strong or related) is in the target group"


def legend() -> str:
    """The shading key, from the bands the matrix is computed with."""
    lo = [f"{int(b * 100)}%" for b in MATRIX_BANDS]
    return (f"{SHADES[0]} none   {SHADES[1]} under {lo[1]}   {SHADES[2]} {lo[1]}–{int(MATRIX_BANDS[2] * 100) - 1}%   "
            f"{SHADES[3]} {lo[2]}–{int(MATRIX_BANDS[3] * 100) - 1}%   {SHADES[4]} {lo[3]} or more")  # fmt: skip


def shade(value: float) -> str:
    """The legend's character for a share."""
    if value <= 0:
        return SHADES[0]
    return SHADES[1 + sum(value >= b for b in MATRIX_BANDS[1:])]


def matrix_lines(result: Crosswalk, width: int = 80) -> list[str]:
    """A heat map that fits ``width`` columns: a character per cell, target groups numbered (key
    below), source groups cut to fit; more target groups than fit go in further blocks. Where two
    cut source names would read alike, source groups are lettered and listed in full below too."""
    cols = result.matrix_columns
    label_width = min(max((len(r) for r in result.matrix_rows), default=10), 34)
    names = [row if len(row) <= label_width else row[: label_width - 1] + "…" for row in result.matrix_rows]
    keyed = len(set(names)) < len(names)
    if keyed:
        names = [f"{_letters(n)} {name}"[:label_width] for n, name in enumerate(names)]
    per_block = max(10, width - label_width - 3)
    head, tail = MATRIX_TITLE.split(" whose ")
    out = [head, "  whose " + tail, "  " + legend(), ""]
    for start in range(0, len(cols), per_block):
        numbers = range(start + 1, min(start + per_block, len(cols)) + 1)
        pad = " " * (label_width + 2)
        if max(numbers) >= 10:
            out.append(pad + "".join(str(n // 10) if n >= 10 else " " for n in numbers))
        out.append(pad + "".join(str(n % 10) for n in numbers))
        for name, values in zip(names, result.matrix, strict=True):
            out.append(
                f"{name:<{label_width}}  " + "".join(shade(v) for v in values[start : start + per_block])
            )
        out.append("")
    if keyed:
        out.append("Source groups:")
        out += [f"  {_letters(n)} {row}" for n, row in enumerate(result.matrix_rows)]
    out.append("Target groups:")
    out += [f"  {n:>2} {c}" for n, c in enumerate(cols, start=1)]
    return out


def _letters(n: int) -> str:
    """A, B, … Z, AA, AB …: a source group's key."""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out.rjust(2)


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
    """One row per (source, match); a source with no match gets one row with empty target fields.
    ``label`` is what to read (the reviewer's grade, else the machine's relation)."""
    out = []
    for r in result.records:
        for m in r.matches or [None]:
            none = "no counterpart" if r.no_counterpart else "no match"
            out.append({
                "source_id": r.id, "copies": "; ".join(r.copies), "source_text": r.text,
                "target_id": m.id if m else None, "target_text": m.text if m else None,
                "label": m.label if m else none, "score": m.score if m else None,
                "relation": m.relation if m else none, "grade": m.grade if m else None,
                "reviewed": m.reviewed if m else r.no_counterpart, "reviewed_by": m.reviewed_by if m else r.reviewed_by,
                "note": m.note if m else r.note,
                "shared_terms": ", ".join(m.evidence.terms) if m else None,
                "concepts": ", ".join(m.evidence.concepts) if m else None,
                "matched_sentence": m.evidence.sentence if m else None,
                "level_aligned": m.evidence.level_aligned if m else None,
            })  # fmt: skip
    return out


COMMENT_LIMIT = 60_000  # GitHub refuses a comment over 65,536 characters; room for a bot's header
SHOWN_IN_SUMMARY = 15


def markdown(result: Crosswalk, *, details: bool = False) -> str:
    """A pull-request comment: coverage both ways, the biggest gaps, the review's state and the
    strong suggestions to check first, always under GitHub's limit; ``details`` adds every pair
    (a file, not a comment: no limit)."""
    c = result.coverage
    best = Counter(r.matches[0].label if r.matches else "no counterpart (reviewed)" if r.no_counterpart
                   else "no match" for r in result.records)  # fmt: skip
    out = [f"### Crosswalk {md(result.source)} → {md(result.target)}", "",
           f"- **Sources with a counterpart:** {c.sources_matched} of {c.sources} ({c.source_percent:.0f}%)",
           f"- **Targets reached:** {c.targets_reached} of {c.targets} ({c.target_percent:.0f}%)",
           "- **Best match of each source:** " + ", ".join(f"{n} {label}" for label, n in sorted(
               best.items(), key=lambda kv: (-kv[1], kv[0]))),
           f"- **Reviewed:** {md(reviewed_line(result))}"
           + (f"; **{len(result.stale_decisions)} decisions name statements that no longer exist**"
              if result.stale_decisions else ""), ""]  # fmt: skip
    for side, title in (("source", "Source groups with the most statements lacking a counterpart"),
                        ("target", "Target groups least reached")):  # fmt: skip
        worst = sorted((g for g in result.groups if g.side == side and g.covered < g.total),
                       key=lambda g: (-(g.total - g.covered), g.group))[:SHOWN_IN_SUMMARY]  # fmt: skip
        if worst:
            out += [f"#### {title}", "", "| group | without | of |", "|---|---:|---:|"]
            out += [f"| {md(g.group)} | {g.total - g.covered} | {g.total} |" for g in worst] + [""]
    strong = [(r, r.matches[0]) for r in result.records if r.matches and r.matches[0].relation == "strong match"
              and not r.decided][:SHOWN_IN_SUMMARY]  # fmt: skip
    if strong:
        out += [
            "#### Strong suggestions to review first",
            "",
            "| source | target | score |",
            "|---|---|---:|",
        ]
        out += [f"| {md(r.id)} | {md(m.id)} | {m.score:.2f} |" for r, m in strong] + [""]
    for stale in result.stale_decisions[:SHOWN_IN_SUMMARY]:
        out.append(f"- ⚠ {md(stale)}")
    if not details:
        out += [
            "",
            "<sub>Every pair with its evidence: `cwframe crosswalk "
            f"{md(result.source)} {md(result.target)} -f markdown --details`</sub>",
        ]
        page = "\n".join(out).rstrip() + "\n"
        return page if len(page) <= COMMENT_LIMIT else page[:COMMENT_LIMIT].rsplit("\n", 1)[0] + "\n"
    out += ["#### All pairs", "", "| source | target | label | score | why |", "|---|---|---|---:|---|"]
    for r in result.records:
        if r.no_counterpart:
            out.append(f"| {md(r.id)} | | no counterpart (reviewed) | | {md(r.note or '')} |")
        for m in r.matches:
            out.append(f"| {md(r.id)} | {md(m.id)} | {m.label} | {m.score:.2f} | {md(why(m))} |")
    out += ["", f"#### Source statements with no counterpart ({len(c.unmatched_sources)})", ""]
    out += [f"- {md(i)}" for i in c.unmatched_sources]
    out += ["", f"#### Target statements no source reaches ({len(c.unreached_targets)})", ""]
    out += [f"- {md(i)}" for i in c.unreached_targets]
    return "\n".join(out) + "\n"


_MATRIX_CSS = """
.mwrap{max-width:100%;max-height:70vh;overflow:auto;border:1px solid #ccc}
.m{margin:0;font-size:13px}.m th,.m td{border:1px solid #ddd;padding:2px 4px}
.m thead th{position:sticky;top:0;background:#f3f3f3;z-index:2;min-width:1.8em;text-align:center}
.m tbody th{position:sticky;left:0;background:#fafafa;z-index:1;text-align:left;font-weight:normal;
max-width:22em;min-width:14em;white-space:normal}
.m thead th:first-child{left:0;z-index:3}.m td{text-align:center;min-width:1.8em}
.legend .sw{display:inline-block;width:1.4em;text-align:center;border:1px solid #ccc;margin-left:.8em}
.note{color:#666}.key{columns:2;font-size:13px}"""


_BAND_COLOURS = ("#ffffff", "#d9ecd9", "#9fd09f", "#4fa64f", "#1d6b1d")


def _html_matrix(result: Crosswalk) -> str:
    """The matrix as a table that fits a 1400-px window: numbered target columns (key below),
    header row and source column that stay in view while scrolling, a legend."""
    e = html.escape
    legend_items = "".join(
        f"<span class='sw' style='background:{colour}'>{e(ch)}</span> {e(text)}"
        for colour, ch, text in zip(_BAND_COLOURS, SHADES, [part.split(" ", 1)[1] for part in legend().split("   ")], strict=True)
    )  # fmt: skip
    head = "".join(f"<th title='{e(c)}'>{n}</th>" for n, c in enumerate(result.matrix_columns, start=1))
    body = []
    for row, values in zip(result.matrix_rows, result.matrix, strict=True):
        cells = "".join(
            f"<td style='background:{_BAND_COLOURS[SHADES.index(shade(v))]}' title='{round(v * 100)}%'>"
            f"{round(v * 100) if v else ''}</td>" for v in values
        )  # fmt: skip
        body.append(f"<tr><th scope='row'>{e(row)}</th>{cells}</tr>")
    key = "".join(f"<li value='{n}'>{e(c)}</li>" for n, c in enumerate(result.matrix_columns, start=1))
    return (f"<p class='legend'>{legend_items} <span class='note'>(cells: % of the row's statements)</span></p>"
            f"<div class='mwrap'><table class='m'><thead><tr><th>source group</th>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div><details open><summary>Target groups</summary>"
            f"<ol class='key'>{key}</ol></details>")  # fmt: skip


def _asset(name: str) -> str:
    from importlib import resources

    return (resources.files("cwframe.render") / "assets" / name).read_text(encoding="utf-8")


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element or start markup."""
    import json

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def review_page(
    result: Crosswalk, decisions: dict | None = None, targets: dict[str, Any] | None = None
) -> str:
    """The crosswalk as a self-contained review page (assets/review.*, nothing fetched): the review
    list first, the matrix and gaps a click away; decide by target from mouse or keyboard, add a
    target by id, progress, work kept in the browser, your decisions downloaded as a CSV that
    --decisions reads.

    Args:
        result: the crosswalk.
        decisions: your decisions (read with --decisions), carried into the download.
        targets: every target statement, id -> (name, text), offered when adding a target by hand.
    """
    e = html.escape
    c = result.coverage
    records = [{"id": r.id, "copies": r.copies, "text": r.text, "group": r.group, "no_counterpart": r.no_counterpart,
                "reviewed_by": r.reviewed_by, "note": r.note, "matches": [_page_match(m) for m in r.matches]}
               for r in result.records]  # fmt: skip
    prior = [{"source": d.source, "target": d.target, "decision": d.decision, "relation": d.relation or "",
              "note": d.note or ""} for d in (decisions or {}).values()]  # fmt: skip
    slug = f"{result.source}-{result.target}".replace("/", "-")
    download = f"decisions-{slug}.csv"
    payload = {"source": result.source, "target": result.target, "records": records, "prior": prior,
               "download": download, "targets": [[i, *v] for i, v in (targets or {}).items()]}  # fmt: skip
    gaps = "".join(
        f"<details><summary><b>{e(title)}</b> ({len(ids)})</summary><ul>"
        + "".join(f"<li class='sid'>{e(i)}</li>" for i in ids) + "</ul></details>"
        for title, ids in (("Source statements with no counterpart", c.unmatched_sources),
                           ("Target statements no source reaches", c.unreached_targets))
    )  # fmt: skip
    fields = {"title": e(f"Crosswalk {result.source} → {result.target}"), "summary": e(summary_line(result)),
              "reviewed": e(reviewed_line(result)), "source": e(result.source), "target": e(result.target),
              "download": e(download), "matrix": _html_matrix(result), "gaps": gaps, "data": _script_json(payload),
              "css": _asset("review.css") + _MATRIX_CSS, "js": _asset("review.js")}  # fmt: skip
    # One pass: a value is never scanned again (a statement saying '{js}' stays text).
    return re.sub(r"\{(\w+)\}", lambda m: fields.get(m[1], m[0]), _asset("review.html"))


def _page_match(m: Match) -> dict[str, Any]:
    return {"id": m.id, "text": m.text, "name": m.name, "score": m.score, "relation": m.relation, "label": m.label,
            "grade": m.grade, "reviewed": m.reviewed, "reviewed_by": m.reviewed_by, "note": m.note,
            "why": evidence_text(m)}  # fmt: skip
