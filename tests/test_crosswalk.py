"""The event-type crosswalk (ontology/crosswalk.ttl), its SHACL shape and ``eventkg types``."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyshacl
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import SH

import eventkg.cli
from eventkg.cli import main
from eventkg.crosswalk import codes_for, crosswalk_table
from eventkg.resources import crosswalk_graph, ontology_graph, resource_path

EKG = "https://w3id.org/eventkg/ontology#"


def shapes() -> Graph:
    return Graph().parse(data=resource_path("ontology", "crosswalk-shapes.ttl").read_text(), format="turtle")


def conforms(g: Graph) -> tuple[bool, Graph]:
    ok, results, _ = pyshacl.validate(g, shacl_graph=shapes())
    assert isinstance(results, Graph)
    return bool(ok), results


def test_the_crosswalk_validates_against_its_shape() -> None:
    ok, results = conforms(crosswalk_graph())
    assert ok, results.serialize(format="turtle")


@pytest.mark.parametrize("drop", [SKOS.notation, SKOS.prefLabel])
def test_a_concept_without_code_or_label_fails_the_shape(drop: URIRef) -> None:
    g = Graph() + crosswalk_graph()
    concept = URIRef("https://w3id.org/eventkg/crosswalk/gtd/attacktype-3")
    g.remove((concept, drop, None))
    ok, results = conforms(g)
    assert not ok
    [result] = results.subjects(SH.focusNode, concept)
    assert results.value(result, SH.resultPath) == drop


def test_every_concept_cites_a_codebook_with_a_url() -> None:
    g = crosswalk_graph()
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 100
    for c in concepts:
        codebook = g.value(c, URIRef("http://purl.org/dc/terms/source"))
        url = g.value(codebook, URIRef("http://purl.org/dc/terms/identifier"))
        assert str(url).startswith("http"), c


def test_every_event_class_maps_to_cameo_acled_and_plover() -> None:
    event = URIRef(EKG + "Event")
    classes = set(ontology_graph().transitive_subjects(RDFS.subClassOf, event)) - {event}
    assert URIRef(EKG + "SuicideBombing") in classes
    for cls in classes:
        assert {"cameo", "acled", "plover"} <= set(codes_for(cls)), cls
        if URIRef(EKG + "Attack") in set(ontology_graph().transitive_objects(cls, RDFS.subClassOf)):
            assert cls == URIRef(EKG + "Attack") or "gtd" in codes_for(cls), cls


def test_the_mapped_classes_exist_in_the_ontology() -> None:
    onto = ontology_graph()
    for row in crosswalk_table():
        assert (URIRef(row.ekg_class), RDF.type, None) in onto, row.ekg_class


def test_suicide_bombing_codes() -> None:
    codes = codes_for(EKG + "SuicideBombing")
    assert (codes["cameo"].code, codes["cameo"].label) == ("1831", "Carry out suicide bombing")
    assert (codes["acled"].parent_code, codes["acled"].code) == ("Explosions/Remote violence", "Suicide bomb")
    assert (codes["gtd"].code, codes["gtd"].label) == ("3", "Bombing/Explosion")
    assert (codes["plover"].parent_code, codes["plover"].code) == ("ASSAULT", "suicide-attack")


def test_narrow_and_related_matches_never_label_an_event() -> None:
    # a plain attack only has narrower GTD concepts (Armed Assault, Bombing/Explosion, ...)
    assert "gtd" not in codes_for(EKG + "Attack")
    # a shooting is only related to CAMEO 193 (conventional fighting): 180 labels it
    assert codes_for(EKG + "Shooting")["cameo"].code == "180"
    assert codes_for(EKG + "Bombing")["gtd"].match == "exactMatch"


def test_types_prints_the_table_csv_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eventkg.cli._out, "_width", 200)
    runner = CliRunner()
    table = runner.invoke(main, ["types"])
    assert table.exit_code == 0, table.output
    assert "1831" in table.output and "Explosions/Remote violence › Suicide bomb" in table.output
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["types", "--format", "csv"]).output)))
    assert {"class", "scheme", "match", "code", "label", "broader", "source"} == set(rows[0])
    assert {"class": "ekg:SuicideBombing", "scheme": "gtd", "code": "3"}.items() <= next(
        r for r in rows if r["class"] == "ekg:SuicideBombing" and r["scheme"] == "gtd"
    ).items()
    only = json.loads(runner.invoke(main, ["types", "--scheme", "plover", "--format", "json"]).output)
    assert only and {r["scheme"] for r in only} == {"plover"}


def test_the_table_in_docs_formats_matches_the_crosswalk(repo: Path) -> None:
    text = (repo / "docs" / "formats.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `ekg:(\w+)` \| (.+?) \| (.+?) \| (.+?) \| (.+?) \|$", text, re.M)
    assert len(rows) == 11
    for cls, cameo, acled, gtd, plover in rows:
        codes = codes_for(EKG + cls)
        assert cameo == codes["cameo"].code, cls
        acled_code = codes["acled"]
        assert acled == f"{acled_code.parent_code} › {acled_code.code}", cls
        assert gtd == (f"{codes['gtd'].code} {codes['gtd'].label}" if "gtd" in codes else gtd), cls
        assert ("gtd" in codes) == (gtd not in ("—", "(Unknown)")), cls
        p = codes["plover"]
        assert plover == (f"{p.parent_code} › {p.code}" if p.parent_code else p.code), cls
