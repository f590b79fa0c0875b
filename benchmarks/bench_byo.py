"""Reading a framework of your own at 10,000 statements: a spreadsheet (.xlsx and .csv) and a CASE package.

    python benchmarks/bench_byo.py [ROWS]

Writes, once per run, a workbook and a CSV of ROWS statements (default 10,000) and a CASE package
of as many items, with what real files carry: codes, levels, groups, kinds, a parent for most
rows (CASE: isChildOf with sequence numbers, and related-to associations). Texts come from the
bundled corpus with a varying tail, so most are distinct.

CPU times (this machine is shared: wall time swings with others' load), medians of 7 rounds in which
each reader runs in turn (cold imports excluded: each runs once first):

* ``cwframe.parse_file`` to a Framework, and on to the flat statement rows;
* the baseline in the same run: the bare reader of the same bytes, which cwframe cannot beat
  (python-calamine's rows, ``csv.reader``, ``json.loads``), and the ratio to it;
* a whole process, ``cwframe --corpus FILE list``, against ``cwframe list`` (the bundled corpus), 5 rounds.
"""

from __future__ import annotations

import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

LEVELS = ["Practitioner (level 3)", "Senior practitioner (level 4/5)", "Advanced practitioner (level 6)",
          "Manager (level 7)", "Strategic leader (level 8)"]  # fmt: skip
KINDS = ["Skill", "Knowledge", "Behaviour"]
TAILS = ["with children and young people", "with families and carers", "across agencies", "in the team",
         "in the local authority", "in schools", "in health settings", "in the community", "online",
         "under supervision", "when asked", "in an emergency", "over time"]  # fmt: skip


def rows(n: int) -> list[list[str]]:
    """n rows: Area, Ref, Parent, Type, Title, Statement, Level; every fifth row a parent of the next four."""
    import cwframe

    texts = [r.text for r in cwframe.iter_statements(cwframe.load_corpus())]
    out = []
    for i in range(n):
        area = f"Area {i // 500 + 1}"
        parent = "" if i % 5 == 0 else f"R{i - i % 5:05d}"
        text = f"{texts[i % len(texts)]} {TAILS[(i // len(texts)) % len(TAILS)]} ({i // (len(texts) * len(TAILS))})"
        out.append([area, f"R{i:05d}", parent, KINDS[i % 3], f"Title {i % 997}", text, LEVELS[i % 5]])
    return out


HEADERS = ["Area", "Ref", "Parent", "Type", "Title", "Statement", "Level"]


