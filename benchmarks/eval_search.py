"""Search quality on independent judgements (issue #15): nDCG@10 and recall@20 per query.

    python benchmarks/eval_search.py ../shared/eval/search-dev.json [--semantic]

Reads the judges' file as it is (``queries``: query, kind, relevant ids with grades 2
or 1; a glossary entry may give ``id_as_search_prints_it``), scores the bundled
corpus's search with the same measures as tests/search/quality.py (statements
repeated word for word count once, at their best grade), and prints every query,
the mean, and the two halves of the file (queries in odd and even positions): choices
are made looking at half A only, half B shows whether they generalise.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from cwframe.ops.search import open_index  # noqa: E402
from search.quality import evaluate  # noqa: E402


def judgements(path: Path) -> dict[str, dict[str, int]]:
    out = {}
    for item in json.loads(path.read_text(encoding="utf-8"))["queries"]:
        grades = {}
        for judged in item["relevant"]:
            sid = judged.get("id") or judged.get("id_as_search_prints_it")
            if sid:
                grades[sid] = max(grades.get(sid, 0), int(judged["grade"]))
        out[item["query"]] = grades
    return out


def main() -> None:
    judged = judgements(Path(sys.argv[1]))
    semantic = "--semantic" in sys.argv[2:]  # re-ranked by meaning (needs the semantic extra)
    scores = evaluate(open_index(None), judged, semantic=semantic)
    for query, (n, r) in scores.items():
        print(f"{n:.2f}  {r:.2f}  {query}")
    queries = list(scores)
    for name, part in (("all", queries), ("half A", queries[0::2]), ("half B", queries[1::2])):
        ns = [scores[q][0] for q in part]
        print(f"{name:7} nDCG@10 mean {statistics.mean(ns):.3f}  min {min(ns):.2f}  "
              f"recall@20 mean {statistics.mean(scores[q][1] for q in part):.3f}  ({len(part)} queries)")  # fmt: skip


if __name__ == "__main__":
    main()
