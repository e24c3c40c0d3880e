"""Link analysis over the event graph with networkx.

The RDF is read once (:func:`read_facts`, with :func:`eventkg.records.event_records`, the
reader the exports share) into plain :class:`Facts`; :func:`to_networkx` projects them
into a networkx graph:

``actors``
    actor co-occurrence: two agents are tied when they take part in the same event
    (as perpetrator, victim, detainee, claimant or speaker); ``weight`` counts the shared
    events, ``articles`` the articles that report them.
``bipartite``
    actors and events, an edge per role (``roles`` on the edge).
``places``
    actors and the places of their events; ``weight`` counts the events.
``events``
    event to event, tied by ``ekg:relatedTo``, ``owl:sameAs`` or ``ekg:sameIncident``
    (reports of the same incident, as :mod:`eventkg.resolve` links them) or a shared
    perpetrator; ``reasons`` on the edge says which. Reports of one incident stay
    separate nodes (each keeps its own article's figures), tied pairwise, and carry
    ``incident``, the ``ekg:Incident``'s IRI.
``full``
    everything the views draw: actors, events, claims, places (with ``ekg:locatedIn``),
    weapons and targets.

:func:`analyze` runs networkx's centralities, Louvain communities, components and link
prediction on a projection; :func:`analysis_graph` writes the results back as RDF and
:func:`find_paths` explains how two actors are connected, event by event.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations, islice
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from eventkg import records
from eventkg.errors import EventKGError
from eventkg.rdf.build import BASE, bind_prefixes
from eventkg.rdf.namespace import EKG
from eventkg.records import GraphSource, as_store
from eventkg.resources import ontology_graph

__all__ = [
    "METRICS",
    "PROJECTIONS",
    "ActorPath",
    "Analysis",
    "Facts",
    "NodeScores",
    "PredictedLink",
    "analysis_graph",
    "analyze",
    "find_paths",
    "read_facts",
    "to_networkx",
]

PROJECTIONS = ("actors", "bipartite", "places", "events", "full")
METRICS = ("degree", "betweenness", "pagerank", "eigenvector", "community", "component")
LINK_METHODS = ("adamic_adar", "jaccard", "resource_allocation")


_EKG = str(EKG._NS)
_RELATED_TO = _EKG + "relatedTo"  # not (yet) in the ontology; read when cross-article resolution adds it
_ACTOR_ROLES = ("perpetrator", "victim", "detainee", "claimant", "speaker")
_CLAIMS = ("ResponsibilityClaim", "Statement", "Denial", "Accusation")
_PREFIXES = f"""PREFIX ekg: <{_EKG}>
PREFIX rdfs: <{RDFS}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX owl: <{OWL}>
"""


class AnalysisError(EventKGError):
    """An analysis cannot run as asked (unknown projection, metric or actor)."""


# --------------------------------------------------------------------------- facts
@dataclass(frozen=True, slots=True)
class Event:
    """One ``ekg:Event`` with the slots the projections and views use."""

    iri: str
    type: str
    label: str
    date: str | None = None
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    article: str | None = None
    article_id: str | None = None
    sentence: str | None = None
    incident: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, place, weapon or target: its IRI, most specific class, labels and coordinates."""

    iri: str
    type: str
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A responsibility claim or statement about an event."""

    iri: str
    type: str
    event: str
    claimant: str
    quote: str | None = None
    reported_by: str | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """What the projections are built from, read from RDF by :func:`read_facts`.

    ``roles`` holds ``(event, role, entity)`` triples: role is a contract property's local
    name (``perpetrator``, ``victim``, ``place``...), or ``claimant`` (a responsibility
    claim's) or ``speaker`` (a statement's) for the claims about the event.
    """

    events: dict[str, Event]
    entities: dict[str, Entity]
    roles: tuple[tuple[str, str, str], ...]
    claims: tuple[Claim, ...] = ()
    located_in: tuple[tuple[str, str], ...] = ()
    related: tuple[tuple[str, str, str], ...] = ()


@functools.cache
def _subclasses(root: str) -> frozenset[str]:
    """Local names of ``ekg:root`` and every class below it in the ontology."""
    g = ontology_graph()
    top = URIRef(_EKG + root)
    return frozenset(str(c)[len(_EKG) :] for c in g.transitive_subjects(RDFS.subClassOf, top))


def _kind(cls: str) -> str | None:
    for kind, root in (("actor", "Agent"), ("place", "Place"), ("weapon", "Weapon"), ("target", "Target")):
        if cls in _subclasses(root):
            return kind
    return None


def _select(store: ox.Store, sparql: str) -> Iterator[tuple[str | None, ...]]:
    """Rows of plain values (IRIs and literals' lexical forms); ``None`` where unbound."""
    res = store.query(_PREFIXES + sparql, use_default_graph_as_union=True)
    assert isinstance(res, ox.QuerySolutions)
    for solution in res:  # iterating a solution is several times faster than looking up names
        yield tuple(None if term is None else term.value for term in solution)


def read_facts(source: GraphSource, *, sentences: bool = False) -> Facts:
    """Read the events, their actors, places and claims from a graph.

    The events come from :func:`eventkg.records.event_records`, the reader the exports
    use too; an event that several article graphs assert under one IRI is one event here,
    as the first record (by date, article) gives it, with every graph's roles.

    Parameters
    ----------
    source
        A graph file written by ``eventkg extract`` (or several), an Oxigraph store folder,
        an rdflib Dataset or an open Oxigraph store.
    sentences
        Also find each event's source sentence (for the views' tooltips).

    Raises
    ------
    GraphReadError
        When a file cannot be read.

    Examples
    --------
    >>> from rdflib import Dataset, Literal, URIRef
    >>> from eventkg.rdf.namespace import EKG
    >>> ds = Dataset()
    >>> g = ds.graph(URIRef("https://example.org/article"))
    >>> e, isis = URIRef("https://example.org/e1"), URIRef("https://example.org/isis")
    >>> for t in [(e, RDF.type, EKG.Bombing), (e, EKG.perpetrator, isis), (e, EKG.date, Literal("2024")),
    ...           (isis, RDF.type, EKG.ArmedGroup), (isis, RDFS.label, Literal("Islamic State"))]:
    ...     _ = g.add(t)
    >>> facts = read_facts(ds)
    >>> facts.events["https://example.org/e1"].type, facts.roles
    ('Bombing', (('https://example.org/e1', 'perpetrator', 'https://example.org/isis'),))
    """
    store = as_store(source)
    events: dict[str, Event] = {}
    entities: dict[str, Entity] = {}
    roles: set[tuple[str, str, str]] = set()
    claims: dict[tuple[str, str, str, str], Claim] = {}
    located: set[tuple[str, str]] = set()

    def known(x: records.Entity) -> bool:
        """Add ``x`` to the entities; False when it is no actor, place, weapon or target."""
        if x.iri not in entities:
            kind = _kind(x.kind or "")
            if kind is None:
                return False
            label = x.label or x.iri.rsplit("/", 1)[-1]
            entities[x.iri] = Entity(x.iri, x.kind or "", kind, label, (), x.latitude, x.longitude)
        return True

    for rec in records.event_records(store, details=False):
        e = rec.iri
        if e not in events:
            killed, injured, arrested = (v[0] if v else None for v in (rec.killed, rec.injured, rec.arrested))
            label = rec.label or rec.kind
            events[e] = Event(
                e,
                rec.kind,
                label,
                rec.date,
                killed,
                injured,
                arrested,
                rec.article.iri,
                rec.article.id,
                incident=rec.incident,
            )
        for place in rec.places:
            if known(place):
                located.update((place.iri, q) for q in place.located_in)
        taking_part = [(role, x) for role, xs in rec.roles.items() for x in xs]
        taking_part += [("place", p) for p in rec.places if p.iri in rec.place_iris]
        taking_part += [
            ("detainee" if f.outcome == "Arrested" else "victim", f.group_node)
            for f in rec.figures
            if f.group_node
        ]
        roles.update((e, role, x.iri) for role, x in taking_part if known(x))
        for c in rec.claims:
            if c.kind in _CLAIMS and c.claimant is not None and known(c.claimant):
                outlet = c.reported_by.iri if c.reported_by else None
                claims.setdefault(
                    (c.iri, c.kind, e, c.claimant.iri),
                    Claim(c.iri, c.kind, e, c.claimant.iri, c.quote, outlet),
                )
                roles.add((e, "claimant" if c.kind == "ResponsibilityClaim" else "speaker", c.claimant.iri))
    aliases: dict[str, set[str]] = defaultdict(set)
    for x, alias in _select(store, "SELECT ?x ?alias WHERE { ?x skos:altLabel ?alias }"):
        if x in entities and alias:
            aliases[x].add(alias)
    entities = {x: dataclasses.replace(v, aliases=tuple(sorted(aliases[x]))) for x, v in entities.items()}
    related = tuple(
        sorted(
            (a, b, reason)
            for a, b, reason in _select(
                store,
                f"""SELECT ?a ?b ?reason WHERE {{
                  {{ ?a <{_RELATED_TO}> ?b BIND("related" AS ?reason) }}
                  UNION {{ ?a owl:sameAs ?b BIND("same incident" AS ?reason) }}
                }}""",
            )
            if a in events and b in events and a != b and reason
        )
    )
    if sentences:
        events = _with_sentences(store, events)
    return Facts(
        events,
        entities,
        tuple(sorted(roles)),
        tuple(claims[k] for k in sorted(claims, key=lambda k: (k[0], k[2], k[3]))),
        tuple(sorted(p for p in located if p[0] in entities and p[1] in entities)),
        related,
    )


def _with_sentences(store: ox.Store, events: dict[str, Event]) -> dict[str, Event]:
    """Each event with the sentence around its first mention."""
    first: dict[str, tuple[int, int, str]] = {}
    for e, begin, stop, ctx in _select(
        store,
        """SELECT ?e ?b ?end ?ctx WHERE {
          ?e ekg:mention [ nif:beginIndex ?b ; nif:endIndex ?end ; nif:referenceContext ?ctx ] }""",
    ):
        if e in events and begin is not None and stop is not None and ctx is not None:
            span = (int(begin), int(stop), ctx)
            if e not in first or span < first[e]:
                first[e] = span
    contexts = {
        c: t for c, t in _select(store, "SELECT ?c ?t WHERE { ?c nif:isString ?t }") if c and t is not None
    }
    out = dict(events)
    for e, (b, end, ctx) in first.items():
        if ctx in contexts:
            out[e] = dataclasses.replace(events[e], sentence=_sentence(contexts[ctx], b, end))
    return out


def _sentence(text: str, begin: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[begin:end]`` (split at ``. ! ?`` and newlines).

    >>> _sentence("One. Two bombs went off. Three.", 8, 13)
    'Two bombs went off.'
    >>> _sentence("Bombs went off", 0, 5)
    'Bombs went off'
    """
    starts = [i + len(p) for p in (". ", "! ", "? ", "\n") if (i := text.rfind(p, 0, begin)) != -1]
    stops = [i + 1 for p in (". ", "! ", "? ", "\n") if (i := text.find(p, end)) != -1]
    start, stop = max(starts, default=0), min(stops, default=len(text))
    return " ".join(text[start:stop].split())


# --------------------------------------------------------------------------- projections
def _span(date: str) -> tuple[str, str]:
    """The first and last day an ``xsd:date``, ``gYearMonth`` or ``gYear`` covers.

    >>> _span("2024"), _span("2024-02"), _span("2024-02-07")
    (('2024-01-01', '2024-12-31'), ('2024-02-01', '2024-02-31'), ('2024-02-07', '2024-02-07'))
    """
    d = date[:10]
    if len(d) == 4:
        return f"{d}-01-01", f"{d}-12-31"
    if len(d) == 7:
        return f"{d}-01", f"{d}-31"
    return d, d


def _keep(
    facts: Facts,
    event_types: Iterable[str] | None,
    since: str | None,
    until: str | None,
    place: str | None,
) -> set[str]:
    """The events that pass the filters (a date filter drops undated events)."""
    keep = set(facts.events)
    if event_types is not None:
        wanted: set[str] = set()
        for t in event_types:
            name = t.removeprefix("ekg:")
            match = next((c for c in _subclasses("Event") if c.lower() == name.lower()), None)
            if match is None:
                raise AnalysisError(
                    f"unknown event type {t!r}; use one of {', '.join(sorted(_subclasses('Event')))}"
                )
            wanted |= _subclasses(match)
        keep = {e for e in keep if facts.events[e].type in wanted}
    if since or until:
        lo, hi = _span(since)[0] if since else "0000", _span(until)[1] if until else "9999"
        keep = {e for e in keep if (d := facts.events[e].date) and _span(d)[1] >= lo and _span(d)[0] <= hi}
    if place:
        parents: dict[str, set[str]] = defaultdict(set)
        for p, q in facts.located_in:
            parents[p].add(q)
        wanted_places = {
            x.iri
            for x in facts.entities.values()
            if x.kind == "place"
            and place.lower() in {x.iri.lower(), x.label.lower(), *map(str.lower, x.aliases)}
        }
        if not wanted_places:
            raise AnalysisError(f"no place is named {place!r}; give a place label or IRI from the graph")

        def within(p: str, seen: frozenset[str] = frozenset()) -> bool:
            return p in wanted_places or any(within(q, seen | {p}) for q in parents[p] if q not in seen)

        at: dict[str, set[str]] = defaultdict(set)
        for e, role, x in facts.roles:
            if role == "place":
                at[e].add(x)
        keep = {e for e in keep if any(within(p) for p in at[e])}
    return keep


def to_networkx(
    source: Facts | GraphSource,
    projection: str = "actors",
    *,
    event_types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
) -> nx.Graph:
    """Project the event graph into a networkx graph.

    Parameters
    ----------
    source
        :class:`Facts`, or anything :func:`read_facts` reads.
    projection
        ``actors``, ``bipartite``, ``places``, ``events`` or ``full`` (see the module doc).
    event_types
        Keep only events of these classes (``Attack`` keeps its subclasses too).
    since, until
        Keep only events dated within this range (``2024``, ``2024-01`` or ``2024-01-07``);
        an event dated ``2024`` overlaps any range that touches 2024.
    place
        Keep only events at this place (label, alias or IRI) or somewhere inside it.

    Returns
    -------
    networkx.Graph
        Node ids are IRIs. Nodes carry ``iri``, ``label``, ``type`` (class local name),
        ``kind`` (``actor``, ``event``, ``place``, ``claim``, ``weapon``, ``target``) and
        counts; events carry ``date``, tolls and ``article``; edges carry ``weight`` and
        what ties them (``roles``, ``events``, ``articles`` or ``reasons``).
        ``graph.graph`` records the projection and filters.

    Examples
    --------
    >>> f = Facts(
    ...     events={"e": Event("e", "Bombing", "Bombing in X", "2024-01-03", article="a")},
    ...     entities={"g": Entity("g", "ArmedGroup", "actor", "G"), "v": Entity("v", "Group", "actor", "V")},
    ...     roles=(("e", "perpetrator", "g"), ("e", "victim", "v")),
    ... )
    >>> g = to_networkx(f, "actors")
    >>> sorted(g.nodes), g.edges["g", "v"]["weight"]
    (['g', 'v'], 1)
    >>> to_networkx(f, "actors", since="2025").number_of_nodes()
    0
    """
    if projection not in PROJECTIONS:
        raise AnalysisError(f"unknown projection {projection!r}; use one of {', '.join(PROJECTIONS)}")
    facts = source if isinstance(source, Facts) else read_facts(source, sentences=projection == "full")
    keep = _keep(facts, event_types, since, until, place)
    g = nx.Graph(
        projection=projection,
        event_types=list(event_types or []),
        since=since,
        until=until,
        place=place,
    )
    by_event: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for e, role, x in facts.roles:
        if e in keep:
            by_event[e].append((role, x))

    def add_entity(x: str) -> None:
        if x not in g:
            ent = facts.entities[x]
            g.add_node(x, iri=x, label=ent.label, type=ent.type, kind=ent.kind, events=0)
            if ent.kind == "actor":
                g.nodes[x]["articles"] = 0
            if ent.lat is not None:
                g.nodes[x].update(lat=ent.lat, lon=ent.lon)

    def add_event(e: str) -> None:
        ev = facts.events[e]
        attrs = {k: getattr(ev, k) for k in Event.__slots__ if getattr(ev, k) is not None}
        g.add_node(e, **attrs, kind="event")

    actor_articles: dict[str, set[str]] = defaultdict(set)
    for e in sorted(keep):
        ev = facts.events[e]
        members = sorted({x for role, x in by_event[e] if role in _ACTOR_ROLES})
        for x in members:
            actor_articles[x].add(ev.article or e)
        if projection == "actors":
            for x in members:
                add_entity(x)
                g.nodes[x]["events"] += 1
            for a, b in combinations(members, 2):
                if not g.has_edge(a, b):
                    g.add_edge(a, b, weight=0, events=[], articles=[])
                d = g.edges[a, b]
                d["weight"] += 1
                d["events"].append(e)
                if ev.article and ev.article not in d["articles"]:
                    d["articles"].append(ev.article)
        elif projection in ("bipartite", "full"):
            add_event(e)
            for role, x in sorted(by_event[e]):
                if projection == "bipartite" and role not in _ACTOR_ROLES:
                    continue
                add_entity(x)
                if not g.has_edge(x, e):
                    g.nodes[x]["events"] += 1
                    g.add_edge(x, e, weight=0, roles=[])
                g.edges[x, e]["weight"] += 1
                g.edges[x, e]["roles"].append(role)
        elif projection == "places":
            places = sorted({x for role, x in by_event[e] if role == "place"})
            for p in places:
                add_entity(p)
                g.nodes[p]["events"] += 1
            for x in members:
                add_entity(x)
                g.nodes[x]["events"] += 1
                for p in places:
                    if not g.has_edge(x, p):
                        g.add_edge(x, p, weight=0, events=[])
                    g.edges[x, p]["weight"] += 1
                    g.edges[x, p]["events"].append(e)
        else:  # events
            add_event(e)
    for x, arts in actor_articles.items():
        if x in g and "articles" in g.nodes[x]:
            g.nodes[x]["articles"] = len(arts)
    if projection == "events":
        _tie_events(g, facts, keep, by_event)
    if projection == "full":
        _add_claims_and_places(g, facts, keep, add_entity)
    for _, d in g.nodes(data=True):
        d["bipartite"] = int(d["kind"] != "actor")
    return g


def _tie_events(
    g: nx.Graph, facts: Facts, keep: set[str], by_event: dict[str, list[tuple[str, str]]]
) -> None:
    def tie(a: str, b: str, reason: str) -> None:
        if not g.has_edge(a, b):
            g.add_edge(a, b, weight=0, reasons=[])
        g.edges[a, b]["weight"] += 1
        if reason not in g.edges[a, b]["reasons"]:
            g.edges[a, b]["reasons"].append(reason)

    for a, b, reason in facts.related:
        if a in keep and b in keep:
            tie(a, b, reason)
    by_incident: dict[str, list[str]] = defaultdict(list)
    for e in sorted(keep):
        if (incident := facts.events[e].incident) is not None:
            by_incident[incident].append(e)
    for reports in by_incident.values():
        for a, b in combinations(reports, 2):
            tie(a, b, "same incident")
    by_perpetrator: dict[str, list[str]] = defaultdict(list)
    for e in sorted(keep):
        for role, x in by_event[e]:
            if role == "perpetrator":
                by_perpetrator[x].append(e)
    for x, evs in sorted(by_perpetrator.items()):
        for a, b in combinations(evs, 2):
            tie(a, b, f"same perpetrator: {facts.entities[x].label}")


def _add_claims_and_places(
    g: nx.Graph, facts: Facts, keep: set[str], add_entity: Callable[[str], None]
) -> None:
    for c in facts.claims:
        if c.event not in keep:
            continue
        g.add_node(c.iri, iri=c.iri, label=c.type, type=c.type, kind="claim", events=1, bipartite=1)
        if c.quote:
            g.nodes[c.iri]["quote"] = c.quote
        g.add_edge(c.iri, c.event, weight=1, roles=["about"])
        role = "claimant" if c.type == "ResponsibilityClaim" else "speaker"
        g.add_edge(c.claimant, c.iri, weight=1, roles=[role])  # the claimant is a node: a role of the event
    grown = True
    while grown:  # the chain up from each place an event names: city, province, country
        grown = False
        for p, q in facts.located_in:
            if p in g and q in facts.entities and not g.has_edge(p, q):
                add_entity(q)
                g.add_edge(p, q, weight=1, roles=["locatedIn"])
                grown = True


# --------------------------------------------------------------------------- metrics
@dataclass(frozen=True, slots=True)
class NodeScores:
    """The metrics of one node; ``None`` where a metric was not asked for."""

    iri: str
    label: str
    type: str
    kind: str
    events: int
    degree: float | None = None
    betweenness: float | None = None
    pagerank: float | None = None
    eigenvector: float | None = None
    community: int | None = None
    component: int | None = None


@dataclass(frozen=True, slots=True)
class PredictedLink:
    """A likely tie that no article reports, scored by a networkx link-prediction index."""

    source: str
    target: str
    source_label: str
    target_label: str
    method: str
    score: float
    common: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of :func:`analyze`: one row per node, sorted by the first metric, and links."""

    projection: str
    nodes: tuple[NodeScores, ...]
    links: tuple[PredictedLink, ...] = ()
    betweenness_k: int | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    filters: dict[str, Any] = field(default_factory=dict)


def _numbered(groups: Iterable[Iterable[str]]) -> dict[str, int]:
    """Node -> group number, the largest group first (ties broken by the smallest node)."""
    ordered = sorted((sorted(s) for s in groups), key=lambda s: (-len(s), s[0]))
    return {n: i for i, s in enumerate(ordered) for n in s}


def _eigenvector(g: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality per connected component (it is undefined across components),
    each scaled by its share of the nodes so that a pair on its own does not outrank a hub."""
    out: dict[str, float] = {}
    n = g.number_of_nodes()
    for comp in nx.connected_components(g):
        sub = g.subgraph(comp)
        if len(comp) < 3:
            scores = dict.fromkeys(comp, (1 / len(comp)) ** 0.5)
        else:
            scores = nx.eigenvector_centrality_numpy(sub, weight="weight")
        out.update({v: s * len(comp) / n for v, s in scores.items()})
    return out


def analyze(
    graph: nx.Graph,
    *,
    metrics: Sequence[str] = METRICS,
    k: int | None = None,
    exact_up_to: int = 5000,
    seed: int = 0,
    links: int = 10,
    link_method: str = "adamic_adar",
    hub_limit: int = 500,
    on_metric: Callable[[str], None] | None = None,
) -> Analysis:
    """Centralities, communities, components and predicted links of a projection.

    Parameters
    ----------
    graph
        A projection from :func:`to_networkx`.
    metrics
        Any of ``degree``, ``betweenness``, ``pagerank``, ``eigenvector``, ``community``,
        ``component``. The rows are sorted by the first.
    k
        Betweenness from ``k`` sampled source nodes (seeded); by default exact up to
        ``exact_up_to`` nodes and ``k=100`` beyond.
    seed
        Seeds the betweenness sample and Louvain, so runs repeat exactly.
    links
        How many predicted links to return (on the ``actors`` projection only; 0: none).
    link_method
        ``adamic_adar``, ``jaccard`` or ``resource_allocation``.
    hub_limit
        Candidate pairs for link prediction are actors two steps apart; nodes with more
        neighbours than this are not used as the middle step (their pairs would dominate
        the time and carry little evidence).
    on_metric
        Called with each metric's name before it runs (for progress).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_nodes_from("abcd", label="x", type="Person", kind="actor", events=1)
    >>> g.add_edges_from([("a", "b"), ("b", "c"), ("c", "d")], weight=1)
    >>> g.graph["projection"] = "actors"
    >>> res = analyze(g, metrics=["betweenness", "community"], links=1)
    >>> [(n.iri, round(n.betweenness, 2)) for n in res.nodes][:2]
    [('b', 0.67), ('c', 0.67)]
    >>> res.links[0].source, res.links[0].target
    ('a', 'c')
    """
    unknown = [m for m in metrics if m not in METRICS]
    if unknown or not metrics:
        raise AnalysisError(f"unknown metric {unknown[0] if unknown else '(none)'}; use {', '.join(METRICS)}")
    if link_method not in LINK_METHODS:
        raise AnalysisError(f"unknown link method {link_method!r}; use one of {', '.join(LINK_METHODS)}")
    n = graph.number_of_nodes()
    if k is None and n > exact_up_to:
        k = 100
    k = min(k, n) if k is not None else None
    results: dict[str, dict[str, Any]] = {}
    seconds: dict[str, float] = {}
    runs: dict[str, Callable[[], dict[str, Any]]] = {
        "degree": lambda: nx.degree_centrality(graph) if n > 1 else dict.fromkeys(graph, 0.0),
        "betweenness": lambda: nx.betweenness_centrality(graph, k=k, seed=seed if k else None),
        "pagerank": lambda: nx.pagerank(graph, weight="weight") if n else {},
        "eigenvector": lambda: _eigenvector(graph),
        "community": lambda: _numbered(nx.community.louvain_communities(graph, weight="weight", seed=seed)),
        "component": lambda: _numbered(nx.connected_components(graph)),
    }
    for m in metrics:
        if on_metric:
            on_metric(m)
        t0 = time.perf_counter()
        results[m] = runs[m]()
        seconds[m] = time.perf_counter() - t0
    first = metrics[0]
    reverse = first not in ("community", "component")
    rows = [
        NodeScores(
            node,
            d.get("label", node),
            d.get("type", ""),
            d.get("kind", ""),
            d.get("events", 0),
            **{m: results[m].get(node) for m in metrics},
        )
        for node, d in graph.nodes(data=True)
    ]
    rows.sort(
        key=lambda r: (-(getattr(r, first) or 0) if reverse else getattr(r, first) or 0, r.label, r.iri)
    )
    predicted: tuple[PredictedLink, ...] = ()
    if links and graph.graph.get("projection") == "actors":
        if on_metric:
            on_metric(f"links ({link_method})")
        t0 = time.perf_counter()
        predicted = _predict(graph, links, link_method, hub_limit)
        seconds["links"] = time.perf_counter() - t0
    filters = {k_: v for k_, v in graph.graph.items() if k_ != "projection" and v}
    return Analysis(graph.graph.get("projection", "?"), tuple(rows), predicted, k, seconds, filters)


def _predict(graph: nx.Graph, top: int, method: str, hub_limit: int) -> tuple[PredictedLink, ...]:
    """The ``top`` unreported pairs two steps apart, by networkx's ``method`` index."""
    pairs: set[tuple[str, str]] = set()
    for v in graph:
        nbrs = sorted(graph[v])
        if len(nbrs) > hub_limit:
            continue
        for a, b in combinations(nbrs, 2):
            if not graph.has_edge(a, b):
                pairs.add((a, b))
    func = getattr(nx, f"{method}_index" if method != "jaccard" else "jaccard_coefficient")
    scored = sorted(((s, a, b) for a, b, s in func(graph, sorted(pairs))), key=lambda t: (-t[0], t[1], t[2]))
    return tuple(
        PredictedLink(
            a,
            b,
            graph.nodes[a].get("label", a),
            graph.nodes[b].get("label", b),
            method,
            float(s),
            len(set(graph[a]) & set(graph[b])),
        )
        for s, a, b in islice(scored, top)
    )


# --------------------------------------------------------------------------- RDF
def analysis_graph(analysis: Analysis) -> Graph:
    """The results as RDF, in a named graph ``<…/id/analysis/PROJECTION>``.

    Node metrics become ``ekg:degree``, ``ekg:betweenness``, ``ekg:pagerank``,
    ``ekg:eigenvector`` (``xsd:double``) and ``ekg:community`` on the node's IRI; each
    predicted link becomes an ``ekg:PredictedLink`` with its two ``ekg:endpoint`` agents,
    ``ekg:score`` and ``ekg:linkMethod``, which both agents point at with
    ``ekg:predictedLink``.

    Examples
    --------
    >>> row = NodeScores("https://example.org/x", "X", "Person", "actor", 1, pagerank=0.5)
    >>> g = analysis_graph(Analysis("actors", (row,)))
    >>> str(g.identifier), g.value(URIRef("https://example.org/x"), EKG.pagerank).toPython()
    ('https://w3id.org/eventkg/id/analysis/actors', 0.5)
    """
    g = Graph(identifier=URIRef(f"{BASE}analysis/{analysis.projection}"))
    bind_prefixes(g)
    filters = "".join(f"; {k}={v}" for k, v in sorted(analysis.filters.items()))
    sample = f"; betweenness sampled from k={analysis.betweenness_k} nodes" if analysis.betweenness_k else ""
    g.add(
        (
            g.identifier,
            RDFS.comment,
            Literal(f"eventkg analyze, {analysis.projection} projection{filters}{sample}"),
        )
    )
    for row in analysis.nodes:
        node = URIRef(row.iri)
        for m in ("degree", "betweenness", "pagerank", "eigenvector"):
            value = getattr(row, m)
            if value is not None:
                g.add((node, EKG[m], Literal(float(value), datatype=XSD.double)))
        if row.community is not None:
            g.add((node, EKG.community, Literal(row.community, datatype=XSD.nonNegativeInteger)))
    for link in analysis.links:
        key = hashlib.sha1(f"{link.method} {link.source} {link.target}".encode()).hexdigest()[:16]
        pl = URIRef(f"{g.identifier}/link/{key}")
        g.add((pl, RDF.type, EKG.PredictedLink))
        g.add((pl, EKG.score, Literal(link.score, datatype=XSD.double)))
        g.add((pl, EKG.linkMethod, Literal(link.method)))
        for end in (link.source, link.target):
            g.add((pl, EKG.endpoint, URIRef(end)))
            g.add((URIRef(end), EKG.predictedLink, pl))
    return g


# --------------------------------------------------------------------------- paths
@dataclass(frozen=True, slots=True)
class ActorPath:
    """A chain from one actor to another through events; ``steps`` explains each hop."""

    actors: tuple[str, ...]
    events: tuple[str, ...]
    steps: tuple[str, ...]


def _resolve(g: nx.Graph, facts: Facts, name: str) -> list[str]:
    if name in g:
        return [name]
    low = name.lower()
    found = sorted(
        x
        for x in g
        if g.nodes[x]["kind"] == "actor"
        and low in {g.nodes[x]["label"].lower(), *(a.lower() for a in facts.entities[x].aliases)}
    )
    if not found:
        raise AnalysisError(
            f"no actor in the graph is named {name!r}; give a label, an alias or an IRI "
            "(eventkg analyze GRAPH lists the actors)"
        )
    return found


def find_paths(
    source: Facts | GraphSource,
    actor_a: str,
    actor_b: str,
    *,
    max_events: int = 3,
    limit: int = 10,
) -> tuple[ActorPath, ...]:
    """How two actors are connected: the shortest chains of events between them.

    Parameters
    ----------
    actor_a, actor_b
        Labels, aliases (case-insensitive) or IRIs. A label that names several actors
        (one per article, say) uses all of them.
    max_events
        The longest chain to list, in events.
    limit
        How many chains at most, shortest first.

    Raises
    ------
    AnalysisError
        When no actor has that name.

    Examples
    --------
    >>> f = Facts(
    ...     events={"e": Event("e", "Bombing", "Bombing in X", "2024-01-03", article_id="a1")},
    ...     entities={"g": Entity("g", "ArmedGroup", "actor", "G"), "v": Entity("v", "Group", "actor", "V")},
    ...     roles=(("e", "perpetrator", "g"), ("e", "victim", "v")),
    ... )
    >>> find_paths(f, "G", "v")[0].steps
    ('G (perpetrator) — Bombing in X [Bombing, 2024-01-03, article a1] — V (victim)',)
    """
    facts = source if isinstance(source, Facts) else read_facts(source)
    g = to_networkx(facts, "bipartite")
    starts, ends = _resolve(g, facts, actor_a), _resolve(g, facts, actor_b)
    found: set[tuple[str, ...]] = set()
    for a in starts:
        for b in ends:
            if a != b and nx.has_path(g, a, b):  # shortest first, so the search stops early
                for p in islice(nx.shortest_simple_paths(g, a, b), limit):
                    if len(p) > 2 * max_events + 1:
                        break
                    found.add(tuple(p))
    ordered = sorted(found, key=lambda p: (len(p), p))[:limit]
    return tuple(_explain(g, p) for p in ordered)


def _explain(g: nx.Graph, path: tuple[str, ...]) -> ActorPath:
    steps = []
    for i in range(0, len(path) - 2, 2):
        a, e, b = path[i : i + 3]
        ev = g.nodes[e]
        where = ", ".join(str(v) for v in (ev["type"], ev.get("date"), "article " + str(ev.get("article_id")))
                          if v and not v.endswith("None"))  # fmt: skip
        steps.append(
            f"{g.nodes[a]['label']} ({'/'.join(g.edges[a, e]['roles'])}) — {ev['label']} [{where}] — "
            f"{g.nodes[b]['label']} ({'/'.join(g.edges[e, b]['roles'])})"
        )
    return ActorPath(path[::2], path[1::2], tuple(steps))
