"""Saving, loading and querying graphs.

* :class:`GraphWriter` writes per-article graphs to one file as they come (TriG and
  N-Quads stream; Turtle and JSON-LD are collected and written at the end), into a
  temporary file that replaces the target only when everything succeeded.
* :func:`load` parses a file into an rdflib Dataset, turning every parser failure into
  one :class:`~eventkg.errors.GraphReadError` naming the file, line and column.
* :func:`query` runs SPARQL over files or an on-disk Oxigraph store; queries that would
  reach the network (``SERVICE``, ``LOAD``) are refused unless allowed.
* :class:`StoreWriter` writes per-article graphs into an on-disk Oxigraph store
  (:func:`open_store`): re-writing an article replaces its graph, so runs are incremental.
* :func:`export` streams a store (or files) to TriG, N-Quads, Turtle or N-Triples, and
  :func:`iter_graphs` yields its article graphs one at a time as small rdflib graphs.

Wherever a *source* is taken, it is a graph file, a list of them, or an open
:class:`pyoxigraph.Store` (:func:`open_store`). A store's default graph holds the union of
its article graphs, each triple once, and is what a query without ``GRAPH`` reads.
Oxigraph stores ``xsd:nonNegativeInteger`` values as ``xsd:integer``; graphs read back out
of a store get the datatype the ontology declares.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, TypeVar

import psutil
import pyoxigraph as ox
import rdflib.plugins.sparql
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDFS, XSD
from rdflib.term import Node

from eventkg.errors import GraphReadError, OutputError, QueryError
from eventkg.rdf.build import PREFIXES, bind_prefixes
from eventkg.rdf.namespace import NIF
from eventkg.resources import ontology_graph

_Q = TypeVar("_Q", ox.Quad, ox.Triple)

__all__ = [
    "FORMATS",
    "GraphWriter",
    "QueryResult",
    "Source",
    "StoreWriter",
    "add_union",
    "atomic_file",
    "count_quads",
    "export",
    "format_for",
    "iter_graphs",
    "load",
    "nquad_batches",
    "nquad_graphs",
    "open_store",
    "query",
    "to_dataset",
]

#: Graph files (one path or several) or an open Oxigraph store.
Source = str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | ox.Store

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # never fetch FROM <url> graphs

#: file suffix -> (rdflib format, pyoxigraph format)
FORMATS = {
    ".trig": ("trig", ox.RdfFormat.TRIG),
    ".nq": ("nquads", ox.RdfFormat.N_QUADS),
    ".ttl": ("turtle", ox.RdfFormat.TURTLE),
    ".nt": ("nt", ox.RdfFormat.N_TRIPLES),
    ".jsonld": ("json-ld", None),
}
_STREAMING = {".trig", ".nq"}
# the keywords, not a variable (?service), a prefixed name (schema:Service) or a literal
_NETWORK = re.compile(r"(?<![?$:\w])(?:SERVICE|LOAD)\s*(?:SILENT\s*)?[<?$\w]", re.IGNORECASE)
# what a query's keywords never hide in: IRIs, string literals and comments, read left to right
_OPAQUE = re.compile(
    "|".join(
        [
            r"<[^<>\s\"{}|^`\\]*>",  # an IRI
            r"'{3}[\s\S]*?'{3}",  # long strings
            r'"{3}[\s\S]*?"{3}',
            r'"(?:[^"\\\n]|\\.)*"',  # short strings
            r"'(?:[^'\\\n]|\\.)*'",
            r"#[^\n]*",  # a comment
        ]
    )
)


def format_for(path: str | os.PathLike[str]) -> str:
    """The suffix of ``path`` if eventkg reads and writes it, else raise OutputError."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise OutputError(
            f"{path}: unknown RDF format {suffix or '(no suffix)'!r}; use one of {', '.join(FORMATS)}"
        )
    return suffix


