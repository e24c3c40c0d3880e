"""Extraction throughput against the ceiling: spaCy's own ``nlp.pipe`` on the same texts.

    python benchmarks/throughput.py [JSONL] [--limit N] [--repeat R] [--jobs 1 2]

Prints a table: articles/s, words/s and peak memory for (1) the bare spaCy pipeline over
the texts (the ceiling: eventkg cannot be faster than parsing), (2) parsing plus eventkg's
extraction, (3) the whole job, including RDF building and TriG serialisation. The ratio
column is throughput relative to the ceiling. Defaults to the MUC-4 dev messages beside
the project (../shared/eval/data/muc4_dev.jsonl) or the bundled samples.

A second table runs the command itself, ``eventkg extract JSONL -o out.nq --jobs N``, in
a fresh process for each N (model loading and worker start-up included), with the
largest resident size of any of its processes.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset
from rich.console import Console
from rich.table import Table

from eventkg.articles import read_articles
from eventkg.extract import extract
from eventkg.models import Article
from eventkg.nlp import make_nlp, parse
from eventkg.nlp.pipeline import _mask
from eventkg.rdf import article_graph

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "data" / "muc4_dev.jsonl"


def _measure(fn: Callable[[], None], repeat: int) -> tuple[float, float]:
    """Best wall time over ``repeat`` runs, and peak traced memory (MB) of one run."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return best, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    fallback = DEFAULT if DEFAULT.exists() else ROOT / "data" / "samples"
    ap.add_argument("input", nargs="?", default=str(fallback))
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="*", default=[1, 2], help="runs of 'eventkg extract --jobs N'")
    args = ap.parse_args()

    articles: list[Article] = []
    for a in read_articles(args.input):
        articles.append(a)
        if len(articles) >= args.limit:
            break
    texts = [_mask(a) for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = make_nlp()
    list(nlp.pipe(texts[:5]))  # warm up the model and the place gazetteer
    extract(parse(nlp, articles[0]), articles[0])

    def ceiling() -> None:
        for _ in nlp.pipe(texts):
            pass

    def extraction() -> None:
        for a in articles:
            extract(parse(nlp, a), a)

    def whole() -> None:
        for a in articles:
            ds = Dataset()
            g = article_graph(extract(parse(nlp, a), a))
            named = ds.graph(g.identifier)
            for t in g:
                named.add(t)
            ds.serialize(format="trig")

    rows = [("spaCy nlp.pipe (ceiling)", ceiling), ("parse + extract", extraction), ("+ RDF + TriG", whole)]
    results = [(name, *_measure(fn, args.repeat)) for name, fn in rows]
    base = results[0][1]
    table = Table(title=f"{len(articles)} articles, {words} words from {args.input}")
    for col in ("stage", "seconds", "articles/s", "words/s", "ratio to ceiling", "peak MB"):
        table.add_column(col, justify="right" if col != "stage" else "left")
    for name, secs, peak in results:
        table.add_row(name, f"{secs:.2f}", f"{len(articles) / secs:.1f}", f"{words / secs:,.0f}",
                      f"{base / secs:.2f}", f"{peak:.0f}")  # fmt: skip
    Console().print(table)
    print(json.dumps({name: round(secs, 3) for name, secs, _ in results}))
    if args.jobs and str(args.input).endswith(".jsonl"):
        _scaling(Path(args.input), len(articles), words, base, args.jobs)


def _scaling(source: Path, limit: int, words: int, ceiling: float, jobs: list[int]) -> None:
    """``eventkg extract --jobs N`` as a user runs it, in a fresh process per N."""
    work = Path(tempfile.mkdtemp(prefix="eventkg-throughput-"))
    jsonl = work / "articles.jsonl"
    with source.open("rb") as f:
        jsonl.write_bytes(b"".join(line for _, line in zip(range(limit), f, strict=False)))
    table = Table(title=f"eventkg extract --jobs N: {limit} articles, {words} words (start-up included)")
    for col in (
        "jobs",
        "seconds",
        "articles/s",
        "words/s",
        "speed-up",
        "ratio to ceiling",
        "largest process MB",
    ):
        table.add_column(col, justify="right")
    first = None
    for n in jobs:
        cmd = [sys.executable, "-m", "eventkg.cli", "extract", str(jsonl), "-o", str(work / f"out-{n}.nq")]
        t = time.perf_counter()
        subprocess.run([*cmd, "-q", "--jobs", str(n)], check=True)
        secs = time.perf_counter() - t
        first = first or secs
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        table.add_row(str(n), f"{secs:.1f}", f"{limit / secs:.1f}", f"{words / secs:,.0f}",
                      f"{first / secs:.2f}", f"{ceiling / secs:.2f}", f"{peak:.0f}")  # fmt: skip
    Console().print(table)


if __name__ == "__main__":
    main()
