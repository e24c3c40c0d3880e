"""Saving, loading and querying graphs (eventkg.store); no spaCy model needed."""

from __future__ import annotations

import io
import os
import random
import re
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_isomorphic

import eventkg.store
from eventkg.errors import EventKGError, GraphReadError, OutputError, QueryError
from eventkg.rdf.namespace import EKG
from eventkg.store import GraphWriter, load, query

# rdflib 7.6 warns about its own Dataset internals (trig/nquads/json-ld serializers and parsers)
pytestmark = pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib\..*")

EX = Namespace("https://example.org/")
PREFIXES = (
    "PREFIX ekg: <https://w3id.org/eventkg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
SUFFIXES = [".trig", ".nq", ".ttl", ".jsonld"]
#: Formats that keep one named graph per article (Turtle holds only their union).
NAMED = {".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld"}


def article(name: str, n_events: int = 1) -> Graph:
    """A small named graph like an article's: typed literals, non-ASCII text."""
    art = EX[f"article/{name}"]
    g = Graph(identifier=art)
    g.add((art, RDF.type, EKG.Article))
    g.add((art, EKG.articleId, Literal(name)))
    for i in range(n_events):
        e = EX[f"article/{name}/event-{i}"]
        g.add((e, RDF.type, EKG.Bombing))
        g.add((e, RDFS.label, Literal(f"Bombe à Kermân n°{i} 💥 «قنبلة»")))
        g.add((e, EKG.killed, Literal(i, datatype=XSD.nonNegativeInteger)))
    return g


def graphs_by_name(ds: Dataset) -> dict[str, Graph]:
    return {
        str(g.identifier): g
        for g in ds.graphs()
        if len(g) and not str(g.identifier).startswith("urn:x-rdflib")
    }


def write(path: Path, *graphs: Graph) -> GraphWriter:
    with GraphWriter(path) as w:
        for g in graphs:
            w.write(g)
    return w


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "two.trig"
    write(path, article("a1", 2), article("a2", 1))
    return path


@pytest.fixture
def store_must_not_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly if a query that must be refused gets as far as the store (and the network)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the query got past the network check and would have run")

    monkeypatch.setattr(eventkg.store, "_open_store", refuse)


# ---------------------------------------------------------------------------------------- GraphWriter


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_writer_output_reloads_with_store_load_and_rdflib(tmp_path: Path, suffix: str) -> None:
    graphs = [article("a1", 2), article("a2", 1)]
    path = tmp_path / f"out{suffix}"
    w = write(path, *graphs)
    assert (w.count, w.triples) == (2, 13)

    loaded = load(path)
    direct = Dataset()
    direct.parse(data=path.read_text(encoding="utf-8"), format=NAMED.get(suffix, "turtle"))
    for ds in (loaded, direct):
        if suffix in NAMED:  # one named graph per article, each exactly as written
            by_name = graphs_by_name(ds)
            assert set(by_name) == {str(g.identifier) for g in graphs}
            for g in graphs:
                assert to_isomorphic(by_name[str(g.identifier)]) == to_isomorphic(g)
        else:  # Turtle: the union of the articles' triples
            union = {t for g in graphs for t in g}
            assert {(s, p, o) for s, p, o, _g in ds.quads((None, None, None, None))} == union


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl"])
def test_writer_output_parses_with_oxigraph(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    write(path, article("a1", 2), article("a2", 1))
    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE}[suffix]
    assert len(list(ox.parse(path.read_bytes(), format=fmt))) == 13


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_writer_leaves_no_temporary_files(tmp_path: Path, suffix: str) -> None:
    write(tmp_path / f"out{suffix}", article("a1"))
    assert [p.name for p in tmp_path.iterdir()] == [f"out{suffix}"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_an_exception_inside_the_writer_leaves_the_old_file_untouched(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    path.write_bytes(b"the previous output\n")
    with pytest.raises(RuntimeError, match="boom"), GraphWriter(path) as w:
        w.write(article("a1", 50))
        raise RuntimeError("boom")
    assert path.read_bytes() == b"the previous output\n"
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "a temporary file was left behind"


def test_an_exception_inside_the_writer_creates_no_file(tmp_path: Path) -> None:
    path = tmp_path / "new.trig"
    with pytest.raises(RuntimeError), GraphWriter(path) as w:
        w.write(article("a1"))
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_directory_raises_output_error_naming_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a folder should be")
    path = blocker / "out.trig"
    with pytest.raises(OutputError) as info, GraphWriter(path) as w:
        w.write(article("a1"))
    assert str(path) in str(info.value)
    assert isinstance(info.value, EventKGError)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_output_directory_raises_output_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with (
            pytest.raises(OutputError, match=re.escape("ro/out.trig")),
            GraphWriter(folder / "out.trig") as w,
        ):
            w.write(article("a1"))
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("name", ["out.rdf", "out.xml", "out", "out.trig.gz"])
def test_writer_refuses_an_unknown_suffix(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError, match="unknown RDF format"):
        GraphWriter(tmp_path / name)


# ---------------------------------------------------------------------------------------- load() errors


def truncated_trig(tmp_path: Path) -> bytes:
    full = tmp_path / "full.trig"
    write(full, article("a1", 40))
    data = full.read_bytes()
    full.unlink()
    return data[: len(data) // 2]


BAD_FILES: dict[str, tuple[str, bytes | None, bool]] = {
    # id: (file name, content or None for "do not create", message names a line)
    "empty": ("empty.trig", b"", False),
    "whitespace only": ("blank.nq", b"  \n\n\t\n", False),
    "truncated trig": ("truncated.trig", None, True),
    "truncated nquads": (
        "truncated.nq",
        b'<https://example.org/s> <https://example.org/p> "unterminated',
        True,
    ),
    "binary garbage trig": ("garbage.trig", random.Random(7).randbytes(4096), True),
    "binary garbage turtle": ("garbage.ttl", bytes(range(256)) * 8, True),
    "binary garbage json-ld": ("garbage.jsonld", b"\x89PNG\r\n\x1a\n\x00\xff\xfe" * 50, False),
    "malformed json-ld": ("broken.jsonld", b'{"@id": "https://example.org/a", ', False),
    "unknown suffix": ("graph.rdf", b"<rdf:RDF/>", False),
    "no suffix": ("graph", b"<a> <b> <c> .", False),
    "missing file": ("missing.trig", None, False),
}


@pytest.mark.parametrize("case", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_load_raises_graph_read_error_naming_the_file(
    tmp_path: Path, case: tuple[str, bytes | None, bool]
) -> None:
    name, content, names_line = case
    path = tmp_path / name
    if name == "truncated.trig":
        content = truncated_trig(tmp_path)
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(GraphReadError) as info:
        load(path)
    message = str(info.value)
    assert str(path) in message
    if names_line:
        assert "line" in message, message


def test_query_on_a_bad_file_raises_graph_read_error(tmp_path: Path) -> None:
    path = tmp_path / "truncated.trig"
    path.write_bytes(truncated_trig(tmp_path))
    with pytest.raises(GraphReadError, match=r"truncated\.trig.*line"):
        query(path, "ASK {}")
    with pytest.raises(GraphReadError, match=r"missing\.nq"):
        query(tmp_path / "missing.nq", "ASK {}")


# ---------------------------------------------------------------------------------------- JSON-LD contexts

REMOTE_CONTEXTS = {
    "string": '{"@context": "http://example.org/ctx", "@id": "http://example.org/a", "name": "x"}',
    "list": '{"@context": [{"ex": "http://example.org/"}, "http://example.org/ctx"], "@id": "http://example.org/a"}',
    "nested node": '{"@context": {"ex": "http://example.org/"}, "@graph": [{"@context": "http://example.org/ctx",'
    ' "@id": "http://example.org/b"}]}',
    "scoped term": '{"@context": {"@version": 1.1, "ex": {"@id": "http://example.org/ex", "@context":'
    ' "http://example.org/ctx"}}, "@id": "http://example.org/a", "ex": {"@id": "http://example.org/c"}}',
    "file url": '{"@context": "file:///etc/passwd", "@id": "http://example.org/a"}',
}


def test_the_no_network_fixture_catches_a_fetch(no_network: list[str]) -> None:
    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.org/ctx", timeout=1)
    assert no_network


@pytest.mark.parametrize("doc", REMOTE_CONTEXTS.values(), ids=REMOTE_CONTEXTS.keys())
def test_json_ld_with_a_remote_context_is_refused_offline(
    tmp_path: Path, no_network: list[str], doc: str
) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(doc, encoding="utf-8")
    with pytest.raises(GraphReadError, match="@context") as info:
        load(path)
    assert str(path) in str(info.value)
    assert no_network == [], f"load() tried to reach the network: {no_network}"


def test_json_ld_context_import_is_refused_offline(tmp_path: Path, no_network: list[str]) -> None:
    path = tmp_path / "import.jsonld"
    path.write_text('{"@context": {"@version": 1.1, "@import": "http://example.org/ctx"}, '
                    '"@id": "http://example.org/a", "http://example.org/p": "x"}')  # fmt: skip
    with pytest.raises(GraphReadError):
        load(path)
    assert no_network == [], f"load() tried to reach the network: {no_network}"


def test_remote_context_message_names_the_file_once(tmp_path: Path, no_network: list[str]) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(REMOTE_CONTEXTS["string"], encoding="utf-8")
    with pytest.raises(GraphReadError) as info:
        load(path)
    assert str(info.value).count(str(path)) == 1, str(info.value)


def test_json_ld_with_an_inline_context_loads(tmp_path: Path, no_network: list[str]) -> None:
    path = tmp_path / "inline.jsonld"
    path.write_text('{"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:p": "x"}')
    ds = load(path)
    assert (URIRef("http://example.org/a"), URIRef("http://example.org/p"), Literal("x")) in ds.default_graph
    assert no_network == []


# ---------------------------------------------------------------------------------------- query()


def test_select_returns_variables_and_rows(two_articles: Path) -> None:
    res = query(two_articles, PREFIXES + "SELECT ?id WHERE { ?a ekg:articleId ?id } ORDER BY ?id")
    assert res.kind == "select"
    assert res.variables == ("id",)
    assert res.rows == (("a1",), ("a2",))


def test_select_unbound_values_are_none(two_articles: Path) -> None:
    res = query(
        two_articles, PREFIXES + "SELECT ?a ?x WHERE { ?a a ekg:Article OPTIONAL { ?a ekg:nope ?x } }"
    )
    assert {row[1] for row in res.rows} == {None}


def test_the_default_graph_is_the_union_and_graph_names_are_visible(two_articles: Path) -> None:
    sparql = "SELECT ?g (COUNT(?e) AS ?n) WHERE { GRAPH ?g { ?e a ekg:Bombing } } GROUP BY ?g ORDER BY ?g"
    res = query(two_articles, PREFIXES + sparql)
    assert res.rows == ((str(EX["article/a1"]), "2"), (str(EX["article/a2"]), "1"))
    union = query(two_articles, PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?e a ekg:Bombing }")
    assert union.rows == (("3",),)


def test_ask(two_articles: Path) -> None:
    assert query(two_articles, PREFIXES + "ASK { ?e a ekg:Bombing }").boolean is True
    res = query(two_articles, PREFIXES + "ASK { ?e a ekg:Arrest }")
    assert (res.kind, res.boolean) == ("ask", False)


def test_construct_returns_n_triples(two_articles: Path) -> None:
    res = query(
        two_articles, PREFIXES + "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a ekg:Bombing ; rdfs:label ?l }"
    )
    assert res.kind == "graph"
    triples = list(ox.parse(io.BytesIO(res.ntriples.encode()), format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == 3
    assert all("Kermân" in t.object.value for t in triples)


def test_query_over_several_files(tmp_path: Path, two_articles: Path) -> None:
    other = tmp_path / "other.nq"
    write(other, article("a3", 4))
    res = query([two_articles, other], PREFIXES + "SELECT (COUNT(?a) AS ?n) WHERE { ?a a ekg:Article }")
    assert res.rows == (("3",),)


SERVICE_QUERIES = {
    "SERVICE": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "lower case": "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
    "SERVICE SILENT": "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
    "after # in an IRI": "SELECT * WHERE { ?s <http://example.org/p#x> ?o . "
    "SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "after # in a prefix IRI": "PREFIX ex: <http://example.org/ns#> SELECT * WHERE { ?s ex:p ?o "
    "SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "after a string": 'SELECT * WHERE { ?s ?p "#" . SERVICE <http://example.org/sparql> { ?s ?p ?o } }',
    "on the line after a comment": "SELECT * WHERE { # a comment\n"
    " SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SERVICE SILENT<iri>": "SELECT * WHERE { SERVICE SILENT<http://example.org/sparql>{ ?s ?p ?o } }",
    "LOAD": "LOAD <http://example.org/data.ttl>",
}


@pytest.mark.parametrize("sparql", SERVICE_QUERIES.values(), ids=SERVICE_QUERIES.keys())
def test_service_and_load_are_refused_without_allow_network(
    two_articles: Path, store_must_not_open: None, sparql: str
) -> None:
    with pytest.raises(QueryError, match="network"):
        query(two_articles, sparql)


def test_allow_network_lets_service_through(two_articles: Path, store_must_not_open: None) -> None:
    with pytest.raises(AssertionError, match="got past the network check"):
        query(two_articles, SERVICE_QUERIES["SERVICE"], allow_network=True)


HARMLESS = {
    "in a string": 'SELECT ?s WHERE { ?s ?p "SERVICE <http://example.org/sparql>" }',
    "in a long string": "SELECT ?s WHERE { ?s ?p '''LOAD\nSERVICE''' }",
    "in a comment": "SELECT ?s WHERE { ?s ?p ?o } # no SERVICE <http://example.org/sparql> here\n",
    "in an IRI": "SELECT ?s WHERE { ?s <http://example.org/SERVICE> ?o }",
    "as part of a word": "SELECT ?services WHERE { ?services <http://example.org/LOADED> ?o }",
}


@pytest.mark.parametrize("sparql", HARMLESS.values(), ids=HARMLESS.keys())
def test_the_words_in_strings_comments_and_iris_are_fine(two_articles: Path, sparql: str) -> None:
    assert query(two_articles, sparql).kind == "select"


def test_service_between_comments_holding_triple_quotes_is_refused(
    two_articles: Path, store_must_not_open: None
) -> None:
    sparql = '# """\nSELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }\n# """\n'
    with pytest.raises(QueryError, match="network"):
        query(two_articles, sparql)


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT ?load WHERE { ?load ?p ?o }",
        "SELECT ?service WHERE { ?service ?p ?o }",
        "PREFIX schema: <https://schema.org/> SELECT ?s WHERE { ?s a schema:Service }",
    ],
    ids=["?load", "?service", "schema:Service"],
)
def test_variables_and_names_called_service_or_load_are_fine(two_articles: Path, sparql: str) -> None:
    assert query(two_articles, sparql).kind == "select"


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { SERVICE<http://example.org/sparql>{ ?s ?p ?o } }",
        "LOAD<http://example.org/data.ttl>",
    ],
    ids=["SERVICE<iri>", "LOAD<iri>"],
)
def test_service_without_a_space_before_the_iri_is_refused(
    two_articles: Path, store_must_not_open: None, sparql: str
) -> None:
    with pytest.raises(QueryError, match="network"):
        query(two_articles, sparql)


@pytest.mark.parametrize(
    "sparql",
    ["SELECT WHERE {", "SELEC ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { ?x undeclared:p ?o }", ""],
    ids=["unclosed", "typo", "undeclared prefix", "empty"],
)
def test_malformed_sparql_raises_query_error(two_articles: Path, sparql: str) -> None:
    with pytest.raises(QueryError):
        query(two_articles, sparql)