class GraphWriter:
    """Write article graphs to ``path`` atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from rdflib import Graph, URIRef, Literal
    >>> g = Graph(identifier=URIRef("https://example.org/a"))
    >>> _ = g.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal(1)))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.trig"
    >>> with GraphWriter(out) as w:
    ...     w.write(g)
    >>> out.exists()
    True
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.suffix = format_for(self.path)
        self.count = 0
        self.triples = 0
        self._collected: Dataset | None = None if self.suffix in _STREAMING else Dataset()
        self._tmp: IO[bytes] | None = None

    def __enter__(self) -> GraphWriter:
        fd, name = _temp_beside(self.path)
        self._tmp = os.fdopen(fd, "wb")
        self._tmp_name = name
        return self

    def write(self, graph: Graph) -> None:
        """Add one named graph (its identifier names it)."""
        assert self._tmp is not None, "use GraphWriter as a context manager"
        self.count += 1
        self.triples += len(graph)
        if self._collected is not None:
            named = self._collected.graph(graph.identifier)
            for t in graph:
                named.add(t)
            return
        data = _as_dataset(graph).serialize(format=FORMATS[self.suffix][0], encoding="utf-8")
        if self.suffix == ".nq":  # rdflib writes quads in hash order, which varies between runs
            data = b"".join(sorted(data.splitlines(keepends=True)))
        self._tmp.write(data)
        if not data.endswith(b"\n"):
            self._tmp.write(b"\n")

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._tmp is not None
        try:
            if exc_type is None and self._collected is not None:
                self._write_collected(self._collected)
            self._tmp.flush()
            os.fsync(self._tmp.fileno())
            self._tmp.close()
            if exc_type is None:
                os.replace(self._tmp_name, self.path)
        except OSError as e:
            raise OutputError(f"{self.path}: could not write ({e.strerror})") from e
        finally:
            if os.path.exists(self._tmp_name):
                os.unlink(self._tmp_name)

    def _write_collected(self, ds: Dataset) -> None:
        assert self._tmp is not None
        bind_prefixes(ds)
        if self.suffix == ".jsonld":
            data = ds.serialize(format="json-ld", context=dict(PREFIXES), encoding="utf-8")
        else:  # Turtle / N-Triples hold one graph: the union of the articles' graphs
            union = Graph()
            bind_prefixes(union)
            for g in ds.graphs():
                for t in g:
                    union.add(t)
            data = union.serialize(format=FORMATS[self.suffix][0], encoding="utf-8")
        self._tmp.write(data)


def _as_dataset(graph: Graph) -> Dataset:
    """A Dataset whose only named graph is ``graph``.

    A graph alone in its store (an article graph) is wrapped as it is: one article of a
    huge text can have half a million triples, and a copy would double the memory.
    """
    store = graph.store
    if store.graph_aware and [c.identifier for c in store.contexts()] == [graph.identifier]:
        return Dataset(store=store)
    ds = Dataset()
    bind_prefixes(ds)
    named = ds.graph(graph.identifier)
    for t in graph:
        named.add(t)
    return ds


def load(path: str | os.PathLike[str], *, data: bytes | None = None) -> Dataset:
    """Parse an RDF file (TriG, N-Quads, Turtle, N-Triples, JSON-LD) into a Dataset.

    A folder is read as an Oxigraph store (:func:`open_store`); the whole store is copied
    into memory, so for big stores prefer :func:`query`, :func:`iter_graphs` or :func:`export`.

    Raises
    ------
    GraphReadError
        When the file is missing, unreadable, or not valid RDF; the message names the
        file and, for syntax errors, the line and column.
    """
    p = Path(path)
    if data is None and p.is_dir():
        return to_dataset(open_store(p))
    suffix, data = _read(p, data)
    _check_syntax(p, data, suffix)
    ds = Dataset()
    if suffix == ".jsonld":
        _no_remote_context(p, data)
    try:
        ds.parse(data=data.decode("utf-8"), format=FORMATS[suffix][0], publicID=p.resolve().as_uri())
    except Exception as e:  # rdflib raises many types; the file is what is wrong
        raise GraphReadError(f"{p}: not valid {FORMATS[suffix][0]} ({type(e).__name__}: {e})") from e
    bind_prefixes(ds)
    return ds


def _read(p: Path, data: bytes | None = None) -> tuple[str, bytes]:
    """The format suffix of ``p`` and its bytes; GraphReadError if unknown, unreadable or empty."""
    suffix = p.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(FORMATS)
        raise GraphReadError(f"{p}: unknown RDF format {suffix or '(no suffix)'!r}; use one of {known}")
    if data is None:
        try:
            data = p.read_bytes()
        except OSError as e:
            raise GraphReadError(f"{p}: cannot read ({e.strerror})") from e
    if not data.strip():
        raise GraphReadError(f"{p}: the file is empty; give a graph written by 'eventkg extract'")
    return suffix, data


def _check_syntax(p: Path, data: bytes, suffix: str) -> None:
    """Let Oxigraph's parser find syntax errors: it reports line and column."""
    fmt = FORMATS[suffix][1]
    if fmt is None:
        return
    try:
        for _ in ox.parse(io.BytesIO(data), format=fmt, base_iri=p.resolve().as_uri()):
            pass
    except SyntaxError as e:
        raise GraphReadError(f"{p}: {e}; the file is truncated or not {FORMATS[suffix][0]}") from e
    except (ValueError, UnicodeDecodeError) as e:
        raise GraphReadError(f"{p}: not valid {FORMATS[suffix][0]} ({e})") from e


