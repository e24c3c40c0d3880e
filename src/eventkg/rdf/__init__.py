"""The RDF stage: extractions to named graphs, following CONTRACT.md.

Nothing here imports spaCy; it works on :mod:`eventkg.models` values only.
"""

from __future__ import annotations

from eventkg.rdf.build import BASE, SCHEMA, article_graph, article_iri, bind_prefixes, build_graph
from eventkg.rdf.namespace import EKG, NIF, SEM

__all__ = [
    "BASE",
    "EKG",
    "NIF",
    "SCHEMA",
    "SEM",
    "article_graph",
    "article_iri",
    "bind_prefixes",
    "build_graph",
]
