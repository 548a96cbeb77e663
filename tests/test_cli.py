"""The CLI as a user meets it: summaries, one-line errors with their exit codes, the lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from click.testing import CliRunner

from bordergraph.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_build_prints_a_summary_and_where_the_store_is(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Mexican Foreign Minister Alicia Bárcena met U.S. officials in Mexico City on Monday. "
                       "She denied that fentanyl is produced in Mexico.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "built 1 articles:" in result.output and "actors" in result.output and "triples" in result.output
    assert str(store.resolve()) in result.output
    assert "bad.txt" in result.output  # reported, not fatal
    stats = CliRunner().invoke(main, ["stats", "--store", str(store), "--json"])
    assert '"articles": 1' in stats.output


def test_missing_store_is_one_line_and_exit_code_5(tmp_path):
    result = CliRunner().invoke(main, ["stats", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code == 5
    assert "Traceback" not in result.output
    assert "bordergraph build" in result.output  # says how to fix it


def test_a_store_held_by_another_writer_is_a_clear_error(tmp_path):
    store = tmp_path / "store"
    article = tmp_path / "a.txt"
    article.write_text("The DEA said the Sinaloa Cartel moved fentanyl into the United States.", encoding="utf-8")
    assert CliRunner().invoke(main, ["build", str(article), "--store", str(store), "--no-validate"]).exit_code == 0
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from bordergraph.graph.store import GraphStore
        gs = GraphStore.open({str(store)!r})
        print("held", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = subprocess.run([sys.executable, "-m", "bordergraph", "build", str(article), "--store", str(store)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 5, result.stderr
        assert "in use by another process" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_eval_prints_precision_recall_and_f1_per_category():
    result = CliRunner().invoke(main, ["eval", str(ROOT / "tests" / "gold" / "unseen"),
                                       "--articles", str(ROOT / "tests" / "texts" / "unseen"), "--no-details"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(l for l in lines if l.startswith("category"))
    assert header.split() == ["category", "P", "R", "F1", "tp", "fp", "fn"]
    for cat in ("actors", "posts", "agreements", "events", "claims", "quantities"):
        row = next(l for l in lines if l.startswith(cat)).split()
        assert all(0.0 <= float(x) <= 1.0 for x in row[1:4])
