"""What a user sees when something is wrong: one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import socket

import pyoxigraph as ox
import pytest
from _fixture import fixture_store
from click.testing import CliRunner

import bordergraph
from bordergraph.cli import main
from bordergraph.errors import BordergraphError, ExportError, ParameterError, QueryError, StoreMissingError
from bordergraph.graph.endpoint import check_port, create_app


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-errors") / "store"
    fixture_store(path).close()
    return path


@pytest.fixture(scope="module")
def a_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("plain") / "file.txt"
    path.write_text("not a folder", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def not_utf8(tmp_path_factory):
    path = tmp_path_factory.mktemp("bin") / "query.rq"
    path.write_bytes(b"\xff\xfe CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    return path


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def one_error_line(result, exit_code: int | None = None) -> str:
    """The single `error: ...` line of a failed command (and no traceback)."""
    assert result.exit_code != 0, result.output
    if exit_code is not None:
        assert result.exit_code == exit_code, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not an uncaught error
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


# -- the bad inputs of a user, each one line with the error's own exit code -------------------------
@pytest.mark.parametrize("args, exit_code, words", [
    (["query", "SELECT ?x WHERE { ?x"], QueryError.exit_code, "syntax error"),
    (["query", "--saved", "no-such-query"], QueryError.exit_code, "unknown saved query"),
    (["query", "--saved", "actor-profile"], QueryError.exit_code, "needs --param actor="),
    (["query", "--saved", "actor-profile", "--param", "actor"], QueryError.exit_code, "NAME=VALUE"),
    (["query", "ASK { ?s ?p ?o }", "--format", "turtle"], QueryError.exit_code, "does not fit an ASK result"),
    (["view", "ego", "--actor", "Nobody"], QueryError.exit_code, "no actor named 'Nobody'"),
    (["export", "--graph", "unknown"], ExportError.exit_code, "no named graph 'unknown'"),
    (["export", "--format", "yaml"], ExportError.exit_code, "unknown export format 'yaml'"),
])
def test_bad_input_is_one_line(store_path, tmp_path, args, exit_code, words):
    extra = ["--out", tmp_path / "views"] if args[0] == "view" else []
    line = one_error_line(run(*args, *extra, "--store", store_path), exit_code)
    assert words in line


@pytest.mark.parametrize("args", [
    ["query", "SELECT * WHERE { ?s ?p ?o }"], ["stats"], ["view"], ["analyze"], ["export"],
    ["push", "http://127.0.0.1:9/data", "--dry-run"], ["serve"],
])
def test_missing_store_is_one_line(tmp_path, args):
    line = one_error_line(run(*args, "--store", tmp_path / "nothing-here"), StoreMissingError.exit_code)
    assert "no bordergraph store" in line  # serve prints no banner before failing


def test_push_to_a_closed_port_gives_up_with_one_line(store_path):
    url = f"http://127.0.0.1:{closed_port()}/data"
    line = one_error_line(run("push", url, "--graph", "entities", "--retries", "1", "--store", store_path),
                          ExportError.exit_code)
    assert "after 2 attempts" in line


def test_unknown_output_format_is_refused_by_click(store_path):
    result = run("query", "SELECT * WHERE { ?s ?p ?o }", "--format", "yaml", "--store", store_path)
    assert result.exit_code == 2 and "'yaml' is not one of" in result.output


# -- fixed: these raised tracebacks ----------------------------------------------------------------
def test_query_file_not_utf8(store_path, not_utf8, tmp_path):
    assert "not UTF-8" in one_error_line(run("query", "--file", not_utf8, "--store", store_path),
                                         ParameterError.exit_code)
    assert "not UTF-8" in one_error_line(run("view", "--query", not_utf8, "--out", tmp_path, "--store", store_path),
                                         ParameterError.exit_code)


def test_view_out_that_cannot_be_written(store_path, a_file):
    line = one_error_line(run("view", "network", "--out", a_file / "sub", "--store", store_path), ExportError.exit_code)
    assert "cannot write the view" in line


def test_analyze_json_that_cannot_be_written(store_path, a_file):
    line = one_error_line(run("analyze", "--json", a_file / "x.json", "--store", store_path), ExportError.exit_code)
    assert "cannot write the analysis" in line


def test_publish_ontology_into_a_file(a_file):
    result = run("publish-ontology", "--out", a_file)
    assert result.exit_code == 2 and "is a file" in result.output
    with pytest.raises(ExportError, match="must be a folder"):
        bordergraph.publish_ontology(out=a_file)
    assert "cannot write the ontology" in one_error_line(run("publish-ontology", "--out", a_file / "sub"),
                                                         ExportError.exit_code)


def test_push_timeout_must_be_positive(store_path):
    with pytest.raises(ExportError, match="more than 0 seconds"):
        bordergraph.push("http://127.0.0.1:9/data", store=store_path, timeout=0)
    result = run("push", "http://127.0.0.1:9/data", "--timeout", "-1", "--store", store_path)
    assert result.exit_code == 2 and "--timeout" in result.output


def test_serve_on_a_busy_port_is_one_line(store_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(BordergraphError, match="in use"):
            check_port("127.0.0.1", port)
        line = one_error_line(run("serve", "--port", port, "--store", store_path), BordergraphError.exit_code)
    assert f"127.0.0.1:{port}" in line and "--port" in line


def test_views_folder_must_exist(store_path, tmp_path):
    with pytest.raises(ParameterError, match="no folder of views"):
        create_app(fixture_store(), views=tmp_path / "missing")


def test_construct_as_rdfxml_is_offered_and_ends_with_a_newline(store_path):
    result = run("query", "CONSTRUCT { ?p a bg:Person } WHERE { ?p a bg:Person }", "--format", "rdfxml",
                 "--store", store_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n")
    people = list(ox.parse(result.stdout_bytes, format=ox.RdfFormat.RDF_XML))
    assert people and all(t.object.value.endswith("#Person") for t in people)
