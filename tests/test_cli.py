"""The ``eventkg`` command through click's CliRunner.

Exit codes: 0 success, 1 a failure the library reports (a violation, a refused query, a
skipped article with --strict), 2 a usage error or unreadable input. Tests that extract
with the real spaCy pipeline, or read the extracted samples, are marked ``model``.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

import eventkg.cli
import eventkg.store
from eventkg.cli import main
from eventkg.store import GraphWriter, load

# rdflib 7.6 warns about its own Dataset internals (trig/nquads/json-ld serializers and parsers)
pytestmark = pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib\..*")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
QUERIES = sorted((REPO / "docs" / "queries").glob("*.rq"))
SAMPLE_QUERIES = [
    q for q in QUERIES if q.stem != "conflicting-tolls"
]  # needs a resolved graph: test_resolve.py
COOKBOOK = ["arrests", "attacks", "casualty-breakdowns", "central-armed-groups", "claims",
            "conflicting-tolls", "perpetrators", "places", "potential-events", "provenance",
            "statements"]  # fmt: skip
ARTICLE_IDS = "SELECT ?id WHERE { ?a a ekg:Article ; ekg:articleId ?id } ORDER BY ?id"

VIOLATION_TRIG = """\
@prefix ekg: <https://w3id.org/eventkg/ontology#> .
<https://example.org/article/a> {
    <https://example.org/article/a> a ekg:Article ; ekg:articleId "a" .
    <https://example.org/article/a/event-1> a ekg:Attack .
}
"""


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich wraps at 80 columns when not on a terminal; messages must stay on one line here."""
    monkeypatch.setattr(eventkg.cli._err, "_width", 400)
    monkeypatch.setattr(eventkg.cli._out, "_width", 400)


def invoke(args: Sequence[str | Path]) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def ids_in(path: Path) -> list[str]:
    res = eventkg.store.query(path, "PREFIX ekg: <https://w3id.org/eventkg/ontology#>\n" + ARTICLE_IDS)
    return [row[0] or "" for row in res.rows]


# ---------------------------------------------------------------------------------------- usage


def test_help_lists_the_commands() -> None:
    res = invoke(["--help"])
    assert res.exit_code == 0
    for command in ("extract", "validate", "query", "stats"):
        assert command in res.output


@pytest.mark.parametrize("command", ["extract", "validate", "query", "stats"])
def test_an_unknown_flag_exits_2(command: str) -> None:
    res = invoke([command, "--no-such-flag", "x"])
    assert res.exit_code == 2
    assert "no-such-flag" in res.output


def test_extract_needs_an_output() -> None:
    assert invoke(["extract", SAMPLES]).exit_code == 2


@pytest.mark.parametrize("name", ["out.xml", "out.rdf", "out"])
def test_extract_to_an_unknown_suffix_exits_2_with_a_message(tmp_path: Path, name: str) -> None:
    res = invoke(["extract", SAMPLES, "-o", tmp_path / name])
    assert res.exit_code == 2
    assert "unknown RDF format" in res.output
    assert not (tmp_path / name).exists()


# ---------------------------------------------------------------------------------------- extract


@pytest.mark.model
def test_extract_twice_gives_byte_identical_trig(tmp_path: Path, samples_trig: Path) -> None:
    out = tmp_path / "again.trig"
    res = invoke(["extract", SAMPLES, "-o", out])
    assert res.exit_code == 0, res.output
    assert "6 articles" in res.stderr
    assert out.read_bytes() == samples_trig.read_bytes()


@pytest.mark.model
@pytest.mark.parametrize("suffix", [".nq", ".ttl", ".jsonld"])
def test_extract_writes_every_format(tmp_path: Path, samples_trig: Path, suffix: str) -> None:
    out = tmp_path / f"samples{suffix}"
    res = invoke(["extract", SAMPLES, "-o", out, "--quiet"])
    assert res.exit_code == 0, res.output
    assert ids_in(out) == ids_in(samples_trig)
    ds = load(out)
    named = [g for g in ds.graphs() if len(g) and not str(g.identifier).startswith("urn:x-rdflib")]
    assert len(named) == (0 if suffix == ".ttl" else 6)
    assert len(ds) == len(load(samples_trig))


@pytest.fixture
def messy_folder(tmp_path: Path) -> Path:
    """One good text, an empty text, a binary file and a JSONL with a malformed line 2."""
    folder = tmp_path / "messy"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "date 2024-03-01\nGunmen shot dead three people at a market in Peshawar on Friday, police said.\n"
    )
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" + random.Random(1).randbytes(3000))
    (folder / "feed.jsonl").write_text(
        '{"id": "feed-a", "text": "Police arrested five suspects in Lagos on Monday."}\n'
        '{"id": "feed-b", "text": "A bomb exploded\n'
        '{"id": "feed-c", "text": "A car bomb exploded outside a hotel in Mogadishu, killing four people."}\n'
    )
    return folder


