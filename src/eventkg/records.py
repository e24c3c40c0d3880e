"""Read the events of a graph: the one reader the exports and the analysis share.

:func:`event_records` reads the asserted events of a graph (files, an Oxigraph store
folder, an rdflib Dataset or an open Oxigraph store) with a few SPARQL queries into
:class:`EventRecord` objects, one per event and article graph: type, date, label, tolls,
the actors, targets, weapons and places in each role (with the places they lie in), the
casualty breakdown, claims, mentions, the article and the crosswalk codes. The exports
(:mod:`eventkg.exports`) write them as rows; the analysis (:mod:`eventkg.analysis`)
projects them into networkx graphs. A fix to how events are read belongs here.
"""

from __future__ import annotations

import functools
import io
import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Dataset, Graph, URIRef

from eventkg.crosswalk import Code, codes_for
from eventkg.models import Mention
from eventkg.resources import ontology_graph
from eventkg.store import add_union, open_store

__all__ = [
    "ArticleInfo",
    "ClaimInfo",
    "Entity",
    "EventRecord",
    "Figure",
    "GraphSource",
    "OtherFigure",
    "as_store",
    "event_records",
]

#: graph files (or several), an Oxigraph store folder, an rdflib Dataset/Graph or an open store
GraphSource = str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Graph | ox.Store

_EKG = "https://w3id.org/eventkg/ontology#"
_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
_ROLES = ("perpetrator", "victim", "target", "instrument", "detainee", "seizedItem")
# who is named first when several actors share a role (ACLED's actor1, GTD's gname)
_ACTOR_RANK = {"ArmedGroup": 0, "Organization": 1, "Person": 2, "NewsOutlet": 3, "Group": 4}
# the place an event is about, most specific first
_PLACE_RANK = {"Site": 0, "City": 1, "Place": 2, "Region": 3, "Country": 4}


# --------------------------------------------------------------------------- records
@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, target, weapon or place an event names, as its article describes it."""

    iri: str
    label: str | None
    kind: str | None
    iso: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    located_in: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """One casualty figure of the breakdown: ``count`` people ``outcome`` (``group``)."""

    count: int
    outcome: str
    group: str | None
    mention: Mention | None
    group_node: Entity | None = None  # the group's node; the exports write only its label


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    """A claim or statement about the event."""

    iri: str
    kind: str
    claimant: Entity | None
    reported_by: Entity | None
    quote: str | None


@dataclass(frozen=True, slots=True)
class OtherFigure:
    """A figure for the same event that another source (or the same one again) gives."""

    measure: str
    value: int
    event: str
    article: str


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """The article that asserts the event."""

    iri: str
    id: str | None = None
    published: str | None = None
    headline: str | None = None
    url: str | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event as one article asserts it: what every export row and projection is built from."""

    iri: str
    kind: str
    label: str | None
    article: ArticleInfo
    date: str | None
    killed: tuple[int, ...]
    injured: tuple[int, ...]
    arrested: tuple[int, ...]
    roles: dict[str, tuple[Entity, ...]]
    places: tuple[Entity, ...]
    figures: tuple[Figure, ...]
    claims: tuple[ClaimInfo, ...]
    mentions: tuple[Mention, ...]
    attributed_to: tuple[str, ...]
    other_figures: tuple[OtherFigure, ...]
    codes: dict[str, Code] = field(default_factory=dict)
    incident: str | None = None
    place_iris: tuple[str, ...] = ()  # the places the event names (``places`` adds where they lie)


# --------------------------------------------------------------------------- reading
@functools.cache
def _event_classes() -> list[str]:
    onto = ontology_graph()
    event = URIRef(_EKG + "Event")
    return sorted(str(c) for c in onto.transitive_subjects(RDFS.subClassOf, event))


def _values() -> str:
    return "VALUES ?c { " + " ".join(f"<{c}>" for c in _event_classes()) + " }"


_PREFIXES = f"""
PREFIX ekg: <{_EKG}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX owl: <{OWL}>
"""
_Q_EVENTS = """SELECT ?g ?e ?c ?p ?o WHERE { %s GRAPH ?g { ?e a ?c .
  OPTIONAL { ?e ?p ?o FILTER(?p IN (rdfs:label, ekg:date, ekg:killed, ekg:injured, ekg:arrested,
    prov:wasAttributedTo, ekg:perpetrator, ekg:victim, ekg:target, ekg:place, ekg:instrument,
    ekg:detainee, ekg:seizedItem)) } } }"""
