"""Crosswalk quality on independent judgements, per direction, for the whole file and each half.

    python benchmarks/eval_crosswalk.py ../shared/eval/crosswalk-dev.json [--method M] [--reviews] [--simulate]

* default: the machine's suggestions alone (no shipped reviews): P@1, hit@3 (first three, as a
  user sees them), hit@10, no-counterpart handling, and how often each label is an accepted pair;
* ``--reviews``: the crosswalk as users get it, with the reviews cwframe ships applied;
* ``--simulate``: a review in progress: every fourth judged source (file order) is decided with its
  judgement, the other three quarters are scored, with and without learning from those decisions;
* ``--learn-from shipped`` (or a decisions file): suggestions for each source as if nobody had
  decided it, learning from every other source's decision (leave one out).

Half A is what choices may be made looking at; half B is the check that they generalise
(cwframe.crosswalk.gold.half splits by a hash of the source id). Every source is crosswalked
with the command's defaults, as `cwframe crosswalk SOURCE TARGET --gold FILE` does, and the
judged ones scored.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cwframe
from cwframe.crosswalk.gold import Judged, half, read_gold, score
from cwframe.crosswalk.model import Decision
from cwframe.ops.crosswalk import crosswalk

DIRECTIONS = [("nos", "sdf"), ("pcf", "sdf"), ("nos", "pcf")]


def _labels(report) -> str:  # noqa: ANN001
    return "  labels: " + ", ".join(f"{k} {a}/{n}" for k, (a, n) in sorted(report.labels.items()))


def _decisions(judged: list[Judged]) -> dict:
    out = {}
    for j in judged:
        if j.negative:
            out[(j.source, "")] = Decision(source=j.source, decision="no counterpart")
        for target, grade in j.accepted.items():
            out[(j.source, target)] = Decision(source=j.source, target=target, decision="accept",
                                               relation=grade if grade in ("strong", "partial") else None)  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--method", default="tfidf")
    parser.add_argument("--reviews", action="store_true")
    parser.add_argument("--simulate", action="store_true")
    parser.add_argument("--learn-from", default=None)
    args = parser.parse_args()
    corpus = cwframe.load_corpus()
    for source, target in DIRECTIONS:
        judged = read_gold(args.path, source, target)
        if args.simulate:
            decided, scored = judged[::4], [j for k, j in enumerate(judged) if k % 4]
            for learn in (False, True):
                try:
                    result = crosswalk(corpus, source, target, top=10, method=args.method, reviews=False,
                                       decisions=_decisions(decided), learn=learn)  # fmt: skip
                except TypeError:  # a revision without learning
                    if learn:
                        continue
                    result = crosswalk(corpus, source, target, top=10, method=args.method, reviews=False,
                                       decisions=_decisions(decided))  # fmt: skip
                print(f"{source}->{target}  {'learning' if learn else 'no learning':11} {len(decided)} decided, "
                      f"{score(result.records, scored).line()}")  # fmt: skip
            continue
        taught = None
        if args.learn_from == "shipped":
            from cwframe.crosswalk.decisions import bundled

            taught = bundled(source, target)
        elif args.learn_from:
            from cwframe.crosswalk.decisions import read_decisions

            taught = read_decisions(Path(args.learn_from))
        result = crosswalk(corpus, source, target, top=3 if args.reviews else 10, method=args.method,
                           reviews=args.reviews, learn_from=taught)  # every source, as a user runs it  # fmt: skip
        report = score(result.records, judged)
        print(f"{source}->{target}  all     {report.line()}")
        print(_labels(report))
        for part in "AB":
            subset = [j for j in judged if half(j.source) == part]
            print(f"{source}->{target}  half {part}  {score(result.records, subset).line()}")


if __name__ == "__main__":
    main()
