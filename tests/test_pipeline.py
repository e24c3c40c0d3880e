"""The whole job, articles in and one graph file out (eventkg.pipeline), on the real model."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, URIRef

import eventkg.extract.chunked
import eventkg.pipeline
from eventkg.errors import ArticleError, EventKGError
from eventkg.models import Article, Extraction
from eventkg.pipeline import run
from eventkg.rdf.namespace import EKG, NIF
from eventkg.resources import ontology_graph
from eventkg.store import load

pytestmark = [
    pytest.mark.model,
    # rdflib 7.6 warns about its own Dataset internals (trig/nquads/json-ld serializers and parsers)
    pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib\..*"),
]

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
EVAL = REPO.parent / "shared" / "eval"
SAMPLE_IDS = {
    "arauca-weapons-seizure-2024-07-12",
    "borno-kidnapping-2024-02-09",
    "kerman-2024-01-07",
    "lyon-stabbing",
    "mogadishu-car-bomb",
    "peshawar-market-shooting-2024-03-14",
}


def ids_by_graph(path: Path) -> dict[str, str]:
    """Article id by the named graph that holds the article node."""
    out = {}
    for g in load(path).graphs():
        for article, article_id in g.subject_objects(EKG.articleId):
            assert article == g.identifier, f"{article} is described outside its own graph"
            out[str(g.identifier)] = str(article_id)
    return out


def test_run_on_the_samples_writes_six_articles(tmp_path: Path, nlp: Any) -> None:
    out = tmp_path / "samples.trig"
    summary = run(SAMPLES, out)
    assert (summary.articles, summary.skipped, summary.errors) == (6, 0, [])
    assert summary.triples > 0 and summary.claims > 0
    assert sum(n for kind, n in summary.events.items() if kind != "PotentialEvent") >= 6
    assert set(ids_by_graph(out).values()) == SAMPLE_IDS


def test_the_session_samples_hold_one_graph_per_article(samples_trig: Path) -> None:
    graphs = ids_by_graph(samples_trig)
    assert len(graphs) == 6
    assert set(graphs.values()) == SAMPLE_IDS


def test_the_samples_keep_the_contract_invariants(samples_trig: Path) -> None:
    """Offsets index the text, every IRI is valid and every ekg: term is declared."""
    ontology = ontology_graph()
    ds = load(samples_trig)
    phrases = 0
    for g in ds.graphs():
        for phrase in g.subjects(RDF.type, NIF.Phrase):
            text = str(g.value(g.value(phrase, NIF.referenceContext), NIF.isString))
            begin, end = int(g.value(phrase, NIF.beginIndex)), int(g.value(phrase, NIF.endIndex))
            assert text[begin:end] == str(g.value(phrase, NIF.anchorOf)), phrase
            phrases += 1
    assert phrases > 50
    for quad in ox.parse(samples_trig.read_bytes(), format=ox.RdfFormat.TRIG):
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode) and term.value.startswith(str(EKG._NS)):
                assert (URIRef(term.value), RDF.type, None) in ontology, f"{term.value} is not declared"


def test_a_failing_article_is_reported_and_skipped(
    tmp_path: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_extract = eventkg.extract.chunked.extract

    def flaky(doc: Any, article: Article) -> Extraction:
        if article.id == "lyon-stabbing":
            raise RuntimeError("simulated extractor crash")
        return real_extract(doc, article)

    monkeypatch.setattr(eventkg.extract.chunked, "extract", flaky)
    errors: list[EventKGError] = []
    out = tmp_path / "samples.trig"
    summary = run(SAMPLES, out, on_error=errors.append)

    assert (summary.articles, summary.skipped) == (5, 1)
    [err] = errors
    assert isinstance(err, ArticleError)
    assert "lyon-stabbing.html" in str(err) and "simulated extractor crash" in str(err)
    assert summary.errors == [str(err)]
    assert set(ids_by_graph(out).values()) == SAMPLE_IDS - {"lyon-stabbing"}


def test_without_on_error_the_first_failure_is_raised_and_nothing_is_written(
    tmp_path: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(doc: Any, article: Article) -> Extraction:
        raise RuntimeError("simulated extractor crash")

    monkeypatch.setattr(eventkg.extract.chunked, "extract", broken)
    out = tmp_path / "samples.trig"
    with pytest.raises(ArticleError, match="simulated extractor crash"):
        run(SAMPLES, out)
    assert list(tmp_path.iterdir()) == [], "a partial or temporary file was left behind"


def test_on_article_is_called_for_each_article(tmp_path: Path, nlp: Any) -> None:
    seen: list[str] = []
    run(SAMPLES / "nigeria-and-colombia.jsonl", tmp_path / "out.nq", on_article=lambda a: seen.append(a.id))
    assert seen == ["borno-kidnapping-2024-02-09", "arauca-weapons-seizure-2024-07-12"]


@pytest.mark.skipif(
    not (EVAL / "score.py").exists(), reason="../shared/eval is not checked out beside the project"
)
def test_the_scorer_on_the_seed_article(tmp_path: Path) -> None:
    eventkg_cmd = Path(sys.executable).parent / "eventkg"
    cmd = [
        sys.executable,
        str(EVAL / "score.py"),
        str(EVAL / "data" / "seed.jsonl"),
        "--run",
        f"{shlex.quote(str(eventkg_cmd))} extract {{input}} -o {{output}}",
        "--ontology",
        str(REPO / "ontology" / "eventkg.ttl"),
    ]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    match = re.fullmatch(r"overall F1 strict=([\d.]+) head=([\d.]+)", last)
    assert match, f"unexpected last line: {last!r}"
    assert float(match[1]) >= 90, proc.stdout