def workbook(table: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Framework")
    sheet.append(HEADERS)
    for row in table:
        sheet.append(row)
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue()


def csv_bytes(table: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(table)
    return out.getvalue().encode("utf-8")


def package(table: list[list[str]]) -> bytes:
    """A CASE 1.1 package of the same statements, as a CASE server would serve it (not cwframe's export)."""
    ns = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
    doc = str(uuid.uuid5(ns, "bench-document"))
    ident = {row[1]: str(uuid.uuid5(ns, row[1])) for row in table}
    stamp = "2024-01-01T00:00:00+00:00"
    items, associations = [], []
    for i, (_area, ref, parent, kind, _title, text, level) in enumerate(table):
        items.append({"identifier": ident[ref], "uri": f"https://case.example/uri/{ident[ref]}", "fullStatement": text,
                      "humanCodingScheme": ref, "CFItemType": kind, "educationLevel": [level],
                      "lastChangeDateTime": stamp})  # fmt: skip
        destination = ident[parent] if parent else doc
        associations.append({
            "identifier": str(uuid.uuid5(ns, f"child:{ref}")), "uri": "https://case.example/a", "associationType": "isChildOf",
            "originNodeURI": {"title": text[:50], "identifier": ident[ref], "uri": "u"},
            "destinationNodeURI": {"title": parent or "doc", "identifier": destination, "uri": "u"},
            "sequenceNumber": i % 5 + 1, "lastChangeDateTime": stamp,
        })  # fmt: skip
        if i % 7 == 0 and i:
            other = table[i - 7][1]
            associations.append({
                "identifier": str(uuid.uuid5(ns, f"rel:{ref}")), "uri": "u", "associationType": "isRelatedTo",
                "originNodeURI": {"title": "", "identifier": ident[ref], "uri": "u"},
                "destinationNodeURI": {"title": "", "identifier": ident[other], "uri": "u"}, "lastChangeDateTime": stamp,
            })  # fmt: skip
    document = {"identifier": doc, "uri": f"https://case.example/uri/{doc}", "title": "Bench framework",
                "creator": "bench", "lastChangeDateTime": stamp}  # fmt: skip
    return json.dumps(
        {"CFDocument": document, "CFItems": items, "CFAssociations": associations}, indent=2
    ).encode()


def cpu_medians(readers: dict[str, Callable[[], object]], rounds: int = 7) -> dict[str, float]:
    """Median CPU seconds of each reader, taken in turn round after round (interleaved, so that a busy
    machine slows each alike; CPU time, not wall time, so that other processes' load counts little)."""
    for read in readers.values():
        read()  # imports and caches warm
    taken: dict[str, list[float]] = {name: [] for name in readers}
    for _ in range(rounds):
        for name, read in readers.items():
            start = time.process_time()
            read()
            taken[name].append(time.process_time() - start)
    return {name: statistics.median(values) for name, values in taken.items()}


def process_cpu(commands: dict[str, list[str]], rounds: int = 5) -> dict[str, float]:
    """Median CPU seconds (user + system) of whole processes, interleaved."""
    import resource

    cli = str(Path(sys.executable).parent / "cwframe")
    taken: dict[str, list[float]] = {name: [] for name in commands}
    for args in commands.values():
        subprocess.run([cli, *args], check=True, capture_output=True)
    for _ in range(rounds):
        for name, args in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([cli, *args], check=True, capture_output=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            taken[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {name: statistics.median(values) for name, values in taken.items()}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    import cwframe
    from cwframe.models import Corpus

    table = rows(n)
    directory = Path(tempfile.mkdtemp(prefix="cwframe-bench-byo-"))
    files = {"xlsx": directory / "ours.xlsx", "csv": directory / "ours.csv", "case": directory / "ours.json"}
    files["xlsx"].write_bytes(workbook(table))
    files["csv"].write_bytes(csv_bytes(table))
    files["case"].write_bytes(package(table))

    def calamine() -> int:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(io.BytesIO(files["xlsx"].read_bytes()))
        return len(book.get_sheet_by_name("Framework").to_python())

    baselines = {
        "xlsx": ("python-calamine rows", calamine),
        "csv": (
            "csv.reader rows",
            lambda: len(list(csv.reader(io.StringIO(files["csv"].read_text("utf-8"))))),
        ),
        "case": ("json.loads", lambda: len(json.loads(files["case"].read_bytes())["CFItems"])),
    }
    print(
        f"{n:,} statements; files: "
        + ", ".join(f"{k} {p.stat().st_size / 1e6:.1f} MB" for k, p in files.items())
    )
    for kind, path in files.items():
        fw = cwframe.parse_file(path)
        statements = sum(1 for _ in cwframe.iter_statements(Corpus(frameworks=[fw])))
        associations = sum(len(i.associations) for i in fw.items)
        parents = sum(1 for i in fw.items if i.parent)
        name, bare = baselines[kind]
        cpu = cpu_medians({
            "base": bare,
            "read": lambda path=path: cwframe.parse_file(path),
            "flat": lambda path=path: list(cwframe.iter_statements(Corpus(frameworks=[cwframe.parse_file(path)]))),
        })  # fmt: skip
        print(f"{kind:5} {statements:,} statements ({parents:,} with a parent, {associations:,} other associations): "
              f"read {cpu['read'] * 1000:.0f} ms, to the flat rows {cpu['flat'] * 1000:.0f} ms; {name} "
              f"{cpu['base'] * 1000:.0f} ms; read / {name} {cpu['read'] / cpu['base']:.1f}x")  # fmt: skip
    env_free = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    os.environ.clear()
    os.environ.update(env_free)
    whole = process_cpu({"bundled": ["list"], **{k: ["--corpus", str(p), "list"] for k, p in files.items()}})
    for kind, path in files.items():
        print(f"process `cwframe --corpus {path.name} list`: {whole[kind] * 1000:.0f} ms; `cwframe list` (bundled, "
              f"1,597 statements) {whole['bundled'] * 1000:.0f} ms; ratio {whole[kind] / whole['bundled']:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
