"""eventkg: news articles in, an RDF knowledge graph of events out.

This module only re-exports; nothing heavy happens at import time. The spaCy model is
loaded lazily, once, by :func:`eventkg.nlp.make_nlp`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from eventkg.errors import ArticleError, EventKGError, GraphReadError, ModelNotFoundError, QueryError

try:
    __version__ = version("eventkg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "ArticleError",
    "EventKGError",
    "GraphReadError",
    "ModelNotFoundError",
    "QueryError",
    "__version__",
]
