"""Hostile input, no loss, no network: the ``eventkg`` command under stress (docs/robustness.md).

Each bad input gets a one-line error naming the file (and JSONL line) while the other
articles are still written; outputs are atomic (a ``kill -9`` leaves the old file);
``--resume`` and re-runs are idempotent; nothing reaches the network. Tests that extract
with the real spaCy pipeline are marked ``model``.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import psutil
import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

import eventkg.cli
import eventkg.extract.chunked
import eventkg.pipeline
import eventkg.store
import eventkg.validation
from eventkg.cli import main
from eventkg.errors import NetworkAccessError
from eventkg.network import offline
from eventkg.resources import shapes_graph
from eventkg.store import load

pytestmark = pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib\..*")

REPO = Path(__file__).resolve().parents[1]
GOOD = "date 2024-03-01\nGunmen shot dead three people at a market in Peshawar, Pakistan, on Friday.\n"
ARREST = (
    json.dumps(
        {
            "id": "arrest",
            "published": "2024-03-04",
            "text": "Police arrested five suspects in Lagos on Monday.",
        }
    )
    + "\n"
)
BOMB = (
    json.dumps(
        {
            "id": "bomb",
            "published": "2024-03-04",
            "text": "A car bomb killed four people in Mogadishu on Sunday.",
        }
    )
    + "\n"
)


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich wraps at 80 columns when not on a terminal; each message must stay on one line here."""
    monkeypatch.setattr(eventkg.cli._err, "_width", 1000)
    monkeypatch.setattr(eventkg.cli._out, "_width", 1000)


def invoke(args: Sequence[str | Path]) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def article_ids(path: Path) -> list[str]:
    res = eventkg.store.query(
        path, "SELECT ?id WHERE { ?a <https://w3id.org/eventkg/ontology#articleId> ?id } ORDER BY ?id"
    )
    return [row[0] or "" for row in res.rows]


def quads(path: Path) -> set[str]:
    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE}[path.suffix]
    return {str(q) for q in ox.parse(path=path, format=fmt)}


def lines_naming(text: str, where: str) -> list[str]:
    return [line for line in text.splitlines() if where in line]


# ---------------------------------------------------------------------------------------- bad input

BAD_FILES: dict[str, tuple[str, bytes, str]] = {
    # name: (file name, bytes, what the one-line message must say)
    "empty": ("empty.txt", b"", "empty"),
    "binary": ("blob.txt", b"\x00\x01\x02PK\x03\x04" + bytes(range(256)) * 20, "binary"),
    "malformed-jsonl": (
        "feed.jsonl",
        (ARREST + '{"id": "b", "text": "A bomb\n' + BOMB).encode(),
        "malformed JSON",
    ),
    "not-an-object": ("list.jsonl", b'["a list"]\n', "expected a JSON object"),
    "html-without-text": (
        "page.html",
        b"<html><body><script>var x = 1;</script></body></html>",
        "no main text",
    ),
    "undecodable": ("utf16.txt", b"\xff\xfe" + "x".encode("utf-16-le")[:1], "UTF"),
    "html-only-navigation": (
        "nav.html",
        (
            "<html><head><title>Daily Herald</title></head><body><header><nav><ul>"
            + "".join(f'<li><a href="/{s}">{s}</a></li>' for s in ("World", "Politics", "Sport", "Opinion"))
            + '</ul></nav></header><div class="menu"><a href="/login">Sign in</a> | '
            '<a href="/subscribe">Subscribe</a></div><div class="cookie">We use cookies to improve your '
            "experience. By continuing you accept our cookie policy.</div><footer><p>Copyright 2024 Daily "
            "Herald. All rights reserved.</p></footer></body></html>"
        ).encode(),
        "no article text found: the page has only navigation/boilerplate",
    ),
}


@pytest.mark.model
@pytest.mark.parametrize("case", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_gets_one_line_naming_it_and_the_rest_is_written(
    tmp_path: Path, nlp: object, case: tuple[str, bytes, str]
) -> None:
    name, data, says = case
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / name).write_bytes(data)
    out = tmp_path / "out.trig"
    res = invoke(["extract", folder, "-o", out])
    assert res.exit_code == 0, res.output
    assert "good" in article_ids(out)
    where = str(folder / name) + (":2" if name == "feed.jsonl" else "")
    (line,) = lines_naming(res.stderr, where)
    assert says.lower() in line.lower(), line
    if name == "feed.jsonl":
        assert {"arrest", "bomb"} <= set(article_ids(out))


