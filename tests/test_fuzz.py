"""Property test: whatever article text and metadata come in, extraction never raises and
the graph it yields re-parses (strictly, with Oxigraph) and conforms to the shapes."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from eventkg.articles import read_articles
from eventkg.errors import ArticleError
from eventkg.extract import extract
from eventkg.nlp import parse
from eventkg.rdf import article_graph
from eventkg.validation import validate

pytestmark = [pytest.mark.model, pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib\..*")]

#: words that make the extractor work: triggers, numbers, places, groups, quotes, dates
WORDS = [
    "bomb", "exploded", "killed", "injured", "arrested", "seized", "rifles", "gunmen", "attacked",
    "claimed", "responsibility", "denied", "said", "police", "Islamic", "State", "Taliban", "al-Shabaab",
    "Kabul", "Afghanistan", "Mogadishu", "Somalia", "Lagos", "Nigeria", "Kerman", "Iran", "province",
    "in", "on", "at", "the", "a", "of", "and", "including", "89", "76", "13", "1,200", "20,000", "dozens",
    "three", "Monday", "yesterday", "January", "2024", "last", "week", "\"", "'", ",", ".", ":", "(", ")",
    "<b>", "&amp;", "\n", "\n\n", "[TEXT]", "--", "LIMA,", "(EFE)", "حركة", "💣", "\u202e", "Café",
]  # fmt: skip

texts = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=12)), min_size=1, max_size=60
).map(" ".join)
metadata = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(min_size=1, max_size=20), st.integers(-5, 10**6)),
        "title": st.text(max_size=40),
        "published": st.dates(dt.date(1950, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat),
        "url": st.text(max_size=30),
        "source": st.text(max_size=20),
    },
)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts, meta=metadata)
def test_extraction_never_raises_and_the_graph_reparses_and_conforms(
    nlp: Any, text: str, meta: dict[str, Any]
) -> None:
    line = json.dumps({**meta, "text": text}) + "\n"
    try:
        (article,) = read_articles("-", stdin=io.StringIO(line))
    except ArticleError:
        return  # refused with a clear error (empty or binary-looking text, bad id): fine
    graph = article_graph(extract(parse(nlp, article), article))

    ds = Dataset()
    named = ds.graph(graph.identifier)
    for triple in graph:
        named.add(triple)
    data = ds.serialize(format="trig", encoding="utf-8")
    reparsed = list(ox.parse(io.BytesIO(data), format=ox.RdfFormat.TRIG))
    assert len(reparsed) == len(graph)

    report = validate(graph)
    assert report.conforms, report.text
