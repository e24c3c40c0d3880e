"""The main job: articles in, one graph file out.

:func:`run` wires the stages together: ``articles.read_articles`` ->
``nlp.parse`` -> ``extract.extract`` -> ``rdf.article_graph`` -> ``store.GraphWriter``.
Articles stream through one at a time, so memory stays flat for TriG and N-Quads output.
A bad article is reported through ``on_error`` and skipped; the others are written.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import Graph

from eventkg.articles import read_articles
from eventkg.errors import ArticleError, EventKGError, OutputError
from eventkg.extract import extract
from eventkg.models import Article, Extraction
from eventkg.nlp import DEFAULT_MODEL, make_nlp, parse
from eventkg.rdf import article_graph
from eventkg.store import GraphWriter, format_for

__all__ = ["RunSummary", "extract_article", "run"]


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
    """Parse and extract one article with the (cached) pipeline ``model``.

    Examples
    --------
    >>> from eventkg.models import Article
    >>> ex = extract_article(Article(id="a", text="Police arrested five suspects in Lagos."))
    >>> [(e.kind, e.arrested) for e in ex.events]
    [('Arrest', 5)]
    """
    return extract(parse(make_nlp(model), article), article)


def run(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    model: str = DEFAULT_MODEL,
    on_error: Callable[[EventKGError], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
    skip: Callable[[Article], bool] | None = None,
    keep: Iterable[Graph] = (),
    check: Callable[[Article, Graph], None] | None = None,
) -> RunSummary:
    """Extract every article in ``inputs`` and write the graphs to ``output``.

    Parameters
    ----------
    inputs : path or list of paths
        Files, folders or ``-`` (stdin); see :func:`eventkg.articles.read_articles`.
    output : path
        ``.trig``, ``.nq``, ``.ttl`` or ``.jsonld``; written atomically.
    model : str
        Installed spaCy pipeline to use.
    on_error : callable, optional
        Called with each error about one article (which is then skipped). Without it the
        first error is raised.
    on_article : callable, optional
        Called after each article is processed (for progress bars).
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
    format_for(output)  # fail on an unknown suffix before any work
    summary = RunSummary(output=str(output))
    nlp = make_nlp(model)

    def report(err: EventKGError) -> None:
        summary.skipped += 1
        summary.errors.append(str(err))
        if on_error is None:
            raise err
        on_error(err)

    with GraphWriter(output) as writer:
        for graph in keep:
            writer.write(graph)
        for article in read_articles(inputs, on_error=report):
            if skip is not None and skip(article):
                continue
            try:
                ex = extract(parse(nlp, article), article)
            except Exception as e:  # one bad article must not sink the run
                report(
                    ArticleError(
                        f"extraction failed ({type(e).__name__}: {e}); article skipped",
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
        if writer.count == 0 and summary.skipped:  # keep the old output rather than an empty one
            raise OutputError(f"{output}: not written, no article could be read ({summary.skipped} skipped)")
    return summary