@pytest.mark.model
def test_non_utf8_text_is_decoded_and_says_so(tmp_path: Path, nlp: object) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Gunmen killed three people in Bogotá on Friday, police said.".encode("cp1252"))
    out = tmp_path / "out.trig"
    res = invoke(["extract", path, "-o", out])
    assert res.exit_code == 0, res.output
    (line,) = lines_naming(res.stderr, str(path))
    assert "not UTF-8; decoded as" in line
    assert "Bogotá" in out.read_text(encoding="utf-8")


def test_a_five_megabyte_line_is_parsed_in_chunks_below_max_length() -> None:
    """The huge single-line text is read, and cut into pieces spaCy accepts (nlp/ chunks it)."""
    import spacy

    from eventkg.articles import read_articles
    from eventkg.nlp.pipeline import CHUNK_CHARS, _chunks

    words = ["police", "said", "gunmen", "attacked", "a", "market", "in", "the", "city", "and", "killed"]
    text = " ".join(words[i % len(words)] for i in range(900_000))[: 5 * 1024 * 1024]
    (article,) = read_articles("-", stdin=io.BytesIO(text.encode()))
    chunks = _chunks(article.text, CHUNK_CHARS)
    assert "".join(chunks) == article.text
    assert max(map(len, chunks)) <= CHUNK_CHARS < spacy.blank("en").max_length


