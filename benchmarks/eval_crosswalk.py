"""Crosswalk quality on independent judgements: P@1, hit@3, no-counterpart handling and the
precision of "strong", per direction, for the whole file and for each half of it.

    python benchmarks/eval_crosswalk.py ../shared/eval/crosswalk-dev.json

Half A is what choices may be made looking at; half B is the check that they generalise
(cwframe.crosswalk.gold.half splits by a hash of the source id). Every source is
crosswalked with the command's defaults, as `cwframe crosswalk SOURCE TARGET --gold FILE`
does, and the judged ones scored.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cwframe
from cwframe.crosswalk.gold import half, read_gold, score
from cwframe.ops.crosswalk import DEFAULT_MIN_SCORE, crosswalk

DIRECTIONS = [("nos", "sdf"), ("pcf", "sdf"), ("nos", "pcf")]


def main(path: str, method: str = "tfidf", min_score: str = str(DEFAULT_MIN_SCORE)) -> None:
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
        )  # every source, as a user runs it: idf counts both sides, so a subset would score differently
        print(f"{source}->{target}  all     {score(result.records, judged).line()}")
        for part in "AB":
            subset = [j for j in judged if half(j.source) == part]
            print(f"{source}->{target}  half {part}  {score(result.records, subset).line()}")


if __name__ == "__main__":
    main(*sys.argv[1:])
