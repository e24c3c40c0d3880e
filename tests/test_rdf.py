"""The RDF stage (eventkg.rdf) on hand-built extractions: no spaCy model needed.

The graph is checked three ways: every triple CONTRACT.md promises is found by SPARQL; the
whole graph is compared by isomorphism to an expected graph written out in TriG below; and
general properties (valid IRIs, declared terms, offsets, determinism, SHACL) hold.
"""

from __future__ import annotations

import datetime as dt
import io

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from eventkg.models import Article, CasualtyFigure, Claim, Entity, Event, Extraction, Mention, Role
from eventkg.rdf import article_graph, article_iri, build_graph
from eventkg.rdf.namespace import EKG, NIF
from eventkg.resources import ontology_graph
from eventkg.validation import validate

TEXT = (
    "Daesh claimed the suicide bombing in Kerman, Iran, on 3 January that killed 89 people, "
    "including 76 Iranians and 13 Afghans, and injured 284. The bomber wore an explosive vest. "
    'The group threatened more attacks. IRNA quoted the prosecutor as saying: "We will find them."'
)
ART = "https://w3id.org/eventkg/id/article/kerman-test"
EKG_NS = str(EKG._NS)

# rdflib 7.6 warns about its own Dataset internals (trig/nquads/json-ld serializers and parsers, SPARQL)
pytestmark = pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib\..*")


def m(needle: str, text: str = TEXT) -> Mention:
    """The first mention of ``needle`` in ``text``."""
    start = text.index(needle)
    return Mention(start, start + len(needle), needle)


def kerman_extraction() -> Extraction:
    """One article with every kind of node CONTRACT.md describes."""
    article = Article(
        id="kerman-test",
        text=TEXT,
        published=dt.date(2024, 1, 7),
        title="Daesh claims Kerman bombing",
        url="https://example.org/kerman",
        source="Example Wire",
    )
    entities = (
        Entity(key="armedgroup:islamic-state", kind="ArmedGroup", label="Islamic State", aliases=("Daesh",),
               mentions=(m("Daesh"),), ids=("wikidata:Q2429253",), global_id=True),
        Entity(key="geonames:128234", kind="City", label="Kerman", mentions=(m("Kerman"),),
               ids=("geonames:128234",), parent="iso3166:IR", latitude=30.2839, longitude=57.0834,
               global_id=True),
        Entity(key="iso3166:IR", kind="Country", label="Iran", mentions=(m("Iran"),), ids=("iso3166:IR",),
               global_id=True),
        Entity(key="group:iranians", kind="Group", label="Iranians", mentions=(m("Iranians"),)),
        Entity(key="group:afghans", kind="Group", label="Afghans", mentions=(m("Afghans"),)),
        Entity(key="weapon:explosive-vest", kind="Weapon", label="explosive vest",
               mentions=(m("explosive vest"),)),
        Entity(key="person:prosecutor", kind="Person", label="prosecutor", mentions=(m("prosecutor"),),
               title="prosecutor"),
        Entity(key="outlet:irna", kind="NewsOutlet", label="IRNA", mentions=(m("IRNA"),), global_id=True),
    )  # fmt: skip
    bombing = Event(
        key="event-1",
        kind="SuicideBombing",
        mentions=(m("suicide bombing"),),
        roles=(
            Role("perpetrator", "armedgroup:islamic-state"),
            Role("victim", "group:iranians"),
            Role("victim", "group:afghans"),
            Role("place", "geonames:128234"),
            Role("instrument", "weapon:explosive-vest"),
        ),
        date="2024-01-03",
        date_mention=m("3 January"),
        killed=89,
        injured=284,
        figures=(
            CasualtyFigure(76, "killed", "group:iranians", m("76 Iranians")),
            CasualtyFigure(13, "killed", "group:afghans", m("13 Afghans")),
        ),
    )
    threat = Event(
        key="potential-1",
        kind="Attack",
        mentions=(m("attacks"),),
        roles=(Role("perpetrator", "armedgroup:islamic-state"),),
        status="threatened",
    )
    claims = (
        Claim(key="claim-1", kind="ResponsibilityClaim", claimant="armedgroup:islamic-state",
              mentions=(m("claimed"),), about=("event-1",)),
        Claim(key="claim-2", kind="Statement", claimant="person:prosecutor", mentions=(m("quoted"),),
              about=("event-1",), reported_by="outlet:irna", quote=m("We will find them.")),
    )  # fmt: skip
    return Extraction(article=article, entities=entities, events=(bombing, threat), claims=claims)


