"""Make tests/fixtures/review: a review workbook filled as a designer would (tests/crosswalk/test_review.fill),
then saved by LibreOffice itself as .ods and its review sheet as CSV (comma, and semicolon as many locales
save it). Needs soffice (Debian: libreoffice-calc-nogui). Run from the repository root:

    .venv/bin/python tests/make_review_fixtures.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "review"
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    from typer.testing import CliRunner

    from crosswalk.test_review import SOURCE, fill
    from cwframe.cli.app import app

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        review = work / "filled.xlsx"
        result = CliRunner().invoke(
            app, ["crosswalk", SOURCE, "sdf", "--no-reviews", "-f", "xlsx", "-o", str(review)]
        )
        assert result.exit_code == 0, result.output
        decided = fill(review)
        for target, name in (
            ("ods", "filled.ods"),
            ("csv:Text - txt - csv (StarCalc):44,34,76,1", "filled-review.csv"),
            ("csv:Text - txt - csv (StarCalc):59,34,76,1", "filled-review-semicolon.csv"),
        ):
            out = work / "out"
            subprocess.run(
                [
                    "soffice",
                    "--headless",
                    f"-env:UserInstallation=file://{work}/lo",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(out),
                    str(review),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
            made = next(out.glob("filled.*"))
            shutil.move(made, OUT / name)
        shutil.copy(review, OUT / "filled.xlsx")
        (OUT / "decided.json").write_text(json.dumps(decided, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
