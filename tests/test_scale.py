"""Storage and scale-out: the embedded Oxigraph store, a real Oxigraph SPARQL server
(``oxigraph`` from PyPI) queried with SPARQLWrapper, Graph Store pushes, parallel and Dask
extraction compared byte for byte with a serial run, and parallel validation.

Servers listen on 127.0.0.1 only and are stopped by each test.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner, Result
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, SPARQLWrapper

import eventkg.cli
from eventkg.cli import main
from eventkg.endpoint import EndpointWriter, push, server_command
from eventkg.errors import GraphReadError, OutputError
from eventkg.pipeline import run, validate_source
from eventkg.store import StoreWriter, count_quads, export, iter_graphs, load, open_store, query
from eventkg.validation import validate

pytestmark = pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib\..*")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
QUERIES = sorted((REPO / "docs" / "queries").glob("*.rq"))
PREFIXES = "PREFIX ekg: <https://w3id.org/eventkg/ontology#>\n"
ARTICLES = PREFIXES + "SELECT ?id WHERE { ?a a ekg:Article ; ekg:articleId ?id } ORDER BY ?id"
EX = "https://example.org/"


def canon(value: str | None) -> str:
    """A value with its GROUP_CONCAT parts sorted: the cookbook does not order them."""
    for sep in (" / ", " | "):
        if value and sep in value:
            return sep.join(sorted(value.split(sep)))
    return value or ""


def rows_of(variables: Sequence[str], rows: Sequence[dict[str, str | None]]) -> list[tuple[str, ...]]:
    return sorted(tuple(canon(r.get(v)) for v in variables) for r in rows)


def invoke(args: Sequence[str | Path]) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eventkg.cli._err, "_width", 400)
    monkeypatch.setattr(eventkg.cli._out, "_width", 400)


def article(name: str, *values: int) -> Graph:
    g = Graph(identifier=URIRef(f"{EX}article/{name}"))
    for v in values:
        g.add((URIRef(f"{EX}{name}/event"), URIRef(f"{EX}value"), Literal(v)))
    return g


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory, samples_trig: Path) -> Path:
    """The extracted samples in an on-disk store."""
    directory = tmp_path_factory.mktemp("store") / "kg"
    with StoreWriter(directory) as w:
        for g in iter_graphs(samples_trig):
            w.write(g)
    return directory


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if proc.poll() is not None:
            raise AssertionError(f"the server exited: {proc.stderr.read() if proc.stderr else ''!r}")
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.05)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A writable oxigraph server on an empty store, set up as any Graph Store endpoint
    would be: its default graph is the union of the named graphs. Yields its base URL."""
    port = free_port()
    exe = server_command(open_store_dir(tmp_path / "served"))[0]
    cmd = [exe, "serve", "--location", str(tmp_path / "served"), "--bind", f"127.0.0.1:{port}"]
    proc = subprocess.Popen([*cmd, "--union-default-graph"], stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc, signal.SIGTERM)


def stop(proc: subprocess.Popen[bytes], sig: int) -> None:
    proc.send_signal(sig)
    proc.wait(10)
    if proc.stderr:
        proc.stderr.close()


def open_store_dir(directory: Path) -> Path:
    """A fresh empty store folder (the store object is closed when garbage collected)."""
    open_store(directory, create=True)
    return directory


def sparql(base: str, text: str) -> list[dict[str, str]]:
    """Query the server as any client would."""
    client = SPARQLWrapper(f"{base}/query")
    # SPARQLWrapper guesses the query type from the text, and words in comments mislead it
    client.setQuery("\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    client.setReturnFormat(JSON)
    bindings = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index, call-overload]
    return [{k: v["value"] for k, v in row.items()} for row in bindings]


# --------------------------------------------------------------------------- embedded store
def test_store_writer_replaces_an_article_graph_instead_of_adding_to_it(tmp_path: Path) -> None:
    with StoreWriter(tmp_path / "kg") as w:
        w.write(article("a", 1, 2))
        w.write(article("b", 5))
    with StoreWriter(tmp_path / "kg") as w:
        assert f"{EX}article/a" in w and f"{EX}article/c" not in w
        w.write(article("a", 3))  # re-extracted: the old values go
        w.write(article("c", 8))  # new: added beside the others
        w.write(article("c", 7))  # and replaced while still buffered
    rows = query(open_store(tmp_path / "kg"), "SELECT ?g ?v WHERE { GRAPH ?g { ?s ?p ?v } } ORDER BY ?v").rows
    assert rows == ((f"{EX}article/a", "3"), (f"{EX}article/b", "5"), (f"{EX}article/c", "7"))


