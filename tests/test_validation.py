"""SHACL validation (eventkg.validation) against hand-built article graphs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, SH, SKOS

from eventkg.errors import NetworkAccessError
from eventkg.rdf.namespace import EKG, NIF
from eventkg.resources import ontology_graph, shapes_graph
from eventkg.validation import ValidationReport, ValidationResult, report_of, validate, validate_graphs

SDO = Namespace("https://schema.org/")
EKGSH = Namespace("https://w3id.org/eventkg/shapes#")
EX = Namespace("https://example.org/")

TEXT = (
    "Daesh claimed the bombing in Kerman, Iran, that killed 89 people, including 76 Iranians and "
    "13 Afghans. Police arrested 32 suspects and seized a rifle. The group threatened more attacks. "
    'IRNA quoted the city prosecutor as saying: "We will find them." '
    "The blast hit the cemetery road in Kerman province. The Taliban denied any role."
)

ART = EX["article/a1"]
CTX = EX["article/a1/context"]
BOMBING = EX["event/bombing"]
ARREST = EX["event/arrest"]
SEIZURE = EX["event/seizure"]
THREAT = EX["event/threat"]
CLAIM = EX["claim/responsibility"]
STATEMENT = EX["claim/statement"]
ISIS = EX["agent/isis"]
POLICE = EX["agent/police"]
SUSPECTS = EX["agent/suspects"]
IRANIANS = EX["agent/iranians"]
AFGHANS = EX["agent/afghans"]
PROSECUTOR = EX["agent/prosecutor"]
IRNA = EX["agent/irna"]
KERMAN = EX["place/kerman"]
IRAN = EX["place/iran"]
PROVINCE = EX["place/kerman-province"]
ROAD = EX["place/cemetery-road"]
TALIBAN = EX["agent/taliban"]
DENIAL = EX["claim/denial"]
BOMB = EX["weapon/bomb"]
RIFLE = EX["weapon/rifle"]
CEREMONY = EX["target/ceremony"]
FIG_IRANIANS = EX["figure/iranians"]
FIG_AFGHANS = EX["figure/afghans"]


def nn(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


def phrase(word: str) -> URIRef:
    start = TEXT.index(word)
    return EX[f"article/a1/char={start},{start + len(word)}"]


def add_mention(g: Graph, node: URIRef, word: str) -> URIRef:
    start = TEXT.index(word)
    m = phrase(word)
    g.add((m, RDF.type, NIF.Phrase))
    g.add((m, NIF.anchorOf, Literal(word)))
    g.add((m, NIF.beginIndex, nn(start)))
    g.add((m, NIF.endIndex, nn(start + len(word))))
    g.add((m, NIF.referenceContext, CTX))
    g.add((node, EKG.mention, m))
    return m


def entity(g: Graph, node: URIRef, cls: URIRef, label: str, word: str | None = None) -> None:
    g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(label)))
    if word is not None:
        add_mention(g, node, word)


def build_article(g: Graph, *, figures: tuple[tuple[int, URIRef], ...] | None = None) -> Graph:
    """A conforming article graph: a bombing, an arrest, a seizure, a threat, a claim and a statement."""
    g.add((ART, RDF.type, EKG.Article))
    g.add((ART, EKG.articleId, Literal("a1")))
    g.add((ART, SDO.datePublished, Literal("2024-01-04", datatype=XSD.date)))
    g.add((ART, SDO.headline, Literal("Bombing in Kerman")))
    g.add((ART, EKG.textContext, CTX))
    g.add((CTX, RDF.type, NIF.Context))
    g.add((CTX, NIF.isString, Literal(TEXT)))

    entity(g, ISIS, EKG.ArmedGroup, "Islamic State", "Daesh")
    g.add((ISIS, SKOS.altLabel, Literal("Daesh")))
    entity(g, POLICE, EKG.Organization, "Police", "Police")
    entity(g, SUSPECTS, EKG.Group, "32 suspects", "suspects")
    entity(g, IRANIANS, EKG.Group, "Iranians", "Iranians")
    entity(g, AFGHANS, EKG.Group, "Afghans", "Afghans")
    entity(g, PROSECUTOR, EKG.Person, "city prosecutor", "city prosecutor")
    g.add((PROSECUTOR, EKG.title, Literal("city prosecutor")))
    entity(g, IRNA, EKG.NewsOutlet, "IRNA", "IRNA")
    entity(g, KERMAN, EKG.City, "Kerman", "Kerman")
    entity(g, IRAN, EKG.Country, "Iran", "Iran")
    g.add((IRAN, EKG.isoCode, Literal("IR")))
    entity(g, PROVINCE, EKG.Region, "Kerman Province", "Kerman province")
    entity(g, ROAD, EKG.Site, "cemetery road", "cemetery road")
    g.add((ROAD, EKG.locatedIn, KERMAN))
    g.add((KERMAN, EKG.locatedIn, PROVINCE))
    g.add((PROVINCE, EKG.locatedIn, IRAN))
    entity(g, TALIBAN, EKG.ArmedGroup, "Taliban", "Taliban")
    g.add((KERMAN, SDO.latitude, Literal("30.28321", datatype=XSD.decimal)))
    g.add((KERMAN, SDO.longitude, Literal("57.07879", datatype=XSD.decimal)))
    entity(g, BOMB, EKG.Weapon, "bomb")
    entity(g, RIFLE, EKG.Weapon, "rifle", "rifle")
    entity(g, CEREMONY, EKG.Target, "memorial ceremony")

    g.add((BOMBING, RDF.type, EKG.Bombing))
    g.add((BOMBING, PROV.wasDerivedFrom, ART))
    add_mention(g, BOMBING, "bombing")
    g.add((BOMBING, EKG.date, Literal("2024-01-03", datatype=XSD.date)))
    g.add((BOMBING, EKG.killed, nn(89)))
    g.add((BOMBING, EKG.place, KERMAN))
    g.add((BOMBING, EKG.perpetrator, ISIS))
    g.add((BOMBING, EKG.victim, IRANIANS))
    g.add((BOMBING, EKG.victim, AFGHANS))
    g.add((BOMBING, EKG.target, CEREMONY))
    g.add((BOMBING, EKG.instrument, BOMB))
    if figures is None:
        figures = ((76, IRANIANS), (13, AFGHANS))
    for i, (count, group) in enumerate(figures):
        figure = EX[f"figure/{i}"]
        g.add((figure, RDF.type, EKG.CasualtyFigure))
        g.add((figure, EKG.count, nn(count)))
        g.add((figure, EKG.outcome, EKG.Killed))
        g.add((figure, EKG.group, group))
        g.add((BOMBING, EKG.casualtyFigure, figure))

    g.add((ARREST, RDF.type, EKG.Arrest))
    g.add((ARREST, PROV.wasDerivedFrom, ART))
    add_mention(g, ARREST, "arrested")
    g.add((ARREST, EKG.arrested, nn(32)))
    g.add((ARREST, EKG.detainee, SUSPECTS))
    g.add((ARREST, EKG.perpetrator, POLICE))
    g.add((ARREST, EKG.date, Literal("2024-01", datatype=XSD.gYearMonth)))

    g.add((SEIZURE, RDF.type, EKG.Seizure))
    g.add((SEIZURE, PROV.wasDerivedFrom, ART))
    add_mention(g, SEIZURE, "seized")
    g.add((SEIZURE, EKG.seizedItem, RIFLE))
    g.add((SEIZURE, EKG.date, Literal("2024", datatype=XSD.gYear)))

    g.add((THREAT, RDF.type, EKG.PotentialEvent))
    g.add((THREAT, EKG.status, EKG.Threatened))
    g.add((THREAT, EKG.potentialType, EKG.Attack))
    g.add((THREAT, PROV.wasDerivedFrom, ART))
    g.add((THREAT, EKG.perpetrator, ISIS))
    add_mention(g, THREAT, "threatened")

    g.add((CLAIM, RDF.type, EKG.ResponsibilityClaim))
    g.add((CLAIM, EKG.claimant, ISIS))
    g.add((CLAIM, EKG.about, BOMBING))
    g.add((CLAIM, PROV.wasDerivedFrom, ART))
    add_mention(g, CLAIM, "claimed")

    g.add((STATEMENT, RDF.type, EKG.Statement))
    g.add((STATEMENT, EKG.claimant, PROSECUTOR))
    g.add((STATEMENT, EKG.reportedBy, IRNA))
    g.add((STATEMENT, EKG.quote, Literal("We will find them.")))
    g.add((STATEMENT, EKG.about, ARREST))
    g.add((STATEMENT, PROV.wasDerivedFrom, ART))
    add_mention(g, STATEMENT, "saying")
    quote = add_mention(g, EX["scratch"], "We will find them.")
    g.remove((EX["scratch"], EKG.mention, quote))
    g.add((STATEMENT, EKG.quoteMention, quote))

    g.add((DENIAL, RDF.type, EKG.Denial))
    g.add((DENIAL, EKG.claimant, TALIBAN))
    g.add((DENIAL, EKG.about, BOMBING))
    g.add((DENIAL, PROV.wasDerivedFrom, ART))
    add_mention(g, DENIAL, "denied")
    return g


def article() -> Graph:
    return build_article(Graph())


def results_for(report: ValidationReport, focus: URIRef) -> list[ValidationResult]:
    return [r for r in report.results if r.focus == str(focus)]


# --------------------------------------------------------------------------- conforming


def test_conforming_article() -> None:
    report = validate(article())
    assert report.conforms, report.text
    assert report.results == ()
    assert report.violations == () and report.warnings == ()
    assert report.text == "Conforms: True\n"
    assert isinstance(report.graph, Graph)


def test_conforming_with_rdfs_inference() -> None:
    report = validate(article(), inference="rdfs")
    assert report.conforms, report.text
    assert report.results == ()


def test_validation_does_not_touch_inputs() -> None:
    g = article()
    before = len(g)
    shapes_before, onto_before = len(shapes_graph()), len(ontology_graph())
    validate(g)
    assert len(g) == before
    assert len(shapes_graph()) == shapes_before
    assert len(ontology_graph()) == onto_before


def test_empty_graph_conforms() -> None:
    assert validate(Graph()).conforms
    assert validate(Dataset()).conforms


def test_subclass_targets_need_no_type_in_data() -> None:
    """A bombing without a source still fails: EventShape reaches ekg:Bombing via the mixed-in ontology."""
    g = article()
    g.remove((BOMBING, PROV.wasDerivedFrom, None))
    report = validate(g)
    assert not report.conforms
    assert any("prov:wasDerivedFrom <article>" in r.message for r in results_for(report, BOMBING))


# --------------------------------------------------------------------------- datasets


def test_dataset_validates_each_named_graph_separately() -> None:
    ds = Dataset()
    build_article(ds.graph(EX["article/a1"]))
    bad = build_article(ds.graph(EX["article/a2"]))
    bad.remove((ISIS, RDFS.label, None))
    report = validate(ds)
    assert not report.conforms
    assert {r.graph for r in report.results} == {str(EX["article/a2"])}
    (result,) = report.violations
    assert result.focus == str(ISIS)
    assert result.path == str(RDFS.label)
    assert result.shape == str(EKGSH.LabelShape)
    assert f"in <{EX['article/a2']}>" in report.text


def test_dataset_graphs_do_not_see_each_other() -> None:
    """The article node lives in one graph; an event in another graph cannot borrow it."""
    ds = Dataset()
    build_article(ds.graph(EX["article/a1"]))
    other = ds.graph(EX["article/other"])
    other.add((BOMBING, RDF.type, EKG.Attack))
    other.add((BOMBING, PROV.wasDerivedFrom, ART))
    add_mention(other, BOMBING, "bombing")
    report = validate(ds)
    messages = [r.message for r in report.results if r.graph == str(EX["article/other"])]
    assert any("ekg:Article described in the same graph" in m for m in messages)


def test_dataset_default_graph_is_checked() -> None:
    ds = Dataset()
    ds.default_graph.add((RIFLE, RDF.type, EKG.Weapon))
    report = validate(ds)
    (result,) = report.violations
    assert result.graph is None
    assert result.focus == str(RIFLE)


# --------------------------------------------------------------------------- violations per shape

Mutation = Callable[[Graph], None]


def _set(subject: URIRef, predicate: URIRef, value: object) -> Mutation:
    def mutate(g: Graph) -> None:
        g.remove((subject, predicate, None))
        if value is not None:
            g.add((subject, predicate, value))  # type: ignore[arg-type]

    return mutate


def _add(subject: URIRef, predicate: URIRef, value: object) -> Mutation:
    def mutate(g: Graph) -> None:
        g.add((subject, predicate, value))  # type: ignore[arg-type]

    return mutate


def _remove(subject: URIRef, predicate: URIRef) -> Mutation:
    def mutate(g: Graph) -> None:
        g.remove((subject, predicate, None))

    return mutate


def _all(*mutations: Mutation) -> Mutation:
    def mutate(g: Graph) -> None:
        for m in mutations:
            m(g)

    return mutate


def _add_figure(count: int, outcome: URIRef | None, group: URIRef | None = None) -> Mutation:
    def mutate(g: Graph) -> None:
        figure = EX["figure/extra"]
        g.add((figure, RDF.type, EKG.CasualtyFigure))
        g.add((figure, EKG.count, nn(count)))
        if outcome is not None:
            g.add((figure, EKG.outcome, outcome))
        if group is not None:
            g.add((figure, EKG.group, group))
        g.add((BOMBING, EKG.casualtyFigure, figure))

    return mutate


VIOLATIONS: list[tuple[str, Mutation, URIRef, str, URIRef]] = [
    # Article
    ("article-no-id", _remove(ART, EKG.articleId), ART, "exactly one ekg:articleId", EKGSH.ArticleShape),
    (
        "article-two-ids",
        _add(ART, EKG.articleId, Literal("a2")),
        ART,
        "exactly one ekg:articleId",
        EKGSH.ArticleShape,
    ),
    (
        "article-date-datetime",
        _set(ART, SDO.datePublished, Literal("2024-01-04T10:00:00", datatype=XSD.dateTime)),
        ART,
        "xsd:date",
        EKGSH.ArticleShape,
    ),
    ("article-no-context", _remove(ART, EKG.textContext), ART, "ekg:textContext", EKGSH.ArticleShape),
    # Event
    (
        "event-no-source",
        _remove(BOMBING, PROV.wasDerivedFrom),
        BOMBING,
        "wasDerivedFrom <article>",
        EKGSH.EventShape,
    ),
    (
        "event-source-not-article",
        _set(ARREST, PROV.wasDerivedFrom, EX["somewhere"]),
        ARREST,
        "must point at an ekg:Article",
        EKGSH.EventShape,
    ),
    ("event-no-mention", _remove(SEIZURE, EKG.mention), SEIZURE, "grounded in the text", EKGSH.EventShape),
    (
        "event-mention-not-phrase",
        _add(BOMBING, EKG.mention, EX["not-a-phrase"]),
        BOMBING,
        "must point at a nif:Phrase",
        EKGSH.MentionLinkShape,
    ),
    (
        "event-two-dates",
        _add(BOMBING, EKG.date, Literal("2024-01-02", datatype=XSD.date)),
        BOMBING,
        "at most one ekg:date",
        EKGSH.EventShape,
    ),
    (
        "event-date-string",
        _set(BOMBING, EKG.date, Literal("3 January")),
        BOMBING,
        "valid xsd:date",
        EKGSH.EventShape,
    ),
    (
        "event-date-invalid",
        _set(BOMBING, EKG.date, Literal("2024-13-45", datatype=XSD.date)),
        BOMBING,
        "valid xsd:date",
        EKGSH.EventShape,
    ),
    (
        "event-date-inferred-string",
        _set(BOMBING, EKG.dateInferred, Literal("yes")),
        BOMBING,
        "ekg:dateInferred",
        EKGSH.EventShape,
    ),
    ("event-killed-integer", _set(BOMBING, EKG.killed, Literal(89)), BOMBING, "ekg:killed", EKGSH.EventShape),
    ("event-two-tolls", _add(BOMBING, EKG.killed, nn(95)), BOMBING, "ekg:killed", EKGSH.EventShape),
    (
        "event-injured-string",
        _set(BOMBING, EKG.injured, Literal("many")),
        BOMBING,
        "ekg:injured",
        EKGSH.EventShape,
    ),
    (
        "event-figure-untyped",
        _add(BOMBING, EKG.casualtyFigure, EX["figure/untyped"]),
        BOMBING,
        "ekg:CasualtyFigure",
        EKGSH.EventShape,
    ),
    (
        "event-place-not-place",
        _set(BOMBING, EKG.place, ISIS),
        BOMBING,
        "must point at an ekg:Place",
        EKGSH.RoleShape,
    ),
    ("event-instrument", _set(BOMBING, EKG.instrument, CEREMONY), BOMBING, "ekg:Weapon", EKGSH.RoleShape),
    (
        "event-perpetrator",
        _set(BOMBING, EKG.perpetrator, KERMAN),
        BOMBING,
        "ekg:perpetrator",
        EKGSH.RoleShape,
    ),
    (
        "event-victim",
        _set(BOMBING, EKG.victim, RIFLE),
        BOMBING,
        "ekg:victim must point at people",
        EKGSH.RoleShape,
    ),
    (
        "event-and-potential",
        _add(BOMBING, RDF.type, EKG.PotentialEvent),
        BOMBING,
        "both an ekg:Event and an ekg:PotentialEvent",
        EKGSH.EventShape,
    ),
    # Attack
    ("attack-target", _set(BOMBING, EKG.target, RIFLE), BOMBING, "ekg:target must point", EKGSH.RoleShape),
    # Arrest
    (
        "arrest-detainee",
        _set(ARREST, EKG.detainee, RIFLE),
        ARREST,
        "ekg:detainee must point",
        EKGSH.ArrestShape,
    ),
    ("arrest-count", _set(ARREST, EKG.arrested, Literal(-3)), ARREST, "ekg:arrested", EKGSH.EventShape),
    # Seizure
    (
        "seizure-item",
        _set(SEIZURE, EKG.seizedItem, SUSPECTS),
        SEIZURE,
        "ekg:seizedItem must",
        EKGSH.SeizureShape,
    ),
    # CasualtyFigure
    (
        "figure-no-count",
        _remove(EX["figure/0"], EKG.count),
        EX["figure/0"],
        "ekg:count",
        EKGSH.CasualtyFigureShape,
    ),
    (
        "figure-count-negative",
        _set(EX["figure/0"], EKG.count, Literal(-1, datatype=XSD.integer)),
        EX["figure/0"],
        "ekg:count",
        EKGSH.CasualtyFigureShape,
    ),
    (
        "figure-bad-outcome",
        _set(EX["figure/0"], EKG.outcome, EKG.Threatened),
        EX["figure/0"],
        "ekg:Killed, ekg:Injured or ekg:Arrested",
        EKGSH.CasualtyFigureShape,
    ),
    (
        "figure-no-outcome",
        _remove(EX["figure/0"], EKG.outcome),
        EX["figure/0"],
        "exactly one ekg:outcome",
        EKGSH.CasualtyFigureShape,
    ),
    (
        "figure-two-groups",
        _add(EX["figure/0"], EKG.group, AFGHANS),
        EX["figure/0"],
        "at most one ekg:Group",
        EKGSH.CasualtyFigureShape,
    ),
    # Claim and Statement
    ("claim-no-claimant", _remove(CLAIM, EKG.claimant), CLAIM, "who makes it", EKGSH.ClaimShape),
    ("claim-claimant-type", _set(CLAIM, EKG.claimant, KERMAN), CLAIM, "ekg:claimant must", EKGSH.ClaimShape),
    (
        "claim-no-source",
        _remove(STATEMENT, PROV.wasDerivedFrom),
        STATEMENT,
        "which article",
        EKGSH.ClaimShape,
    ),
    ("claim-about-place", _set(CLAIM, EKG.about, KERMAN), CLAIM, "ekg:about must point", EKGSH.ClaimShape),
    (
        "claim-two-quotes",
        _add(STATEMENT, EKG.quote, Literal("Other.")),
        STATEMENT,
        "ekg:quote",
        EKGSH.ClaimShape,
    ),
    (
        "statement-relay",
        _set(STATEMENT, EKG.reportedBy, SUSPECTS),
        STATEMENT,
        "ekg:reportedBy",
        EKGSH.ClaimShape,
    ),
    (
        "statement-quote-mention",
        _set(STATEMENT, EKG.quoteMention, EX["not-a-phrase"]),
        STATEMENT,
        "ekg:quoteMention",
        EKGSH.ClaimShape,
    ),
    # PotentialEvent
    ("potential-no-status", _remove(THREAT, EKG.status), THREAT, "ekg:status", EKGSH.PotentialEventShape),
    (
        "potential-bad-status",
        _set(THREAT, EKG.status, EKG.Killed),
        THREAT,
        "ekg:status",
        EKGSH.PotentialEventShape,
    ),
    (
        "potential-no-type",
        _remove(THREAT, EKG.potentialType),
        THREAT,
        "ekg:potentialType",
        EKGSH.PotentialEventShape,
    ),
    (
        "potential-type-not-event",
        _set(THREAT, EKG.potentialType, EKG.Weapon),
        THREAT,
        "not ekg:Event or one of its subclasses",
        EKGSH.PotentialEventShape,
    ),
    (
        "potential-no-source",
        _remove(THREAT, PROV.wasDerivedFrom),
        THREAT,
        "which article",
        EKGSH.PotentialEventShape,
    ),
    ("potential-no-mention", _remove(THREAT, EKG.mention), THREAT, "grounded", EKGSH.PotentialEventShape),
    # Mention (nif:Phrase)
    (
        "mention-no-anchor",
        _remove(phrase("Kerman"), NIF.anchorOf),
        phrase("Kerman"),
        "nif:anchorOf",
        EKGSH.MentionShape,
    ),
    (
        "mention-begin-integer",
        _set(phrase("Kerman"), NIF.beginIndex, Literal(TEXT.index("Kerman"))),
        phrase("Kerman"),
        "nif:beginIndex",
        EKGSH.MentionShape,
    ),
    (
        "mention-no-end",
        _remove(phrase("Kerman"), NIF.endIndex),
        phrase("Kerman"),
        "nif:endIndex",
        EKGSH.MentionShape,
    ),
    (
        "mention-begin-after-end",
        _set(phrase("Kerman"), NIF.endIndex, nn(TEXT.index("Kerman"))),
        phrase("Kerman"),
        "begin < end",
        EKGSH.MentionShape,
    ),
    (
        "mention-anchor-mismatch",
        _set(phrase("Kerman"), NIF.anchorOf, Literal("Kirman")),
        phrase("Kerman"),
        'which reads "Kerman"',
        EKGSH.MentionShape,
    ),
    (
        "mention-offsets-shifted",
        _set(phrase("Kerman"), NIF.endIndex, nn(TEXT.index("Kerman") + 5)),
        phrase("Kerman"),
        'which reads "Kerma"',
        EKGSH.MentionShape,
    ),
    (
        "mention-no-context",
        _remove(phrase("Kerman"), NIF.referenceContext),
        phrase("Kerman"),
        "nif:referenceContext",
        EKGSH.MentionShape,
    ),
    ("context-no-text", _remove(CTX, NIF.isString), CTX, "nif:isString", EKGSH.ContextShape),
    # Place
    ("place-no-label", _remove(IRAN, RDFS.label), IRAN, "rdfs:label", EKGSH.LabelShape),
    ("place-label-iri", _set(KERMAN, RDFS.label, EX["kerman"]), KERMAN, "rdfs:label", EKGSH.LabelShape),
    (
        "place-parent-not-place",
        _set(KERMAN, EKG.locatedIn, ISIS),
        KERMAN,
        "ekg:locatedIn must",
        EKGSH.PlaceShape,
    ),
    ("place-cycle", _add(IRAN, EKG.locatedIn, KERMAN), IRAN, "located in itself", EKGSH.PlaceShape),
    ("place-iso", _set(IRAN, EKG.isoCode, Literal("Iran")), IRAN, "ISO 3166", EKGSH.PlaceShape),
    (
        "place-latitude",
        _set(KERMAN, SDO.latitude, Literal("130.5", datatype=XSD.decimal)),
        KERMAN,
        "between -90 and 90",
        EKGSH.PlaceShape,
    ),
    (
        "place-alias-number",
        _add(KERMAN, SKOS.altLabel, Literal(7)),
        KERMAN,
        "skos:altLabel",
        EKGSH.AltLabelShape,
    ),
    # Agent, Weapon, Target
    ("agent-no-label", _remove(ISIS, RDFS.label), ISIS, "rdfs:label", EKGSH.LabelShape),
    ("group-no-label", _remove(IRANIANS, RDFS.label), IRANIANS, "rdfs:label", EKGSH.LabelShape),
    ("person-title", _set(PROSECUTOR, EKG.title, Literal(3)), PROSECUTOR, "ekg:title", EKGSH.AgentShape),
    ("weapon-no-label", _remove(RIFLE, RDFS.label), RIFLE, "rdfs:label", EKGSH.LabelShape),
    ("target-no-label", _remove(CEREMONY, RDFS.label), CEREMONY, "rdfs:label", EKGSH.LabelShape),
    # Event date, event type, roles on potential events
    (
        "event-date-after-publication",
        _set(BOMBING, EKG.date, Literal("2024-01-05", datatype=XSD.date)),
        BOMBING,
        "after the article's publication date 2024-01-04",
        EKGSH.EventDateShape,
    ),
    (
        "event-month-after-publication",
        _set(ARREST, EKG.date, Literal("2024-02", datatype=XSD.gYearMonth)),
        ARREST,
        "after the article's publication date",
        EKGSH.EventDateShape,
    ),
    (
        "event-untyped",
        _remove(SEIZURE, RDF.type),
        SEIZURE,
        "no event type",
        EKGSH.EventTypeShape,
    ),
    (
        "event-typed-as-place",
        _set(ARREST, RDF.type, EKG.Place),
        ARREST,
        "no event type",
        EKGSH.EventTypeShape,
    ),
    (
        "potential-perpetrator",
        _set(THREAT, EKG.perpetrator, KERMAN),
        THREAT,
        "ekg:perpetrator",
        EKGSH.RoleShape,
    ),
    # Place chains and countries
    (
        "place-chain-ends-at-region",
        _remove(PROVINCE, EKG.locatedIn),
        KERMAN,
        "not an ekg:Country",
        EKGSH.PlaceChainShape,
    ),
    (
        "country-inside-a-place",
        _add(IRAN, EKG.locatedIn, PROVINCE),
        IRAN,
        "not ekg:locatedIn another place",
        EKGSH.CountryShape,
    ),
    # Closed vocabularies
    (
        "status-unknown",
        _add(EX["maybe"], RDF.type, EKG.Status),
        EX["maybe"],
        "closed list",
        EKGSH.StatusShape,
    ),
    (
        "outcome-unknown",
        _add(EX["lost"], RDF.type, EKG.Outcome),
        EX["lost"],
        "closed list",
        EKGSH.OutcomeShape,
    ),
]


@pytest.mark.parametrize(
    ("mutate", "focus", "fragment", "shape"),
    [case[1:] for case in VIOLATIONS],
    ids=[case[0] for case in VIOLATIONS],
)
def test_violation(mutate: Mutation, focus: URIRef, fragment: str, shape: URIRef) -> None:
    g = article()
    mutate(g)
    report = validate(g)
    assert not report.conforms, report.text
    matching = [r for r in report.violations if r.focus == str(focus) and fragment in r.message]
    assert matching, report.text
    assert str(shape) in {r.shape for r in matching}, report.text
    # every message says what to do
    assert all(":" in r.message and len(r.message) > 30 for r in report.results)


# --------------------------------------------------------------------------- warnings

WARNINGS: list[tuple[str, Mutation, URIRef, str, URIRef]] = [
    ("attack-no-place", _remove(BOMBING, EKG.place), BOMBING, "no ekg:place", EKGSH.AttackShape),
    (
        "attack-implausible-toll",
        _set(BOMBING, EKG.killed, nn(20000)),
        BOMBING,
        "More than 10,000 killed",
        EKGSH.FigureSizeShape,
    ),
    (
        "arrest-implausible-count",
        _set(ARREST, EKG.arrested, nn(12000)),
        ARREST,
        "More than 10,000 arrested",
        EKGSH.FigureSizeShape,
    ),
    (
        "figure-implausible-count",
        _set(EX["figure/0"], EKG.count, nn(1984)),
        BOMBING,
        "add up to 1997",
        EKGSH.EventBreakdownShape,
    ),
    (
        "figure-above-10000",
        _all(_set(BOMBING, EKG.killed, nn(9000)), _set(EX["figure/0"], EKG.count, nn(50000))),
        EX["figure/0"],
        "casualty figure above 10,000",
        EKGSH.FigureSizeShape,
    ),
    (
        "attack-detainee",
        _add(BOMBING, EKG.detainee, SUSPECTS),
        BOMBING,
        "belongs on an ekg:Arrest",
        EKGSH.AttackShape,
    ),
    (
        "attack-seized-item",
        _add(BOMBING, EKG.seizedItem, RIFLE),
        BOMBING,
        "belongs on an ekg:Seizure",
        EKGSH.AttackShape,
    ),
    (
        "arrest-nothing",
        _all(_remove(ARREST, EKG.detainee), _remove(ARREST, EKG.arrested)),
        ARREST,
        "neither a detainee",
        EKGSH.ArrestParticipantsShape,
    ),
    (
        "seizure-nothing",
        _remove(SEIZURE, EKG.seizedItem),
        SEIZURE,
        "does not say what was seized",
        EKGSH.SeizureShape,
    ),
    (
        "city-no-parent",
        _all(_remove(KERMAN, EKG.locatedIn), _remove(ROAD, EKG.locatedIn)),
        KERMAN,
        "has no ekg:locatedIn",
        EKGSH.CityShape,
    ),
    (
        "region-no-parent",
        _all(_remove(PROVINCE, EKG.locatedIn), _remove(KERMAN, EKG.locatedIn), _remove(ROAD, EKG.locatedIn)),
        PROVINCE,
        "has no ekg:locatedIn",
        EKGSH.CityShape,
    ),
    ("country-no-code", _remove(IRAN, EKG.isoCode), IRAN, "ISO 3166-1 alpha-2", EKGSH.CountryShape),
    ("claim-no-mention", _remove(CLAIM, EKG.mention), CLAIM, "not grounded in the text", EKGSH.ClaimShape),
    (
        "responsibility-claim-no-event",
        _remove(CLAIM, EKG.about),
        CLAIM,
        "does not say what was claimed",
        EKGSH.ResponsibilityClaimShape,
    ),
    ("denial-no-event", _remove(DENIAL, EKG.about), DENIAL, "which event it concerns", EKGSH.DenialShape),
    (
        "statement-nothing",
        _all(_remove(STATEMENT, EKG.about), _remove(STATEMENT, EKG.quote)),
        STATEMENT,
        "neither an ekg:about nor an ekg:quote",
        EKGSH.StatementShape,
    ),
    (
        "statement-two-outlets",
        _add(STATEMENT, EKG.reportedBy, POLICE),
        STATEMENT,
        "one outlet",
        EKGSH.StatementShape,
    ),
]


@pytest.mark.parametrize(
    ("mutate", "focus", "fragment", "shape"),
    [case[1:] for case in WARNINGS],
    ids=[case[0] for case in WARNINGS],
)
def test_warning_alone_conforms(mutate: Mutation, focus: URIRef, fragment: str, shape: URIRef) -> None:
    g = article()
    mutate(g)
    report = validate(g)
    assert report.conforms, report.text
    assert report.violations == ()
    matching = [r for r in report.warnings if r.focus == str(focus) and fragment in r.message]
    assert matching, report.text
    assert str(shape) in {r.shape for r in matching}, report.text
    assert "warning" in report.text.splitlines()[0]


@pytest.mark.parametrize(
    "mutate",
    [_all(), _set(phrase("bombing"), NIF.anchorOf, Literal(""))]
    + [case[1] for case in VIOLATIONS + WARNINGS],
    ids=["conforming", "empty-anchor"] + [case[0] for case in VIOLATIONS + WARNINGS],
)
def test_graph_batches_find_what_validate_finds(mutate: Mutation) -> None:
    """``validate_graphs`` (SPARQL constraints in Oxigraph) reports exactly what pySHACL alone does."""
    g = article()
    mutate(g)
    expected = validate(g).results
    assert report_of(validate_graphs([(None, list(g))])).results == expected
    named = "https://example.org/graph/a1"
    assert report_of(validate_graphs([(named, list(g)), (named + "x", list(article()))])).results == tuple(
        dataclasses.replace(r, graph=named) for r in expected
    )


def _named_shapes() -> set[URIRef]:
    sg = shapes_graph()
    return {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in sg.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    }


def test_every_shape_has_a_failing_graph() -> None:
    """Each named shape appears in a case above: a graph that breaks it (the base article passes)."""
    tested = {case[-1] for case in VIOLATIONS} | {case[-1] for case in WARNINGS}
    sg = shapes_graph()
    untested = (
        {s for s in _named_shapes() if not ({s, *sg.objects(s, SH.property)} & tested)}
        - RESOLVED_SHAPES
        - ANALYSIS_SHAPES
    )
    assert untested == set()


def test_every_shape_is_exercised_by_the_passing_article() -> None:
    """The conforming article gives every node shape at least one focus node, so passing means something."""
    g = article() + ontology_graph()
    sg = shapes_graph()
    for shape in sg.subjects(RDF.type, SH.NodeShape):
        if shape in RESOLVED_SHAPES | ANALYSIS_SHAPES:
            continue  # checked on a resolved graph (test_resolve.py) or an analysis graph (test_analysis.py)
        targets = {s for cls in sg.objects(shape, SH.targetClass) for s in _instances(g, cls)} | {
            s for p in sg.objects(shape, SH.targetSubjectsOf) for s in g.subjects(p, None)
        }
        assert targets, f"no node in the passing article is checked by {shape}"


#: shapes of the nodes `eventkg resolve` writes, which no article graph holds
RESOLVED_SHAPES = {EKGSH.IncidentShape, EKGSH.MergeShape, EKGSH.ConflictShape, EKGSH.MergeRuleShape}
ANALYSIS_SHAPES = {EKGSH.PredictedLinkShape}  # checked on an analysis graph in tests/test_analysis.py


def _instances(g: Graph, cls: object) -> set[object]:
    classes = set(g.transitive_subjects(RDFS.subClassOf, cls))  # type: ignore[arg-type]
    return {s for c in classes for s in g.subjects(RDF.type, c)}


def test_every_ontology_class_is_targeted_by_a_shape() -> None:
    """Each class is a shape's sh:targetClass itself or through a superclass."""
    onto = ontology_graph()
    targeted = set(shapes_graph().objects(None, SH.targetClass))
    for cls in onto.subjects(RDF.type, OWL.Class):
        if not isinstance(cls, URIRef) or not str(cls).startswith(str(EKG)):
            continue
        ancestors = set(onto.transitive_objects(cls, RDFS.subClassOf))
        assert ancestors & targeted, f"no shape targets {cls} or a superclass of it"