@pytest.mark.model
def test_a_long_line_is_extracted_chunk_by_chunk_with_offsets_into_the_whole_text(
    tmp_path: Path, nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each piece is parsed and extracted on its own; the graph still indexes the whole text."""
    from eventkg.nlp.pipeline import CHUNK_CHARS

    parsed: list[int] = []  # the length of each Doc the extractor is given

    def extract(doc: Any, article: Any) -> Any:
        parsed.append(len(doc.text))
        return eventkg.extract.extract(doc, article)

    monkeypatch.setattr(eventkg.extract.chunked, "extract", extract)

    cities = ["Kabul", "Mogadishu", "Peshawar", "Lagos", "Baghdad", "Quetta", "Kano"]
    sentences: list[str] = []
    n = 0
    while sum(map(len, sentences)) < 2 * CHUNK_CHARS + 100:  # three pieces
        city = cities[n % len(cities)]
        sentences.append(f"Gunmen killed {n % 40 + 2} soldiers in {city}. The Taliban said it did it. ")
        n += 1
    text = "".join(sentences).strip()
    path = tmp_path / "long.txt"
    path.write_text(f"date 2024-03-01\n{text}")
    out = tmp_path / "out.trig"
    res = invoke(["extract", path, "-o", out])
    assert res.exit_code == 0, res.output
    assert len(parsed) == 3 and max(parsed) <= CHUNK_CHARS and sum(parsed) == len(text)
    rows = eventkg.store.query(
        out,
        """PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?anchor ?begin ?end WHERE { ?p nif:anchorOf ?anchor ; nif:beginIndex ?begin ;
        nif:endIndex ?end }""",
    ).rows
    spans = [(int(b or 0), int(e or 0), a) for a, b, e in rows]
    assert len(spans) > 3 * n  # every sentence: the trigger, the toll, the city, the group...
    assert all(text[b:e] == anchor for b, e, anchor in spans)
    assert max(b for b, _, _ in spans) > 2 * CHUNK_CHARS  # the last piece is there too
    assert sum(anchor == "killed" for _, _, anchor in spans) == n  # every sentence's event is kept
    taliban = eventkg.store.query(
        out,
        """PREFIX ekg: <https://w3id.org/eventkg/ontology#>
        SELECT ?g (COUNT(?m) AS ?n) WHERE { ?g a ekg:ArmedGroup ; ekg:mention ?m } GROUP BY ?g""",
    ).rows
    assert [int(k or 0) for _, k in taliban] == [n]  # one group, named in every piece
    events = eventkg.store.query(
        out, "PREFIX ekg: <https://w3id.org/eventkg/ontology#> SELECT (COUNT(*) AS ?n) { ?e ekg:killed ?k }"
    ).rows
    assert int(events[0][0] or 0) >= 3  # events from every piece, each with its own IRI and toll


def test_a_truncated_trig_exits_2_naming_the_file_in_validate_and_query(tmp_path: Path) -> None:
    path = tmp_path / "cut.trig"
    path.write_text(
        '<https://ex.org/a> { <https://ex.org/a> <https://ex.org/p> "x" .\n <https://ex.org/b> <https'
    )
    for args in (["validate", path], ["query", path, "-q", "ASK {}"], ["stats", path]):
        res = invoke(args)
        assert res.exit_code == 2, (args, res.output)
        (line,) = lines_naming(res.output, str(path))
        assert "line" in line


def test_an_unknown_flag_exits_2_with_one_line(tmp_path: Path) -> None:
    res = invoke(["extract", tmp_path, "-o", tmp_path / "o.trig", "--no-such-flag"])
    assert res.exit_code == 2
    assert len(lines_naming(res.output, "--no-such-flag")) == 1


@pytest.mark.model
def test_an_unwritable_output_path_exits_1_naming_it(tmp_path: Path, nlp: object) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = blocker / "out.trig"  # its parent is a file: not writable, even for root
    res = invoke(["extract", tmp_path / "good.txt", "-o", out])
    assert res.exit_code == 1
    (line,) = lines_naming(res.output, str(out))
    assert "choose another output path" in line


HOSTILE_NAMES = [
    'Al "Qaeda" <Core>',
    "Ansar\nal-Sharia",
    "حركة الشباب",  # RTL
    "\u202egroup\u202c 💣🔥",
    "Brigade {x} | ^ ` \\ %41 % #frag",
]


@pytest.mark.model
@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl", ".jsonld"])
def test_hostile_names_give_valid_iris_and_rdf_that_reparses(
    tmp_path: Path, nlp: object, suffix: str
) -> None:
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as f:
        for i, name in enumerate(HOSTILE_NAMES):
            text = f"Militants of {name} claimed the bombing in Kabul, Afghanistan, that killed 7 people."
            f.write(json.dumps({"id": f'{name} <{i}> "x"', "title": name, "text": text}) + "\n")
    out = tmp_path / f"out{suffix}"
    res = invoke(["extract", feed, "-o", out])
    assert res.exit_code == 0, res.output
    if suffix != ".jsonld":
        assert quads(out)  # Oxigraph's strict parser: every IRI is valid
    ds = load(out)
    assert len(ds) > 0
    assert invoke(["validate", out]).exit_code == 0


# ---------------------------------------------------------------------------------------- validate


VIOLATION_TRIG = """\
@prefix ekg: <https://w3id.org/eventkg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://ex.org/a> {
    <https://ex.org/a> a ekg:Article ; ekg:articleId "story-1" ; ekg:textContext <https://ex.org/a#ctx> .
    <https://ex.org/a#ctx> a nif:Context ; nif:isString "The bomb went off." .
    <https://ex.org/a/weapon> a ekg:Weapon ; ekg:mention <https://ex.org/a#char=4,8> .
    <https://ex.org/a#char=4,8> a nif:Phrase ; nif:anchorOf "bomb" ;
        nif:referenceContext <https://ex.org/a#ctx> ;
        nif:beginIndex "4"^^xsd:nonNegativeInteger ; nif:endIndex "8"^^xsd:nonNegativeInteger .
    <https://ex.org/a/place> a ekg:City ; rdfs:label "Kerman" .
}
"""


def test_validate_table_names_shape_label_article_and_span(tmp_path: Path) -> None:
    path = tmp_path / "bad.trig"
    path.write_text(VIOLATION_TRIG)
    res = invoke(["validate", path])
    assert res.exit_code == 1
    row = next(line for line in res.stdout.splitlines() if "LabelShape" in line)
    assert "story-1" in row and '4-8 "bomb"' in row
    assert any("CityShape" in line and "Kerman" in line for line in res.stdout.splitlines())


def test_validate_warnings_alone_exit_0(tmp_path: Path) -> None:
    path = tmp_path / "warn.trig"
    path.write_text(VIOLATION_TRIG.replace("ekg:Weapon ;", 'ekg:Weapon ; rdfs:label "bomb" ;'))
    res = invoke(["validate", path, "--format", "json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert (report["violations"], report["warnings"]) == (0, 1)
    (result,) = report["results"]
    assert (result["label"], result["article"]) == ("Kerman", "story-1")


def test_validate_format_ttl_is_a_shacl_report(tmp_path: Path) -> None:
    path = tmp_path / "bad.trig"
    path.write_text(VIOLATION_TRIG)
    res = invoke(["validate", path, "--format", "ttl"])
    assert res.exit_code == 1
    g = Graph().parse(data=res.stdout, format="turtle")
    sh = "http://www.w3.org/ns/shacl#"
    answer = g.query(f"ASK {{ ?r a <{sh}ValidationReport> ; <{sh}conforms> false ; <{sh}result> ?x }}")
    assert answer.askAnswer


USER_SHAPES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ekg: <https://w3id.org/eventkg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://example.org/my-shapes> owl:imports <http://example.org/never-fetched.ttl> .
<https://example.org/CityNeedsCode> a sh:NodeShape ; sh:targetClass ekg:City ;
    sh:property [ sh:path ekg:isoCode ; sh:minCount 1 ; sh:message "Our cities carry a code." ] .
"""