def test_the_default_graph_is_the_union_with_each_triple_once(tmp_path: Path) -> None:
    shared = (URIRef(f"{EX}place/x"), URIRef(f"{EX}label"), Literal("X"))
    a, b = article("a", 1), article("b", 2)
    for g in (a, b):
        g.add(shared)
    with StoreWriter(tmp_path / "kg") as w:
        w.write(a)
        w.write(b)
    store = open_store(tmp_path / "kg")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert query(store, count).rows == (("3",),)
    assert count_quads(store) == 4
    del store
    with StoreWriter(tmp_path / "kg") as w:
        w.write(article("a", 5))  # no longer names the place; b still does
    assert query(open_store(tmp_path / "kg"), "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o").rows == (
        ("2",),
        ("5",),
        ("X",),
    )
    with StoreWriter(tmp_path / "kg") as w:
        w.write(article("b", 2))
    assert query(open_store(tmp_path / "kg"), "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o").rows == (
        ("2",),
        ("5",),
    )


def test_open_store_names_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(GraphReadError, match=r"missing.*does not exist.*--store"):
        open_store(tmp_path / "missing")
    (tmp_path / "plain").mkdir()
    with pytest.raises(GraphReadError, match="not an Oxigraph store"):
        open_store(tmp_path / "plain")


@pytest.mark.model
def test_the_store_gives_back_the_extracted_graphs_with_their_datatypes(
    samples_store: Path, samples_trig: Path
) -> None:
    """Oxigraph stores xsd:nonNegativeInteger as xsd:integer; reading restores the range."""
    original = load(samples_trig)
    for name, ds in (("load", load(samples_store)), ("export", None)):
        if ds is None:
            out = samples_store.parent / "all.trig"
            export(open_store(samples_store), out)
            ds = load(out)
        for g in original.graphs():
            if len(g):
                assert isomorphic(g, ds.graph(g.identifier)), f"{name}: {g.identifier}"


@pytest.mark.model
@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl", ".nt"])
def test_export_from_the_store_matches_the_file(samples_store: Path, samples_trig: Path, suffix: str) -> None:
    out = samples_store.parent / f"export{suffix}"
    res = invoke(["export", "--store", samples_store, "--format", suffix[1:], "-o", out])
    assert res.exit_code == 0, res.output
    union = {t for g in load(samples_trig).graphs() for t in g}
    assert {t for g in load(out).graphs() for t in g} == union
    assert count_quads(out) == (count_quads(samples_trig) if suffix in (".trig", ".nq") else len(union))


def test_export_refuses_other_suffixes_and_two_sources(tmp_path: Path) -> None:
    with StoreWriter(tmp_path / "kg") as w:
        w.write(article("a", 1))
    res = invoke(["export", "--store", tmp_path / "kg", "--format", "trig", "-o", tmp_path / "x.csv"])
    assert res.exit_code == 1 and "needs a .trig file name" in res.output
    res = invoke(
        [
            "export",
            tmp_path / "x.trig",
            "--store",
            tmp_path / "kg",
            "--format",
            "trig",
            "-o",
            tmp_path / "y.trig",
        ]
    )
    assert res.exit_code == 2 and "either GRAPH files or --store" in res.output
    assert not (tmp_path / "y.trig").exists()
    with pytest.raises(OutputError, match=r"\.jsonld"):
        export(open_store(tmp_path / "kg"), tmp_path / "x.jsonld")


@pytest.mark.model
def test_extract_into_a_store_twice_adds_no_duplicates(tmp_path: Path, samples_trig: Path) -> None:
    kg = tmp_path / "kg"
    first = invoke(["extract", SAMPLES / "lyon-stabbing.html", "--store", kg, "-q"])
    assert first.exit_code == 0, first.output
    one = count_quads(open_store(kg))
    for _ in range(2):
        assert invoke(["extract", SAMPLES, "--store", kg, "-q"]).exit_code == 0
    assert count_quads(open_store(kg)) == count_quads(samples_trig) > one
    stats = invoke(["stats", "--store", kg, "--format", "json"])
    assert json.loads(stats.output)["articles"] == 6