def _no_remote_context(p: Path, data: bytes) -> None:
    """Refuse JSON-LD whose @context is fetched from anywhere (remote or file)."""
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as e:
        raise GraphReadError(f"{p}:{e.lineno}:{e.colno}: malformed JSON ({e.msg})") from e
    except ValueError as e:  # undecodable bytes
        raise GraphReadError(f"{p}: not JSON-LD text ({e})") from e

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in ("@context", "@import"):
                value = node.get(key)
                for c in value if isinstance(value, list) else [value]:
                    if isinstance(c, str):
                        raise GraphReadError(
                            f"{p}: JSON-LD {key} {c!r} would be fetched; eventkg never loads remote "
                            "contexts, inline the context instead"
                        )
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """SPARQL results: ``kind`` is ``select``, ``ask`` or ``graph``."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[str | None, ...], ...] = ()
    boolean: bool | None = None
    ntriples: str = ""


def _term(t: object) -> str | None:
    if t is None:
        return None
    if isinstance(t, ox.Literal):
        return t.value
    if isinstance(t, ox.NamedNode):
        return t.value
    return str(t)


def _open_store(source: Source) -> ox.Store:
    """A store to query: ``source`` itself if it is a store, else the files in memory.

    In both, the default graph holds the union of the article graphs, each triple once
    (:class:`StoreWriter` keeps it up to date). Oxigraph's own union default graph lists
    a triple once per graph that holds it, which inflates counts and makes joins over
    shared places and groups grow with the number of articles mentioning them.
    """
    if isinstance(source, ox.Store):
        return source
    return add_union(_files_store(source))


def add_union(store: ox.Store) -> ox.Store:
    """Put the union of ``store``'s named graphs, each triple once, in its default graph.

    :class:`StoreWriter` keeps this union up to date in on-disk stores; a store filled
    another way (an in-memory one) needs it before queries without ``GRAPH``. Returns
    ``store``.
    """
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


def _files_store(source: Source) -> ox.Store:
    """The files of ``source`` loaded, as they are, into an in-memory store."""
    store = ox.Store()
    for path in [source] if isinstance(source, str | os.PathLike) else source:
        p = Path(path)
        if p.suffix.lower() == ".jsonld":  # JSON-LD: through rdflib, which refuses remote contexts
            data = load(p).serialize(format="nquads", encoding="utf-8")
            store.bulk_load(io.BytesIO(data), format=ox.RdfFormat.N_QUADS)
            continue
        suffix, raw = _read(p)
        try:
            store.bulk_load(io.BytesIO(raw), format=FORMATS[suffix][1], base_iri=p.resolve().as_uri())
        except SyntaxError as e:
            raise GraphReadError(f"{p}: {e}; the file is truncated or not {FORMATS[suffix][0]}") from e
    return store


def count_quads(source: Source) -> int:
    """How many quads the files hold (their default graph's triples included), or the
    store's article graphs hold."""
    if isinstance(source, ox.Store):
        res = source.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(res))["n"].value)  # type: ignore[arg-type]
    return len(_files_store(source))


