"""What the loaders refuse, and the validate rule that reports each first.

Every command but ``validate`` stops at the first of these (exit 2); ``validate`` reports all
of them as findings (exit 1), so a pull request learns everything at once. The keys are the
codes the loaders raise (CorpusError, ParseError); the values, rule codes (cwframe.rules).
tests/test_hostile_find.py reads every code the loaders raise and fails on one missing here.
"""

from __future__ import annotations

REFUSALS: dict[str, str] = {
    "PA01": "EN04",  # binary file (NUL bytes)
    "PA02": "EN01",  # not UTF-8 (or a broken UTF-16)
    "PA03": "PA03",  # no family detected
    "CO01": "CO01",  # a data file that cannot be read (YAML, JSON, nesting, aliases)
    "CO02": "CO01",  # a manifest field of the wrong shape
    "CO03": "MF01",  # the manifest names a missing file
    "CO04": "CO01",  # not a cwframe corpus
    "CO05": "MF03",  # the manifest names a path outside, or no regular file
    "CO06": "FI01",  # a .txt that is no regular file (link out, loop, FIFO)
    "CO08": "ID01",  # two documents give one NOS unit or framework id
    "CO09": "MF04",  # a manifest names one document so often that its entries cost more than a document may
    "PA04": "FI01",  # a text that grows past its limit when normalised
    "TB01": "TB01",  # a spreadsheet with no statement column
    "CA01": "CA01",  # a CASE package that cannot be read
}
