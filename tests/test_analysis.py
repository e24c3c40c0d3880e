"""Link analysis (eventkg.analysis) and its commands: projections, metrics, RDF, paths.

Unit tests run on small hand-made graphs; the ``model`` tests run on the extracted samples.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Dataset, Literal, URIRef

import eventkg.cli
from eventkg.analysis import (
    AnalysisError,
    Entity,
    Event,
    Facts,
    analysis_graph,
    analyze,
    find_paths,
    read_facts,
    to_networkx,
)
from eventkg.cli import main
from eventkg.rdf.namespace import EKG
from eventkg.store import query
from eventkg.validation import validate

pytestmark = pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib\..*")

REPO = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/eventkg/id/"
ISIS = ID + "armedgroup/islamic-state"
KERMAN_ATTACK = ID + "article/kerman-2024-01-07/event-1"


def _facts() -> Facts:
    """Two armed groups, three events in two articles, places nested in a country."""
    ent = {
        "g1": Entity("g1", "ArmedGroup", "actor", "Group One", ("G1",)),
        "g2": Entity("g2", "ArmedGroup", "actor", "Group Two"),
        "v": Entity("v", "Group", "actor", "villagers"),
        "p": Entity("p", "Person", "actor", "Jane Roe"),
        "town": Entity("town", "City", "place", "Town", lat=1.0, lon=2.0),
        "land": Entity("land", "Country", "place", "Land", lat=0.0, lon=0.0),
    }
    ev = {
        "e1": Event(
            "e1", "Bombing", "Bombing in Town", "2024-01-03", killed=5, article="a1", article_id="a1"
        ),
        "e2": Event("e2", "Arrest", "Arrest in Town", "2024-02", article="a1", article_id="a1"),
        "e3": Event("e3", "Shooting", "Shooting", "2023", article="a2", article_id="a2"),
    }
    roles = (
        ("e1", "perpetrator", "g1"),
        ("e1", "victim", "v"),
        ("e1", "place", "town"),
        ("e2", "detainee", "g2"),
        ("e2", "speaker", "p"),
        ("e2", "place", "town"),
        ("e3", "perpetrator", "g1"),
        ("e3", "perpetrator", "g2"),
    )
    return Facts(ev, ent, roles, located_in=(("town", "land"),))


# --------------------------------------------------------------------------- projections
def test_actor_projection_weights_shared_events_and_articles() -> None:
    g = to_networkx(_facts(), "actors")
    assert sorted(g.edges) == [("g1", "g2"), ("g1", "v"), ("g2", "p")]
    assert g.edges["g1", "g2"] == {"weight": 1, "events": ["e3"], "articles": ["a2"]}
    assert {"label": "Group One", "type": "ArmedGroup", "events": 2, "articles": 2}.items() <= g.nodes[
        "g1"
    ].items()


def test_bipartite_places_and_events_projections() -> None:
    f = _facts()
    b = to_networkx(f, "bipartite")
    assert b.edges["g1", "e1"]["roles"] == ["perpetrator"]
    assert nx.is_bipartite(b) and "town" not in b
    assert b.nodes["e1"]["killed"] == 5 and b.nodes["e1"]["date"] == "2024-01-03"
    p = to_networkx(f, "places")
    assert p.edges["g1", "town"]["events"] == ["e1"] and not p.has_edge("g1", "land")
    e = to_networkx(f, "events")
    assert list(e.edges(data="reasons")) == [("e1", "e3", ["same perpetrator: Group One"])]


@pytest.mark.parametrize(
    ("filters", "events"),
    [
        ({"event_types": ["Attack"]}, {"e1", "e3"}),
        ({"event_types": ["ekg:Arrest"]}, {"e2"}),
        ({"since": "2024"}, {"e1", "e2"}),
        ({"since": "2024-02-15", "until": "2024-03"}, {"e2"}),  # a month overlaps the range
        ({"until": "2023-06"}, {"e3"}),  # a year overlaps the range
        ({"place": "Land"}, {"e1", "e2"}),  # inside it, through ekg:locatedIn
        ({"place": "town", "event_types": ["Bombing"]}, {"e1"}),
    ],
)
def test_filters(filters: dict[str, object], events: set[str]) -> None:
    g = to_networkx(_facts(), "events", **filters)  # type: ignore[arg-type]
    assert set(g) == events


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"projection": "people"}, "unknown projection 'people'"),
        ({"event_types": ["Riot"]}, "unknown event type 'Riot'"),
        ({"place": "Atlantis"}, "no place is named 'Atlantis'"),
    ],
)
def test_bad_requests_say_what_to_do(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(AnalysisError, match=message):
        to_networkx(_facts(), **kwargs)  # type: ignore[arg-type]


def test_read_facts_from_a_dataset() -> None:
    ds = Dataset()
    g = ds.graph(URIRef("https://example.org/a1"))
    e, grp, claim = (URIRef(f"https://example.org/{n}") for n in ("e", "grp", "claim"))
    for t in [
        (e, RDF.type, EKG.Shooting),
        (grp, RDF.type, EKG.ArmedGroup),
        (grp, RDFS.label, Literal("Gunmen Front")),
        (claim, RDF.type, EKG.ResponsibilityClaim),
        (claim, EKG.claimant, grp),
        (claim, EKG.about, e),
    ]:
        g.add(t)
    facts = read_facts(ds)
    assert facts.roles == ((str(e), "claimant", str(grp)),)
    assert facts.claims[0].type == "ResponsibilityClaim"
    assert facts.entities[str(grp)].label == "Gunmen Front"


# --------------------------------------------------------------------------- metrics
def test_metrics_are_networkx_s() -> None:
    g = nx.les_miserables_graph()
    nx.set_node_attributes(g, {n: {"label": n, "type": "Person", "kind": "actor", "events": 1} for n in g})
    res = analyze(g, metrics=["pagerank", "betweenness", "eigenvector", "degree", "community", "component"])
    rows = {r.iri: r for r in res.nodes}
    assert res.nodes[0].iri == "Valjean"  # ranked by the first metric
    for n, value in nx.pagerank(g, weight="weight").items():
        assert rows[n].pagerank == pytest.approx(value)
    for n, value in nx.betweenness_centrality(g).items():
        assert rows[n].betweenness == pytest.approx(value)
    for n, value in nx.eigenvector_centrality_numpy(g, weight="weight").items():
        assert rows[n].eigenvector == pytest.approx(value)
    assert res.betweenness_k is None
    assert {r.community for r in res.nodes} == set(range(len(nx.community.louvain_communities(g, seed=0))))
    assert {r.component for r in res.nodes} == {0}


def test_large_graphs_sample_betweenness_and_seeded_runs_repeat() -> None:
    g = nx.barabasi_albert_graph(400, 2, seed=1)
    nx.set_node_attributes(g, "Person", "type")
    a = analyze(g, metrics=["betweenness", "community"], exact_up_to=100, seed=3)
    b = analyze(g, metrics=["betweenness", "community"], exact_up_to=100, seed=3)
    assert a.betweenness_k == 100 and a.nodes == b.nodes
    exact = nx.betweenness_centrality(g)
    top = max(exact, key=exact.__getitem__)
    assert a.nodes[0].iri == top  # the sample finds the hub


def test_link_prediction_on_the_actor_projection() -> None:
    g = to_networkx(_facts(), "actors")
    res = analyze(g, metrics=["degree"], links=5)
    pairs = {(x.source, x.target): x for x in res.links}
    assert set(pairs) == {("g1", "p"), ("g2", "v")}  # two steps apart, not tied
    assert pairs["g1", "p"].score == pytest.approx(1 / math.log(2))
    jac = analyze(g, metrics=["degree"], links=5, link_method="jaccard")
    assert [x.score for x in jac.links] == pytest.approx([0.5, 0.5])  # 1 shared of 2 neighbours
    assert analyze(to_networkx(_facts(), "bipartite"), metrics=["degree"]).links == ()


def test_results_as_rdf() -> None:
    res = analyze(to_networkx(_facts(), "actors"), links=1)
    g = analysis_graph(res)
    assert g.identifier == URIRef(ID + "analysis/actors")
    g1 = URIRef("g1")
    assert g.value(g1, EKG.pagerank).datatype == URIRef("http://www.w3.org/2001/XMLSchema#double")
    assert g.value(g1, EKG.community) is not None
    (link,) = g.subjects(RDF.type, EKG.PredictedLink)
    assert set(g.objects(link, EKG.endpoint)) == {URIRef("g1"), URIRef("p")}
    assert g.value(link, EKG.linkMethod) == Literal("adamic_adar")
    assert (URIRef("p"), EKG.predictedLink, link) in g


def test_the_analysis_graph_passes_its_shape_and_a_broken_link_does_not() -> None:
    g = analysis_graph(analyze(to_networkx(_facts(), "actors"), links=2))
    assert validate(g).conforms
    link = next(g.subjects(RDF.type, EKG.PredictedLink))
    g.remove((link, EKG.endpoint, URIRef("p")))
    g.set((link, EKG.linkMethod, Literal("guess")))
    report = validate(g)
    assert not report.conforms
    assert {(r.shape.rsplit("#")[-1], r.message) for r in report.violations} == {
        ("PredictedLinkShape", "A predicted link joins exactly two agents (ekg:endpoint)."),
        (
            "PredictedLinkShape",
            "A predicted link names the index that scored it: adamic_adar, jaccard or resource_allocation.",
        ),
    }


def test_paths_are_explained_event_by_event() -> None:
    (path,) = find_paths(_facts(), "g1", "jane roe")
    assert path.actors == ("g1", "g2", "p")
    assert path.steps == (
        "Group One (perpetrator) — Shooting [Shooting, 2023, article a2] — Group Two (perpetrator)",
        "Group Two (detainee) — Arrest in Town [Arrest, 2024-02, article a1] — Jane Roe (speaker)",
    )
    assert find_paths(_facts(), "G1", "Jane Roe", max_events=1) == ()
    with pytest.raises(AnalysisError, match="no actor in the graph is named 'Nobody'"):
        find_paths(_facts(), "g1", "Nobody")


# --------------------------------------------------------------------------- on the samples
@pytest.mark.model
def test_kerman_actors_are_tied_through_the_attack_and_the_claim(samples_trig: Path) -> None:
    facts = read_facts(samples_trig)
    assert (KERMAN_ATTACK, "claimant", ISIS) in facts.roles
    full = to_networkx(facts, "full")
    labels = {d["label"]: n for n, d in full.nodes(data=True) if d["kind"] in ("actor", "place")}
    claim = next(n for n in full[ISIS] if full.nodes[n]["kind"] == "claim")
    assert full.has_edge(claim, KERMAN_ATTACK)
    for name in ("Iranians", "Afghans", "Kerman"):
        assert full.has_edge(labels[name], KERMAN_ATTACK), name
    assert full.has_edge(labels["Kerman"], labels["Iran"])  # ekg:locatedIn
    actors = to_networkx(facts, "actors")
    assert actors.has_edge(ISIS, labels["Iranians"]) and actors.has_edge(ISIS, labels["Afghans"])


@pytest.mark.model
def test_cookbook_central_armed_groups(samples_trig: Path, analysis_trig: Path) -> None:
    text = (REPO / "docs" / "queries" / "central-armed-groups.rq").read_text(encoding="utf-8")
    res = query([samples_trig, analysis_trig], text)
    rows = {r[1]: dict(zip(res.variables, r, strict=True)) for r in res.rows}
    assert {"Islamic State", "al-Shabaab", "Boko Haram"} <= set(rows)
    assert rows["Islamic State"]["roles"] == "claimed, perpetrator"
    ranks = [float(r[2] or 0) for r in res.rows]
    assert ranks == sorted(ranks, reverse=True)


# --------------------------------------------------------------------------- CLI
@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eventkg.cli._err, "_width", 400)
    monkeypatch.setattr(eventkg.cli._out, "_width", 400)


@pytest.mark.model
def test_analyze_prints_ranked_tables_and_writes_rdf(samples_trig: Path, tmp_path: Path) -> None:
    out = tmp_path / "analysis.trig"
    res = CliRunner().invoke(main, ["analyze", str(samples_trig), "--top", "5", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "actors projection of" in res.stdout and "likely ties no article reports" in res.stdout
    assert res.stdout.count("│ ") > 5 and "pagerank" in res.stdout
    assert query(out, "ASK { GRAPH ?g { ?x <https://w3id.org/eventkg/ontology#pagerank> ?p } }").boolean

    js = CliRunner().invoke(
        main, ["analyze", str(samples_trig), "--format", "json", "--metric", "betweenness"]
    )
    data = json.loads(js.stdout)
    values = [n["betweenness"] for n in data["nodes"]]
    assert values == sorted(values, reverse=True) and len(values) == 20

    rows = list(
        csv.reader(
            io.StringIO(
                CliRunner()
                .invoke(
                    main,
                    ["analyze", str(samples_trig), "--projection", "places", "--format", "csv", "--top", "0"],
                )
                .stdout
            )
        )
    )
    assert rows[0][:4] == ["iri", "label", "type", "events"] and any(r[1] == "Kerman" for r in rows)


@pytest.mark.model
def test_paths_command(samples_trig: Path) -> None:
    res = CliRunner().invoke(main, ["paths", str(samples_trig), "Islamic State", "iranians"])
    assert res.exit_code == 0, res.output
    assert (
        "Suicide bombing in Kerman on 2024-01-03" in res.stdout and "article kerman-2024-01-07" in res.stdout
    )
    missing = CliRunner().invoke(main, ["paths", str(samples_trig), "Islamic State", "Nobody"])
    assert missing.exit_code == 1 and "no actor in the graph is named 'Nobody'" in missing.output
    apart = CliRunner().invoke(main, ["paths", str(samples_trig), "Islamic State", "Boko Haram"])
    assert apart.exit_code == 1 and "no chain of at most 3 events" in apart.output


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "missing.trig"],
        ["analyze", "{graph}", "--projection", "people"],
        ["viz", "{graph}"],
        ["analyze", "{graph}", "-o", "out.xyz"],
    ],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    graph = tmp_path / "g.nq"
    graph.write_text('<http://a> <http://b> "c" <http://g> .\n', encoding="utf-8")
    res = CliRunner().invoke(main, [a.format(graph=graph) for a in args])
    assert res.exit_code == 2, res.output


def test_unknown_type_exits_1(tmp_path: Path) -> None:
    graph = tmp_path / "g.nq"
    graph.write_text('<http://a> <http://b> "c" <http://g> .\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["timeline", str(graph), "-o", str(tmp_path / "t.html"), "--type", "Riot"])
    assert res.exit_code == 1 and "unknown event type 'Riot'" in res.output


@pytest.mark.model
@pytest.mark.parametrize(
    ("command", "extra", "inside"),
    [
        ("viz", ["--type", "Attack"], "SigmaModel"),
        ("map", ["--tiles", "none", "--place", "Iran"], "Suicide bombing in Kerman"),
        ("timeline", ["--since", "2024"], "Islamic State (ArmedGroup)"),
    ],
)
def test_picture_commands_write_offline_html(
    samples_trig: Path, tmp_path: Path, command: str, extra: list[str], inside: str
) -> None:
    out = tmp_path / "page.html"
    res = CliRunner().invoke(main, [command, str(samples_trig), "-o", str(out), *extra])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert inside in page
    # every script and stylesheet inline
    assert not re.search(r"""<script[^>]*\ssrc=["']https?:|<link[^>]*\shref=["']https?:""", page)


def test_two_reports_of_one_attack_are_tied_in_the_events_projection_and_exports() -> None:
    """Two articles on the same bombing, resolved into one ekg:Incident (issue 4): the
    events projection ties the two reports, each names the incident, and each export
    row lists the other article's toll."""
    import datetime as dt

    from eventkg.exports import event_records
    from eventkg.models import Article, Extraction, Mention, Role
    from eventkg.models import Entity as Ent
    from eventkg.models import Event as Ev
    from eventkg.rdf.build import build_graph
    from eventkg.resolve import RESOLVED_GRAPH, resolve

    city = Ent(key="geonames:1139715", kind="City", label="Jalalabad", global_id=True)
    group = Ent(key="group:gunmen", kind="Group", label="gunmen")

    def report(art: str, published: str, killed: int) -> Extraction:
        ev = Ev(
            key="event-1",
            kind="Bombing",
            mentions=(Mention(0, 1, "x"),),
            roles=(Role("place", city.key), Role("perpetrator", group.key)),
            date="2025-03-07",
            killed=killed,
        )
        return Extraction(
            Article(id=art, text="x", published=dt.date.fromisoformat(published)), (city, group), (ev,)
        )

    ds = build_graph([report("a", "2025-03-07", 27), report("b", "2025-03-08", 31)])
    before = to_networkx(ds, "events")
    assert before.number_of_nodes() == 2 and before.number_of_edges() == 0  # gunmen differ per article
    res = resolve(ds)
    [reports] = res.incidents
    resolved = ds.graph(RESOLVED_GRAPH)
    for t in res.graph:
        resolved.add(t)

    g = to_networkx(ds, "events")
    a, b = sorted(g.nodes)
    assert g.edges[a, b]["reasons"] == ["same incident"] and g.edges[a, b]["weight"] == 1
    assert g.nodes[a]["incident"] == g.nodes[b]["incident"] != a
    assert sorted(g.nodes) == sorted(reports)
    # the exports read the same link: each article's row names the other's toll
    recs = {r.article.id: r for r in event_records(ds)}
    assert [(o.value, o.event) for o in recs["a"].other_figures] == [(31, b)]
    assert recs["a"].incident == recs["b"].incident == g.nodes[a]["incident"]


def test_entities_described_in_another_graph_still_take_part() -> None:
    """Regression: the shared reader (records.py) first looked for an entity's type and
    label only in the event's own graph, so a graph with the entities in a graph of their
    own (as benchmarks/analysis.py writes it) lost every role."""
    from eventkg.exports import event_records

    ds = Dataset()
    art, ents = ds.graph(URIRef(ID + "article/a1")), ds.graph(URIRef(ID + "entities"))
    e, isis = URIRef(ID + "article/a1/event-1"), URIRef(ISIS)
    art.add((e, RDF.type, EKG.Bombing))
    art.add((e, EKG.perpetrator, isis))
    ents.add((isis, RDF.type, EKG.ArmedGroup))
    ents.add((isis, RDFS.label, Literal("Islamic State")))
    assert read_facts(ds).roles == ((str(e), "perpetrator", ISIS),)
    [rec] = event_records(ds)
    assert [(x.label, x.kind) for x in rec.roles["perpetrator"]] == [("Islamic State", "ArmedGroup")]