def query(
    source: Source,
    sparql: str,
    *,
    allow_network: bool = False,
) -> QueryResult:
    """Run a SPARQL query over graph files or an Oxigraph store.

    The default graph is the union of all named graphs, so a query without ``GRAPH``
    sees every article.

    Raises
    ------
    QueryError
        For a malformed query, or one using ``SERVICE`` / ``LOAD`` without
        ``allow_network=True``.
    GraphReadError
        When a file cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.nq"
    >>> _ = p.write_text('<http://a> <http://b> "c" <http://g> .\\n')
    >>> query(p, "SELECT ?o WHERE { ?s ?p ?o }").rows
    (('c',),)
    """
    if not allow_network and _NETWORK.search(_strip_literals(sparql)):
        raise QueryError(
            "the query uses SERVICE or LOAD, which would reach the network; pass --allow-network"
        )
    store = _open_store(source)
    try:
        res = store.query(sparql)
    except SyntaxError as e:
        raise QueryError(f"malformed SPARQL: {e}") from e
    except (OSError, ValueError) as e:
        raise QueryError(f"query failed: {e}") from e
    if isinstance(res, ox.QuerySolutions):
        variables = tuple(v.value for v in res.variables)
        rows = tuple(tuple(_term(sol[v]) for v in variables) for sol in res)
        return QueryResult("select", variables, rows)
    if isinstance(res, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(res))
    out = io.BytesIO()
    ox.serialize(res, out, format=ox.RdfFormat.N_TRIPLES)
    return QueryResult("graph", ntriples=out.getvalue().decode("utf-8"))


def _strip_literals(sparql: str) -> str:
    """The query with IRIs, strings and comments blanked (in one left-to-right pass, so a
    ``#`` inside a string or a quote inside a comment cannot hide a keyword)."""
    return _OPAQUE.sub(lambda m: "<>" if m.group().startswith("<") else " ", sparql)


# --------------------------------------------------------------------------- on-disk store
def open_store(source: Source, *, create: bool = False) -> ox.Store:
    """An Oxigraph store: the store folder ``source``, or graph files loaded into memory.

    Either way its default graph is the union of the article graphs, each triple once,
    and it can be passed wherever a *source* is taken (and queried many times).

    Parameters
    ----------
    source : path, list of paths or pyoxigraph.Store
        A store's folder (RocksDB files), graph files (any format eventkg reads), or an
        open store (returned as it is).
    create : bool
        Open the folder for writing, creating it if needed. Without it a folder is opened
        read-only, so several readers (a query, a running ``eventkg serve``) can share it;
        do not read while another process writes.

    Raises
    ------
    GraphReadError
        When the folder is missing, is not a store or is locked by a writer, or a file
        cannot be read.

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> len(open_store(d, create=True))
    0
    """
    if isinstance(source, ox.Store):
        return source
    if not isinstance(source, str | os.PathLike) or (
        not create and Path(source).suffix.lower() in FORMATS and not Path(source).is_dir()
    ):
        return _open_store(source)
    p = Path(source)
    if not create and not (p / "CURRENT").is_file():
        what = "does not exist" if not p.exists() else "is not an Oxigraph store"
        raise GraphReadError(f"{p}: {what}; create one with 'eventkg extract ... --store {p}'")
    try:
        return ox.Store(str(p)) if create else ox.Store.read_only(str(p))
    except OSError as e:
        raise GraphReadError(
            f"{p}: cannot open the store ({e}); is another eventkg process writing to it?"
        ) from e