@pytest.mark.model
def test_query_validate_and_stats_read_a_store(samples_store: Path, samples_trig: Path) -> None:
    for q in QUERIES:
        by_store = invoke(["query", "--store", samples_store, "-f", q, "--format", "json"])
        by_file = invoke(["query", samples_trig, "-f", q, "--format", "json"])
        assert by_store.exit_code == 0, by_store.output
        local = json.loads(by_file.output)
        variables = list(local[0]) if local else []
        assert rows_of(variables, json.loads(by_store.output)) == rows_of(variables, local), q.name
    positional = invoke(["query", "--store", samples_store, "ASK { ?a a ekg:Article }"])
    assert (positional.exit_code, positional.output) == (0, "true\n")
    res = invoke(["validate", "--store", samples_store, "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["violations"] == 0


def test_store_commands_refuse_a_missing_store_and_service(tmp_path: Path) -> None:
    for args in (
        ["stats"],
        ["validate"],
        ["query", "-q", "ASK {}"],
        ["export", "--format", "nq", "-o", tmp_path / "a.nq"],
    ):
        res = invoke([*args, "--store", tmp_path / "nope"])
        assert res.exit_code == 2 and "does not exist" in res.output, args
    with StoreWriter(tmp_path / "kg") as w:
        w.write(article("a", 1))
    res = invoke(
        ["query", "--store", tmp_path / "kg", "-q", "SELECT * { SERVICE <http://x.org/s> { ?s ?p ?o } }"]
    )
    assert res.exit_code == 1 and "--allow-network" in res.output
    assert invoke(["stats"]).exit_code == 2


# --------------------------------------------------------------------------- a real SPARQL server
@pytest.mark.model
def test_extract_to_the_server_then_push_twice_and_query_it_with_sparqlwrapper(
    server: str, samples_trig: Path
) -> None:
    res = invoke(["extract", SAMPLES, "--endpoint", f"{server}/store", "-q"])  # each article as it finishes
    assert res.exit_code == 0, res.output
    rows = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0]["n"]) == count_quads(samples_trig)
    for _ in range(2):  # PUT replaces each article graph: the second push changes nothing
        res = invoke(["push", samples_trig, "--endpoint", f"{server}/store", "--batch", "4"])
        assert res.exit_code == 0, res.output
        assert "pushed 6 graphs" in res.output
    rows = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0]["n"]) == count_quads(samples_trig)
    ids = [r["id"] for r in sparql(server, ARTICLES)]
    assert ids == [row[0] for row in query(samples_trig, ARTICLES).rows]


def test_push_replaces_the_graphs_it_sends(server: str, tmp_path: Path) -> None:
    graphs = [article("a", 1, 2), article("b", 3)]
    writer = push_graphs(graphs, f"{server}/store", tmp_path)
    assert (writer.count, writer.triples) == (2, 3)
    rows = sparql(
        server, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    )
    assert [(r["g"], r["n"]) for r in rows] == [(f"{EX}article/a", "2"), (f"{EX}article/b", "1")]
    push_graphs([article("a", 9)], f"{server}/store", tmp_path)  # replaced, not added
    rows = sparql(server, f"SELECT ?v WHERE {{ GRAPH <{EX}article/a> {{ ?s ?p ?v }} }}")
    assert [r["v"] for r in rows] == ["9"]


def push_graphs(graphs: list[Graph], url: str, tmp_path: Path) -> EndpointWriter:
    with StoreWriter(tmp_path / "src") as w:
        for g in graphs:
            w.write(g)
    return push(open_store(tmp_path / "src"), url, batch=1)


def test_push_to_a_dead_endpoint_fails_naming_the_graph(tmp_path: Path) -> None:
    with StoreWriter(tmp_path / "kg") as w:
        w.write(article("a", 1))
    url = f"http://127.0.0.1:{free_port()}/store"
    res = invoke(["push", "--store", tmp_path / "kg", "--endpoint", url, "--retries", "0"])
    assert res.exit_code == 1
    assert f"<{EX}article/a>" in res.output and "is the server running" in res.output