@pytest.mark.model
def test_bad_inputs_are_reported_and_skipped(tmp_path: Path, messy_folder: Path, nlp: object) -> None:
    out = tmp_path / "messy.trig"
    res = invoke(["extract", messy_folder, "-o", out])
    assert res.exit_code == 0, res.output
    assert ids_in(out) == ["feed-a", "feed-c", "good"]
    for where in ("empty.txt", "binary.txt", "feed.jsonl:2"):
        assert where in res.stderr, f"{where} not named in:\n{res.stderr}"
    assert "3 skipped" in res.stderr


@pytest.mark.model
def test_strict_exits_1_when_an_article_was_skipped(tmp_path: Path, messy_folder: Path, nlp: object) -> None:
    res = invoke(["extract", messy_folder, "-o", tmp_path / "messy.trig", "--strict", "-q"])
    assert res.exit_code == 1
    assert "3 articles skipped" in res.output


@pytest.mark.model
def test_nothing_readable_exits_1(tmp_path: Path, nlp: object) -> None:
    res = invoke(["extract", tmp_path / "missing.txt", "-o", tmp_path / "out.trig", "-q"])
    assert res.exit_code == 1
    assert "missing.txt" in res.output


@pytest.mark.model
def test_error_messages_are_printed_verbatim(tmp_path: Path, nlp: object) -> None:
    folder = tmp_path / "brackets"
    folder.mkdir()
    (folder / "[bold]draft.txt").write_text("")
    (folder / "feed.jsonl").write_text(
        '{"id": "ok", "text": "Police arrested five suspects in Lagos."}\n{"id": ["[/b]"], "text": "x"}\n'
    )
    res = invoke(["extract", folder, "-o", tmp_path / "out.trig", "-q"])
    assert res.exit_code == 0, res.exception
    assert "[bold]draft.txt" in res.stderr
    assert "feed.jsonl:2" in res.stderr


# ---------------------------------------------------------------------------------------- validate


@pytest.mark.model
def test_validate_the_samples_exits_0(samples_trig: Path) -> None:
    res = invoke(["validate", samples_trig])
    assert res.exit_code == 0, res.output
    assert "conforms" in res.stdout