class StoreWriter:
    """Write article graphs into an on-disk Oxigraph store, replacing any earlier version.

    Each graph replaces the named graph of the same name, so extracting an article again
    leaves no duplicates and new articles are added beside the old ones. The default graph
    is kept as the union of the article graphs, each triple once, and is what a query
    without ``GRAPH`` reads.

    Examples
    --------
    >>> import tempfile
    >>> from rdflib import Graph, URIRef, Literal
    >>> g = Graph(identifier=URIRef("https://example.org/a"))
    >>> _ = g.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal(1)))
    >>> d = tempfile.mkdtemp()
    >>> for _ in range(2):
    ...     with StoreWriter(d) as w:
    ...         w.write(g)
    >>> count_quads(open_store(d))
    1
    """

    #: New graphs are buffered and bulk-loaded this many quads at a time (about three times
    #: faster than a transaction per article); a graph the store holds is replaced at once.
    BATCH_QUADS = 50_000

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.path = Path(directory)
        self.count = 0
        self.triples = 0
        self._store: ox.Store | None = None
        self._pending: list[ox.Quad] = []
        self._pending_names: set[ox.NamedNode] = set()

    def __enter__(self) -> StoreWriter:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(f"{self.path}: cannot create the store here ({e.strerror})") from e
        try:
            self._store = open_store(self.path, create=True)
        except GraphReadError as e:
            raise OutputError(str(e)) from e
        return self

    def __contains__(self, graph_name: object) -> bool:
        """Whether the store already holds the named graph ``graph_name`` (an IRI)."""
        return self._has(ox.NamedNode(str(graph_name)))

    def _has(self, name: ox.NamedNode) -> bool:
        assert self._store is not None, "use StoreWriter as a context manager"
        return name in self._pending_names or self._store.contains_named_graph(name)

    def write(self, graph: Graph) -> None:
        """Store one article graph under its identifier, replacing what was there."""
        assert self._store is not None, "use StoreWriter as a context manager"
        store = self._store
        name = ox.NamedNode(str(graph.identifier))
        triples = [ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in graph]  # type: ignore[arg-type]
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, g) for t in triples for g in (name, ox.DefaultGraph())
        ]
        self.count += 1
        self.triples += len(triples)
        if not self._has(name):
            self._pending += quads
            self._pending_names.add(name)
            if len(self._pending) >= self.BATCH_QUADS:
                self._flush()
            return
        self._flush()  # the graph may be among the buffered ones
        old = [q.triple for q in store.quads_for_pattern(None, None, None, name)]
        store.remove_graph(name)
        for t in set(old) - set(triples):  # leaves the union unless another article has it
            if not any(
                not isinstance(q.graph_name, ox.DefaultGraph)
                for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None)
            ):
                store.remove(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
        store.extend(quads)

    def _flush(self) -> None:
        """Bulk-load the buffered new graphs."""
        assert self._store is not None
        if self._pending:
            self._store.bulk_extend(self._pending)
        self._pending, self._pending_names = [], set()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._store is not None
        try:  # what was written stays, even after an error: the store is incremental
            self._flush()
            self._store.flush()
        except OSError as e:
            raise OutputError(f"{self.path}: could not write the store ({e})") from e
        finally:
            del self._store
            self._store = None


def iter_graphs(source: Source) -> Iterator[Graph]:
    """Each graph of ``source`` as a small in-memory rdflib graph, sorted by name.

    The default graph comes first (when it holds triples) with the identifier
    :data:`rdflib.graph.DATASET_DEFAULT_GRAPH_ID`; then one graph per article. Only one
    graph is held at a time, so this walks stores of any size.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.nq"
    >>> _ = p.write_text('<http://a> <http://b> "c" <http://g> .\\n')
    >>> [(str(g.identifier), len(g)) for g in iter_graphs(p)]
    [('http://g', 1)]
    """
    for name, quads in _graph_quads(source):
        identifier = DATASET_DEFAULT_GRAPH_ID if isinstance(name, ox.DefaultGraph) else _rdf_term(name)
        g = Graph(identifier=identifier)
        g.addN((_rdf_term(q.subject), _rdf_term(q.predicate), _rdf_term(q.object), g) for q in quads)
        bind_prefixes(g)
        yield g


def to_dataset(source: Source) -> Dataset:
    """Copy every graph of ``source`` (files, or a store) into one in-memory rdflib Dataset.

    This is how a command that needs rdflib (validation, networkx analysis) opens
    "GRAPH files or ``--store DIR``". The whole source is held in memory; walk big stores
    with :func:`iter_graphs` instead.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.nq"
    >>> _ = p.write_text('<http://a> <http://b> "c" <http://g> .\\n')
    >>> len(to_dataset(p))
    1
    """
    ds = Dataset()
    bind_prefixes(ds)
    for g in iter_graphs(source):
        named = ds.graph(g.identifier)
        named.addN((s, p, o, named) for s, p, o in g)
    return ds


def nquad_batches(source: Source, *, triples: int = 20_000) -> Iterator[bytes]:
    """The graphs of ``source`` as N-Quads, a few whole graphs (about ``triples``) per batch.

    For handing graphs to worker processes cheaply; a batch reloads with
    ``pyoxigraph.Store().bulk_load(batch, format=RdfFormat.N_QUADS)``.
    """
    batch: list[ox.Quad] = []
    for _, quads in _graph_quads(source):
        batch += quads
        if len(batch) >= triples:
            yield ox.serialize(batch, format=ox.RdfFormat.N_QUADS) or b""
            batch = []
    if batch:
        yield ox.serialize(batch, format=ox.RdfFormat.N_QUADS) or b""


def nquad_graphs(batch: bytes) -> Iterator[tuple[str | None, list[tuple[Node, Node, Node]]]]:
    """``(graph name, rdflib triples)`` for each graph of a batch from :func:`nquad_batches`.

    The name is ``None`` for the default graph, ``_:id`` for a blank node.

    Examples
    --------
    >>> [(name, len(triples)) for name, triples in nquad_graphs(b'<http://a> <http://b> "c" <http://g> .\\n')]
    [('http://g', 1)]
    """
    quads = ox.parse(batch, format=ox.RdfFormat.N_QUADS)
    for name, group in itertools.groupby(quads, key=lambda q: q.graph_name):
        triples: list[tuple[Node, Node, Node]] = [
            (_rdf_term(q.subject), _rdf_term(q.predicate), _rdf_term(q.object)) for q in group
        ]
        if isinstance(name, ox.DefaultGraph):
            yield None, triples
        else:  # written as eventkg.validation names graphs: a blank node as _:id
            yield (f"_:{name.value}" if isinstance(name, ox.BlankNode) else name.value), triples


def _graph_quads(
    source: Source,
) -> Iterator[tuple[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Quad]]]:
    """``(name, quads)`` of each non-empty graph, sorted by name, datatypes restored.

    A file's default graph comes first; a store's default graph (the union of its
    article graphs) is left out.
    """
    names: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = []
    if isinstance(source, ox.Store):
        store = source
    else:
        store = _files_store(source)
        names.append(ox.DefaultGraph())
    names += sorted(store.named_graphs(), key=lambda n: n.value)  # type: ignore[union-attr]
    for name in names:
        quads = [_restored(q) for q in store.quads_for_pattern(None, None, None, name)]
        if quads:
            yield name, quads