# --------------------------------------------------------------------------- breakdown vs total


def test_breakdown_equal_to_total_is_fine() -> None:
    report = validate(build_article(Graph(), figures=((76, IRANIANS), (13, AFGHANS))))
    assert report.results == ()


def test_breakdown_exceeding_total_warns() -> None:
    g = build_article(Graph(), figures=((76, IRANIANS), (13, AFGHANS), (5, SUSPECTS)))
    report = validate(g)
    assert report.conforms, report.text
    (warning,) = report.results
    assert warning.severity == "Warning"
    assert warning.focus == str(BOMBING)
    assert warning.value == "94"
    assert warning.shape == str(EKGSH.EventBreakdownShape)
    assert "add up to 94, more than the headline figure 89" in warning.message
    assert "people killed" in warning.message


def test_breakdown_is_checked_per_outcome() -> None:
    g = article()
    _add_figure(40, EKG.Injured)(g)  # 40 injured, no headline injured figure: nothing to compare
    assert validate(g).results == ()
    g.add((BOMBING, EKG.injured, nn(30)))
    (warning,) = validate(g).warnings
    assert "people injured add up to 40, more than the headline figure 30" in warning.message


# --------------------------------------------------------------------------- report shape


def test_results_are_sorted_and_deterministic() -> None:
    g = article()
    for node in (ISIS, RIFLE, IRAN):
        g.remove((node, RDFS.label, None))
    g.remove((BOMBING, EKG.place, None))
    first, second = validate(g), validate(g)
    assert first == second
    assert first.text == second.text
    severities = [r.severity for r in first.results]
    assert severities == sorted(severities, key=["Violation", "Warning", "Info"].index)
    foci = [r.focus for r in first.violations]
    assert foci == sorted(foci)
    assert len(first.violations) == 3 and len(first.warnings) == 1
    assert first.text.splitlines()[0] == "Conforms: False (3 violations, 1 warning)"


