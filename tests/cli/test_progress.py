from __future__ import annotations

import io

from rich.console import Console

from cwframe.cli import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_done_total_elapsed_and_an_eta_on_a_terminal(monkeypatch) -> None:
    out = _Terminal()
    monkeypatch.setattr(progress.sys, "stderr", out)
    monkeypatch.setattr(progress, "stderr", lambda: Console(file=out, force_terminal=True, width=100))
    with progress.progress_bar("crosswalk") as update:
        update(10, 100)
        update(50, 100)
    shown = out.getvalue()
    assert "crosswalk" in shown and "50/100" in shown and "eta" in shown


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(progress.sys, "stderr", out)
    with progress.progress_bar("crosswalk") as update:
        update(10, 100)
    assert out.getvalue() == ""
