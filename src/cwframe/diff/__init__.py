"""Diff internals: pairing texts across versions (ops/diff.py builds the report)."""
