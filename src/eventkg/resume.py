"""What an earlier run already wrote, so that ``eventkg extract --resume`` can skip it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal

from eventkg.rdf.namespace import EKG
from eventkg.store import load

__all__ = ["Previous", "previous_output"]


@dataclass(frozen=True, slots=True)
class Previous:
    """The articles an output file already holds.

    Attributes
    ----------
    ids : frozenset of str
        Their ``ekg:articleId`` values (the ids :func:`eventkg.articles.read_articles` gives).
    graphs : tuple of rdflib.Graph
        Their graphs, one per article (one union graph for Turtle and N-Triples), to write
        again before the new articles.
    """

    ids: frozenset[str]
    graphs: tuple[Graph, ...]


def previous_output(path: str | os.PathLike[str]) -> Previous:
    """Read the articles already in the output file ``path`` (none if it does not exist).

    Raises
    ------
    eventkg.errors.GraphReadError
        When the file exists but cannot be read (truncated, not RDF); the message names it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.trig"
    >>> previous_output(out).ids
    frozenset()
    >>> _ = out.write_text('<https://ex.org/a> { <https://ex.org/a> a '
    ...     '<https://w3id.org/eventkg/ontology#Article> ; '
    ...     '<https://w3id.org/eventkg/ontology#articleId> "a" . }')
    >>> sorted(previous_output(out).ids)
    ['a']
    """
    if not Path(path).exists():
        return Previous(frozenset(), ())
    ds = load(path)
    ids: set[str] = set()
    graphs: list[Graph] = []
    for graph in ds.graphs():
        if next(iter(graph.triples((None, None, None))), None) is None:
            continue
        ids.update(str(v) for v in graph.objects(None, EKG.articleId) if isinstance(v, Literal))
        copy = Graph(identifier=graph.identifier)
        copy += graph
        graphs.append(copy)
    return Previous(frozenset(ids), tuple(graphs))
