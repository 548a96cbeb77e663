"""The extractors keep the quality the README reports (issue 3): F1 per category may not fall more
than 0.05 below the figures in the README's eval table, on the bundled and on the unseen articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import bordergraph

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 0.05


def reported() -> dict[str, dict[str, float]]:
    """F1 per category and corpus, read from the README table between the eval-figures markers."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("<!-- eval-figures")[1].split("<!-- /eval-figures -->")[0]
    out: dict[str, dict[str, float]] = {"bundled": {}, "unseen": {}}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and re.fullmatch(r"[a-z]+", cells[0]) and cells[0] != "category":
            out["bundled"][cells[0]] = float(cells[3])
            out["unseen"][cells[0]] = float(cells[6])
    return out


CASES = {
    "bundled": (ROOT / "tests" / "gold", ROOT / "data" / "articles"),
    "unseen": (ROOT / "tests" / "gold" / "unseen", ROOT / "tests" / "texts" / "unseen"),
}


@pytest.fixture(scope="module")
def scores() -> dict[str, dict]:
    return {name: bordergraph.evaluate(gold, articles=[texts]).scores() for name, (gold, texts) in CASES.items()}


def test_readme_reports_every_category():
    figures = reported()
    for corpus in CASES:
        assert set(figures[corpus]) == {"actors", "posts", "agreements", "events", "claims", "quantities"}


@pytest.mark.parametrize("corpus", sorted(CASES))
def test_f1_is_not_below_what_the_readme_reports(scores, corpus):
    figures = reported()[corpus]
    low = {cat: (round(scores[corpus][f"{cat}_f"], 3), f1) for cat, f1 in figures.items()
           if scores[corpus][f"{cat}_f"] < f1 - TOLERANCE}
    assert not low, f"{corpus}: F1 (measured, reported) more than {TOLERANCE} below the README: {low}"