EXPECTED_TRIG = """
@base <https://w3id.org/eventkg/id/article/kerman-test> .
@prefix ekg: <https://w3id.org/eventkg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<> {
    <> a ekg:Article ;
        ekg:articleId "kerman-test" ;
        schema:datePublished "2024-01-07"^^xsd:date ;
        schema:headline "Daesh claims Kerman bombing" ;
        schema:url "https://example.org/kerman"^^xsd:anyURI ;
        schema:publisher "Example Wire" ;
        ekg:textContext <#char=0,270> .
    <#char=0,270> a nif:Context ;
        nif:isString '''Daesh claimed the suicide bombing in Kerman, Iran, on 3 January \
that killed 89 people, including 76 Iranians and 13 Afghans, and injured 284. \
The bomber wore an explosive vest. The group threatened more attacks. \
IRNA quoted the prosecutor as saying: "We will find them."''' ;
        nif:beginIndex "0"^^xsd:nonNegativeInteger ;
        nif:endIndex "270"^^xsd:nonNegativeInteger .

    # entities: global ones (Wikidata, GeoNames, ISO 3166, outlets) outside the article's IRI space
    <https://w3id.org/eventkg/id/armedgroup/islamic-state> a ekg:ArmedGroup ;
        rdfs:label "Islamic State" ;
        skos:altLabel "Daesh" ;
        schema:sameAs <http://www.wikidata.org/entity/Q2429253> ;
        ekg:mention <#char=0,5> .
    <https://w3id.org/eventkg/id/place/geonames/128234> a ekg:City ;
        rdfs:label "Kerman" ;
        schema:sameAs <https://sws.geonames.org/128234/> ;
        ekg:locatedIn <https://w3id.org/eventkg/id/place/iso3166/IR> ;
        schema:latitude "30.2839"^^xsd:double ;
        schema:longitude "57.0834"^^xsd:double ;
        ekg:mention <#char=37,43> .
    <https://w3id.org/eventkg/id/place/iso3166/IR> a ekg:Country ;
        rdfs:label "Iran" ;
        ekg:isoCode "IR" ;
        ekg:mention <#char=45,49> .
    <kerman-test/group/iranians> a ekg:Group ; rdfs:label "Iranians" ; ekg:mention <#char=100,108> .
    <kerman-test/group/afghans> a ekg:Group ; rdfs:label "Afghans" ; ekg:mention <#char=116,123> .
    <kerman-test/weapon/explosive-vest> a ekg:Weapon ;
        rdfs:label "explosive vest" ;
        ekg:mention <#char=161,175> .
    <kerman-test/person/prosecutor> a ekg:Person ;
        rdfs:label "prosecutor" ;
        ekg:title "prosecutor" ;
        ekg:mention <#char=228,238> .
    <https://w3id.org/eventkg/id/outlet/irna> a ekg:NewsOutlet ;
        rdfs:label "IRNA" ;
        ekg:mention <#char=212,216> .

    # the asserted event, with its breakdown
    <kerman-test/event-1> a ekg:SuicideBombing ;
        rdfs:label "Suicide bombing in Kerman on 2024-01-03" ;
        ekg:mention <#char=18,33> ;
        ekg:perpetrator <https://w3id.org/eventkg/id/armedgroup/islamic-state> ;
        ekg:victim <kerman-test/group/iranians>, <kerman-test/group/afghans> ;
        ekg:place <https://w3id.org/eventkg/id/place/geonames/128234> ;
        ekg:instrument <kerman-test/weapon/explosive-vest> ;
        ekg:date "2024-01-03"^^xsd:date ;
        ekg:killed "89"^^xsd:nonNegativeInteger ;
        ekg:injured "284"^^xsd:nonNegativeInteger ;
        ekg:casualtyFigure <kerman-test/event-1/figure-1>, <kerman-test/event-1/figure-2> ;
        prov:wasDerivedFrom <> .
    <kerman-test/event-1/figure-1> a ekg:CasualtyFigure ;
        ekg:count "76"^^xsd:nonNegativeInteger ;
        ekg:outcome ekg:Killed ;
        ekg:group <kerman-test/group/iranians> ;
        ekg:mention <#char=97,108> .
    <kerman-test/event-1/figure-2> a ekg:CasualtyFigure ;
        ekg:count "13"^^xsd:nonNegativeInteger ;
        ekg:outcome ekg:Killed ;
        ekg:group <kerman-test/group/afghans> ;
        ekg:mention <#char=113,123> .

    # the threat: a PotentialEvent, never an ekg:Event
    <kerman-test/potential-1> a ekg:PotentialEvent ;
        ekg:status ekg:Threatened ;
        ekg:potentialType ekg:Attack ;
        rdfs:label "Threatened attack" ;
        ekg:mention <#char=203,210> ;
        ekg:perpetrator <https://w3id.org/eventkg/id/armedgroup/islamic-state> ;
        prov:wasDerivedFrom <> .

    # claims
    <kerman-test/claim-1> a ekg:ResponsibilityClaim ;
        ekg:claimant <https://w3id.org/eventkg/id/armedgroup/islamic-state> ;
        ekg:about <kerman-test/event-1> ;
        ekg:mention <#char=6,13> ;
        prov:wasDerivedFrom <> .
    <kerman-test/claim-2> a ekg:Statement ;
        ekg:claimant <kerman-test/person/prosecutor> ;
        ekg:reportedBy <https://w3id.org/eventkg/id/outlet/irna> ;
        ekg:about <kerman-test/event-1> ;
        ekg:quote "We will find them." ;
        ekg:quoteMention <#char=251,269> ;
        ekg:mention <#char=217,223> ;
        prov:wasDerivedFrom <> .

    # text spans
    <#char=0,5> a nif:Phrase ; nif:anchorOf "Daesh" ;
        nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "5"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=6,13> a nif:Phrase ; nif:anchorOf "claimed" ;
        nif:beginIndex "6"^^xsd:nonNegativeInteger ; nif:endIndex "13"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=18,33> a nif:Phrase ; nif:anchorOf "suicide bombing" ;
        nif:beginIndex "18"^^xsd:nonNegativeInteger ; nif:endIndex "33"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=37,43> a nif:Phrase ; nif:anchorOf "Kerman" ;
        nif:beginIndex "37"^^xsd:nonNegativeInteger ; nif:endIndex "43"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=45,49> a nif:Phrase ; nif:anchorOf "Iran" ;
        nif:beginIndex "45"^^xsd:nonNegativeInteger ; nif:endIndex "49"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=97,108> a nif:Phrase ; nif:anchorOf "76 Iranians" ;
        nif:beginIndex "97"^^xsd:nonNegativeInteger ; nif:endIndex "108"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=100,108> a nif:Phrase ; nif:anchorOf "Iranians" ;
        nif:beginIndex "100"^^xsd:nonNegativeInteger ; nif:endIndex "108"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=113,123> a nif:Phrase ; nif:anchorOf "13 Afghans" ;
        nif:beginIndex "113"^^xsd:nonNegativeInteger ; nif:endIndex "123"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=116,123> a nif:Phrase ; nif:anchorOf "Afghans" ;
        nif:beginIndex "116"^^xsd:nonNegativeInteger ; nif:endIndex "123"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=161,175> a nif:Phrase ; nif:anchorOf "explosive vest" ;
        nif:beginIndex "161"^^xsd:nonNegativeInteger ; nif:endIndex "175"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=203,210> a nif:Phrase ; nif:anchorOf "attacks" ;
        nif:beginIndex "203"^^xsd:nonNegativeInteger ; nif:endIndex "210"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=212,216> a nif:Phrase ; nif:anchorOf "IRNA" ;
        nif:beginIndex "212"^^xsd:nonNegativeInteger ; nif:endIndex "216"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=217,223> a nif:Phrase ; nif:anchorOf "quoted" ;
        nif:beginIndex "217"^^xsd:nonNegativeInteger ; nif:endIndex "223"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=228,238> a nif:Phrase ; nif:anchorOf "prosecutor" ;
        nif:beginIndex "228"^^xsd:nonNegativeInteger ; nif:endIndex "238"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
    <#char=251,269> a nif:Phrase ; nif:anchorOf "We will find them." ;
        nif:beginIndex "251"^^xsd:nonNegativeInteger ; nif:endIndex "269"^^xsd:nonNegativeInteger ;
        nif:referenceContext <#char=0,270> .
}
"""


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_graph(
        [kerman_extraction(), Extraction(article=Article(id="second", text="Nothing happened."))]
    )


