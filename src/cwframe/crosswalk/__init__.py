"""Mapping one framework onto another: scoring, evidence, and the reports built on the matches."""