_Q_NODES = """SELECT DISTINCT ?g ?s ?p ?o WHERE { %s GRAPH ?g { ?e a ?c .
  { ?e ekg:perpetrator|ekg:victim|ekg:target|ekg:instrument|ekg:detainee|ekg:seizedItem ?s }
  UNION { ?e ekg:place/ekg:locatedIn* ?s }
  UNION { ?cl ekg:about ?e ; ekg:claimant|ekg:reportedBy ?s }
  UNION { ?e prov:wasAttributedTo|(ekg:casualtyFigure/ekg:group) ?s }
  ?s ?p ?o FILTER(?p IN (rdf:type, rdfs:label, ekg:isoCode, schema:latitude, schema:longitude,
                         ekg:locatedIn)) } }"""
# a node the event's graph names but does not describe, from whichever graph does
_Q_NODE = """SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(?p IN (rdf:type, rdfs:label, ekg:isoCode,
  schema:latitude, schema:longitude, ekg:locatedIn)) }"""
_Q_FIGURES = """SELECT ?g ?e ?f ?n ?out ?grp ?b ?end ?a WHERE { %s GRAPH ?g { ?e a ?c ;
  ekg:casualtyFigure ?f . ?f ekg:count ?n ; ekg:outcome ?out .
  OPTIONAL { ?f ekg:group ?grp }
  OPTIONAL { ?f ekg:mention ?m . ?m nif:beginIndex ?b ; nif:endIndex ?end ; nif:anchorOf ?a } } }"""
_Q_CLAIMS = """SELECT ?g ?e ?cl ?ct ?who ?rep ?quote WHERE { %s GRAPH ?g { ?e a ?c .
  ?cl ekg:about ?e ; a ?ct .
  OPTIONAL { ?cl ekg:claimant ?who } OPTIONAL { ?cl ekg:reportedBy ?rep }
  OPTIONAL { ?cl ekg:quote ?quote } } }"""
_Q_MENTIONS = """SELECT ?g ?e ?b ?end ?a WHERE { %s GRAPH ?g { ?e a ?c ; ekg:mention ?m .
  ?m nif:beginIndex ?b ; nif:endIndex ?end ; nif:anchorOf ?a } }"""
_Q_ARTICLES = """SELECT ?g ?p ?o WHERE { GRAPH ?g { ?g a ekg:Article ; ?p ?o
  FILTER(?p IN (ekg:articleId, schema:datePublished, schema:headline, schema:url, schema:publisher)) } }"""
# the same event (same IRI, linked by owl:sameAs, or a report of the same ekg:Incident, as
# `eventkg resolve` links them) with a figure in another graph
_Q_OTHERS = """SELECT DISTINCT ?g ?e ?g2 ?e2 ?p ?v WHERE { %s GRAPH ?g { ?e a ?c }
  ?e (owl:sameAs|^owl:sameAs|(ekg:sameIncident/^ekg:sameIncident))* ?e2 .
  GRAPH ?g2 { ?e2 ?p ?v FILTER(?p IN (ekg:killed, ekg:injured, ekg:arrested)) }
  FILTER(?g2 != ?g || ?e2 != ?e) }"""


def _select(store: ox.Store, sparql: str) -> Iterator[dict[str, str | None]]:
    # the default graph of an eventkg store is already the union of the article graphs
    res = store.query(_PREFIXES + (sparql % _values() if "%s" in sparql else sparql))
    assert isinstance(res, ox.QuerySolutions)
    names = [v.value for v in res.variables]
    for sol in res:  # iterating a solution is several times faster than looking up names
        yield dict(zip(names, (None if t is None else t.value for t in sol), strict=True))


def as_store(source: GraphSource) -> ox.Store:
    """``source`` as an Oxigraph store whose default graph is the union of its graphs.

    An open store is returned as it is; a Dataset is copied graph by graph, a plain Graph
    into a named graph of its identifier; files and store folders are opened with
    :func:`eventkg.store.open_store`.

    Raises
    ------
    GraphReadError
        When a file or folder cannot be read.
    """
    if isinstance(source, ox.Store):
        return source
    if isinstance(source, Graph):
        store = ox.Store()
        ds = source
        if not isinstance(source, Dataset):
            ds = Dataset()
            named = ds.graph(source.identifier)
            for t in source:
                named.add(t)
        store.bulk_load(
            io.BytesIO(ds.serialize(format="nquads", encoding="utf-8")), format=ox.RdfFormat.N_QUADS
        )
        return add_union(store)
    return open_store(source)