def named_graphs(d: Dataset) -> dict[str, Graph]:
    """The non-empty graphs of ``d`` by name (the default graph under ``""``)."""
    out: dict[str, Graph] = {}
    for g in d.graphs():
        if len(g):
            name = "" if g.identifier == URIRef("urn:x-rdflib:default") else str(g.identifier)
            out[name] = g
    return out


def assert_isomorphic(expected: Graph, actual: Graph, name: str) -> None:
    """Compare by isomorphism; on mismatch, fail with sorted N-Triples of each side's extra triples."""
    iso_expected, iso_actual = to_isomorphic(expected), to_isomorphic(actual)
    if iso_expected == iso_actual:
        return
    _both, only_expected, only_actual = graph_diff(iso_expected, iso_actual)

    def dump(g: Graph) -> str:
        return "\n".join(sorted(f"  {s.n3()} {p.n3()} {o.n3()} ." for s, p, o in g)) or "  (none)"

    pytest.fail(f"graph {name} differs from the expected graph\nonly in expected:\n{dump(only_expected)}\n"
                f"only in actual:\n{dump(only_actual)}", pytrace=False)  # fmt: skip


def ask(d: Dataset, body: str, graph: str = ART) -> bool:
    prefixes = """
        PREFIX ekg: <https://w3id.org/eventkg/ontology#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX schema: <https://schema.org/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    """
    return bool(d.query(f"{prefixes} ASK {{ GRAPH <{graph}> {{ {body} }} }}").askAnswer)