def test_eventkg_serve_answers_sparql_read_only(tmp_path: Path) -> None:
    kg = tmp_path / "kg"
    with StoreWriter(kg) as w:
        w.write(article("a", 1))
        w.write(article("b", 2))
    port = free_port()
    cmd = [sys.executable, "-m", "eventkg.cli", "serve", "--store", str(kg), "--port", str(port)]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        # the default graph is the union of the article graphs
        assert sparql(f"http://127.0.0.1:{port}", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == [{"n": "2"}]
        put = requests.put(f"http://127.0.0.1:{port}/store?graph={EX}x", data=b"", timeout=5)
        assert put.status_code >= 400  # read-only by default
    finally:
        stop(proc, signal.SIGINT)


@pytest.mark.model
def test_the_cookbook_answers_the_same_from_eventkg_serve(samples_store: Path, samples_trig: Path) -> None:
    port = free_port()
    cmd = [sys.executable, "-m", "eventkg.cli", "serve", "--store", str(samples_store), "--port", str(port)]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        for q in QUERIES:
            text = eventkg.cli._with_prefixes(q.read_text())
            local = query(samples_trig, text)
            expected = [dict(zip(local.variables, row, strict=True)) for row in local.rows]
            remote = sparql(f"http://127.0.0.1:{port}", text)
            assert rows_of(local.variables, remote) == rows_of(local.variables, expected), q.name
    finally:
        stop(proc, signal.SIGINT)


def test_serve_without_a_store_exits_2(tmp_path: Path) -> None:
    res = invoke(["serve", "--store", tmp_path / "none"])
    assert res.exit_code == 2 and "does not exist" in res.output


# --------------------------------------------------------------------------- parallel and distributed
@pytest.fixture(scope="module")
def serial(samples_trig: Path) -> bytes:
    """The samples extracted serially (the session fixture runs pipeline.run with jobs=1)."""
    return samples_trig.read_bytes()


@pytest.mark.model
def test_jobs_2_writes_the_same_bytes_as_a_serial_run(tmp_path: Path, serial: bytes) -> None:
    seen: list[str] = []
    summary = run(SAMPLES, tmp_path / "p.trig", jobs=2, on_article=lambda a: seen.append(a.id))
    assert (tmp_path / "p.trig").read_bytes() == serial
    assert summary.articles == len(seen) == 6


@pytest.mark.model
def test_a_dask_local_cluster_writes_the_same_bytes_as_a_serial_run(tmp_path: Path, serial: bytes) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, host="127.0.0.1"
    ) as cluster:
        seen: list[str] = []
        run(
            SAMPLES,
            tmp_path / "d.trig",
            scheduler=cluster.scheduler_address,
            on_article=lambda a: seen.append(a.id),
        )
        assert (tmp_path / "d.trig").read_bytes() == serial
        assert len(seen) == 6
        run(SAMPLES, store=tmp_path / "kg", scheduler=cluster.scheduler_address)
    assert count_quads(open_store(tmp_path / "kg")) == count_quads(tmp_path / "d.trig")


def test_an_unreachable_scheduler_is_reported(tmp_path: Path) -> None:
    dask = pytest.importorskip("dask")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        res = invoke(
            ["extract", SAMPLES, "-o", tmp_path / "x.trig", "--scheduler", f"tcp://127.0.0.1:{free_port()}"]
        )
    assert res.exit_code == 1 and "Dask scheduler" in res.output
    assert not (tmp_path / "x.trig").exists()


def test_extract_needs_exactly_one_target(tmp_path: Path) -> None:
    res = invoke(["extract", SAMPLES, "-o", tmp_path / "x.trig", "--store", tmp_path / "kg"])
    assert res.exit_code == 2 and "exactly one of" in res.output
    assert invoke(["extract", SAMPLES]).exit_code == 2


@pytest.mark.model
def test_parallel_validation_finds_what_serial_validation_finds(tmp_path: Path, samples_trig: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text(
        samples_trig.read_text()
        + f"\n<{EX}article/x> {{ <{EX}w> a <https://w3id.org/eventkg/ontology#Weapon> . }}\n"
    )
    expected = validate(load(bad)).results
    assert expected and any(r.graph == f"{EX}article/x" for r in expected)
    # batches of a few whole graphs, in 2 processes
    assert validate_source(bad, jobs=2, batch_triples=300).results == expected
    res = invoke(["validate", bad, "--format", "json"])
    assert res.exit_code == 1
    assert [(r["focus"], r["graph"], r["message"]) for r in json.loads(res.output)["results"]] == [
        (r.focus, r.graph, r.message) for r in expected
    ]


@pytest.mark.model
def test_resume_into_a_store_extracts_only_the_articles_it_lacks(tmp_path: Path, samples_trig: Path) -> None:
    kg = tmp_path / "kg"
    assert invoke(["extract", SAMPLES / "lyon-stabbing.html", "--store", kg, "-q"]).exit_code == 0
    res = invoke(["extract", SAMPLES, "--store", kg, "--resume"])
    assert res.exit_code == 0, res.output
    assert "5 articles (and kept 1 from before)" in res.output
    assert count_quads(open_store(kg)) == count_quads(samples_trig)
    res = invoke(["extract", SAMPLES, "--endpoint", "http://127.0.0.1:1/store", "--resume"])
    assert res.exit_code == 2 and "--resume" in res.output