def _local(iri: str | None) -> str | None:
    return None if iri is None else iri.rsplit("#", 1)[-1] if iri.startswith(_EKG) else iri


@functools.cache
def _depth(cls: str) -> int:
    onto = ontology_graph()
    return len(list(onto.transitive_objects(URIRef(cls), RDFS.subClassOf)))


def event_records(source: GraphSource, *, details: bool = True) -> list[EventRecord]:
    """The asserted events of a graph, one record per event and article graph.

    Parameters
    ----------
    source
        Graph files (any format eventkg reads), an Oxigraph store folder, an rdflib
        Dataset or an open Oxigraph store. Potential events (threats, plans, denials) are
        not events and are left out.
    details
        Also read the mentions and the figures other graphs give for the same event
        (the exports write them; the projections do not need them, and on large graphs
        they are the slowest part).

    Returns
    -------
    list of EventRecord
        Sorted by date, then article, then event IRI.

    Raises
    ------
    GraphReadError
        When a file cannot be read.

    Examples
    --------
    >>> from eventkg.models import Article, Event, Extraction
    >>> from eventkg.rdf.build import build_graph
    >>> ex = Extraction(article=Article(id="a1", text="A bomb killed 3."),
    ...                 events=(Event(key="event-1", kind="Bombing", mentions=(), killed=3),))
    >>> [(r.kind, r.killed, r.codes["gtd"].label) for r in event_records(build_graph([ex]))]
    [('Bombing', (3,), 'Bombing/Explosion')]
    """
    store = as_store(source)
    base: dict[tuple[str, str], dict[str, Any]] = {}
    for row in _select(store, _Q_EVENTS):
        key = (row["g"] or "", row["e"] or "")
        rec = base.setdefault(key, {"classes": set(), "props": defaultdict(list)})
        rec["classes"].add(row["c"])
        if row["p"] is not None:
            rec["props"][row["p"]].append(row["o"])

    nodes: dict[tuple[str, str], dict[str, list[str | None]]] = defaultdict(lambda: defaultdict(list))
    for row in _select(store, _Q_NODES):
        nodes[(row["g"] or "", row["s"] or "")][row["p"] or ""].append(row["o"])

    @functools.cache
    def described_elsewhere(iri: str) -> Entity:
        """A node the event's graph names but does not describe (say, a graph of entities)."""
        props: dict[str, list[str | None]] = defaultdict(list)
        res = store.query(_PREFIXES + _Q_NODE, substitutions={ox.Variable("s"): ox.NamedNode(iri)})
        assert isinstance(res, ox.QuerySolutions)
        for _, p, o in res:
            props[p.value].append(o.value)
        return _entity(iri, props)

    @functools.cache
    def entity(g: str, iri: str) -> Entity:
        props = nodes.get((g, iri))
        return described_elsewhere(iri) if props is None else _entity(iri, props)

    figures: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for row in _select(store, _Q_FIGURES):
        g, grp = row["g"] or "", row["grp"]
        mention = None if row["b"] is None else Mention(int(row["b"]), int(row["end"] or 0), row["a"] or "")
        node = None if grp is None else entity(g, grp)
        group = None if node is None else (node.label or node.iri)
        figures[(g, row["e"] or "")].append(
            Figure(int(row["n"] or 0), _local(row["out"]) or "", group, mention, node)
        )

    claims: dict[tuple[str, str], list[ClaimInfo]] = defaultdict(list)
    for row in _select(store, _Q_CLAIMS):
        g = row["g"] or ""
        who = None if row["who"] is None else entity(g, row["who"])
        rep = None if row["rep"] is None else entity(g, row["rep"])
        claims[(g, row["e"] or "")].append(
            ClaimInfo(row["cl"] or "", _local(row["ct"]) or "", who, rep, row["quote"])
        )

    mentions: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for row in _select(store, _Q_MENTIONS) if details else ():
        mentions[(row["g"] or "", row["e"] or "")].append(
            Mention(int(row["b"] or 0), int(row["end"] or 0), row["a"] or "")
        )

    articles: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _select(store, _Q_ARTICLES):
        articles[row["g"] or ""].setdefault(
            (row["p"] or "").rsplit("/", 1)[-1].rsplit("#", 1)[-1], row["o"] or ""
        )

    others: dict[tuple[str, str], list[OtherFigure]] = defaultdict(list)
    for row in _select(store, _Q_OTHERS) if details else ():
        others[(row["g"] or "", row["e"] or "")].append(
            OtherFigure(_local(row["p"]) or "", int(row["v"] or 0), row["e2"] or "", row["g2"] or "")
        )

    incidents = {
        row["e"]: row["i"] for row in _select(store, "SELECT ?e ?i WHERE { ?e ekg:sameIncident ?i }")
    }
    records = []
    for (g, e), rec in base.items():
        props = rec["props"]
        kind_iri = max(rec["classes"], key=lambda c: (_depth(c), c))
        art = articles.get(g, {})
        places = _places(g, props.get(_EKG + "place", []), nodes, entity)
        records.append(
            EventRecord(
                iri=e,
                kind=_local(kind_iri) or kind_iri,
                label=min(props.get(_LABEL, []) or [None], key=lambda x: x or ""),
                article=ArticleInfo(
                    iri=g,
                    id=art.get("articleId"),
                    published=art.get("datePublished"),
                    headline=art.get("headline"),
                    url=art.get("url"),
                    publisher=art.get("publisher"),
                ),
                date=min(props.get(_EKG + "date", []) or [None], key=lambda x: x or ""),
                killed=tuple(sorted(int(v or 0) for v in props.get(_EKG + "killed", []))),
                injured=tuple(sorted(int(v or 0) for v in props.get(_EKG + "injured", []))),
                arrested=tuple(sorted(int(v or 0) for v in props.get(_EKG + "arrested", []))),
                roles={
                    r: tuple(sorted((entity(g, x) for x in props.get(_EKG + r, []) if x), key=_actor_order))
                    for r in _ROLES
                    if props.get(_EKG + r)
                },
                places=places,
                figures=tuple(
                    sorted(figures.get((g, e), []), key=lambda f: (f.outcome, -f.count, f.group or ""))
                ),
                claims=tuple(sorted(claims.get((g, e), []), key=lambda c: c.iri)),
                mentions=tuple(sorted(mentions.get((g, e), []), key=lambda m: (m.start, m.end))),
                attributed_to=tuple(
                    sorted(
                        entity(g, x).label or x
                        for x in props.get("http://www.w3.org/ns/prov#wasAttributedTo", [])
                        if x
                    )
                ),
                other_figures=tuple(
                    sorted(others.get((g, e), []), key=lambda o: (o.measure, o.value, o.article, o.event))
                ),
                codes=codes_for(kind_iri),
                incident=incidents.get(e),
                place_iris=tuple(sorted(x for x in props.get(_EKG + "place", []) if x)),
            )
        )
    return sorted(records, key=lambda r: (r.date or "", r.article.iri, r.iri))