def iris(d: Dataset) -> set[URIRef]:
    out: set[URIRef] = set()
    for quad in d.quads((None, None, None, None)):
        out.update(t for t in quad[:3] if isinstance(t, URIRef))
        out.add(quad[3] if isinstance(quad[3], URIRef) else quad[3].identifier)
    return out


def ancestors(cls: URIRef) -> set[URIRef]:
    return set(ontology_graph().transitive_objects(cls, RDFS.subClassOf))


# ---------------------------------------------------------------------------------------- named graphs


def test_one_named_graph_per_article_named_by_the_article_iri(ds: Dataset) -> None:
    graphs = named_graphs(ds)
    assert set(graphs) == {ART, str(article_iri("second"))}, "no triple may land in the default graph"
    for name, g in graphs.items():
        assert g.identifier == URIRef(name)
        assert (URIRef(name), RDF.type, EKG.Article) in g


def test_article_graph_identifier_is_the_article_iri() -> None:
    g = article_graph(kerman_extraction())
    assert g.identifier == URIRef(ART) == article_iri("kerman-test")


def test_whole_graph_matches_the_expected_trig(ds: Dataset) -> None:
    expected = Dataset()
    expected.parse(data=EXPECTED_TRIG, format="trig")
    actual = named_graphs(ds)
    assert_isomorphic(named_graphs(expected)[ART], actual[ART], ART)


# ---------------------------------------------------------------------------------------- CONTRACT.md