def test_result_fields_are_strings() -> None:
    g = article()
    g.set((BOMBING, EKG.killed, Literal(89)))
    report = validate(g)
    (result,) = report.violations
    assert result == ValidationResult(
        severity="Violation",
        focus=str(BOMBING),
        path=str(EKG.killed),
        value="89",
        message=result.message,
        shape=str(EKGSH.EventShape),
        graph=None,
        label=None,
        article="a1",
        span=f'{TEXT.index("bombing")}-{TEXT.index("bombing") + 7} "bombing"',
    )


def test_results_name_the_label_article_and_span() -> None:
    g = article()
    g.set((EX["figure/0"], EKG.count, Literal(-1)))  # a figure has no mention: its event's is used
    g.remove((IRAN, RDFS.label, None))
    g.set((KERMAN, SDO.latitude, Literal("130.5", datatype=XSD.decimal)))
    report = validate(g)
    by_focus = {r.focus: r for r in report.violations}
    kerman = by_focus[str(KERMAN)]
    assert (kerman.label, kerman.article) == ("Kerman", "a1")
    assert kerman.span == f'{TEXT.index("Kerman")}-{TEXT.index("Kerman") + 6} "Kerman"'
    assert by_focus[str(IRAN)].label is None
    assert by_focus[str(IRAN)].span == f'{TEXT.index("Iran")}-{TEXT.index("Iran") + 4} "Iran"'
    assert '"bombing"' in (by_focus[str(EX["figure/0"])].span or "")