def _entity(iri: str, props: dict[str, list[str | None]]) -> Entity:
    """An entity from its properties (rdf:type, rdfs:label, ekg:isoCode, coordinates...)."""
    kinds = props.get(_TYPE, [])
    ekg_kinds = sorted(
        (_local(k) or "" for k in kinds if k and k.startswith(_EKG)), key=lambda k: -_depth(_EKG + k)
    )
    labels = sorted(x for x in props.get(_LABEL, []) if x)
    iso = props.get(_EKG + "isoCode", [None])[0]
    lat = props.get("https://schema.org/latitude", [None])[0]
    lon = props.get("https://schema.org/longitude", [None])[0]
    return Entity(
        iri=iri,
        label=labels[0] if labels else None,
        kind=ekg_kinds[0] if ekg_kinds else None,
        iso=iso,
        latitude=None if lat is None else float(lat),
        longitude=None if lon is None else float(lon),
        located_in=tuple(sorted(x for x in props.get(_EKG + "locatedIn", []) if x)),
    )


def _actor_order(x: Entity) -> tuple[int, str, str]:
    return (_ACTOR_RANK.get(x.kind or "", 9), x.label or "", x.iri)


def _places(
    g: str,
    direct: list[str | None],
    nodes: dict[tuple[str, str], dict[str, list[str | None]]],
    entity: Callable[[str, str], Entity],
) -> tuple[Entity, ...]:
    """The event's places and every place they are located in, most specific first."""
    seen: dict[str, Entity] = {}
    todo = [x for x in direct if x]
    while todo:
        iri = todo.pop()
        if iri in seen:
            continue
        seen[iri] = entity(g, iri)
        todo.extend(seen[iri].located_in)
    return tuple(
        sorted(seen.values(), key=lambda p: (_PLACE_RANK.get(p.kind or "", 2), p.label or "", p.iri))
    )
