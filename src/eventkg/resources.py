"""Files that ship with eventkg: the ontology, the SHACL shapes, the event-type crosswalk,
the JSON-LD context and the gazetteers.

An installed wheel carries them under ``eventkg/_resources/`` (``ontology/`` and
``gazetteers/``, see ``[tool.hatch.build.targets.wheel.force-include]`` in
``pyproject.toml``). A source checkout has them at the repository's top level, in
``ontology/`` and ``data/gazetteers/``. :func:`resource_path` looks in the package first
and falls back to the checkout, so both work the same.

The parsed ontology, shapes and crosswalk are cached: :func:`ontology_graph`,
:func:`shapes_graph` and :func:`crosswalk_graph` parse once per process and return the
same :class:`rdflib.Graph` each time. Treat those graphs as read-only; copy them
(``Graph() + g`` or ``g += ...`` on a new graph) before adding triples.
"""

from __future__ import annotations

import functools
from importlib import resources as _importlib_resources
from pathlib import Path

from rdflib import Graph

__all__ = ["crosswalk_graph", "ontology_graph", "resource_path", "shapes_graph"]

#: Top-level resource folder -> its place in a source checkout (relative to the repository).
_SOURCE_DIRS = {
    "ontology": ("ontology",),
    "gazetteers": ("data", "gazetteers"),
}

_REPO_ROOT = Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    """Return the path of a file that ships with eventkg.

    Parameters
    ----------
    *parts : str
        The resource's path below the resource root, as one string with ``/`` or as
        several parts: ``"ontology/shapes.ttl"``, ``("gazetteers", "armed_groups.jsonl")``.
        The first part names the resource folder: ``ontology`` or ``gazetteers``.

    Returns
    -------
    pathlib.Path
        ``eventkg/_resources/<parts>`` inside the installed package when it exists there,
        else the file in a source checkout (``ontology/...`` or ``data/gazetteers/...``).

    Raises
    ------
    ValueError
        If ``parts`` is empty, names an unknown folder, or tries to leave it with ``..``.
    FileNotFoundError
        If the file is in neither place (a broken install).

    Examples
    --------
    >>> from eventkg.resources import resource_path
    >>> resource_path("ontology/eventkg.ttl").name
    'eventkg.ttl'
    >>> resource_path("ontology", "shapes.ttl").is_file()
    True
    """
    pieces = [p for part in parts for p in part.replace("\\", "/").split("/") if p]
    if not pieces:
        raise ValueError("resource_path() needs a resource such as 'ontology/shapes.ttl'.")
    if any(p in {".", ".."} for p in pieces):
        raise ValueError(f"resource path {'/'.join(pieces)!r} must not contain '.' or '..' parts.")
    top, rest = pieces[0], pieces[1:]
    if top not in _SOURCE_DIRS:
        known = ", ".join(sorted(_SOURCE_DIRS))
        raise ValueError(f"unknown resource folder {top!r} in {'/'.join(pieces)!r}: use one of {known}.")

    candidates: list[Path] = []
    packaged = _packaged_root()
    if packaged is not None:
        candidates.append(packaged.joinpath(top, *rest))
    candidates.append(_REPO_ROOT.joinpath(*_SOURCE_DIRS[top], *rest))
    for candidate in candidates:
        if candidate.exists():
            return candidate
    looked = " and ".join(str(c) for c in candidates)
    raise FileNotFoundError(
        f"eventkg resource {'/'.join(pieces)!r} not found (looked in {looked}): "
        "reinstall eventkg, or run from a complete source checkout."
    )


def _packaged_root() -> Path | None:
    """``eventkg/_resources`` of the imported package, if it is a real directory."""
    try:
        root = _importlib_resources.files("eventkg").joinpath("_resources")
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - defensive
        return None
    if isinstance(root, Path) and root.is_dir():
        return root
    return None


def _parse_turtle(path: Path) -> Graph:
    """Parse a Turtle file we ship, reading the text ourselves (never a path string to rdflib)."""
    graph = Graph()
    graph.parse(data=path.read_text(encoding="utf-8"), format="turtle")
    return graph


@functools.cache
def ontology_graph() -> Graph:
    """Return the eventkg OWL ontology (``ontology/eventkg.ttl``), parsed once.

    Returns
    -------
    rdflib.Graph
        The cached ontology graph; do not modify it.

    Examples
    --------
    >>> from rdflib import OWL, RDF, URIRef
    >>> from eventkg.resources import ontology_graph
    >>> event = URIRef("https://w3id.org/eventkg/ontology#Event")
    >>> (event, RDF.type, OWL.Class) in ontology_graph()
    True
    """
    return _parse_turtle(resource_path("ontology", "eventkg.ttl"))


@functools.cache
def shapes_graph() -> Graph:
    """Return the eventkg SHACL shapes (``ontology/shapes.ttl``), parsed once.

    Returns
    -------
    rdflib.Graph
        The cached shapes graph; do not modify it.

    Examples
    --------
    >>> from rdflib import RDF, URIRef
    >>> from rdflib.namespace import SH
    >>> from eventkg.resources import shapes_graph
    >>> shape = URIRef("https://w3id.org/eventkg/shapes#EventShape")
    >>> (shape, RDF.type, SH.NodeShape) in shapes_graph()
    True
    """
    return _parse_turtle(resource_path("ontology", "shapes.ttl"))


@functools.cache
def crosswalk_graph() -> Graph:
    """Return the event-type crosswalk (``ontology/crosswalk.ttl``), parsed once.

    Returns
    -------
    rdflib.Graph
        The cached SKOS concept schemes (CAMEO, ACLED, GTD, PLOVER) and the mappings from
        eventkg's classes to them; do not modify it.

    Examples
    --------
    >>> from rdflib import RDF, SKOS, URIRef
    >>> from eventkg.resources import crosswalk_graph
    >>> cameo = URIRef("https://w3id.org/eventkg/crosswalk/cameo/1831")
    >>> (cameo, RDF.type, SKOS.Concept) in crosswalk_graph()
    True
    """
    return _parse_turtle(resource_path("ontology", "crosswalk.ttl"))
