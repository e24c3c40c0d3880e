"""Exceptions raised by the eventkg library.

The library raises, the CLI exits: only :mod:`eventkg.cli` turns these into exit codes.
Every message names the file, line or IRI involved and says what to do.
"""

from __future__ import annotations

__all__ = [
    "ArticleError",
    "EventKGError",
    "GraphReadError",
    "ModelNotFoundError",
    "NetworkAccessError",
    "OutputError",
    "QueryError",
]


class EventKGError(Exception):
    """Base class of every error eventkg raises on purpose."""


class ArticleError(EventKGError):
    """An input article (file, JSONL line, stdin) could not be read.

    ``source`` names the file and ``line`` the 1-based line (JSONL) where known.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        where = source or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line
        self.reason = message


class ModelNotFoundError(EventKGError):
    """The requested spaCy pipeline is not installed."""


class GraphReadError(EventKGError):
    """An RDF file could not be parsed (names file, line and column where known)."""


class QueryError(EventKGError):
    """A SPARQL query is malformed or not allowed (e.g. SERVICE without network access)."""


class NetworkAccessError(EventKGError):
    """Something tried to reach the network without the user's permission."""


class OutputError(EventKGError):
    """An output file could not be written."""
