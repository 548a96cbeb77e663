"""Saved queries: the competency questions as ``.rq`` files shipped in ``bordergraph.graph.queries``.

Each file starts with a header comment::

    # title: Who denied fentanyl production in Mexico
    # question: Which actors claimed that fentanyl is not produced in Mexico, and who contradicted them?
    # param: actor — name or alias of the actor (literal)
    # param: iri [iri] — an IRI parameter
    # param: year [integer] = 2023 — with a type and a default

A parameter is a variable the query SELECTs; its value is bound as a term (see ``query.py``).
Types: ``literal`` (default), ``iri``, ``integer``, ``date``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import pyoxigraph as ox

from bordergraph.errors import ParameterError

_PARAM = re.compile(r"^(?P<name>\w+)\s*(?:\[(?P<type>\w+)\])?\s*(?:=\s*(?P<default>[^—]*?))?\s*(?:—|--)\s*(?P<help>.*)$")
_TYPES = ("literal", "iri", "integer", "date")
RESERVED = {"timeout", "limit", "name"}  # keyword names of run_saved()


@dataclass(frozen=True)
class Param:
    name: str
    help: str
    type: str = "literal"
    default: str | None = None

    def term(self, value: Any) -> Any:
        """The value as the term this parameter declares (never text spliced into SPARQL)."""
        from bordergraph.graph.query import XSD, iri, to_term

        if not isinstance(value, str):
            return to_term(value)
        if self.type == "iri":
            return iri(value)
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d+", value.strip()):
                raise ParameterError(f"parameter {self.name} must be an integer, got {value!r}")
            return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "integer"))
        if self.type == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                raise ParameterError(f"parameter {self.name} must be a date YYYY-MM-DD, got {value!r}")
            return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "date"))
        return ox.Literal(value)


@dataclass(frozen=True)
class SavedQuery:
    """One shipped query: its name (the file stem), header fields and SPARQL text."""

    name: str
    title: str
    question: str
    sparql: str
    params: tuple[Param, ...] = field(default_factory=tuple)

    def bindings(self, values: dict[str, Any]) -> dict[str, Any]:
        """Check ``values`` against the declared parameters and turn them into terms.

        :raises ParameterError: a parameter is missing or unknown.
        """
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParameterError(
                f"saved query {self.name!r} has no parameter {unknown[0]!r}; "
                + (f"its parameters: {', '.join(known)}" if known else "it takes no parameters")
            )
        out = {}
        for p in self.params:
            if p.name in values:
                out[p.name] = p.term(values[p.name])
            elif p.default is not None:
                out[p.name] = p.term(p.default)
            else:
                raise ParameterError(
                    f"saved query {self.name!r} needs --param {p.name}=VALUE ({p.help})"
                )
        return out


def parse_saved(name: str, text: str) -> SavedQuery:
    """Read the header comment of one ``.rq`` file."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        key, _, value = line.lstrip("# ").partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            m = _PARAM.match(value)
            if not m:
                raise ValueError(f"{name}.rq: cannot read parameter line {line!r}")
            ptype = (m.group("type") or "literal").lower()
            if ptype not in _TYPES or m.group("name") in RESERVED:
                raise ValueError(f"{name}.rq: bad parameter {m.group('name')!r} [{ptype}]")
            params.append(Param(m.group("name"), m.group("help").strip(), ptype, m.group("default")))
        elif key in ("title", "question"):
            fields[key] = value
    return SavedQuery(name, fields.get("title", name), fields.get("question", ""), text, tuple(params))


@lru_cache(maxsize=1)
def _load_all() -> dict[str, SavedQuery]:
    folder = resources.files("bordergraph.graph") / "queries"
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            stem = entry.name[:-3]
            out[stem] = parse_saved(stem, entry.read_text(encoding="utf-8"))
    return out


def saved_queries() -> list[SavedQuery]:
    """Every shipped saved query, sorted by name."""
    return list(_load_all().values())


def get_saved(name: str) -> SavedQuery:
    """The saved query called ``name``.

    :raises ParameterError: no such saved query (the message lists them).
    """
    queries = _load_all()
    if name not in queries:
        raise ParameterError(
            f"unknown saved query {name!r}; `bordergraph queries` lists them: {', '.join(queries)}"
        )
    return queries[name]
