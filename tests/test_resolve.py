"""Cross-article resolution (eventkg.resolve) and the ``resolve`` / ``conflicts`` commands.

Unit tests build article graphs from hand-made extractions (no model). The integration
tests extract the six fixture articles in ``tests/fixtures/jalalabad`` (two invented
bombings in one city a week apart, reported by three invented outlets with different
tolls, dates and spellings) and check that the merges are exactly right.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import OWL, RDF, Dataset

import eventkg.cli
from eventkg.cli import main
from eventkg.models import Article, Entity, Event, Extraction, Mention, Role
from eventkg.rdf import build_graph
from eventkg.rdf.namespace import EKG
from eventkg.resolve import (
    CONFLICTS_QUERY,
    RESOLVED_GRAPH,
    Overrides,
    OverridesError,
    list_conflicts,
    load_overrides,
    resolve,
)
from eventkg.store import load

pytestmark = pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib\..*")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "jalalabad"
ART = "https://w3id.org/eventkg/id/article/"
M = Mention(0, 1, "x")


# --------------------------------------------------------------------------- unit: no model
def _person(key: str, label: str, *aliases: str) -> Entity:
    return Entity(key=f"person:{key}", kind="Person", label=label, aliases=aliases, mentions=(M,))


_CITY = Entity(
    key="geonames:1139715", kind="City", label="Jalalabad", ids=("geonames:1139715",), global_id=True
)
_OTHER_CITY = Entity(
    key="geonames:1138958", kind="City", label="Kabul", ids=("geonames:1138958",), global_id=True
)
_IS = Entity(
    key="armedgroup:islamic-state",
    kind="ArmedGroup",
    label="Islamic State",
    ids=("wikidata:Q2429253",),
    global_id=True,
)


def _article(
    art_id: str,
    published: str,
    events: list[tuple[str, str | None, int | None]],
    *,
    people: tuple[Entity, ...] = (),
    city: Entity = _CITY,
    perpetrator: Entity | None = None,
) -> Extraction:
    """An article reporting ``events`` (kind, date, killed) in ``city``."""
    evs = []
    for n, (kind, date, killed) in enumerate(events, 1):
        roles = [Role("place", city.key)] + ([Role("perpetrator", perpetrator.key)] if perpetrator else [])
        evs.append(
            Event(key=f"event-{n}", kind=kind, mentions=(M,), roles=tuple(roles), date=date, killed=killed)
        )
    ents = (city, *people) + ((perpetrator,) if perpetrator else ())
    art = Article(id=art_id, text="x", published=dt.date.fromisoformat(published), source=f"{art_id} wire")
    return Extraction(article=art, entities=ents, events=tuple(evs))


def _incidents(res_incidents: tuple[tuple[str, ...], ...]) -> set[frozenset[str]]:
    return {frozenset(x.removeprefix(ART) for x in inc) for inc in res_incidents}


def test_two_bombings_in_one_city_a_week_apart_stay_apart() -> None:
    ds = build_graph(
        [
            _article("a", "2025-03-07", [("Bombing", "2025-03-07", 27)], perpetrator=_IS),
            _article("b", "2025-03-08", [("SuicideBombing", "2025-03-07", 31)], perpetrator=_IS),
            _article("c", "2025-03-14", [("Bombing", "2025-03-14", 12)], perpetrator=_IS),
            _article("d", "2025-03-15", [("Bombing", "2025-03-13", 9)]),
        ]
    )
    res = resolve(ds)
    assert _incidents(res.incidents) == {
        frozenset({"a/event-1", "b/event-1"}),
        frozenset({"c/event-1", "d/event-1"}),
    }
    # a wider window joins what the dates alone kept apart
    assert len(resolve(ds, window=7).incidents) == 1


def test_different_places_types_and_one_articles_own_events_never_merge() -> None:
    ds = build_graph(
        [
            _article("a", "2025-03-07", [("Bombing", "2025-03-07", 1), ("Bombing", "2025-03-07", 2)]),
            _article("b", "2025-03-07", [("Bombing", "2025-03-07", 3)], city=_OTHER_CITY),
            _article("c", "2025-03-07", [("Shooting", "2025-03-07", 4)]),
        ]
    )
    assert resolve(ds).incidents == ()


def test_an_undated_report_is_dated_by_its_publication() -> None:
    ds = build_graph(
        [
            _article("a", "2025-03-07", [("Bombing", "2025-03-07", 3)]),
            _article("b", "2025-03-08", [("Bombing", None, 5)]),
            _article("c", "2025-03-20", [("Bombing", None, 5)]),
        ]
    )
    assert _incidents(resolve(ds).incidents) == {frozenset({"a/event-1", "b/event-1"})}


def test_names_merge_by_alias_and_fuzzy_match_with_an_explanation() -> None:
    ds = build_graph(
        [
            _article("a", "2025-03-07", [], people=(_person("k1", "Qari Attaullah Khogyani"),)),
            _article("b", "2025-03-08", [], people=(_person("k2", "Attaullah Khogyani"),)),
            _article("c", "2025-03-08", [], people=(_person("k3", "Qari Ataullah Khogyani"),)),
            _article("d", "2025-03-08", [], people=(_person("s1", "Mohammad Sherzad", "Sherzad"),)),
            _article("e", "2025-03-08", [], people=(_person("s2", "Sherzad"), _person("p", "police"))),
            _article(
                "f", "2025-03-08", [], people=(_person("p", "police"), _person("m", "Mohammad Sarwari"))
            ),
        ]
    )
    res = resolve(ds)
    clusters = {frozenset(x.removeprefix(ART) for x in c) for c in res.entity_clusters}
    assert clusters == {
        frozenset({"a/person/k1", "b/person/k2", "c/person/k3"}),
        frozenset({"d/person/s1", "e/person/s2"}),  # "Sherzad" is an alias of d's "Mohammad Sherzad"
    }
    g = res.graph
    merges = list(g.subjects(RDF.type, EKG.Merge))
    assert len(merges) == 3  # one per link made: every merge explained
    rules = {g.value(m, EKG.mergeRule) for m in merges}
    assert rules == {EKG.AliasMatch, EKG.FuzzyNameMatch}
    for m in merges:
        assert 0 < float(g.value(m, EKG.mergeScore)) <= 1
        assert len(set(g.objects(m, EKG.mergedNode))) == 2
    canon = g.value(merges[0], EKG.mergedInto)
    assert len(set(g.objects(canon, OWL.sameAs))) >= 1


def test_different_gazetteer_ids_never_merge_and_shared_ids_need_no_merge() -> None:
    kerman_city = Entity(key="geonames:1", kind="City", label="Kerman", ids=("geonames:1",), global_id=True)
    other = Entity(key="place:kerman", kind="City", label="Kerman", ids=("geonames:2",))
    ds = build_graph(
        [
            _article("a", "2025-03-07", [("Bombing", "2025-03-07", 1)], city=kerman_city),
            _article("b", "2025-03-07", [("Bombing", "2025-03-07", 1)], city=other),
        ]
    )
    res = resolve(ds)
    assert res.entity_clusters == ()
    assert res.incidents == ()  # not the same place


def test_overrides_undo_and_force_merges(tmp_path: Path) -> None:
    ds = build_graph(
        [
            _article(
                "a",
                "2025-03-07",
                [("Bombing", "2025-03-07", 27)],
                people=(_person("y", "Mohammad Yusuf Sherzad"),),
            ),
            _article(
                "b",
                "2025-03-08",
                [("Bombing", "2025-03-07", 31)],
                people=(_person("y", "Mohammad Yousuf Sherzad"),),
            ),
            _article("c", "2025-03-30", [("Bombing", "2025-03-29", 31)]),
        ]
    )
    assert len(resolve(ds).entity_clusters) == 1
    p = tmp_path / "overrides.yaml"
    p.write_text(
        "# undo a wrong merge, force a missed one\n"
        "keep_apart:\n  - [Mohammad Yusuf Sherzad, mohammad yousuf sherzad]\n"
        f"same:\n  - [{ART}b/event-1, {ART}c/event-1]\n",
        encoding="utf-8",
    )
    ov = load_overrides(p)
    res = resolve(ds, overrides=ov)
    assert res.entity_clusters == ()
    assert _incidents(res.incidents) == {frozenset({"a/event-1", "b/event-1", "c/event-1"})}
    forced = [m for m in res.graph.subjects(EKG.mergeRule, EKG.UserOverride)]
    assert len(forced) == 1
    # keep_apart beats the rules for events too
    res = resolve(ds, overrides=Overrides(keep_apart=((f"{ART}a/event-1", f"{ART}b/event-1"),)))
    assert res.incidents == ()


@pytest.mark.parametrize(
    "text", ["keep_apart: [[a]]\n", "merge:\n  - [a, b]\n", "keep_apart: {a: b}\n", "[unclosed\n"]
)
def test_a_bad_overrides_file_is_an_error_naming_it(tmp_path: Path, text: str) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(OverridesError, match=r"bad\.yaml"):
        load_overrides(p)
    res = CliRunner().invoke(main, ["conflicts", str(p), "--overrides", str(p)])
    assert res.exit_code == 2 and "bad.yaml" in res.output


def test_conflicts_keep_every_figure_with_its_source_and_date() -> None:
    ds = build_graph(
        [
            _article("a", "2025-03-07", [("Bombing", "2025-03-07", 89)]),
            _article("b", "2025-03-08", [("Bombing", "2025-03-07", 95)]),
            _article("c", "2025-03-09", [("Bombing", "2025-03-07", 95)]),
        ]
    )
    rows = list_conflicts(ds)
    assert [(r.what, r.value, r.source, r.reported) for r in rows] == [
        ("killed", "89", "a wire", "2025-03-07"),
        ("killed", "95", "b wire", "2025-03-08"),
        ("killed", "95", "c wire", "2025-03-09"),
    ]


def test_the_cookbook_query_is_the_one_the_command_runs() -> None:
    text = (REPO / "docs" / "queries" / "conflicting-tolls.rq").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert body.strip() == CONFLICTS_QUERY.strip()


# --------------------------------------------------------------------------- integration: the fixtures
@pytest.fixture(scope="module")
def fixtures_trig(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Path:
    from eventkg.pipeline import run

    out = tmp_path_factory.mktemp("jalalabad") / "jalalabad.trig"
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\..*")
        run(FIXTURES, out)
    return out


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eventkg.cli._err, "_width", 400)
    monkeypatch.setattr(eventkg.cli._out, "_width", 400)


@pytest.mark.model
def test_fixture_merges_are_exactly_right(fixtures_trig: Path) -> None:
    res = resolve(load(fixtures_trig))
    assert _incidents(res.incidents) == {
        # the mosque bombing of Friday 7 March, and b3's look back at it
        frozenset(
            {
                "a1-mosque-eastern-wire/event-1",
                "a2-mosque-frontier-daily/event-1",
                "a3-mosque-kabul-courier/event-1",
                "b3-bus-kabul-courier/event-2",
            }
        ),
        # the car bomb at the bus station a week later, in the same city
        frozenset(
            {"b1-bus-eastern-wire/event-1", "b2-bus-frontier-daily/event-1", "b3-bus-kabul-courier/event-1"}
        ),
    }
    clusters = {frozenset(x.removeprefix(ART) for x in c) for c in res.entity_clusters}
    assert clusters == {
        frozenset(
            {
                "a1-mosque-eastern-wire/person/qari-attaullah-khogyani",
                "a2-mosque-frontier-daily/person/attaullah-khogyani",
                "a3-mosque-kabul-courier/person/qari-ataullah-khogyani",
            }
        ),
        frozenset(
            {
                "b2-bus-frontier-daily/person/mohammad-yusuf-sherzad",
                "b3-bus-kabul-courier/person/mohammad-yousuf-sherzad",
            }
        ),
    }


@pytest.mark.model
def test_fixture_daesh_and_islamic_state_share_one_iri(fixtures_trig: Path) -> None:
    ds = load(fixtures_trig)
    claimants = {
        str(row[0])
        for row in ds.query(
            "PREFIX ekg: <https://w3id.org/eventkg/ontology#> "
            "SELECT DISTINCT ?c WHERE { GRAPH ?g { ?x a ekg:ResponsibilityClaim ; ekg:claimant ?c } }"
        )
    }
    assert claimants == {"https://w3id.org/eventkg/id/armedgroup/islamic-state"}


@pytest.mark.model
def test_resolve_command_keeps_article_graphs_and_adds_the_resolved_graph(
    fixtures_trig: Path, tmp_path: Path
) -> None:
    out = tmp_path / "resolved.trig"
    res = CliRunner().invoke(main, ["resolve", str(fixtures_trig), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert (
        "7 reports in 2 incidents" in res.output
        and "Suicide bombing in Jalālābād on 2025-03-07" in res.output
    )
    before, after = load(fixtures_trig), load(out)
    for g in before.graphs():
        if len(g):
            assert set(after.graph(g.identifier)) == set(g), f"{g.identifier} was changed"
    resolved = after.graph(RESOLVED_GRAPH)
    assert len(set(resolved.subjects(RDF.type, EKG.Incident))) == 2
    # resolving the resolved output again gives the same graph
    again = tmp_path / "again.trig"
    assert CliRunner().invoke(main, ["resolve", str(out), "-o", str(again), "-q"]).exit_code == 0
    assert set(load(again).graph(RESOLVED_GRAPH)) == set(resolved)


@pytest.mark.model
def test_conflicts_command_prints_the_disagreements(fixtures_trig: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["conflicts", str(fixtures_trig)])
    assert res.exit_code == 0, res.output
    assert "5 disagreements in 2 incidents" in res.output
    res = CliRunner().invoke(main, ["conflicts", str(fixtures_trig), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    killed = {
        (r["article_id"], r["value"], r["source"], r["reported"]) for r in rows if r["what"] == "killed"
    }
    assert killed == {
        ("a1-mosque-eastern-wire", "27", "Eastern Sample Wire", "2025-03-07"),
        ("a2-mosque-frontier-daily", "31", "Frontier Sample Daily", "2025-03-08"),
        ("a3-mosque-kabul-courier", "29", "Sample Kabul Courier", "2025-03-09"),
        ("b3-bus-kabul-courier", "31", "Sample Kabul Courier", "2025-03-16"),
        ("b1-bus-eastern-wire", "12", "Eastern Sample Wire", "2025-03-14"),
        ("b2-bus-frontier-daily", "9", "Frontier Sample Daily", "2025-03-15"),
    }
    perps = {r["value"] for r in rows if r["what"] == "perpetrator"}
    assert perps == {"Islamic State", "Tehrik-i-Taliban Pakistan"}
    res = CliRunner().invoke(main, ["conflicts", str(fixtures_trig), "--format", "json"])
    assert len(json.loads(res.stdout)) == len(rows)
    # the cookbook query gives the same rows on the resolved graph
    out = tmp_path / "resolved.trig"
    CliRunner().invoke(main, ["resolve", str(fixtures_trig), "-o", str(out), "-q"])
    rq = REPO / "docs" / "queries" / "conflicting-tolls.rq"
    res = CliRunner().invoke(main, ["query", str(out), "-f", str(rq), "--format", "csv"])
    assert len(list(csv.DictReader(io.StringIO(res.stdout)))) == len(rows)


@pytest.mark.model
def test_a_breakdown_above_its_total_is_a_warning(fixtures_trig: Path) -> None:
    from eventkg.validation import validate

    report = validate(load(fixtures_trig))
    assert report.conforms
    flagged = [r for r in report.warnings if "add up to 33" in r.message]
    assert [r.focus for r in flagged] == [f"{ART}a2-mosque-frontier-daily/event-1"]


def test_resolve_refuses_a_single_graph_format(tmp_path: Path) -> None:
    ds = Dataset()
    src = tmp_path / "in.trig"
    src.write_text(ds.serialize(format="trig"), encoding="utf-8")
    res = CliRunner().invoke(main, ["resolve", str(src), "-o", str(tmp_path / "out.ttl")])
    assert res.exit_code == 2 and ".trig" in res.output


def test_the_resolved_graph_conforms_to_its_shapes_and_a_torn_one_does_not() -> None:
    from rdflib import Graph as _Graph

    from eventkg.validation import validate

    ds = build_graph(
        [
            _article("a", "2025-03-07", [("Bombing", "2025-03-07", 89)]),
            _article("b", "2025-03-08", [("Bombing", "2025-03-07", 95)]),
        ]
    )
    res = resolve(ds)
    assert validate(res.graph).conforms
    torn = _Graph()
    torn += res.graph
    for node in [*torn.subjects(RDF.type, EKG.Conflict), *torn.subjects(RDF.type, EKG.Incident)]:
        torn.remove((node, EKG.incidentType, None))
        torn.remove((node, EKG.conflictingReport, None))
    report = validate(torn)
    assert not report.conforms
    assert {str(r.message) for r in report.results} >= {
        "An incident needs exactly one ekg:incidentType, the event class its reports share.",
        "A conflict needs at least two disagreeing reports (ekg:conflictingReport).",
    }