def test_the_report_graph_is_one_shacl_report() -> None:
    g = Dataset()
    build_article(g.graph(EX["g1"]))
    bad = build_article(g.graph(EX["g2"]))
    bad.set((BOMBING, EKG.killed, Literal(89)))
    report = validate(g)
    assert report.graph is not None
    (top,) = report.graph.subjects(RDF.type, SH.ValidationReport)
    assert report.graph.value(top, SH.conforms) == Literal(False)
    assert len(list(report.graph.objects(top, SH.result))) == len(report.results) == 1


def test_blank_node_focus_is_written_with_prefix() -> None:
    g = article()
    weapon = BNode()
    g.add((weapon, RDF.type, EKG.Weapon))
    (result,) = validate(g).violations
    assert result.focus.startswith("_:")


# --------------------------------------------------------------------------- options


def test_bad_inference_option() -> None:
    with pytest.raises(ValueError, match="inference"):
        validate(article(), inference="magic")


def test_custom_shapes_replace_the_packaged_ones() -> None:
    g = article()
    g.remove((ISIS, RDFS.label, None))
    assert validate(g, shapes=Graph()).conforms


EXTRA_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ekg: <https://w3id.org/eventkg/ontology#> .
<https://example.org/shapes#NeedsInjured> a sh:NodeShape ;
    sh:name "needs injured" ;
    sh:targetClass ekg:Bombing ;
    sh:property [ sh:path ekg:injured ; sh:minCount 1 ; sh:message "Project rule: give an injured count." ] .