@pytest.mark.model
def test_validate_json_parses(samples_trig: Path) -> None:
    res = invoke(["validate", samples_trig, "--format", "json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["conforms"] is True
    assert report["violations"] == 0


def test_validate_a_violation_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.trig"
    path.write_text(VIOLATION_TRIG)
    res = invoke(["validate", path])
    assert res.exit_code == 1
    assert "does NOT conform" in res.stdout

    res = invoke(["validate", path, "--format", "json"])
    assert res.exit_code == 1
    report = json.loads(res.stdout)
    assert report["conforms"] is False
    focus = {r["focus"] for r in report["results"] if r["severity"] == "Violation"}
    assert "https://example.org/article/a/event-1" in focus


def test_validate_details_lists_every_result(tmp_path: Path) -> None:
    path = tmp_path / "bad.trig"
    path.write_text(VIOLATION_TRIG)
    res = invoke(["validate", path, "--details"])
    assert res.exit_code == 1
    assert "wasDerivedFrom" in res.stdout and "mention" in res.stdout


def test_validate_a_truncated_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "truncated.trig"
    path.write_text(VIOLATION_TRIG[: len(VIOLATION_TRIG) // 2 + 20])
    res = invoke(["validate", path])
    assert res.exit_code == 2
    assert "truncated.trig" in res.output and "line" in res.output


def test_validate_a_missing_file_exits_2(tmp_path: Path) -> None:
    res = invoke(["validate", tmp_path / "missing.trig"])
    assert res.exit_code == 2
    assert "missing.trig" in res.output


# ---------------------------------------------------------------------------------------- query


@pytest.mark.model
def test_query_with_q_csv(samples_trig: Path) -> None:
    res = invoke(["query", samples_trig, "-q", ARTICLE_IDS, "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert rows[0] == ["id"]
    assert len(rows) == 7


@pytest.mark.model
def test_query_from_a_file_as_json(tmp_path: Path, samples_trig: Path) -> None:
    rq = tmp_path / "ids.rq"
    rq.write_text("# article ids\n" + ARTICLE_IDS + "\n")
    res = invoke(["query", samples_trig, "-f", rq, "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert len(data) == 6
    assert all(set(row) == {"id"} for row in data)
    assert "kerman-2024-01-07" in {row["id"] for row in data}


@pytest.mark.model
def test_query_as_a_table(samples_trig: Path) -> None:
    res = invoke(["query", samples_trig, "-q", ARTICLE_IDS, "--format", "table"])
    assert res.exit_code == 0, res.output
    assert "6 rows" in res.stdout
    assert "kerman-2024-01-07" in res.stdout


@pytest.mark.model
def test_query_text_as_the_last_argument(samples_trig: Path) -> None:
    res = invoke(["query", samples_trig, "SELECT ?a WHERE { ?a a ekg:Article }", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.stdout)) == 6


@pytest.mark.model
def test_query_text_with_a_dot_as_the_last_argument(samples_trig: Path) -> None:
    res = invoke(["query", samples_trig, "SELECT ?a WHERE { ?a a ekg:Article . }", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.stdout)) == 6


@pytest.mark.model
def test_query_ask_and_construct(samples_trig: Path) -> None:
    res = invoke(["query", samples_trig, "-q", "ASK { ?e a ekg:SuicideBombing }"])
    assert (res.exit_code, res.stdout.strip()) == (0, "true")
    res = invoke(["query", samples_trig, "-q", "CONSTRUCT { ?a a ekg:Article } WHERE { ?a a ekg:Article }"])
    assert res.exit_code == 0, res.output
    assert len(list(ox.parse(res.stdout_bytes, format=ox.RdfFormat.N_TRIPLES))) == 6


@pytest.mark.model
def test_query_service_is_refused_with_exit_1(samples_trig: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the query got past the network check")

    monkeypatch.setattr(eventkg.store, "_open_store", refuse)
    res = invoke(
        ["query", samples_trig, "-q", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"]
    )
    assert res.exit_code == 1
    assert "SERVICE" in res.output and "--allow-network" in res.output


def test_query_needs_exactly_one_query(tmp_path: Path) -> None:
    path = tmp_path / "g.trig"
    path.write_text(VIOLATION_TRIG)
    assert invoke(["query", path]).exit_code == 2
    rq = tmp_path / "q.rq"
    rq.write_text("ASK {}")
    assert invoke(["query", path, "-q", "ASK {}", "-f", rq]).exit_code == 2


def test_query_malformed_sparql_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "g.trig"
    path.write_text(VIOLATION_TRIG)
    res = invoke(["query", path, "-q", "SELECT WHERE {"])
    assert res.exit_code == 1
    assert "malformed SPARQL" in res.output


def test_query_on_an_unreadable_graph_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "truncated.trig"
    path.write_text(VIOLATION_TRIG[:60])
    res = invoke(["query", path, "-q", "ASK {}"])
    assert res.exit_code == 2
    assert "truncated.trig" in res.output
    assert invoke(["query", tmp_path / "missing.trig", "-q", "ASK {}"]).exit_code == 2


# ---------------------------------------------------------------------------------------- stats


@pytest.mark.model
def test_stats_table(samples_trig: Path) -> None:
    res = invoke(["stats", samples_trig])
    assert res.exit_code == 0, res.output
    for word in ("articles", "events", "triples", "actors", "places"):
        assert word in res.stdout


@pytest.mark.model
def test_stats_json(samples_trig: Path) -> None:
    res = invoke(["stats", samples_trig, "--format", "json"])
    assert res.exit_code == 0, res.output
    stats = json.loads(res.stdout)
    assert stats["articles"] == 6
    assert stats["triples"] == len(list(ox.parse(samples_trig.read_bytes(), format=ox.RdfFormat.TRIG)))
    events = {k.strip(): v for k, v in stats.items() if k.strip().startswith("events:")}
    assert events.get("events: SuicideBombing", 0) >= 1


def test_stats_on_a_missing_file_exits_2(tmp_path: Path) -> None:
    assert invoke(["stats", tmp_path / "missing.trig"]).exit_code == 2


@pytest.mark.model
def test_stats_counts_the_triples_of_a_turtle_file(tmp_path: Path, samples_trig: Path) -> None:
    ttl = tmp_path / "samples.ttl"
    with GraphWriter(ttl) as w:
        for g in load(samples_trig).graphs():
            if len(g):
                w.write(g)
    stats = json.loads(invoke(["stats", ttl, "--format", "json"]).stdout)
    assert stats["articles"] == 6
    assert stats["triples"] > 0


# ---------------------------------------------------------------------------------------- the cookbook


def test_the_cookbook_has_every_query() -> None:
    assert [q.stem for q in QUERIES] == COOKBOOK
    guide = (REPO / "docs" / "sparql.md").read_text(encoding="utf-8")
    for name in COOKBOOK:
        assert f"{name}.rq" in guide, f"docs/sparql.md does not describe {name}.rq"


@pytest.mark.model
@pytest.mark.parametrize("rq", SAMPLE_QUERIES, ids=[q.stem for q in SAMPLE_QUERIES])
def test_cookbook_query_returns_rows(samples_trig: Path, analysis_trig: Path, rq: Path) -> None:
    # with the samples' analysis graph beside them (central-armed-groups.rq reads it)
    res = invoke(["query", samples_trig, analysis_trig, "-f", rq, "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert len(rows) >= 2, f"{rq.name} returned no rows"
    # every file declares its own prefixes: it runs without the CLI's predeclared ones
    assert eventkg.store.query([samples_trig, analysis_trig], rq.read_text(encoding="utf-8")).rows
