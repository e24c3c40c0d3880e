"""The main jobs: articles in, a graph file, store or endpoint out; and validation at scale.

:func:`run` wires the stages together: ``articles.read_articles`` -> ``nlp.parse_chunks``
-> ``extract.chunked.extract_chunked`` (``extract.extract`` piece by piece, so a huge text
is never parsed into one Doc) -> ``rdf.article_graph`` -> a writer (``store.GraphWriter`` for a
file, ``store.StoreWriter`` for an Oxigraph store, ``endpoint.EndpointWriter`` for a
SPARQL Graph Store endpoint). Articles are read lazily and written as they finish, so
memory stays flat for TriG, N-Quads, stores and endpoints. A bad article is reported
through ``on_error`` and skipped; the others are written.

Parsing and extraction run in this process (``jobs=1``), in a pool of ``jobs`` worker
processes, or on a Dask distributed cluster (``scheduler``); each worker loads the model
once. Results are written in input order, so the output is the same in every mode.

:func:`validate_source` checks a file or store in batches of article graphs, in parallel.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from rdflib import Graph

from eventkg.articles import read_articles
from eventkg.endpoint import EndpointWriter
from eventkg.errors import ArticleError, EventKGError, ModelNotFoundError, OutputError
from eventkg.extract.chunked import extract_chunked
from eventkg.models import Article, Extraction
from eventkg.nlp import DEFAULT_MODEL, make_nlp, parse_chunks
from eventkg.rdf import article_graph
from eventkg.store import GraphWriter, Source, StoreWriter, format_for, nquad_batches, nquad_graphs
from eventkg.validation import ValidationReport, ValidationResult, report_of, validate_graphs

__all__ = ["RunSummary", "extract_article", "run", "validate_source"]


@dataclass
class RunSummary:
    """What a run did: articles written, skipped, and what was found."""

    output: str
    articles: int = 0
    skipped: int = 0
    triples: int = 0
    events: Counter[str] = field(default_factory=Counter)
    claims: int = 0
    errors: list[str] = field(default_factory=list)


def extract_article(article: Article, *, model: str = DEFAULT_MODEL) -> Extraction:
    """Parse and extract one article with the (cached) pipeline ``model``, piece by piece.

    Examples
    --------
    >>> from eventkg.models import Article
    >>> ex = extract_article(Article(id="a", text="Police arrested five suspects in Lagos."))
    >>> [(e.kind, e.arrested) for e in ex.events]
    [('Arrest', 5)]
    """
    return extract_chunked(parse_chunks(make_nlp(model), article), article)


def run(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    *,
    store: str | os.PathLike[str] | None = None,
    endpoint: str | None = None,
    model: str = DEFAULT_MODEL,
    jobs: int = 1,
    scheduler: str | None = None,
    on_error: Callable[[EventKGError], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
    skip: Callable[[Article], bool] | None = None,
    keep: Iterable[Graph] = (),
    check: Callable[[Article, Graph], None] | None = None,
) -> RunSummary:
    """Extract every article in ``inputs`` and write the graphs to ``output``, ``store`` or ``endpoint``.

    Parameters
    ----------
    inputs : path or list of paths
        Files, folders or ``-`` (stdin); see :func:`eventkg.articles.read_articles`.
    output : path, optional
        ``.trig``, ``.nq``, ``.ttl`` or ``.jsonld``; written atomically.
    store : path, optional
        An Oxigraph store folder (created if needed); each article replaces its graph.
    endpoint : str, optional
        A SPARQL Graph Store endpoint URL; each article's graph is PUT there.
    model : str
        Installed spaCy pipeline to use.
    jobs : int
        Worker processes parsing and extracting in parallel (1: in this process).
    scheduler : str, optional
        Address of a Dask distributed scheduler (``tcp://host:8786``); overrides ``jobs``.
    on_error : callable, optional
        Called with each error about one article (which is then skipped). Without it the
        first error is raised.
    on_article : callable, optional
        Called after each article is written (for progress bars).
    skip : callable, optional
        Articles for which it returns ``True`` are not extracted (``--resume``).
    keep : iterable of rdflib.Graph, optional
        Graphs written to ``output`` before the new ones (the old output, on ``--resume``).
    check : callable, optional
        Called with each article and its graph before the graph is written; an
        :class:`EventKGError` it raises leaves that article out and is reported like any
        bad article (``--validate``).

    Returns
    -------
    RunSummary

    Raises
    ------
    OutputError
        When ``output`` cannot be written, or no article could be read (the old
        ``output``, if any, is left as it was).
    """
    targets = [t for t in (output, store, endpoint) if t is not None]
    if len(targets) != 1:
        raise ValueError("give exactly one of output, store and endpoint")
    if output is not None:
        format_for(output)  # fail on an unknown suffix before any work
    summary = RunSummary(output=str(targets[0]))

    def report(err: EventKGError) -> None:
        summary.skipped += 1
        summary.errors.append(str(err))
        if on_error is None:
            raise err
        on_error(err)

    with _writer(output, store, endpoint) as writer:
        for graph in keep:
            writer.write(graph)
        articles = (a for a in read_articles(inputs, on_error=report) if skip is None or not skip(a))
        for article, ex in _extractions(articles, model=model, jobs=jobs, scheduler=scheduler):
            if isinstance(ex, BaseException):
                if isinstance(ex, ModelNotFoundError):
                    raise ex
                report(
                    ArticleError(
                        f"extraction failed ({type(ex).__name__}: {ex}); article skipped",
                        source=article.path,
                        line=article.line,
                    )
                )
                continue
            graph = article_graph(ex)
            if check is not None:
                try:
                    check(article, graph)
                except EventKGError as e:
                    report(e)
                    continue
            writer.write(graph)
            summary.articles += 1
            summary.events.update(e.kind if e.status == "asserted" else "PotentialEvent" for e in ex.events)
            summary.claims += len(ex.claims)
            if on_article is not None:
                on_article(article)
        summary.triples = writer.triples
        if writer.triples == 0 and summary.skipped:  # keep the old output rather than an empty one
            raise OutputError(
                f"{summary.output}: not written, no article could be read ({summary.skipped} skipped)"
            )
    return summary


def _writer(
    output: str | os.PathLike[str] | None, store: str | os.PathLike[str] | None, endpoint: str | None
) -> GraphWriter | StoreWriter | EndpointWriter:
    if store is not None:
        return StoreWriter(store)
    if endpoint is not None:
        return EndpointWriter(endpoint)
    assert output is not None
    return GraphWriter(output)


def _extractions(
    articles: Iterable[Article], *, model: str, jobs: int, scheduler: str | None
) -> Iterator[tuple[Article, Extraction | BaseException]]:
    """``(article, its extraction or the exception it raised)`` in input order."""
    if scheduler is not None:
        yield from _on_dask(articles, model=model, scheduler=scheduler)
    elif jobs > 1:
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("forkserver"),
            initializer=make_nlp,
            initargs=(model,),
        )
        try:
            submit = lambda a: pool.submit(extract_article, a, model=model)  # noqa: E731
            yield from (_settled(a, f) for a, f in _in_order(articles, submit, 4 * jobs))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        make_nlp(model)  # a missing model fails here, before any article
        for article in articles:
            try:
                yield article, extract_article(article, model=model)
            except Exception as e:  # one bad article must not sink the run
                yield article, e


def _on_dask(
    articles: Iterable[Article], *, model: str, scheduler: str
) -> Iterator[tuple[Article, Extraction | BaseException]]:
    try:
        from distributed import Client
    except ImportError as e:
        raise EventKGError(
            "--scheduler needs Dask distributed; install it with: pip install 'eventkg[cluster]'"
        ) from e
    try:
        client = Client(scheduler, set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise EventKGError(f"cannot reach the Dask scheduler at {scheduler} ({e}); is it running?") from e
    with client:
        threads = sum(client.nthreads().values()) or 1
        submit = lambda a: client.submit(extract_article, a, model=model, pure=False)  # noqa: E731
        yield from (_settled(a, f) for a, f in _in_order(articles, submit, 4 * threads))


class _Future(Protocol):
    def result(self) -> Any: ...


_T = TypeVar("_T")


def _in_order(
    items: Iterable[_T], submit: Callable[[_T], _Future], window: int
) -> Iterator[tuple[_T, _Future]]:
    """Submit ``items`` keeping at most ``window`` in flight; yield ``(item, future)`` in input order."""
    pending: deque[tuple[_T, _Future]] = deque()
    for item in items:
        pending.append((item, submit(item)))
        if len(pending) >= window:
            yield pending.popleft()
    yield from pending


def _settled(item: Article, future: _Future) -> tuple[Article, Extraction | BaseException]:
    try:
        return item, future.result()
    except BrokenProcessPool as e:
        raise EventKGError(
            f"the worker processes died ({e}); is the model installed and memory enough?"
        ) from e
    except Exception as e:
        return item, e


def validate_source(
    source: Source, *, jobs: int = 1, extra_shapes: Sequence[Graph] = (), batch_triples: int = 5_000
) -> ValidationReport:
    """Validate every graph of a file or store, in batches of whole article graphs.

    Each batch is validated in memory by :func:`eventkg.validation.validate_graphs` (pySHACL is
    about three times slower over an Oxigraph store), in ``jobs`` worker processes; only
    one batch per worker is held at a time, so stores of any size can be checked. The
    result is the same as ``validate(load(source))`` except that ``graph`` (pySHACL's
    report graph) is ``None``. ``extra_shapes`` are checked on top of eventkg's shapes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.nq"
    >>> rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    >>> weapon = "https://w3id.org/eventkg/ontology#Weapon"
    >>> _ = p.write_text(f"<http://w> <{rdf_type}> <{weapon}> <http://g> .\\n")
    >>> report = validate_source(p)
    >>> report.conforms, report.results[0].graph
    (False, 'http://g')
    """
    batches = nquad_batches(source, triples=batch_triples)
    extra = tuple(g.serialize(format="nt", encoding="utf-8") for g in extra_shapes)
    if jobs <= 1:
        return report_of(r for batch in batches for r in _validate_batch(batch, extra))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver")) as pool:
        done = _in_order(batches, lambda b: pool.submit(_validate_batch, b, extra), 2 * jobs)
        return report_of(r for _, future in done for r in future.result())


def _validate_batch(nquads: bytes, extra_shapes: tuple[bytes, ...] = ()) -> list[ValidationResult]:
    """Validate a batch of article graphs given as N-Quads (in a worker process)."""
    extra = [Graph().parse(data=shapes, format="nt") for shapes in extra_shapes]
    return validate_graphs(nquad_graphs(nquads), extra_shapes=extra)