def export(source: Source, path: str | os.PathLike[str]) -> int:
    """Write ``source`` to ``path`` (``.trig``, ``.nq``, ``.ttl`` or ``.nt``) atomically.

    Quads stream from the store to the file; nothing is held in memory. TriG and N-Quads
    keep one named graph per article; Turtle and N-Triples hold the union of the article
    graphs. Returns the number of quads (or triples) written.

    Raises
    ------
    OutputError
        For another suffix, or when the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "g.nq").write_text('<http://a> <http://b> "c" <http://g> .\\n')
    >>> export(d / "g.nq", d / "g.nt")
    1
    >>> (d / "g.nt").read_text()
    '<http://a> <http://b> "c" .\\n'
    """
    out = Path(path)
    suffix = format_for(out)
    if suffix not in _STORE_EXPORTS:
        raise OutputError(f"{out}: export writes {', '.join(_STORE_EXPORTS)}; not {suffix}")
    fmt = FORMATS[suffix][1]
    count = 0
    with atomic_file(out) as tmp:
        if suffix in _STREAMING:
            items: Iterable[ox.Quad | ox.Triple] = (q for _, quads in _graph_quads(source) for q in quads)
        else:  # the default graph of the store is the union of the article graphs
            union = _open_store(source).quads_for_pattern(None, None, None, ox.DefaultGraph())
            items = (_restored(q).triple for q in union)

        def counted(items: Iterable[ox.Quad | ox.Triple]) -> Iterator[ox.Quad | ox.Triple]:
            nonlocal count
            for item in items:
                count += 1
                yield item

        ox.serialize(counted(items), tmp, format=fmt, prefixes=dict(PREFIXES))  # type: ignore[arg-type]
    return count


_STORE_EXPORTS = (".trig", ".nq", ".ttl", ".nt")


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str], *, binary: bool = True) -> Iterator[IO[Any]]:
    """A temporary file beside ``path`` that replaces it only if the block succeeds.

    Raises
    ------
    OutputError
        When the file cannot be created or written; the message names ``path``.
    """
    path = Path(path)
    fd, name = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") if binary else open(fd, "w", encoding="utf-8", newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(name, path)
    except OSError as e:
        raise OutputError(f"{path}: could not write ({e.strerror or e})") from e
    finally:
        if os.path.exists(name):
            os.unlink(name)


