"""A SPARQL server: serve a store with the ``oxigraph`` server, push graphs to any endpoint.

* :class:`EndpointWriter` uploads article graphs to a SPARQL 1.1 Graph Store Protocol
  endpoint (Oxigraph ``/store``, Fuseki ``/ds/data``, GraphDB ``/rdf-graphs/service``):
  one ``PUT ?graph=<article IRI>`` per graph, which replaces that graph, so pushing twice
  leaves the same data. Graphs are sent in batches over a few connections, and failed
  requests (connection errors, 429 and 5xx answers) are retried with back-off.
* :func:`push` sends every graph of a file or store through an :class:`EndpointWriter`.
* :func:`server_command` is the command line that serves a store read-only (or
  writable) with the ``oxigraph`` server installed from PyPI (``pip install eventkg[server]``).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

import requests
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from eventkg.errors import EventKGError, OutputError
from eventkg.store import Source, iter_graphs, open_store

__all__ = ["EndpointWriter", "push", "server_command"]

_NTRIPLES = "application/n-triples"


class EndpointWriter:
    """Upload article graphs to a Graph Store Protocol endpoint, replacing each graph.

    Parameters
    ----------
    url : str
        The endpoint, such as ``http://127.0.0.1:7878/store``.
    batch : int
        Graphs sent at once (over ``connections`` parallel connections) before the next
        batch is read.
    retries : int
        How often a failed request is retried (with exponential back-off).
    connections : int
        Parallel HTTP connections.
    timeout : float
        Seconds to wait for each answer.
    """

    def __init__(
        self, url: str, *, batch: int = 64, retries: int = 5, connections: int = 4, timeout: float = 60.0
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise OutputError(f"{url}: not an http(s) URL; give the Graph Store endpoint, e.g. .../store")
        self.url = url
        self.count = 0
        self.triples = 0
        self._batch_size = max(1, batch)
        self._timeout = timeout
        self._pending: list[tuple[str, bytes]] = []
        retry = Retry(
            total=retries,
            backoff_factor=0.5,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"PUT"}),
            raise_on_status=False,
        )
        self._session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry, pool_connections=connections, pool_maxsize=connections)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._pool = ThreadPoolExecutor(max_workers=connections, thread_name_prefix="eventkg-push")

    def __enter__(self) -> EndpointWriter:
        return self

    def write(self, graph: Graph) -> None:
        """Queue one article graph; a full batch is sent at once."""
        if graph.identifier == DATASET_DEFAULT_GRAPH_ID:
            raise OutputError(
                f"{self.url}: eventkg pushes named article graphs only; this source has triples "
                "outside any named graph (a Turtle or N-Triples file?): push the .trig or .nq file"
            )
        self._pending.append((str(graph.identifier), graph.serialize(format="nt", encoding="utf-8")))
        self.triples += len(graph)
        if len(self._pending) >= self._batch_size:
            self.flush()

    def flush(self) -> None:
        """Send the queued graphs; raise OutputError naming the first graph that failed."""
        batch, self._pending = self._pending, []
        for name, error in zip((name for name, _ in batch), self._pool.map(self._put, batch), strict=True):
            if error:
                raise OutputError(f"{self.url}: could not store graph <{name}>: {error}")
            self.count += 1

    def _put(self, item: tuple[str, bytes]) -> str | None:
        name, body = item
        try:
            r = self._session.put(
                self.url,
                params={"graph": name},
                data=body,
                headers={"Content-Type": _NTRIPLES},
                timeout=self._timeout,
            )
        except requests.RequestException as e:
            return f"{type(e).__name__}: {e}; is the server running?"
        if r.status_code >= 300:
            return f"HTTP {r.status_code} {r.reason}: {r.text[:300].strip()}"
        return None

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if exc_type is None:
                self.flush()
        finally:
            self._pool.shutdown(wait=True)
            self._session.close()


def push(
    source: Source,
    url: str,
    *,
    batch: int = 64,
    retries: int = 5,
    on_graph: Callable[[Graph], None] | None = None,
) -> EndpointWriter:
    """Upload every article graph of ``source`` to the Graph Store endpoint ``url``.

    Each graph replaces the endpoint's graph of the same name, so running it twice is safe.
    Returns the (closed) writer, whose ``count`` and ``triples`` say what was sent.

    Raises
    ------
    OutputError
        When a graph could not be stored after the retries, or ``source`` holds triples
        outside any named graph.
    GraphReadError
        When ``source`` cannot be read.
    """
    with EndpointWriter(url, batch=batch, retries=retries) as writer:
        for g in iter_graphs(source):
            writer.write(g)
            if on_graph is not None:
                on_graph(g)
    return writer


def server_command(
    store: str | os.PathLike[str], *, host: str = "127.0.0.1", port: int = 7878, writable: bool = False
) -> list[str]:
    """The ``oxigraph`` command that serves ``store`` over SPARQL 1.1 at ``http://host:port/``.

    A query without ``GRAPH`` reads the store's default graph, the union of its article
    graphs (each triple once) that :class:`eventkg.store.StoreWriter` keeps, as in
    ``eventkg query``. Read-only unless ``writable``; writes through the server do not
    update that union, so query what they add with ``GRAPH``.

    Raises
    ------
    EventKGError
        When the ``oxigraph`` server is not installed (GraphReadError when ``store`` is
        not a store).

    Examples
    --------
    >>> import tempfile
    >>> from eventkg.store import open_store
    >>> d = tempfile.mkdtemp()
    >>> _ = open_store(d, create=True)
    >>> server_command(d, port=7000)[1:3]
    ['serve-read-only', '--location']
    """
    here = str(Path(sys.executable).parent)  # the virtualenv's bin, even when not activated
    exe = shutil.which("oxigraph", path=os.pathsep.join([here, os.environ.get("PATH", "")]))
    if exe is None:
        raise EventKGError(
            "the oxigraph server is not installed; install it with: pip install 'eventkg[server]'"
        )
    open_store(store)  # GraphReadError when it is not a store
    mode = "serve" if writable else "serve-read-only"
    return [exe, mode, "--location", str(store), "--bind", f"{host}:{port}"]
