"""cwframe's search engine and tantivy side by side on one corpus (issue #14's evaluation).

    python benchmarks/make_corpus.py /tmp/nos-5k --units 5000
    python benchmarks/bench_engines.py /tmp/nos-5k

Both indexes are built from the same raw directory, each in its own process (wall
time and peak RSS from /usr/bin/time): ours with ``cwframe.search.index.ensure``;
tantivy (the ``tantivy`` package, Rust, embedded) from the same parser's records
(``_records_of``: id, text, name, section) with English stemming. Then the query mix
``bench_search.py`` uses (single words drawn by frequency, two words, prefix, phrase,
misspelt), warm, in process: ours through ``ops.search.search`` (the whole feature
set: typo correction, phrases, collapse, members); tantivy with its query parser
(fuzzy distance 1 for the misspelt class, a regex for prefixes), top 20 ids. The
tantivy side is a measurement, not a product: it has none of our features.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search import make_queries, pct, sample_texts  # noqa: E402

FIELDS = ("text", "name", "section")


def _timed_process(code: str, env: dict[str, str]) -> tuple[float, int, str]:
    """(seconds, peak RSS in MB, stdout) of a Python snippet run in a fresh process."""
    done = subprocess.run(["/usr/bin/time", "-f", "%e %M", sys.executable, "-c", code], capture_output=True,
                          text=True, env=env, check=True)  # fmt: skip
    seconds, kb = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kb) // 1024, done.stdout


def build_ours(corpus: Path, cache: Path) -> tuple[float, int]:
    code = f"from pathlib import Path\nfrom cwframe.search.index import Source, ensure\nensure(Source.of(Path({str(corpus)!r})))"
    seconds, mb, _ = _timed_process(code, {**os.environ, "CWFRAME_CACHE_DIR": str(cache)})
    return seconds, mb


TANTIVY_BUILD = """
import json, sys, time
from pathlib import Path
import tantivy
from cwframe import parsers
from cwframe.corpus import raw_documents, read_text
from cwframe.search.index import _records_of
corpus, out = Path(sys.argv[1]), sys.argv[2]
sb = tantivy.SchemaBuilder()
sb.add_text_field("id", stored=True, tokenizer_name="raw")
for field in ("text", "name", "section"):
    sb.add_text_field(field, stored=False, tokenizer_name="en_stem")
schema = sb.build()
index = tantivy.Index(schema, path=out)
writer = index.writer(heap_size=300_000_000, num_threads=2)
parse = 0.0
start = time.perf_counter()
for path, entry in raw_documents(corpus):
    t0 = time.perf_counter()
    fw = parsers.get("nos").parse(read_text(path), path=str(path), unit=entry.unit if entry else None)
    records = _records_of(fw)
    parse += time.perf_counter() - t0
    for r in records:
        writer.add_document(tantivy.Document(id=r[0], text=r[4], name=r[3] or "", section=r[9] or ""))
writer.commit()
writer.wait_merging_threads()
print(json.dumps({"parse": parse, "total": time.perf_counter() - start}))
"""


def build_tantivy(corpus: Path, out: Path) -> tuple[float, int, float]:
    code = f"import sys\nsys.argv = ['x', {str(corpus)!r}, {str(out)!r}]\n" + TANTIVY_BUILD
    seconds, mb, stdout = _timed_process(code, dict(os.environ))
    return seconds, mb, json.loads(stdout)["parse"]


def query_ours(corpus: Path, cache: Path, queries: dict[str, list[str]]) -> dict[str, list[float]]:
    os.environ["CWFRAME_CACHE_DIR"] = str(cache)
    from cwframe.ops.search import open_index, search

    index = open_index(corpus)
    out: dict[str, list[float]] = {}
    for kind, items in queries.items():
        times = []
        for q in items:
            start = time.perf_counter()
            search(index, q, limit=20)
            times.append(time.perf_counter() - start)
        out[kind] = times
    return out


def query_tantivy(path: Path, queries: dict[str, list[str]]) -> dict[str, list[float]]:
    import tantivy

    index = tantivy.Index.open(str(path))
    searcher = index.searcher()
    schema = index.schema
    out: dict[str, list[float]] = {}
    for kind, items in queries.items():
        times = []
        for q in items:
            start = time.perf_counter()
            if q.endswith("*"):
                query = tantivy.Query.regex_query(schema, "text", q[:-1].lower() + ".*")
            elif kind == "misspelt":
                query = index.parse_query(q, list(FIELDS), fuzzy_fields={"text": (False, 1, True)})
            else:
                query = index.parse_query(q, list(FIELDS))
            hits = searcher.search(query, 20).hits
            [searcher.doc(address)["id"] for _, address in hits]
            times.append(time.perf_counter() - start)
        out[kind] = times
    return out


def main() -> None:
    corpus = Path(sys.argv[1])
    rng = random.Random(14)
    queries = make_queries(sample_texts(corpus, 200, rng), rng)
    with tempfile.TemporaryDirectory() as scratch:
        cache, tantivy_dir = Path(scratch) / "cache", Path(scratch) / "tantivy"
        tantivy_dir.mkdir()
        ours_s, ours_mb = build_ours(corpus, cache)
        tan_s, tan_mb, tan_parse = build_tantivy(corpus, tantivy_dir)
        size = sum(p.stat().st_size for p in tantivy_dir.rglob("*") if p.is_file()) // 2**20
        ours_size = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file()) // 2**20
        print(f"build   ours {ours_s:.1f} s, {ours_mb} MB peak, {ours_size} MB on disk | tantivy {tan_s:.1f} s "
              f"({tan_parse:.1f} s of it parsing with cwframe), {tan_mb} MB peak, {size} MB on disk")  # fmt: skip
        ours = query_ours(corpus, cache, queries)
        theirs = query_tantivy(tantivy_dir, queries)
    print("warm query latency, ms (median / p95)")
    for kind in queries:
        a, b = ours[kind], theirs[kind]
        print(
            f"  {kind:12} ours {1000 * statistics.median(a):7.1f} / {1000 * pct(a, 0.95):7.1f}   "
            f"tantivy {1000 * statistics.median(b):7.1f} / {1000 * pct(b, 0.95):7.1f}"
        )


if __name__ == "__main__":
    main()
