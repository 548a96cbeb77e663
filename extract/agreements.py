"""Extractor for agreements (being written)."""

from __future__ import annotations


def extract_agreements(ctx) -> list:
    return []
