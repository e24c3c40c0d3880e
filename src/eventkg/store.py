"""Saving, loading and querying graphs.

* :class:`GraphWriter` writes per-article graphs to one file as they come (TriG and
  N-Quads stream; Turtle and JSON-LD are collected and written at the end), into a
  temporary file that replaces the target only when everything succeeded.
* :func:`load` parses a file into an rdflib Dataset, turning every parser failure into
  one :class:`~eventkg.errors.GraphReadError` naming the file, line and column.
* :func:`query` runs SPARQL over a file in an embedded Oxigraph store; queries that would
  reach the network (``SERVICE``, ``LOAD``) are refused unless allowed.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

import pyoxigraph as ox
import rdflib.plugins.sparql
from rdflib import Dataset, Graph

from eventkg.errors import GraphReadError, OutputError, QueryError
from eventkg.rdf.build import PREFIXES, bind_prefixes

__all__ = [
    "FORMATS",
    "GraphWriter",
    "QueryResult",
    "count_quads",
    "format_for",
    "load",
    "open_store",
    "query",
]

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
        directory = self.path.parent if str(self.path.parent) else Path(".")
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        except OSError as e:
            raise OutputError(
                f"{self.path}: cannot write here ({e.strerror}); choose another output path"
            ) from e
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
        ds = Dataset()
        bind_prefixes(ds)
        named = ds.graph(graph.identifier)
        for t in graph:
            named.add(t)
        data = ds.serialize(format=FORMATS[self.suffix][0], encoding="utf-8")
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


def load(path: str | os.PathLike[str], *, data: bytes | None = None) -> Dataset:
    """Parse an RDF file (TriG, N-Quads, Turtle, N-Triples, JSON-LD) into a Dataset.

    Raises
    ------
    GraphReadError
        When the file is missing, unreadable, or not valid RDF; the message names the
        file and, for syntax errors, the line and column.
    """
    p = Path(path)
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


def _open_store(paths: Iterable[str | os.PathLike[str]]) -> ox.Store:
    store = ox.Store()
    for path in paths:
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


def open_store(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> ox.Store:
    """An in-memory Oxigraph store with the quads of the graph files, for many queries.

    Raises
    ------
    GraphReadError
        When a file cannot be read.
    """
    files = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    return _open_store(files)


def count_quads(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> int:
    """How many quads the files hold (the default graph's triples included)."""
    files = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    return len(_open_store(files))


def query(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    sparql: str,
    *,
    allow_network: bool = False,
) -> QueryResult:
    """Run a SPARQL query over graph files in an embedded Oxigraph store.

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
    files = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    store = _open_store(files)
    try:
        res = store.query(sparql, use_default_graph_as_union=True)
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
