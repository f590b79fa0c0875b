"""Issue #25's figures: a framework of your own read whole, crosswalked, read from real files, round-tripped.

    python benchmarks/eval_byo.py [REAL-FILE ...]

1. The SDF as a designer's spreadsheet (docs/examples/byo/our-sdf.xlsx: own headers, codes and
   career stages, the statement column named with --column): statements read back against the
   SDF's, field by field (text, name, group, kind, and level as a tier on the SDF's levels).
2. ``crosswalk nos our-sdf.xlsx`` (the command's defaults) against ``crosswalk nos sdf
   --no-reviews`` (and the same for pcf): how often the first suggestion is the same SDF
   statement. The SDF's crosswalks ship reviewed decisions, keyed by the SDF's own ids, which
   no other framework's statements can have; with them, the figure says how often a reviewer
   kept the machine's first suggestion, so it is printed too, as context.
3. Each real file (tests/fixtures/real, and any file given, e.g. OpenSALT's ccsso_ela_item.csv
   fetched from github.com/opensalt/opensalt): statements read against the items it holds.
4. CASE export -> import: the bundled frameworks and the real files read back to identical
   statements (id, kind, text, name, level, topic).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import cwframe  # noqa: E402
from cwframe.corpus import with_framework  # noqa: E402
from cwframe.crosswalk.sides import thesaurus_for, tier  # noqa: E402
from cwframe.models import ReadOptions  # noqa: E402
from cwframe.ops.crosswalk import crosswalk  # noqa: E402
from cwframe.ops.export import export  # noqa: E402
from make_byo_examples import EXAMPLES, TEXT_HEADER, sdf_rows  # noqa: E402
from real_files import held  # noqa: E402


def key(row: cwframe.StatementRow) -> tuple:
    return (row.id, row.kind.value, row.text, row.name, row.level, row.topic)


def main() -> None:
    corpus = cwframe.load_corpus()
    ours, spec = with_framework(
        corpus, str(EXAMPLES / "our-sdf.xlsx"), options=ReadOptions(columns={"text": TEXT_HEADER})
    )
    back = {f"{spec}/{row[1]}": sid for sid, row in sdf_rows()}
    sdf = {r.id: r for r in cwframe.iter_statements(corpus, "sdf")}
    read = list(cwframe.iter_statements(ours, spec))
    theirs, mine = thesaurus_for(corpus), thesaurus_for(ours)
    fields = {"text": 0, "name": 0, "group": 0, "kind": 0, "tier": 0}
    for row in read:
        original = sdf[back[row.id]]
        fields["text"] += row.text == original.text
        fields["name"] += row.name == original.name
        fields["group"] += row.section == original.section
        fields["kind"] += row.kind.value == original.kind.value
        fields["tier"] += (tier(mine, row) or None) == (
            original.level or ("6" if original.kind == "standard" else None)
        )
    print(f"1. designer's SDF: {len(read)} statements read of {len(sdf)}; same " +
          ", ".join(f"{k} {v}/{len(sdf)}" for k, v in fields.items()))  # fmt: skip
    del theirs
    for source in ("nos", "pcf"):
        onto_sdf = crosswalk(corpus, source, "sdf", reviews=False).records
        onto_ours = {r.id: r for r in crosswalk(ours, source, spec).records}
        reviewed = {
            r.id: (r.matches[0].id if r.matches else None) for r in crosswalk(corpus, source, "sdf").records
        }
        same = top3 = 0
        for r in onto_sdf:
            mine_first = [back[m.id] for m in onto_ours[r.id].matches]
            first = r.matches[0].id if r.matches else None
            same += (mine_first[0] if mine_first else None) == first
            top3 += first is None or first in mine_first[:3]
        n = len(onto_sdf)
        kept = sum(reviewed[r.id] == (back[onto_ours[r.id].matches[0].id] if onto_ours[r.id].matches else None)
                   for r in onto_sdf)  # fmt: skip
        print(f"2. crosswalk {source} onto the designer's SDF: first suggestion the same SDF statement as "
              f"`crosswalk {source} sdf --no-reviews` for {same}/{n} sources ({same / n:.1%}); the SDF's first within the "
              f"sheet's three for {top3}/{n} ({top3 / n:.1%}); the same as the shipped reviews' first for {kept}/{n} "
              f"({kept / n:.1%})")  # fmt: skip
    real = sorted(
        p
        for p in (ROOT / "tests" / "fixtures" / "real").glob("*/*")
        if p.suffix in (".json", ".csv", ".xlsx")
    )
    real += [Path(a) for a in sys.argv[1:]]
    for path in real:
        statements = list(cwframe.iter_statements(cwframe.load_corpus(path)))
        print(f"3. {path.name}: {len(statements)} statements read of {held(path)} items")
    with tempfile.TemporaryDirectory() as tmp:
        for name, before in [*((f, corpus.model_copy(update={"frameworks": [fw]})) for f, fw in
                               zip(("nos", "pcf", "sdf"), corpus.frameworks, strict=True)),
                             *((p.name, cwframe.load_corpus(p)) for p in real)]:  # fmt: skip
            package = Path(tmp) / "p.case.json"
            package.write_text(export(before, "case")[0].data, encoding="utf-8")
            a = [key(r) for r in cwframe.iter_statements(before)]
            b = [key(r) for r in cwframe.iter_statements(cwframe.load_corpus(package))]
            same = (
                "identical"
                if a == b
                else ("the same set, another order" if sorted(a) == sorted(b) else "DIFFERENT")
            )
            print(f"4. CASE round trip {name}: {len(a)} statements -> {len(b)}, {same}")


if __name__ == "__main__":
    main()