def _temp_beside(path: Path) -> tuple[int, str]:
    """Create the temporary file ``path`` is written through, beside it, and open it.

    Its name says whose it is: ``.out.trig.eventkg-HOST-PID-RANDOM.tmp``. A run killed with
    ``kill -9`` cannot remove its own, so the stale ones for ``path`` are removed here first:
    those of this host whose process is gone, or whose pid now belongs to a process started
    after the file was last written.
    """
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(directory, path.name)
        prefix = f".{path.name}.eventkg-{_HOST}-{os.getpid()}-"
        return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    except OSError as e:
        raise OutputError(f"{path}: cannot write here ({e.strerror}); choose another output path") from e


_HOST = re.sub(r"[^A-Za-z0-9-]+", "-", os.uname().nodename)[:40] or "host"


def _remove_stale_temps(directory: Path, name: str) -> None:
    """Remove the temporary files for ``name`` that a killed run of eventkg left behind."""
    ours = re.compile(rf"\.{re.escape(name)}\.eventkg-(?P<host>[A-Za-z0-9-]+)-(?P<pid>\d+)-[a-z0-9_]+\.tmp")
    for entry in os.scandir(directory):
        match = ours.fullmatch(entry.name)
        if match is None or match["host"] != _HOST or not entry.is_file(follow_symlinks=False):
            continue
        try:
            owner = psutil.Process(int(match["pid"]))
            gone = owner.status() == psutil.STATUS_ZOMBIE
            # pids are reused: a process started after the file was written cannot own it
            # (create_time is exact to about a second)
            gone = gone or owner.create_time() > entry.stat().st_mtime + 2
        except psutil.NoSuchProcess:
            gone = True
        except psutil.AccessDenied:  # someone else's process: leave its file alone
            continue
        if gone:
            with contextlib.suppress(FileNotFoundError):  # another run removed it first
                os.unlink(entry.path)


_XSD_STRING = str(XSD.string)
_XSD_INTEGER = ox.NamedNode(str(XSD.integer))


@functools.cache
def _derived_ranges() -> dict[ox.NamedNode, ox.NamedNode]:
    """Properties whose values are typed with a datatype derived from ``xsd:integer``.

    Oxigraph stores such literals as ``xsd:integer`` (``"3"^^xsd:nonNegativeInteger``
    comes back as ``"3"^^xsd:integer``); the ontology's ``rdfs:range`` (and NIF's, for
    the offsets) says which datatype to give them back.
    """
    ranges = {NIF.beginIndex: XSD.nonNegativeInteger, NIF.endIndex: XSD.nonNegativeInteger}
    for prop, dt in ontology_graph().subject_objects(RDFS.range):
        if isinstance(prop, URIRef) and dt in _INTEGER_TYPES:
            ranges[prop] = URIRef(str(dt))
    return {ox.NamedNode(str(p)): ox.NamedNode(str(d)) for p, d in ranges.items()}


_INTEGER_TYPES = {
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
    XSD.nonPositiveInteger,
    XSD.negativeInteger,
    XSD.long,
    XSD.int,
    XSD.short,
    XSD.byte,
    XSD.unsignedLong,
    XSD.unsignedInt,
    XSD.unsignedShort,
    XSD.unsignedByte,
}


def _restored(q: _Q) -> _Q:
    """``q`` with an ``xsd:integer`` object retyped to its property's declared range."""
    o = q.object
    if isinstance(o, ox.Literal) and o.datatype == _XSD_INTEGER:
        dt = _derived_ranges().get(q.predicate)
        if dt is not None:
            o = ox.Literal(o.value, datatype=dt)
            if isinstance(q, ox.Quad):
                return ox.Quad(q.subject, q.predicate, o, q.graph_name)
            return ox.Triple(q.subject, q.predicate, o)
    return q


def _ox_term(t: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)) if t.datatype else None)
    raise TypeError(f"not an RDF term: {t!r}")


def _rdf_term(t: object) -> URIRef | BNode | Literal:
    """A pyoxigraph term as an rdflib term (``xsd:string`` literals become plain literals)."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return Literal(t.value, datatype=None if dt == _XSD_STRING else URIRef(dt))
    raise TypeError(f"not an RDF term: {t!r}")
