"""One tree of errors for every user-facing failure.

BordergraphError
 ├── IngestError          a file could not be read as an article (empty, binary, huge, bad encoding)
 ├── ModelError           the spaCy English pipeline is not installed
 ├── StoreError           the store cannot be used
 │    ├── StoreMissingError   no store has been built at that path yet
 │    └── StoreLockedError    another process holds the store
 ├── QueryError           a SPARQL query cannot be answered
 │    ├── QuerySyntaxError    the parser refused it (HTTP 400)
 │    ├── QueryTimeoutError   it ran past the time limit
 │    └── ParameterError      a saved query's parameter is missing or unknown
 ├── OntologyError        the ontology is inconsistent or does not load
 └── ExportError          an export or push failed

Each class carries the process ``exit_code`` used by the CLI and the ``http_status`` used by the
endpoint, so both doors report the same failure the same way.  This module imports nothing from
bordergraph so that every layer can raise these without import cycles.
"""

from __future__ import annotations


class BordergraphError(Exception):
    """Base class: the message is one line a user can act on."""

    exit_code = 1
    http_status = 500


class IngestError(BordergraphError):
    """A file could not be read as an article; the message names the file."""

    exit_code = 3
    http_status = 400


class ModelError(BordergraphError):
    """The spaCy English pipeline is not installed."""

    exit_code = 4


class StoreError(BordergraphError):
    """The store cannot be opened or written."""

    exit_code = 5
    http_status = 503


class StoreMissingError(StoreError):
    """No store has been built at that path yet."""


class StoreLockedError(StoreError):
    """Another process holds the store open for writing."""


class QueryError(BordergraphError):
    """A SPARQL query cannot be answered."""

    exit_code = 6
    http_status = 400


class QuerySyntaxError(QueryError):
    """The SPARQL parser refused the query."""


class QueryTimeoutError(QueryError):
    """The query ran past its time limit."""

    http_status = 503


class ParameterError(QueryError):
    """A saved query was given a missing or unknown parameter, or does not exist."""


class OntologyError(BordergraphError):
    """The ontology does not load or is inconsistent."""

    exit_code = 7


class ExportError(BordergraphError):
    """An export or push failed."""

    exit_code = 8
    http_status = 502