def test_validate_shapes_adds_the_users_shapes_to_ours(tmp_path: Path, no_network: list[str]) -> None:
    path = tmp_path / "warn.trig"
    path.write_text(VIOLATION_TRIG.replace("ekg:Weapon ;", 'ekg:Weapon ; rdfs:label "bomb" ;'))
    shapes = tmp_path / "mine.ttl"
    shapes.write_text(USER_SHAPES)
    assert invoke(["validate", path]).exit_code == 0
    res = invoke(["validate", path, "--shapes", shapes, "--format", "json"])
    assert res.exit_code == 1, res.output
    messages = {r["message"] for r in json.loads(res.stdout)["results"]}
    assert "Our cities carry a code." in messages  # theirs
    assert any("has no ekg:locatedIn" in m for m in messages)  # ours
    assert no_network == []  # owl:imports was not followed


def test_validate_unreadable_shapes_exit_2_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "g.trig"
    path.write_text(VIOLATION_TRIG)
    shapes = tmp_path / "broken.ttl"
    shapes.write_text(USER_SHAPES[:200])
    res = invoke(["validate", path, "--shapes", shapes])
    assert res.exit_code == 2
    assert len(lines_naming(res.output, str(shapes))) == 1


# ---------------------------------------------------------------------------------------- no network


def test_offline_refuses_sockets_lookups_and_urls() -> None:
    with offline():
        with pytest.raises(NetworkAccessError, match="allow-network"):
            urllib.request.urlopen("http://example.org/ctx.jsonld")
        with pytest.raises(NetworkAccessError):
            socket.gethostbyname("example.org")
        with pytest.raises(NetworkAccessError, match=r"127\.0\.0\.1"):
            socket.create_connection(("127.0.0.1", 9))


def test_offline_allows_unix_sockets_and_allow_lets_everything_through(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    try:
        with offline(allow=True):
            socket.create_connection(server.getsockname(), timeout=5).close()
        with offline():
            a, b = socket.socketpair()
            a.sendall(b"x")
            assert b.recv(1) == b"x"
            a.close()
            b.close()
    finally:
        server.close()


def test_every_command_runs_offline() -> None:
    """Commands added to the group are wrapped in the network guard (future ones too)."""
    assert main.commands
    for name, command in main.commands.items():
        assert getattr(command.callback, "__wrapped__", None) is not None, name


def _hostile_inputs(tmp_path: Path) -> dict[str, Path]:
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "http://example.org/ctx.jsonld", "@id": "http://example.org/a"}')
    imports = tmp_path / "imports.trig"
    imports.write_text(
        "<https://ex.org/g> { <https://ex.org/o> a <http://www.w3.org/2002/07/owl#Ontology> ;"
        " <http://www.w3.org/2002/07/owl#imports> <http://example.org/big-ontology.owl> . }\n"
    )
    service = tmp_path / "service-shapes.ttl"
    service.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        '<https://ex.org/S> a sh:NodeShape ; sh:targetNode <https://ex.org/o> ; sh:sparql [ sh:message "m" ;'
        ' sh:select "SELECT $this WHERE { SERVICE <http://example.org/sparql> { $this ?p ?o } }" ] .\n'
    )
    return {"remote": remote, "imports": imports, "service": service}