CONTRACT = {
    "1 article": f"""<{ART}> a ekg:Article ; ekg:articleId "kerman-test" ;
        schema:datePublished "2024-01-07"^^xsd:date ; schema:headline "Daesh claims Kerman bombing" .""",
    "2 event class": "?e a ekg:SuicideBombing .",
    "2 perpetrator": "?e ekg:perpetrator ?a . ?a a ekg:ArmedGroup ; rdfs:label 'Islamic State' .",
    "2 victims": "?e ekg:victim ?v1, ?v2 . ?v1 rdfs:label 'Iranians' . ?v2 rdfs:label 'Afghans' .",
    "2 place": "?e ekg:place ?p . ?p a ekg:City ; rdfs:label 'Kerman' .",
    "2 locatedIn": "?p a ekg:City ; ekg:locatedIn ?c . ?c a ekg:Country ; rdfs:label 'Iran' .",
    "2 instrument": "?e ekg:instrument ?w . ?w a ekg:Weapon ; rdfs:label 'explosive vest' .",
    "2 date": "?e a ekg:SuicideBombing ; ekg:date '2024-01-03'^^xsd:date .",
    "2 killed": "?e a ekg:SuicideBombing ; ekg:killed '89'^^xsd:nonNegativeInteger .",
    "2 injured": "?e a ekg:SuicideBombing ; ekg:injured '284'^^xsd:nonNegativeInteger .",
    "2 breakdown 76 Iranians": """?e a ekg:SuicideBombing ; ekg:casualtyFigure ?f . ?f a ekg:CasualtyFigure ;
        ekg:count '76'^^xsd:nonNegativeInteger ; ekg:outcome ekg:Killed ; ekg:group ?g .
        ?g rdfs:label 'Iranians' .""",
    "2 breakdown 13 Afghans": """?e ekg:casualtyFigure [ ekg:count '13'^^xsd:nonNegativeInteger ;
        ekg:outcome ekg:Killed ; ekg:group [ rdfs:label 'Afghans' ] ] .""",
    "3 altLabel": "?a rdfs:label 'Islamic State' ; skos:altLabel 'Daesh' .",
    "3 mention": f"""?a rdfs:label 'Islamic State' ; ekg:mention ?m . ?m a nif:Phrase ; nif:anchorOf 'Daesh' ;
        nif:beginIndex '0'^^xsd:nonNegativeInteger ; nif:endIndex '5'^^xsd:nonNegativeInteger ;
        nif:referenceContext ?ctx . <{ART}> ekg:textContext ?ctx . ?ctx a nif:Context .""",
    "3 event trigger mention": "?e a ekg:SuicideBombing ; ekg:mention [ nif:anchorOf 'suicide bombing' ] .",
    "4 responsibility claim": """?c a ekg:ResponsibilityClaim ; ekg:claimant ?a ; ekg:about ?e .
        ?a rdfs:label 'Islamic State' . ?e a ekg:SuicideBombing .""",
    "4 statement": """?s a ekg:Statement ; ekg:claimant ?sp ; ekg:reportedBy ?o ;
        ekg:quote 'We will find them.' ; ekg:about ?e .
        ?sp a ekg:Person ; rdfs:label 'prosecutor' .
        ?o a ekg:NewsOutlet ; rdfs:label 'IRNA' .
        ?e a ekg:SuicideBombing .""",
    "5 event provenance": f"?e a ekg:SuicideBombing ; prov:wasDerivedFrom <{ART}> .",
    "5 claim provenance": f"?c a ekg:ResponsibilityClaim ; prov:wasDerivedFrom <{ART}> .",
    "potential event": "?p a ekg:PotentialEvent ; ekg:status ekg:Threatened ; ekg:potentialType ekg:Attack .",
}

