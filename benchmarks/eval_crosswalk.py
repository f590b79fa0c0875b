"""Crosswalk quality on independent judgements: P@1, hit@3, no-counterpart handling and the
precision of "strong", per direction, for the whole file and for each half of it.

    python benchmarks/eval_crosswalk.py ../shared/eval/crosswalk-dev.json

Half A is what choices may be made looking at; half B is the check that they generalise
(cwframe.crosswalk.gold.half splits by a hash of the source id).
"""

from __future__ import annotations

import sys
from pathlib import Path

import cwframe
from cwframe.crosswalk.gold import half, read_gold, score
from cwframe.ops.crosswalk import crosswalk

DIRECTIONS = [("nos", "sdf"), ("pcf", "sdf"), ("nos", "pcf")]


def main(path: str, method: str = "tfidf", min_score: str = "0.2") -> None:
    corpus = cwframe.load_corpus()
    for source, target in DIRECTIONS:
        judged = read_gold(Path(path), source, target)
        result = crosswalk(
            corpus,
            source,
            target,
            top=3,
            method=method,
            min_score=float(min_score),
            source_ids={j.source for j in judged},
        )
        print(f"{source}->{target}  all     {score(result.records, judged).line()}")
        for part in "AB":
            subset = [j for j in judged if half(j.source) == part]
            print(f"{source}->{target}  half {part}  {score(result.records, subset).line()}")


if __name__ == "__main__":
    main(*sys.argv[1:])
