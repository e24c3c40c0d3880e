"""The ontology (ontology/eventkg.ttl), its generated namespace, and the contract terms."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH

import eventkg.rdf.namespace as namespace_module
from eventkg import models
from eventkg.rdf._gen_namespace import declared_terms, main, render
from eventkg.rdf.namespace import EKG, NIF, SEM
from eventkg.resources import ontology_graph, resource_path, shapes_graph

NS = "https://w3id.org/eventkg/ontology#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"

# Every term CONTRACT.md and the design brief fix, with its OWL type.
CONTRACT_CLASSES = (
    "Article",
    "Event",
    "Attack",
    "Bombing",
    "SuicideBombing",
    "Shooting",
    "Stabbing",
    "VehicleRamming",
    "Kidnapping",
    "Arson",
    "Arrest",
    "Seizure",
    "PotentialEvent",
    "Status",
    "CasualtyFigure",
    "Outcome",
    "Claim",
    "ResponsibilityClaim",
    "Statement",
    "Denial",
    "Accusation",
    "Agent",
    "Person",
    "Organization",
    "ArmedGroup",
    "Group",
    "NewsOutlet",
    "Place",
    "City",
    "Region",
    "Country",
    "Site",
    "Weapon",
    "Target",
)
CONTRACT_OBJECT_PROPERTIES = (
    "perpetrator",
    "victim",
    "target",
    "place",
    "instrument",
    "detainee",
    "seizedItem",
    "locatedIn",
    "casualtyFigure",
    "outcome",
    "group",
    "claimant",
    "reportedBy",
    "about",
    "mention",
    "quoteMention",
    "status",
    "potentialType",
    "textContext",
)
CONTRACT_DATATYPE_PROPERTIES = (
    "articleId",
    "date",
    "killed",
    "injured",
    "arrested",
    "count",
    "quote",
    "title",
    "isoCode",
)
STATUS_INDIVIDUALS = ("Possible", "Threatened", "Planned", "Foiled", "Denied", "Negated")
OUTCOME_INDIVIDUALS = ("Killed", "Injured", "Arrested")
ATTACK_SUBCLASSES = (
    "Bombing",
    "SuicideBombing",
    "Shooting",
    "Stabbing",
    "VehicleRamming",
    "Kidnapping",
    "Arson",
)


def ekg(name: str) -> URIRef:
    return URIRef(NS + name)


@pytest.fixture(scope="module")
def onto() -> Graph:
    graph = Graph()
    graph.parse(data=resource_path("ontology", "eventkg.ttl").read_text(encoding="utf-8"), format="turtle")
    return graph


def _superclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    return {c for c in graph.transitive_objects(cls, RDFS.subClassOf) if isinstance(c, URIRef)}


def test_ontology_parses_with_header(onto: Graph) -> None:
    ontologies = list(onto.subjects(RDF.type, OWL.Ontology))
    assert ontologies == [URIRef("https://w3id.org/eventkg/ontology")]
    header = ontologies[0]
    assert onto.value(header, OWL.versionInfo) == Literal("0.1.0")
    assert onto.value(header, URIRef("http://purl.org/dc/terms/title")) is not None


def test_no_owl_imports(onto: Graph) -> None:
    assert list(onto.triples((None, OWL.imports, None))) == []
    assert list(shapes_graph().triples((None, OWL.imports, None))) == []


@pytest.mark.parametrize(
    ("names", "owl_type"),
    [
        (CONTRACT_CLASSES, OWL.Class),
        (CONTRACT_OBJECT_PROPERTIES, OWL.ObjectProperty),
        (CONTRACT_DATATYPE_PROPERTIES, OWL.DatatypeProperty),
    ],
    ids=["classes", "object-properties", "datatype-properties"],
)
def test_contract_terms_declared_with_label_and_comment(
    onto: Graph, names: tuple[str, ...], owl_type: URIRef
) -> None:
    for name in names:
        term = ekg(name)
        assert (term, RDF.type, owl_type) in onto, f"ekg:{name} is not declared as {owl_type}"
        assert onto.value(term, RDFS.label) is not None, f"ekg:{name} has no rdfs:label"
        comment = onto.value(term, RDFS.comment)
        assert comment is not None and len(str(comment)) > 20, f"ekg:{name} has no real rdfs:comment"


@pytest.mark.parametrize(
    ("names", "cls"),
    [(STATUS_INDIVIDUALS, "Status"), (OUTCOME_INDIVIDUALS, "Outcome")],
    ids=["status", "outcome"],
)
def test_individuals(onto: Graph, names: tuple[str, ...], cls: str) -> None:
    members = set(onto.subjects(RDF.type, ekg(cls)))
    assert members == {ekg(n) for n in names}
    for name in names:
        assert (ekg(name), RDF.type, OWL.NamedIndividual) in onto
        assert onto.value(ekg(name), RDFS.label) is not None
        assert onto.value(ekg(name), RDFS.comment) is not None


def test_every_ekg_term_has_label_and_comment(onto: Graph) -> None:
    for name in declared_terms(onto):
        assert onto.value(ekg(name), RDFS.label) is not None, name
        assert onto.value(ekg(name), RDFS.comment) is not None, name


def test_every_ekg_iri_used_is_declared(onto: Graph) -> None:
    declared = {ekg(n) for n in declared_terms(onto)}
    used = {t for triple in onto for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used - declared == set()


def test_every_ekg_iri_in_shapes_is_declared(onto: Graph) -> None:
    declared = {ekg(n) for n in declared_terms(onto)}
    used = {t for triple in shapes_graph() for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used - declared == set()


@pytest.mark.parametrize("name", ["Attack", "Arrest", "Seizure", *ATTACK_SUBCLASSES])
def test_event_classes_reach_event(onto: Graph, name: str) -> None:
    assert ekg("Event") in _superclasses(onto, ekg(name))


def test_attack_subclasses(onto: Graph) -> None:
    for name in ATTACK_SUBCLASSES:
        assert ekg("Attack") in _superclasses(onto, ekg(name)), name
    assert (ekg("SuicideBombing"), RDFS.subClassOf, ekg("Bombing")) in onto


def test_potential_event_is_not_an_event(onto: Graph) -> None:
    assert ekg("Event") not in _superclasses(onto, ekg("PotentialEvent"))
    assert (ekg("Event"), OWL.disjointWith, ekg("PotentialEvent")) in onto


def test_model_kinds_match_ontology(onto: Graph) -> None:
    for kind in models.EVENT_KINDS:
        assert ekg("Event") in _superclasses(onto, ekg(kind)), kind
    for kind in models.ENTITY_KINDS:
        assert (ekg(kind), RDF.type, OWL.Class) in onto, kind
    for status in models.STATUSES:
        if status != "asserted":
            assert (ekg(status.capitalize()), RDF.type, ekg("Status")) in onto, status


def test_agents_are_agents(onto: Graph) -> None:
    for name in ("Person", "Organization", "ArmedGroup", "Group", "NewsOutlet"):
        assert ekg("Agent") in _superclasses(onto, ekg(name)), name
    for name in ("City", "Region", "Country", "Site"):
        assert ekg("Place") in _superclasses(onto, ekg(name)), name
    for name in ("ResponsibilityClaim", "Statement"):
        assert (ekg(name), RDFS.subClassOf, ekg("Claim")) in onto, name
    for name in ("Denial", "Accusation"):  # said by someone: kinds of statement
        assert (ekg(name), RDFS.subClassOf, ekg("Statement")) in onto, name
    assert (ekg("ArmedGroup"), RDFS.subClassOf, ekg("Organization")) in onto
    assert (ekg("NewsOutlet"), RDFS.subClassOf, ekg("Organization")) in onto


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        (ekg("Event"), RDFS.subClassOf, SEM.Event),
        (ekg("Event"), RDFS.subClassOf, URIRef(SCHEMA + "Event")),
        (ekg("Article"), RDFS.subClassOf, URIRef(SCHEMA + "NewsArticle")),
        (ekg("Article"), RDFS.subClassOf, URIRef(PROV + "Entity")),
        (ekg("Person"), RDFS.subClassOf, URIRef(SCHEMA + "Person")),
        (ekg("Place"), RDFS.subClassOf, SEM.Place),
        (ekg("Place"), RDFS.subClassOf, URIRef(SCHEMA + "Place")),
        (ekg("Claim"), RDFS.subClassOf, URIRef(PROV + "Entity")),
        (ekg("perpetrator"), RDFS.subPropertyOf, SEM.hasActor),
        (ekg("place"), RDFS.subPropertyOf, SEM.hasPlace),
        (ekg("date"), RDFS.subPropertyOf, SEM.hasTimeStamp),
        (ekg("claimant"), RDFS.subPropertyOf, URIRef(PROV + "wasAttributedTo")),
        (ekg("mention"), RDFS.range, NIF.Phrase),
        (ekg("quoteMention"), RDFS.range, NIF.Phrase),
        (ekg("textContext"), RDFS.range, NIF.Context),
        (ekg("status"), RDFS.range, ekg("Status")),
        (ekg("outcome"), RDFS.range, ekg("Outcome")),
        (ekg("potentialType"), RDFS.range, OWL.Class),
    ],
)
def test_alignments(onto: Graph, subject: URIRef, predicate: URIRef, obj: URIRef) -> None:
    assert (subject, predicate, obj) in onto


def test_person_is_a_sem_actor(onto: Graph) -> None:
    assert SEM.Actor in _superclasses(onto, ekg("Person"))


def test_namespace_agrees_with_ontology(onto: Graph) -> None:
    attributes = set(inspect.get_annotations(EKG))
    assert attributes == set(declared_terms(onto))
    assert set(CONTRACT_CLASSES + CONTRACT_OBJECT_PROPERTIES + CONTRACT_DATATYPE_PROPERTIES) <= attributes
    assert EKG.Attack == ekg("Attack")
    assert EKG.locatedIn == ekg("locatedIn")
    assert EKG["count"] == ekg("count")
    assert ekg("Bombing") in EKG


def test_undefined_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = EKG.Nope
    with pytest.raises(AttributeError):
        _ = EKG["attack"]


def test_generator_reproduces_committed_namespace(onto: Graph, tmp_path: Path) -> None:
    committed = Path(namespace_module.__file__).read_text(encoding="utf-8")
    assert render(onto) == committed
    assert render(ontology_graph()) == committed
    out = tmp_path / "namespace.py"
    assert main(["--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == committed
    assert main(["--check"]) == 0


def test_generator_check_detects_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "namespace.py"
    stale.write_text("# stale\n", encoding="utf-8")
    assert main(["--check", "--output", str(stale)]) == 1
    assert stale.read_text(encoding="utf-8") == "# stale\n"


def test_generator_refuses_undeclared_type(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(f"<{NS}Thing> <{RDFS.label}> 'x' ; a <{RDFS.Resource}> .\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no OWL declaration"):
        main(["--ontology", str(bad), "--output", str(tmp_path / "out.py")])


def test_resource_path() -> None:
    assert resource_path("ontology/eventkg.ttl") == resource_path("ontology", "eventkg.ttl")
    assert resource_path("ontology", "shapes.ttl").is_file()
    with pytest.raises(ValueError, match="unknown resource folder"):
        resource_path("secrets", "x")
    with pytest.raises(ValueError):
        resource_path("ontology", "..", "pyproject.toml")
    with pytest.raises(ValueError):
        resource_path()
    with pytest.raises(FileNotFoundError, match="reinstall"):
        resource_path("ontology", "missing.ttl")


def test_cached_graphs() -> None:
    assert ontology_graph() is ontology_graph()
    assert shapes_graph() is shapes_graph()
    assert (ekg("Event"), RDF.type, OWL.Class) in ontology_graph()
    assert any(shapes_graph().subjects(RDF.type, SH.NodeShape))
