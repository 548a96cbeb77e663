"""The CLI is documented and mirrors the Python API, so a user can move between the two.

Every command of ``bordergraph`` must end its help with an ``Example:`` block, be named in
README.md, and have an API function whose keyword parameters carry the command's option names
(``--max-rows`` → ``max_rows``).  The few options that only shape the terminal output, or that
the API spells differently on purpose, are listed in ``NOT_MIRRORED`` with the reason.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import click
import pytest

from bordergraph import api
from bordergraph.cli import main
from bordergraph.graph.knowledge import KnowledgeGraph

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")

# command → the API callables it is a mirror of (their keyword parameters together)
MIRROR = {
    "build": [api.build],
    "stats": [api.stats],
    "eval": [api.evaluate],
    "query": [api.open, KnowledgeGraph.query, KnowledgeGraph.run_saved],
    "queries": [api.saved_queries],
    "serve": [api.serve],
    "view": [api.view],
    "analyze": [api.analyze],
    "export": [api.export],
    "push": [api.push],
    "publish-ontology": [api.publish_ontology],
}

# (command, option) → why the API has no keyword of that name
NOT_MIRRORED = {
    ("build", "--json"): "output switch: the API returns the BuildReport",
    ("build", "--no-validate"): "the API keyword is validate=False",
    ("stats", "--json"): "output switch: the API returns a dict",
    ("eval", "--json"): "output switch: the API returns the EvalReport",
    ("eval", "--details"): "output switch: EvalReport holds every miss and false hit",
    ("query", "--format"): "output switch: QueryResult.serialize(format)",
    ("query", "--file"): "the file's text is the first argument of kg.query",
    ("query", "--saved"): "the name is the first argument of kg.run_saved",
    ("query", "--param"): "kg.query(bindings=...) or kg.run_saved(name, **params)",
    ("query", "--store"): "the path is the first argument of bordergraph.open",
    ("queries", "--json"): "output switch: the API returns SavedQuery objects",
    ("push", "--json"): "output switch: the API returns the PushReport",
    ("export", "--no-void"): "the API keyword is void=False",
}


def _commands() -> dict[str, click.Command]:
    return dict(main.commands)


def _keywords(funcs) -> set[str]:
    names = set()
    for fn in funcs:
        for p in inspect.signature(fn).parameters.values():
            if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD):
                names.add(p.name)
    return names


def _options(cmd: click.Command) -> list[str]:
    """Long names of the command's own options (not --help)."""
    out = []
    for param in cmd.params:
        if isinstance(param, click.Option):
            longs = [o for o in param.opts if o.startswith("--")]
            if longs and longs[0] != "--help":
                out.append(longs[0])
    return out


def test_every_command_is_mirrored():
    assert set(_commands()) == set(MIRROR), "add the new command to MIRROR (and to README.md)"


@pytest.mark.parametrize("name", sorted(MIRROR))
def test_help_ends_with_an_example(name):
    cmd = _commands()[name]
    paragraphs = [p.strip() for p in inspect.cleandoc(cmd.help or "").split("\n\n") if p.strip()]
    assert paragraphs, f"{name} has no help"
    last = paragraphs[-1].removeprefix("\b").strip()
    assert last.startswith("Example:"), f"help of {name} does not end with an Example: block"
    examples = [line.strip() for line in last.splitlines()[1:]]
    assert any(line.startswith(f"bordergraph {name}") for line in examples), \
        f"the example of {name} does not run `bordergraph {name}`"


@pytest.mark.parametrize("name", sorted(MIRROR))
def test_command_is_in_the_readme(name):
    assert re.search(rf"`bordergraph {re.escape(name)}\b", README), f"README.md does not mention `bordergraph {name}`"


@pytest.mark.parametrize("name", sorted(MIRROR))
def test_options_are_api_keywords(name):
    keywords = _keywords(MIRROR[name])
    missing = [opt for opt in _options(_commands()[name])
               if (name, opt) not in NOT_MIRRORED and opt[2:].replace("-", "_") not in keywords]
    assert not missing, f"bordergraph {name}: options without an API keyword of the same name: {missing}"


def test_exceptions_are_still_real():
    """An exception that no longer applies (option gone or now mirrored) must be dropped."""
    for (name, opt), _why in NOT_MIRRORED.items():
        assert opt in _options(_commands()[name]), (name, opt)
        assert opt[2:].replace("-", "_") not in _keywords(MIRROR[name]), (name, opt)