"""


def test_extra_shapes_are_added() -> None:
    extra = Graph().parse(data=EXTRA_SHAPES, format="turtle")
    report = validate(article(), extra_shapes=[extra])
    (result,) = report.violations
    assert result.message == "Project rule: give an injured count."
    assert result.shape == "https://example.org/shapes#NeedsInjured"
    assert validate(article()).conforms


SERVICE_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ekg: <https://w3id.org/eventkg/ontology#> .
<https://example.org/shapes#Remote> a sh:NodeShape ;
    sh:targetClass ekg:Bombing ;
    sh:sparql [
        sh:message "remote" ;
        sh:select "SELECT $this WHERE { SERVICE <https://example.org/sparql> { $this ?p ?o } }" ;
    ] .
"""


def test_shapes_that_reach_the_network_are_refused() -> None:
    service = Graph().parse(data=SERVICE_SHAPES, format="turtle")
    with pytest.raises(ValueError, match="SERVICE"):  # pySHACL itself refuses SERVICE
        validate(article(), extra_shapes=[service])
    loads = Graph().parse(
        data=SERVICE_SHAPES.replace(
            "WHERE { SERVICE <https://example.org/sparql> { $this ?p ?o } }",
            "FROM <https://example.org/graph> WHERE { $this ?p ?o }",
        ),
        format="turtle",
    )
    with pytest.raises(NetworkAccessError, match="FROM"):
        validate(article(), extra_shapes=[loads])


