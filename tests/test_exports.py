"""Exports (eventkg.exports, ``eventkg export``): round trips through pandas, networkx and
rdflib, the seed attack in every taxonomy, and conflicting figures kept visible."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner, Result
from rdflib import OWL, Dataset, Literal, URIRef
from rdflib.compare import isomorphic

import eventkg.cli
from eventkg.analysis import read_facts, to_networkx
from eventkg.cli import main
from eventkg.errors import GraphReadError, OutputError
from eventkg.exports import DTYPES, FORMATS, event_records, export
from eventkg.models import Article, CasualtyFigure, Entity, Event, Extraction, Role
from eventkg.rdf.build import article_iri, build_graph
from eventkg.resources import ontology_graph, resource_path
from eventkg.store import load

pytestmark = pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib\..*")

IS = Entity(key="armedgroup:is", kind="ArmedGroup", label="Islamic State", ids=("wikidata:Q2429253",))
TOWN = Entity(key="place:town", kind="City", label="Town", parent="place:land")
LAND = Entity(key="place:land", kind="Country", label="Land", ids=("iso3166:IR",))


def bombing(article: str, killed: int, *, also: int | None = None) -> Extraction:
    ev = Event(
        key="event-1",
        kind="SuicideBombing",
        mentions=(),
        roles=(Role("perpetrator", IS.key), Role("place", TOWN.key)),
        date="2024-01-03",
        killed=killed,
        figures=(CasualtyFigure(also, "killed"),) if also is not None else (),
    )
    return Extraction(article=Article(id=article, text="x"), entities=(IS, TOWN, LAND), events=(ev,))


@pytest.fixture
def disputed() -> Dataset:
    """Two articles on one bombing (89 and 95 dead), linked by owl:sameAs as resolution does."""
    ds = build_graph([bombing("a1", 89), bombing("a2", 95)])
    ds.graph(URIRef("https://example.org/resolution")).add(
        (URIRef(f"{article_iri('a1')}/event-1"), OWL.sameAs, URIRef(f"{article_iri('a2')}/event-1"))
    )
    return ds


def invoke(args: Sequence[str | Path]) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


# ---------------------------------------------------------------------------------------- conflicts


def test_each_source_keeps_its_figure_and_the_notes_name_the_other(tmp_path: Path, disputed: Dataset) -> None:
    export(disputed, tmp_path / "acled.csv", fmt="acled-csv")
    rows = pd.read_csv(tmp_path / "acled.csv", dtype=DTYPES["acled-csv"]).set_index("article_id")
    assert rows.loc["a1", "fatalities"] == 89 and rows.loc["a2", "fatalities"] == 95
    assert f"killed 95 in <{article_iri('a2')}>" in rows.loc["a1", "notes"]
    assert f"killed 89 in <{article_iri('a1')}>" in rows.loc["a2", "notes"]
    assert rows.loc["a1", "notes"].startswith("Conflicting figures:")

    export(disputed, tmp_path / "gtd.csv", fmt="gtd-csv")
    gtd = pd.read_csv(tmp_path / "gtd.csv", dtype=DTYPES["gtd-csv"])
    assert sorted(gtd["nkill"]) == [89, 95]
    assert gtd["summary"].str.contains("Conflicting figures: killed").all()


def test_the_same_event_under_one_iri_in_two_graphs_is_a_conflict_too() -> None:
    ds = build_graph([bombing("a1", 89)])
    other = ds.graph(URIRef("https://example.org/other-source"))
    killed = URIRef("https://w3id.org/eventkg/ontology#killed")
    other.add((URIRef(f"{article_iri('a1')}/event-1"), killed, Literal(80)))
    [rec] = event_records(ds)
    assert [(o.value, o.article) for o in rec.other_figures] == [(80, "https://example.org/other-source")]


def test_records_carry_codes_places_and_figures() -> None:
    [rec] = event_records(build_graph([bombing("a1", 89, also=76)]))
    assert rec.kind == "SuicideBombing" and rec.killed == (89,)
    assert [p.label for p in rec.places] == ["Town", "Land"]
    assert [(f.count, f.outcome) for f in rec.figures] == [(76, "Killed")]
    assert rec.codes["cameo"].code == "1831"


# ---------------------------------------------------------------------------------------- errors


def test_an_unknown_format_is_refused(tmp_path: Path, disputed: Dataset) -> None:
    with pytest.raises(OutputError, match="unknown export format 'xlsx'"):
        export(disputed, tmp_path / "x.xlsx", fmt="xlsx")


def test_an_rdf_format_needs_its_suffix(tmp_path: Path, disputed: Dataset) -> None:
    with pytest.raises(OutputError, match=r"needs a \.trig file name"):
        export(disputed, tmp_path / "x.rdf", fmt="trig")


def test_an_unreadable_graph_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("<a> <b> ", encoding="utf-8")
    with pytest.raises(GraphReadError):
        export(bad, tmp_path / "out.csv", fmt="acled-csv")
    res = invoke(["export", bad, "--format", "jsonl", "-o", tmp_path / "out.jsonl"])
    assert res.exit_code == 2 and "bad.trig" in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.trig"]


def test_a_failed_export_leaves_the_old_file(tmp_path: Path, disputed: Dataset) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(OutputError):
        export(disputed, out, fmt="nope")
    assert out.read_text(encoding="utf-8") == "old\n"


# ---------------------------------------------------------------------------------------- JSON-LD


def test_the_context_has_a_term_for_every_ontology_term() -> None:
    ctx = json.loads(resource_path("ontology", "context.jsonld").read_text(encoding="utf-8"))["@context"]
    ns = "https://w3id.org/eventkg/ontology#"
    terms = {str(s)[len(ns) :] for s in ontology_graph().subjects() if str(s).startswith(ns)}
    assert terms <= set(ctx)


def test_jsonld_reparses_isomorphic_without_network(
    tmp_path: Path, disputed: Dataset, no_network: list[str]
) -> None:
    out = tmp_path / "g.jsonld"
    export(disputed, out, fmt="jsonld")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(doc["@context"], dict)  # inline, never a URL to fetch
    back = load(out)
    for g in disputed.graphs():
        assert isomorphic(g, back.graph(g.identifier)), g.identifier
    assert no_network == []


# ---------------------------------------------------------------------------------------- the samples


@pytest.mark.model
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_on_the_samples_writes_every_format(tmp_path: Path, samples_trig: Path, fmt: str) -> None:
    out = tmp_path / f"out{FORMATS[fmt]}"
    res = invoke(["export", samples_trig, "--format", fmt, "-o", out])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 500
    assert f"({fmt})" in res.output


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, samples_trig: Path) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    out = {fmt: folder / f"{fmt}{suffix}" for fmt, suffix in FORMATS.items()}
    for fmt, path in out.items():
        export(samples_trig, path, fmt=fmt)
    return out


@pytest.mark.model
def test_the_seed_attack_in_acled_terms(exported: dict[str, Path]) -> None:
    rows = pd.read_csv(exported["acled-csv"], dtype=DTYPES["acled-csv"])
    [row] = rows[rows["sub_event_type"] == "Suicide bomb"].itertuples()
    assert (row.event_type, row.actor1, row.fatalities) == ("Explosions/Remote violence", "Islamic State", 89)
    assert (row.event_date, row.country, row.location, row.iso) == ("2024-01-03", "Iran", "Kerman", 364)
    assert "76 killed (Iranians)" in row.notes and "Responsibility claimed by Islamic State" in row.notes


@pytest.mark.model
def test_the_seed_attack_in_gtd_terms(exported: dict[str, Path]) -> None:
    rows = pd.read_csv(exported["gtd-csv"], dtype=DTYPES["gtd-csv"])
    [row] = rows[rows["suicide"] == 1].itertuples()
    assert (row.attacktype1, row.attacktype1_txt, row.gname) == (3, "Bombing/Explosion", "Islamic State")
    assert (row.iyear, row.imonth, row.iday, row.nkill, row.nwound, row.claimed) == (2024, 1, 3, 89, 286, 1)
    assert row.weaptype1_txt == "Explosives"
    assert "Arrest" not in set(rows["attacktype1_txt"])  # GTD holds attacks only


@pytest.mark.model
def test_the_seed_attack_in_jsonl_with_cameo_and_plover(exported: dict[str, Path]) -> None:
    objs = [json.loads(line) for line in exported["jsonl"].read_text(encoding="utf-8").splitlines()]
    [obj] = [o for o in objs if o["type"] == "SuicideBombing"]
    assert obj["codes"]["cameo"]["code"] == "1831"
    assert (obj["codes"]["plover"]["parent_code"], obj["codes"]["plover"]["code"]) == (
        "ASSAULT",
        "suicide-attack",
    )
    assert obj["killed"] == [89] and obj["article"]["id"]
    assert any(m["text"] for m in obj["mentions"])
    assert {c["kind"] for c in obj["claims"]} >= {"ResponsibilityClaim"}


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["acled-csv", "gtd-csv"])
def test_csv_reads_back_with_the_right_dtypes(exported: dict[str, Path], fmt: str) -> None:
    typed = pd.read_csv(exported[fmt], dtype=DTYPES[fmt])
    assert list(typed.columns) == list(DTYPES[fmt])
    assert {c: str(t) for c, t in typed.dtypes.items()} == {
        c: ("string" if t == "string" else t) for c, t in DTYPES[fmt].items()
    }
    plain = pd.read_csv(exported[fmt])  # numbers stay numbers without any hint
    for col, t in DTYPES[fmt].items():
        if t != "string":
            assert pd.api.types.is_numeric_dtype(plain[col]), col
    dates = typed.get("event_date")
    if dates is not None:
        pd.to_datetime(dates, format="%Y-%m-%d")  # every date is ISO or empty


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphs_read_back_with_networkx(exported: dict[str, Path], fmt: str) -> None:
    g = nx.read_graphml(exported[fmt]) if fmt == "graphml" else nx.read_gexf(exported[fmt])
    # the file is the analysis' full projection, attribute for attribute where the format allows
    projection = to_networkx(read_facts(exported["trig"]), "full")
    assert sorted(g.nodes) == sorted(projection.nodes) and g.number_of_edges() == projection.number_of_edges()
    events = {n: d for n, d in g.nodes(data=True) if d.get("kind") == "event"}
    assert len(events) == len(event_records(exported["trig"]))
    [seed] = [d for d in events.values() if d.get("type") == "SuicideBombing"]
    assert int(seed["killed"]) == 89 and seed["cameo"] == "1831" and seed["date"] == "2024-01-03"
    perpetrators = [
        g.nodes[v].get("label")
        for n in events
        for v in g.neighbors(n)
        if "perpetrator" in g.edges[n, v]["roles"].split(";") and events[n].get("type") == "SuicideBombing"
    ]
    assert "Islamic State" in perpetrators
    places = [d for d in g.nodes.values() if d["kind"] == "place" and "latitude" in d]
    assert places and all(-90 <= float(d["latitude"]) <= 90 for d in places)


def test_a_graph_export_writes_the_projection_asked_for(tmp_path: Path, disputed: Dataset) -> None:
    src = tmp_path / "in.trig"
    disputed.serialize(src, format="trig")
    res = invoke(
        ["export", src, "--format", "graphml", "--projection", "events", "-o", tmp_path / "e.graphml"]
    )
    assert res.exit_code == 0, res.output
    g = nx.read_graphml(tmp_path / "e.graphml")
    assert {d["kind"] for d in g.nodes.values()} == {"event"} and g.graph["projection"] == "events"
    [(_, _, d)] = g.edges(data=True)
    assert d["reasons"] == "same incident"  # the owl:sameAs of the fixture
    res = invoke(["export", src, "--format", "jsonl", "--projection", "events", "-o", tmp_path / "e.jsonl"])
    assert res.exit_code == 2 and "--projection is for graphml and gexf" in res.output


@pytest.mark.model
def test_rdf_and_jsonld_exports_are_isomorphic_to_the_input(
    exported: dict[str, Path], samples_trig: Path
) -> None:
    original = load(samples_trig)
    for fmt in ("trig", "nq", "jsonld"):
        back = load(exported[fmt])
        for g in original.graphs():
            assert isomorphic(g, back.graph(g.identifier)), (fmt, g.identifier)


def test_export_help_and_usage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eventkg.cli._err, "_width", 400)
    res = invoke(["export", "x.trig", "-o", "y.csv"])
    assert res.exit_code == 2 and "--format" in res.output
    assert "acled-csv" in invoke(["export", "--help"]).output


def test_the_cli_offers_every_format_and_scheme() -> None:
    from eventkg.analysis import PROJECTIONS
    from eventkg.crosswalk import SCHEMES

    assert tuple(FORMATS) == eventkg.cli._EXPORT_FORMATS
    assert eventkg.cli._SCHEMES == SCHEMES
    assert eventkg.cli._PROJECTIONS == PROJECTIONS