#: Things that must NOT exist (the ASK must be false).
_LABELLED = "ekg:ArmedGroup, ekg:Group, ekg:Person, ekg:NewsOutlet, ekg:City, ekg:Country, ekg:Weapon"
CONTRACT_NEVER = {
    "an actor, place or weapon without rdfs:label": f"""?x a ?c . FILTER(?c IN ({_LABELLED}))
        FILTER NOT EXISTS {{ ?x rdfs:label ?l }}""",
    "an actor, place or weapon without ekg:mention": f"""?x a ?c . FILTER(?c IN ({_LABELLED}))
        FILTER NOT EXISTS {{ ?x ekg:mention ?m }}""",
    "an event or claim without provenance": f"""?x a ?c .
        FILTER(?c IN (ekg:SuicideBombing, ekg:PotentialEvent, ekg:ResponsibilityClaim, ekg:Statement))
        FILTER NOT EXISTS {{ ?x prov:wasDerivedFrom <{ART}> }}""",
    "a mention that is not a nif:Phrase": "?x ekg:mention ?m . FILTER NOT EXISTS { ?m a nif:Phrase }",
    "a count that is not xsd:nonNegativeInteger": """?x ?p ?n .
        FILTER(?p IN (ekg:killed, ekg:injured, ekg:count)) FILTER(datatype(?n) != xsd:nonNegativeInteger)""",
}


@pytest.mark.parametrize("body", CONTRACT.values(), ids=CONTRACT.keys())
def test_contract_promise_is_in_the_article_graph(ds: Dataset, body: str) -> None:
    assert ask(ds, body), f"not found in <{ART}>:\n{body}"


@pytest.mark.parametrize("body", CONTRACT_NEVER.values(), ids=CONTRACT_NEVER.keys())
def test_contract_never(ds: Dataset, body: str) -> None:
    assert not ask(ds, body), f"found in <{ART}>:\n{body}"


@pytest.mark.parametrize("cls", ["SuicideBombing", "Bombing", "Attack"])
def test_event_class_reaches_ekg_event_in_the_ontology(cls: str) -> None:
    assert EKG.Event in ancestors(EKG[cls])


@pytest.mark.parametrize("cls", ["ResponsibilityClaim", "Statement"])
def test_claim_classes_are_claims(cls: str) -> None:
    assert EKG.Claim in ancestors(EKG[cls])


def test_potential_event_is_not_typed_as_an_event(ds: Dataset) -> None:
    g = named_graphs(ds)[ART]
    potential = URIRef(f"{ART}/potential-1")
    types = set(g.objects(potential, RDF.type))
    assert types == {EKG.PotentialEvent}
    for t in types:
        assert EKG.Event not in ancestors(t) and t != EKG.Event, f"{t} is an ekg:Event class"
    assert (potential, EKG.status, EKG.Threatened) in g


# ---------------------------------------------------------------------------------------- properties


def test_building_twice_gives_byte_identical_trig() -> None:
    first = build_graph([kerman_extraction()]).serialize(format="trig", encoding="utf-8")
    second = build_graph([kerman_extraction()]).serialize(format="trig", encoding="utf-8")
    assert first == second


def test_every_iri_is_valid_for_oxigraph(ds: Dataset) -> None:
    for iri in iris(ds):
        ox.NamedNode(str(iri))  # raises ValueError on an invalid IRI


def test_every_ekg_term_is_declared_in_the_ontology(ds: Dataset) -> None:
    onto = ontology_graph()
    used = {i for i in iris(ds) if str(i).startswith(EKG_NS)}
    assert used, "the graph uses no ekg: terms"
    undeclared = sorted(str(i) for i in used if (i, RDF.type, None) not in onto)
    assert not undeclared, f"used but not declared in ontology/eventkg.ttl: {undeclared}"


def check_offsets(g: Graph) -> int:
    n = 0
    for phrase in g.subjects(RDF.type, NIF.Phrase):
        ctx = g.value(phrase, NIF.referenceContext)
        text = str(g.value(ctx, NIF.isString))
        begin, end = int(g.value(phrase, NIF.beginIndex)), int(g.value(phrase, NIF.endIndex))
        assert text[begin:end] == str(g.value(phrase, NIF.anchorOf)), phrase
        n += 1
    return n


def test_mention_offsets_index_the_context_string(ds: Dataset) -> None:
    assert check_offsets(named_graphs(ds)[ART]) == 15


def test_the_built_graph_validates(ds: Dataset) -> None:
    report = validate(ds)
    assert report.conforms, report.text
    assert not report.warnings, report.text


# ---------------------------------------------------------------------------------------- awkward ids