@pytest.mark.model
def test_the_whole_cli_with_no_network_and_hostile_inputs(
    tmp_path: Path, nlp: object, no_network: list[str]
) -> None:
    hostile = _hostile_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    out = tmp_path / "out.trig"

    res = invoke(["extract", "https://example.org/news/story.html", good, "-o", out, "--validate"])
    assert res.exit_code == 0, res.output
    assert "is a URL" in res.stderr and article_ids(out) == ["good"]

    res = invoke(["validate", hostile["remote"]])
    assert res.exit_code == 2 and "@context" in res.output
    res = invoke(["query", hostile["remote"], "-q", "ASK {}"])
    assert res.exit_code == 2

    res = invoke(["validate", hostile["imports"]])
    assert res.exit_code == 0, res.output  # owl:imports is data, never followed

    res = invoke(["validate", out, "--shapes", hostile["service"]])
    assert res.exit_code == 1 and "SERVICE" in res.output

    res = invoke(["query", out, "-q", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"])
    assert res.exit_code == 1 and "--allow-network" in res.output

    assert invoke(["stats", out]).exit_code == 0
    assert no_network == [], f"something tried to reach the network: {no_network}"


@pytest.fixture
def page_server(tmp_path: Path) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 serving one HTML article."""
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "story.html").write_text(
        "<html><head><title>Market attack</title></head><body><article><h1>Market attack</h1>"
        "<p>Gunmen shot dead three people at a market in Peshawar, Pakistan, on Friday, police said.</p>"
        "<p>No group has claimed the attack so far, officials said on Saturday.</p></article></body></html>"
    )

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: Quiet(*a, directory=str(tmp_path / "www"))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/story.html"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.model
def test_a_url_is_fetched_only_with_allow_network(tmp_path: Path, nlp: object, page_server: str) -> None:
    out = tmp_path / "out.trig"
    res = invoke(["extract", page_server, "-o", out])
    assert res.exit_code == 1 and "is a URL" in res.output and not out.exists()
    res = invoke(["extract", page_server, "-o", out, "--allow-network"])
    assert res.exit_code == 0, res.output
    assert article_ids(out) == ["story"]


# ---------------------------------------------------------------------------------------- --validate


@pytest.fixture
def strict_shapes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Our shapes plus one the extractor's arrests fail: every arrest needs a title."""
    extra = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ekg: <https://w3id.org/eventkg/ontology#> .
        <https://example.org/ArrestDate> a sh:NodeShape ; sh:targetClass ekg:Arrest ; sh:property [
            sh:path ekg:title ; sh:minCount 1 ; sh:message "Test rule: an arrest needs a title." ] .""",
        format="turtle",
    )
    combined = Graph() + shapes_graph() + extra
    monkeypatch.setattr(eventkg.validation, "shapes_graph", lambda: combined)


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text(BOMB + ARREST.replace(" on Monday", ""))
    return path


@pytest.mark.model
def test_extract_validate_leaves_out_invalid_articles(
    tmp_path: Path, nlp: object, feed: Path, strict_shapes: None
) -> None:
    out = tmp_path / "out.trig"
    res = invoke(["extract", feed, "-o", out, "--validate"])
    assert res.exit_code == 1
    assert article_ids(out) == ["bomb"]
    (line,) = [ln for ln in lines_naming(res.stderr, f"{feed}:2") if "skipped" in ln]
    assert "SHACL violations" in line and "--keep-invalid" in line
    assert "Test rule: an arrest needs a title." in res.stderr  # the table
    assert invoke(["validate", out]).exit_code == 0


@pytest.mark.model
def test_extract_validate_keep_invalid_writes_everything(
    tmp_path: Path, nlp: object, feed: Path, strict_shapes: None
) -> None:
    out = tmp_path / "out.trig"
    res = invoke(["extract", feed, "-o", out, "--validate", "--keep-invalid"])
    assert res.exit_code == 0, res.output
    assert article_ids(out) == ["arrest", "bomb"]
    assert "Test rule: an arrest needs a title." in res.stderr


@pytest.mark.model
def test_extract_validate_on_good_output_writes_all(tmp_path: Path, nlp: object, feed: Path) -> None:
    out = tmp_path / "out.trig"
    res = invoke(["extract", feed, "-o", out, "--validate"])
    assert res.exit_code == 0, res.output
    assert article_ids(out) == ["arrest", "bomb"]


# ---------------------------------------------------------------------------------------- no loss


@pytest.mark.model
@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl"])
def test_resume_skips_what_is_there_and_equals_a_fresh_run(
    tmp_path: Path, nlp: object, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(BOMB)
    second.write_text(ARREST)
    out, fresh = tmp_path / f"out{suffix}", tmp_path / f"fresh{suffix}"
    assert invoke(["extract", first, "-o", out]).exit_code == 0
    assert invoke(["extract", first, second, "-o", fresh]).exit_code == 0

    extracted: list[str] = []
    real = eventkg.extract.chunked.extract
    monkeypatch.setattr(
        eventkg.extract.chunked, "extract", lambda doc, a: extracted.append(a.id) or real(doc, a)
    )
    res = invoke(["extract", first, second, "-o", out, "--resume"])
    assert res.exit_code == 0, res.output
    assert extracted == ["arrest"]
    assert "kept 1 from before" in res.stderr
    assert quads(out) == quads(fresh)

    before = quads(out)  # everything is there: nothing to extract, nothing changes
    res = invoke(["extract", first, second, "-o", out, "--resume"])
    assert res.exit_code == 0, res.output
    assert extracted == ["arrest"]
    assert quads(out) == before


def test_resume_on_a_torn_output_exits_2_naming_it(tmp_path: Path) -> None:
    out = tmp_path / "out.trig"
    out.write_text('<https://ex.org/a> { <https://ex.org/a> <https://ex.org/p> "x" .\n <https')
    res = invoke(["extract", tmp_path, "-o", out, "--resume"])
    assert res.exit_code == 2
    (line,) = lines_naming(res.output, str(out))
    assert "cannot resume" in line


@pytest.mark.model
def test_rerunning_an_article_is_idempotent(tmp_path: Path, nlp: object) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(BOMB + ARREST)
    out = tmp_path / "out.trig"
    assert invoke(["extract", feed, "-o", out]).exit_code == 0
    first = out.read_bytes()
    assert invoke(["extract", feed, "-o", out]).exit_code == 0
    assert out.read_bytes() == first
    assert invoke(["extract", feed, feed, "-o", tmp_path / "twice.trig"]).exit_code == 0  # duplicate ids
    assert quads(tmp_path / "twice.trig") == quads(out)


@pytest.mark.model
def test_kill_9_mid_run_leaves_the_old_file_whole(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    with feed.open("w") as f:
        for i in range(150):
            f.write(
                json.dumps({"id": f"a{i}", "text": f"A car bomb killed {i + 2} people in Mogadishu."}) + "\n"
            )
    out = tmp_path / "out.trig"
    old = b'<https://ex.org/old> { <https://ex.org/old> <https://ex.org/p> "old" . }\n'
    out.write_bytes(old)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventkg.cli", "extract", str(feed), "-o", str(out), "-q"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            partial = [
                p for p in tmp_path.iterdir() if p.name.startswith(".out.trig.") and p.stat().st_size > 0
            ]
            if partial:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed"
        assert partial, "no temporary output appeared"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert out.read_bytes() == old  # the old file, whole
    # a run that finishes replaces it with a complete new one
    small = tmp_path / "small.jsonl"
    small.write_text("".join(feed.read_text().splitlines(keepends=True)[:3]))
    res = subprocess.run(
        [sys.executable, "-m", "eventkg.cli", "extract", str(small), "-o", str(out), "-q"],
        env=env,
        capture_output=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr
    assert article_ids(out) == ["a0", "a1", "a2"]
    assert not list(tmp_path.glob(".out.trig.*")), "the killed run's temporary file is left behind"


def test_only_stale_temporary_files_of_ours_are_removed(tmp_path: Path) -> None:
    """A temp file is removed when its process is gone, or its pid now belongs to a newer process."""
    from eventkg.store import _HOST, atomic_file

    dead = subprocess.Popen(["true"])
    dead.wait()
    zombie = subprocess.Popen(["true"])  # exited, not yet reaped
    while psutil.Process(zombie.pid).status() != psutil.STATUS_ZOMBIE:
        time.sleep(0.01)
    files = {
        "dead": f".out.nq.eventkg-{_HOST}-{dead.pid}-abc_1234.tmp",
        "zombie": f".out.nq.eventkg-{_HOST}-{zombie.pid}-abc_1234.tmp",
        "reused pid": f".out.nq.eventkg-{_HOST}-{os.getpid()}-old12345.tmp",
        "live": f".out.nq.eventkg-{_HOST}-{os.getpid()}-new12345.tmp",
        "other host": f".out.nq.eventkg-not-{_HOST}-{dead.pid}-abc12345.tmp",
        "other output": f".other.nq.eventkg-{_HOST}-{dead.pid}-abc12345.tmp",
        "not ours": ".out.nq.x1y2z3w4.tmp",
    }
    for name in files.values():
        (tmp_path / name).write_text("partial")
    before_us = psutil.Process().create_time() - 3600  # written before this process started
    os.utime(tmp_path / files["reused pid"], (before_us, before_us))
    with atomic_file(tmp_path / "out.nq") as f:
        f.write(b"")
    zombie.wait()
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {"out.nq"} | {files[k] for k in ("live", "other host", "other output", "not ours")}