# --------------------------------------------------------------------------- the shapes file itself


def test_every_shape_has_a_name_and_every_constraint_a_message() -> None:
    sg = shapes_graph()
    shapes = set(sg.subjects(RDF.type, SH.NodeShape)) | set(sg.subjects(RDF.type, SH.PropertyShape))
    shapes |= set(sg.objects(None, SH.property))
    assert len(shapes) > 60
    for shape in shapes:
        assert sg.value(shape, SH.name) is not None, f"shape {shape} has no sh:name"
        has_constraint = any(
            p
            not in {
                RDF.type,
                SH.name,
                SH.path,
                SH.targetClass,
                SH.targetSubjectsOf,
                SH.property,
                SH.severity,
                SH.sparql,
                SH.message,
            }
            for p in sg.predicates(shape, None)
        )
        if has_constraint:
            assert sg.value(shape, SH.message) is not None, f"shape {shape} has no sh:message"
    for constraint in sg.objects(None, SH.sparql):
        assert sg.value(constraint, SH.message) is not None
        assert sg.value(constraint, SH.prefixes) is not None


def test_shapes_without_targets_still_check_through_the_shapes_that_use_them() -> None:
    """Only targeted shapes run from the top; a shape used via sh:node and implicit class targets count."""
    extra = Graph().parse(
        format="turtle",
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix ekg: <https://w3id.org/eventkg/ontology#> .
        @prefix ex: <https://example.org/shapes#> .
        ex:WeaponLabel a sh:NodeShape ; sh:targetClass ekg:Weapon ;
            sh:property [ sh:path rdfs:label ; sh:node ex:Short ] .
        ex:Short a sh:NodeShape ; sh:maxLength 3 ; sh:message "too long" .
        ex:Gadget a rdfs:Class , sh:NodeShape ;
            sh:property [ sh:path ex:serial ; sh:minCount 1 ; sh:message "no serial" ] .
        """,
    )
    ex = Namespace("https://example.org/shapes#")
    g = Graph()
    weapon, gadget = URIRef("https://example.org/w"), URIRef("https://example.org/g")
    g.add((weapon, RDF.type, EKG.Weapon))
    g.add((weapon, RDFS.label, Literal("grenade")))
    g.add((gadget, RDF.type, ex.Gadget))
    found = {
        (r.focus, r.shape)
        for r in report_of(validate_graphs([(None, list(g))], extra_shapes=[extra])).results
    }
    assert (str(weapon), str(ex.WeaponLabel)) in found
    assert (str(gadget), str(ex.Gadget)) in found