AWKWARD_IDS = [
    "plain-slug",
    "with spaces",
    'with "quotes"',
    "<angle>brackets",
    "new\nline",
    "tab\there",
    "back\\slash",
    "percent %zz %41",
    "folder/sub/article",
    "שלום עולם",  # RTL
    "مقالة-١",  # RTL with Arabic digits
    "boom 💥🔥",
    "\u200f\u202e reversed",
    "x" * 300,
    "",
]


def awkward_extraction(article_id: str) -> Extraction:
    text = "نص 💥 عربي. Gunmen attacked a market in Peshawar."
    return Extraction(
        article=Article(id=article_id, text=text, title=f"title {article_id}"),
        entities=(
            Entity(key="place:peshawar", kind="City", label="Peshawar", mentions=(m("Peshawar", text),)),
        ),
        events=(
            Event(
                key="event-1",
                kind="Shooting",
                mentions=(m("attacked", text),),
                roles=(Role("place", "place:peshawar"),),
            ),
        ),
    )


@pytest.mark.parametrize("article_id", AWKWARD_IDS, ids=lambda s: repr(s)[:24])
def test_awkward_article_ids_give_valid_iris_and_reparsable_output(article_id: str) -> None:
    ex = awkward_extraction(article_id)
    d = build_graph([ex])
    for iri in iris(d):
        ox.NamedNode(str(iri))
    quads = len(d)
    assert check_offsets(named_graphs(d)[str(article_iri(article_id))]) == 2

    trig = d.serialize(format="trig", encoding="utf-8")
    again = Dataset()
    again.parse(data=trig.decode("utf-8"), format="trig")
    assert len(again) == quads
    [(name, g)] = named_graphs(again).items()
    assert name == str(article_iri(article_id))
    assert g.value(URIRef(name), EKG.articleId) == Literal(article_id)
    assert len(list(ox.parse(io.BytesIO(trig), format=ox.RdfFormat.TRIG))) == quads

    nq = d.serialize(format="nquads", encoding="utf-8")
    assert len(list(ox.parse(io.BytesIO(nq), format=ox.RdfFormat.N_QUADS))) == quads

    ttl = article_graph(ex).serialize(format="turtle", encoding="utf-8")
    assert len(Graph().parse(data=ttl.decode("utf-8"), format="turtle")) == quads
    parsed = list(ox.parse(io.BytesIO(ttl), format=ox.RdfFormat.TURTLE))
    assert len(parsed) == quads
    ids = [t.object.value for t in parsed if t.predicate.value == f"{EKG_NS}articleId"]
    assert ids == [article_id]


def test_distinct_awkward_ids_get_distinct_iris() -> None:
    minted = {article_iri(i) for i in AWKWARD_IDS}
    assert len(minted) == len(AWKWARD_IDS)


def test_a_plain_id_never_collides_with_a_hashed_one() -> None:
    hashed = article_iri("a b/c")
    plain_id = str(hashed).rsplit("/", 1)[1]
    assert article_iri(plain_id) != hashed


@pytest.mark.parametrize("article_id", [".", ".."])
def test_dot_ids_give_iris_without_dot_segments(article_id: str) -> None:
    ex = Extraction(
        article=Article(id=article_id, text="Bomb."),
        entities=(Entity(key="weapon:bomb", kind="Weapon", label="bomb", mentions=(Mention(0, 4, "Bomb"),)),),
    )
    for iri in iris(build_graph([ex])):
        path = str(iri).split("#")[0]
        assert "/./" not in path + "/" and "/../" not in path + "/", iri


def test_event_and_claim_keys_are_escaped() -> None:
    text = "A bomb exploded."
    ex = Extraction(
        article=Article(id="keys", text=text),
        events=(Event(key="event 1", kind="Bombing", mentions=(m("bomb", text),)),),
        claims=(
            Claim(
                key='claim "1"',
                kind="Statement",
                claimant=None,
                mentions=(m("exploded", text),),
                about=("event 1",),
            ),
        ),
    )
    d = build_graph([ex])
    for iri in iris(d):
        ox.NamedNode(str(iri))
    d.serialize(format="trig")
