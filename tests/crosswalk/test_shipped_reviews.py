"""The reviewed crosswalks cwframe ships (src/cwframe/crosswalk/reviews): every source decided,
every id real, each decision well formed, and applied by default."""

from __future__ import annotations

import csv
import json
from importlib import resources

import pytest

import cwframe
from cwframe.cli.app import app
from cwframe.crosswalk.decisions import bundled
from cwframe.crosswalk.engine import Thesaurus
from cwframe.crosswalk.sides import copies

DIRECTIONS = [("nos", "sdf"), ("pcf", "sdf"), ("nos", "pcf")]


@pytest.fixture(scope="module")
def corpus():
    return cwframe.load_corpus()


@pytest.mark.parametrize(("source", "target"), DIRECTIONS, ids=lambda x: x)
def test_every_source_is_decided_once_with_real_ids(corpus, source: str, target: str) -> None:
    path = resources.files("cwframe.crosswalk") / "reviews" / f"{source}-{target}.csv"
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert rows and list(rows[0]) == ["source", "target", "decision", "relation", "note"]
    canonical = copies(corpus, source, Thesaurus.load())
    targets = {r.id for r in cwframe.iter_statements(corpus, target)}
    decided: dict[str, list[dict]] = {}
    for row in rows:
        assert canonical.get(row["source"]) == row["source"], f"{row['source']} is not a source's first copy"
        decided.setdefault(row["source"], []).append(row)
        assert row["note"].strip(), row
    assert set(decided) == set(canonical.values())  # every source, no other
    for sid, made in decided.items():
        kinds = {r["decision"] for r in made}
        assert kinds in ({"accept"}, {"no counterpart"}), (sid, kinds)
        if kinds == {"accept"}:
            assert 1 <= len(made) <= 3 and len({r["target"] for r in made}) == len(made), sid
            assert all(r["target"] in targets and r["relation"] in ("strong", "partial") for r in made), sid
        else:
            assert (
                len(made) == 1 and made[0]["target"] == "" and made[0]["note"].startswith("no counterpart")
            ), sid
    assert len(bundled(source, target)) == len(rows)


def test_reviews_are_applied_by_default_and_yours_override_them(runner, tmp_path) -> None:
    shown = json.loads(runner.invoke(app, ["crosswalk", "nos/key-people", "sdf", "-f", "json"]).stdout)
    assert all(r["reviewed_by"] == "cwframe" for r in shown["records"])
    assert all(m["reviewed"] and m["grade"] in ("strong", "partial") and m["note"]
               for r in shown["records"] for m in r["matches"])  # fmt: skip
    first = shown["records"][0]
    alone = json.loads(
        runner.invoke(app, ["crosswalk", "nos/key-people", "sdf", "--no-reviews", "-f", "json"]).stdout
    )
    assert not any(m["reviewed"] for r in alone["records"] for m in r["matches"])
    mine = tmp_path / "mine.csv"
    mine.write_text(f"source,target,decision,relation,note\n{first['id']},,no counterpart,,not in our reading\n",
                    encoding="utf-8")  # fmt: skip
    over = json.loads(
        runner.invoke(
            app, ["crosswalk", "nos/key-people", "sdf", "--decisions", str(mine), "-f", "json"]
        ).stdout
    )
    record = next(r for r in over["records"] if r["id"] == first["id"])
    assert (record["no_counterpart"], record["reviewed_by"], record["note"]) == (
        True,
        "you",
        "not in our reading",
    )
    assert over["records"][1] == shown["records"][1]  # the others keep cwframe's review
