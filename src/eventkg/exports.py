"""Export an event graph in the formats analysts already use.

:func:`event_records` reads the asserted events of a graph (files, an rdflib Dataset or
an Oxigraph store) with a few SPARQL queries into :class:`EventRecord` objects, one per
event and source article; :func:`export` writes them as

* ``acled-csv``: ACLED-style rows (event_date, event_type, sub_event_type, actor1, ...);
* ``gtd-csv``: GTD-style rows (iyear, imonth, iday, attacktype1_txt, gname, nkill, ...),
  attacks only;
* ``jsonl``: one self-describing JSON object per event;
* ``graphml`` / ``gexf``: an actor–event graph for Gephi and Cytoscape (networkx writers);
* ``jsonld``: the whole graph as compact JSON-LD with eventkg's context inlined (never a
  remote context);
* ``trig``, ``nq``, ``ttl``, ``nt``: the whole graph, through :class:`eventkg.store.GraphWriter`.

Event types come from the crosswalk (:mod:`eventkg.crosswalk`). Where sources disagree on
a figure (several ``ekg:killed`` values for the same event, in one article's graph or
across articles linked by a shared IRI or ``owl:sameAs``), each source keeps its own row
and the ``notes`` / ``summary`` column lists the other figures and where they come from.
docs/formats.md documents every column.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import networkx as nx
import pycountry
import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Dataset, URIRef

from eventkg.crosswalk import Code, codes_for, concept
from eventkg.errors import OutputError
from eventkg.models import Mention
from eventkg.resources import ontology_graph, resource_path

__all__ = [
    "DTYPES",
    "FORMATS",
    "ArticleInfo",
    "ClaimInfo",
    "Entity",
    "EventRecord",
    "ExportSummary",
    "Figure",
    "OtherFigure",
    "actor_event_graph",
    "event_records",
    "export",
]

_EKG = "https://w3id.org/eventkg/ontology#"
_RDF_FORMATS = {"trig": ".trig", "nq": ".nq", "ttl": ".ttl", "nt": ".nt"}
#: Every format :func:`export` writes, with the file suffix it suggests.
FORMATS = {
    "acled-csv": ".csv",
    "gtd-csv": ".csv",
    "jsonl": ".jsonl",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "jsonld": ".jsonld",
    **_RDF_FORMATS,
}

#: How to read the CSV exports with pandas: ``pd.read_csv(f, dtype=DTYPES["gtd-csv"])``.
#: Integer columns that may be empty use pandas' nullable ``Int64``.
DTYPES: dict[str, dict[str, str]] = {
    "acled-csv": {
        "event_iri": "string",
        "event_date": "string",
        "year": "Int64",
        "time_precision": "Int64",
        "event_type": "string",
        "sub_event_type": "string",
        "actor1": "string",
        "assoc_actor_1": "string",
        "actor2": "string",
        "assoc_actor_2": "string",
        "iso": "Int64",
        "country": "string",
        "admin1": "string",
        "location": "string",
        "latitude": "float64",
        "longitude": "float64",
        "source": "string",
        "notes": "string",
        "fatalities": "int64",
        "source_article": "string",
        "article_id": "string",
    },
    "gtd-csv": {
        "event_iri": "string",
        "iyear": "Int64",
        "imonth": "int64",
        "iday": "int64",
        "country_txt": "string",
        "provstate": "string",
        "city": "string",
        "latitude": "float64",
        "longitude": "float64",
        "suicide": "int64",
        "attacktype1": "int64",
        "attacktype1_txt": "string",
        "target1": "string",
        "gname": "string",
        "claimed": "int64",
        "weaptype1": "int64",
        "weaptype1_txt": "string",
        "nkill": "Int64",
        "nwound": "Int64",
        "summary": "string",
        "scite1": "string",
        "source_article": "string",
    },
}

_ROLES = ("perpetrator", "victim", "target", "instrument", "detainee", "seizedItem")
# who is named first when several actors share a role (ACLED's actor1, GTD's gname)
_ACTOR_RANK = {"ArmedGroup": 0, "Organization": 1, "Person": 2, "NewsOutlet": 3, "Group": 4}
# the place an ACLED/GTD row is about, most specific first
_PLACE_RANK = {"Site": 0, "City": 1, "Place": 2, "Region": 3, "Country": 4}
# GTD weapon type (weaptype1) from the weapons gazetteer's category, then from the class
_GTD_WEAPON_BY_CATEGORY = {"explosive": "6", "firearm": "5", "incendiary": "8", "blade": "9", "vehicle": "10"}
_GTD_WEAPON_BY_CLASS = {
    "Bombing": "6",
    "SuicideBombing": "6",
    "Shooting": "5",
    "Stabbing": "9",
    "VehicleRamming": "10",
    "Arson": "8",
}


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
    """One event as one article asserts it: what every export writes a row or node from."""

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


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What :func:`export` wrote: the format, the file and how many rows / nodes / quads."""

    format: str
    path: str
    count: int


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
# the same event (same IRI, or linked by owl:sameAs) with a figure in another graph
_Q_OTHERS = """SELECT DISTINCT ?g ?e ?g2 ?e2 ?p ?v WHERE { %s GRAPH ?g { ?e a ?c }
  ?e (owl:sameAs|^owl:sameAs)* ?e2 .
  GRAPH ?g2 { ?e2 ?p ?v FILTER(?p IN (ekg:killed, ekg:injured, ekg:arrested)) }
  FILTER(?g2 != ?g || ?e2 != ?e) }"""


def _select(store: ox.Store, sparql: str) -> Iterator[dict[str, str | None]]:
    res = store.query(
        _PREFIXES + (sparql % _values() if "%s" in sparql else sparql), use_default_graph_as_union=True
    )
    assert isinstance(res, ox.QuerySolutions)
    names = [v.value for v in res.variables]
    for sol in res:
        yield {n: (None if sol[n] is None else sol[n].value) for n in names}


def _as_store(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Dataset | ox.Store,
) -> ox.Store:
    if isinstance(source, ox.Store):
        return source
    if isinstance(source, Dataset):
        store = ox.Store()
        store.bulk_load(
            io.BytesIO(source.serialize(format="nquads", encoding="utf-8")), format=ox.RdfFormat.N_QUADS
        )
        return store
    from eventkg.store import open_store

    return open_store(source)


def _local(iri: str | None) -> str | None:
    return None if iri is None else iri.rsplit("#", 1)[-1] if iri.startswith(_EKG) else iri


@functools.cache
def _depth(cls: str) -> int:
    onto = ontology_graph()
    return len(list(onto.transitive_objects(URIRef(cls), RDFS.subClassOf)))


def event_records(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Dataset | ox.Store,
) -> list[EventRecord]:
    """The asserted events of a graph, one record per event and article graph.

    Parameters
    ----------
    source
        Graph files (any format eventkg reads), an rdflib Dataset or an Oxigraph store.
        Potential events (threats, plans, denials) are not events and are left out.

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
    store = _as_store(source)
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

    def entity(g: str, iri: str) -> Entity:
        props = nodes.get((g, iri), {})
        kinds = props.get(str(RDF.type), [])
        ekg_kinds = sorted(
            (_local(k) or "" for k in kinds if k and k.startswith(_EKG)), key=lambda k: -_depth(_EKG + k)
        )
        labels = sorted(x for x in props.get(str(RDFS.label), []) if x)
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

    figures: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for row in _select(store, _Q_FIGURES):
        g, grp = row["g"] or "", row["grp"]
        mention = None if row["b"] is None else Mention(int(row["b"]), int(row["end"] or 0), row["a"] or "")
        group = None if grp is None else (entity(g, grp).label or grp)
        figures[(g, row["e"] or "")].append(
            Figure(int(row["n"] or 0), _local(row["out"]) or "", group, mention)
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
    for row in _select(store, _Q_MENTIONS):
        mentions[(row["g"] or "", row["e"] or "")].append(
            Mention(int(row["b"] or 0), int(row["end"] or 0), row["a"] or "")
        )

    articles: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _select(store, _Q_ARTICLES):
        articles[row["g"] or ""].setdefault(
            (row["p"] or "").rsplit("/", 1)[-1].rsplit("#", 1)[-1], row["o"] or ""
        )

    others: dict[tuple[str, str], list[OtherFigure]] = defaultdict(list)
    for row in _select(store, _Q_OTHERS):
        others[(row["g"] or "", row["e"] or "")].append(
            OtherFigure(_local(row["p"]) or "", int(row["v"] or 0), row["e2"] or "", row["g2"] or "")
        )

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
                label=min(props.get(str(RDFS.label), []) or [None], key=lambda x: x or ""),
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
            )
        )
    return sorted(records, key=lambda r: (r.date or "", r.article.iri, r.iri))


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


# --------------------------------------------------------------------------- tables
@functools.cache
def _is_attack(kind: str) -> bool:
    attack = URIRef(_EKG + "Attack")
    return attack in set(ontology_graph().transitive_objects(URIRef(_EKG + kind), RDFS.subClassOf))


def _labels(entities: Iterable[Entity]) -> list[str]:
    return list(dict.fromkeys(e.label or e.iri for e in entities))


def _first_place(rec: EventRecord, *kinds: str) -> Entity | None:
    return next((p for p in rec.places if p.kind in kinds), None)


def _location(rec: EventRecord) -> dict[str, Any]:
    country = _first_place(rec, "Country")
    region = _first_place(rec, "Region")
    local = _first_place(rec, "Site", "City", "Place")
    named = local or region or country
    where = next((p for p in rec.places if p.latitude is not None and p.longitude is not None), None)
    iso = None
    if country is not None and country.iso:
        found = pycountry.countries.get(alpha_2=country.iso[:2])
        iso = int(found.numeric) if found is not None else None
    return {
        "country": country.label if country else None,
        "admin1": region.label if region else None,
        "location": named.label if named else None,
        "latitude": where.latitude if where else None,
        "longitude": where.longitude if where else None,
        "iso": iso,
    }


def _date_parts(date: str | None) -> tuple[int | None, int, int]:
    """(year, month, day) with GTD's 0 for an unknown month or day."""
    if not date:
        return None, 0, 0
    parts = [int(x) for x in date.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else 0), (parts[2] if len(parts) > 2 else 0)


def _sources(rec: EventRecord) -> list[str]:
    outlets = [rec.article.publisher] + [c.reported_by.label for c in rec.claims if c.reported_by]
    return list(dict.fromkeys(x for x in outlets if x))


def _notes(rec: EventRecord, *, headline_killed: bool = True) -> str:
    """A readable account of what the table's columns cannot hold, conflicts first."""
    notes: list[str] = []
    conflicts = [f"{o.measure} {o.value} in <{o.article}>" for o in rec.other_figures]
    for measure, values in (("killed", rec.killed), ("injured", rec.injured), ("arrested", rec.arrested)):
        conflicts += [f"{measure} {v} in this article too" for v in values[1:]]
    if conflicts:
        notes.append("Conflicting figures: " + "; ".join(conflicts) + ".")
    notes.append(f"{rec.label or rec.kind}.")
    if headline_killed and not rec.killed:
        notes.append("No fatality figure reported.")
    if rec.injured:
        notes.append(f"{rec.injured[0]} injured.")
    if rec.arrested:
        notes.append(f"{rec.arrested[0]} arrested.")
    if rec.figures:
        parts = [f"{f.count} {f.outcome.lower()}" + (f" ({f.group})" if f.group else "") for f in rec.figures]
        notes.append("Breakdown: " + ", ".join(parts) + ".")
    for role, title in (("target", "Targets"), ("instrument", "Weapons"), ("seizedItem", "Seized")):
        if rec.roles.get(role):
            notes.append(f"{title}: " + ", ".join(_labels(rec.roles[role])) + ".")
    for c in rec.claims:
        if c.kind == "ResponsibilityClaim":
            notes.append(f"Responsibility claimed by {_name(c.claimant, 'an unnamed actor')}.")
        elif c.quote:
            relay = f" (reported by {_name(c.reported_by, '')})" if c.reported_by else ""
            notes.append(f'{_name(c.claimant, "A source")} said{relay}: "{c.quote}"')
    return " ".join(dict.fromkeys(notes))


def _name(e: Entity | None, default: str) -> str:
    return default if e is None else e.label or e.iri


def _acled_row(rec: EventRecord) -> dict[str, Any]:
    acled = rec.codes.get("acled")
    year, month, day = _date_parts(rec.date)
    if day:
        event_date, precision = rec.date, 1
    elif month:  # ACLED: month known, day not -> the middle of the month, precision 3
        event_date, precision = f"{year:04d}-{month:02d}-15", 3
    else:
        event_date, precision = None, None
    actors1 = _labels(rec.roles.get("perpetrator", ()))
    actors2 = _labels(rec.roles.get("victim", ()) + rec.roles.get("detainee", ()))
    return {
        "event_iri": rec.iri,
        "event_date": event_date,
        "year": year,
        "time_precision": precision,
        "event_type": (acled.parent_code or acled.code) if acled else None,
        "sub_event_type": acled.code if acled and acled.parent_code else None,
        "actor1": actors1[0] if actors1 else None,
        "assoc_actor_1": "; ".join(actors1[1:]) or None,
        "actor2": actors2[0] if actors2 else None,
        "assoc_actor_2": "; ".join(actors2[1:]) or None,
        **_location(rec),
        "source": "; ".join(_sources(rec)) or None,
        "notes": _notes(rec),
        "fatalities": rec.killed[0] if rec.killed else 0,  # ACLED: 0 when no figure is reported
        "source_article": rec.article.iri,
        "article_id": rec.article.id,
    }


@functools.cache
def _weapon_categories() -> dict[str, tuple[str, bool]]:
    """Weapon label or alias (lower case) -> (gazetteer category, suicide weapon?)."""
    out: dict[str, tuple[str, bool]] = {}
    with resource_path("gazetteers", "weapons.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                w = json.loads(line)
                for name in [w["label"], *w.get("aliases", [])]:
                    out.setdefault(name.lower(), (w["category"], bool(w.get("suicide"))))
    return out


def _gtd_row(rec: EventRecord) -> dict[str, Any]:
    year, month, day = _date_parts(rec.date)
    gtd = rec.codes.get("gtd") or concept("gtd", "9")  # Unknown
    weapons = [_weapon_categories().get((w.label or "").lower()) for w in rec.roles.get("instrument", ())]
    weapon = next(
        (_GTD_WEAPON_BY_CATEGORY[w[0]] for w in weapons if w and w[0] in _GTD_WEAPON_BY_CATEGORY), None
    )
    weapon = weapon or _GTD_WEAPON_BY_CLASS.get(rec.kind, "13")
    loc = _location(rec)
    perpetrators = _labels(rec.roles.get("perpetrator", ()))
    targets = _labels(rec.roles.get("target", ()) + rec.roles.get("victim", ()))
    art = rec.article
    return {
        "event_iri": rec.iri,
        "iyear": year,
        "imonth": month,
        "iday": day,
        "country_txt": loc["country"],
        "provstate": loc["admin1"],
        "city": loc["location"],
        "latitude": loc["latitude"],
        "longitude": loc["longitude"],
        "suicide": int(rec.kind == "SuicideBombing" or any(w and w[1] for w in weapons)),
        "attacktype1": int(gtd.code),
        "attacktype1_txt": gtd.label,
        "target1": "; ".join(targets) or None,
        "gname": perpetrators[0] if perpetrators else "Unknown",
        "claimed": int(any(c.kind == "ResponsibilityClaim" for c in rec.claims)),
        "weaptype1": int(weapon),
        "weaptype1_txt": concept("gtd-weapon", weapon).label,
        "nkill": rec.killed[0] if rec.killed else None,
        "nwound": rec.injured[0] if rec.injured else None,
        "summary": _notes(rec, headline_killed=False),
        "scite1": "; ".join(x for x in (art.publisher, art.headline or art.id, art.url) if x) or None,
        "source_article": art.iri,
    }


def _write_csv(out: IO[str], rows: list[dict[str, Any]], columns: Iterable[str]) -> None:
    w = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({k: "" if v is None else v for k, v in row.items()})


# --------------------------------------------------------------------------- graphs
def actor_event_graph(records: Iterable[EventRecord]) -> nx.Graph:
    """A bipartite graph: events on one side; actors, targets and weapons on the other.

    Node attributes: ``kind`` (``event`` or the entity's class), ``label``, ``iri``; on
    events also ``type``, ``date``, ``article``, ``killed``, ``injured``, ``arrested``,
    ``place``, ``latitude``, ``longitude`` and the ``cameo`` / ``acled`` / ``gtd`` /
    ``plover`` codes. Edge attributes: ``role`` (roles joined by ``;``) and ``weight``
    (how many roles and articles link the two). Claimants link to the events they claim
    with the role ``claimed``. Attributes with no value are left out (GraphML and GEXF
    have no null).

    Examples
    --------
    >>> from eventkg.models import Article, Entity as E, Event, Extraction, Role
    >>> ex = Extraction(article=Article(id="a1", text="x"),
    ...     entities=(E(key="group:g", kind="Group", label="gunmen"),),
    ...     events=(Event(key="event-1", kind="Shooting", mentions=(),
    ...                   roles=(Role("perpetrator", "group:g"),)),))
    >>> from eventkg.rdf.build import build_graph
    >>> g = actor_event_graph(event_records(build_graph([ex])))
    >>> sorted(d["kind"] for _, d in g.nodes(data=True)), [d["role"] for *_, d in g.edges(data=True)]
    (['Group', 'event'], ['perpetrator'])
    """
    graph = nx.Graph()
    for rec in records:
        place = next((p for p in rec.places), None)
        where = next((p for p in rec.places if p.latitude is not None), None)
        attrs: dict[str, Any] = {
            "kind": "event",
            "iri": rec.iri,
            "label": rec.label,
            "type": rec.kind,
            "date": rec.date,
            "article": rec.article.iri,
            "killed": rec.killed[0] if rec.killed else None,
            "injured": rec.injured[0] if rec.injured else None,
            "arrested": rec.arrested[0] if rec.arrested else None,
            "place": place.label if place else None,
            "latitude": where.latitude if where else None,
            "longitude": where.longitude if where else None,
            **{scheme: c.code for scheme, c in rec.codes.items() if scheme != "gtd-weapon"},
        }
        graph.add_node(rec.iri, **{k: v for k, v in attrs.items() if v is not None})
        links = [(role, e) for role, ents in rec.roles.items() for e in ents]
        links += [
            ("claimed", c.claimant) for c in rec.claims if c.kind == "ResponsibilityClaim" and c.claimant
        ]
        for role, e in links:
            iri = e.iri
            if iri not in graph:
                graph.add_node(
                    iri,
                    **{
                        k: v
                        for k, v in {"kind": e.kind or "Agent", "iri": iri, "label": e.label}.items()
                        if v
                    },
                )
            if graph.has_edge(rec.iri, iri):
                edge = graph.edges[rec.iri, iri]
                roles = edge["role"].split(";")
                edge["role"] = ";".join(sorted({*roles, role}))
                edge["weight"] += 1
            else:
                graph.add_edge(rec.iri, iri, role=role, weight=1)
    return graph


# --------------------------------------------------------------------------- writing
def _jsonable(rec: EventRecord) -> dict[str, Any]:
    out = asdict(rec)
    out["type"] = out.pop("kind")
    return out


@contextmanager
def _atomic(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A temporary file beside ``path`` that replaces it only if the block succeeds."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise OutputError(f"{path}: cannot write here ({e.strerror}); choose another output path") from e
    try:
        with os.fdopen(fd, "wb") if binary else open(fd, "w", encoding="utf-8", newline="") as f:
            yield f
        os.replace(name, path)
    except OSError as e:
        raise OutputError(f"{path}: could not write ({e.strerror})") from e
    finally:
        if os.path.exists(name):
            os.unlink(name)


def _dataset(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Dataset | ox.Store,
) -> Dataset:
    if isinstance(source, Dataset):
        return source
    from eventkg.store import load

    ds = Dataset()
    if isinstance(source, ox.Store):
        buf = io.BytesIO()
        source.dump(buf, format=ox.RdfFormat.N_QUADS)
        ds.parse(data=buf.getvalue().decode("utf-8"), format="nquads")
        return ds
    loaded = [load(p) for p in ([source] if isinstance(source, str | os.PathLike) else source)]
    if len(loaded) == 1:
        return loaded[0]
    for one in loaded:
        for g in one.graphs():
            named = ds.graph(g.identifier)
            for t in g:
                named.add(t)
    return ds


def _context() -> dict[str, Any]:
    doc = json.loads(resource_path("ontology", "context.jsonld").read_text(encoding="utf-8"))
    return dict(doc["@context"])


def export(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Dataset | ox.Store,
    output: str | os.PathLike[str],
    *,
    fmt: str,
) -> ExportSummary:
    """Write the graph ``source`` to ``output`` in format ``fmt``, atomically.

    Parameters
    ----------
    source
        Graph files (any format eventkg reads), an rdflib Dataset or an Oxigraph store.
    output
        The file to write; it is replaced only when everything succeeded.
    fmt
        One of :data:`FORMATS`: ``acled-csv``, ``gtd-csv``, ``jsonl``, ``graphml``,
        ``gexf``, ``jsonld``, ``trig``, ``nq``, ``ttl``, ``nt``.

    Returns
    -------
    ExportSummary
        ``count`` is the number of rows (CSV), objects (JSONL), nodes (GraphML, GEXF) or
        quads (RDF formats).

    Raises
    ------
    OutputError
        For an unknown format, or when ``output`` cannot be written.
    GraphReadError
        When a graph file cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from eventkg.models import Article, Event, Extraction
    >>> from eventkg.rdf.build import build_graph
    >>> ds = build_graph([Extraction(article=Article(id="a1", text="x"),
    ...                              events=(Event(key="event-1", kind="Stabbing", mentions=(), killed=1),))])
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "events.csv"
    >>> export(ds, out, fmt="gtd-csv").count
    1
    >>> out.read_text().splitlines()[1].split(",")[10:12]
    ['2', 'Armed Assault']
    """
    path = Path(output)
    if fmt not in FORMATS:
        raise OutputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt in _RDF_FORMATS:
        return _export_rdf(_dataset(source), path, fmt)
    if fmt == "jsonld":
        ds = _dataset(source)
        data = ds.serialize(format="json-ld", context=_context(), auto_compact=True, encoding="utf-8")
        with _atomic(path, binary=True) as f:
            f.write(data)
        return ExportSummary(fmt, str(path), sum(len(g) for g in ds.graphs()))
    records = event_records(source)
    if fmt in ("acled-csv", "gtd-csv"):
        rows = (
            [_acled_row(r) for r in records]
            if fmt == "acled-csv"
            else [_gtd_row(r) for r in records if _is_attack(r.kind)]
        )
        with _atomic(path) as f:
            _write_csv(f, rows, DTYPES[fmt])
        return ExportSummary(fmt, str(path), len(rows))
    if fmt == "jsonl":
        with _atomic(path) as f:
            for r in records:
                f.write(json.dumps(_jsonable(r), ensure_ascii=False, sort_keys=True) + "\n")
        return ExportSummary(fmt, str(path), len(records))
    graph = actor_event_graph(records)
    writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    with _atomic(path, binary=True) as f:
        writer(graph, f)
    return ExportSummary(fmt, str(path), graph.number_of_nodes())


def _export_rdf(ds: Dataset, path: Path, fmt: str) -> ExportSummary:
    from eventkg.store import GraphWriter

    if path.suffix.lower() != _RDF_FORMATS[fmt]:
        raise OutputError(f"{path}: the {fmt} format needs a {_RDF_FORMATS[fmt]} file name")
    with GraphWriter(path) as w:
        for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
            if len(g):
                w.write(g)
    return ExportSummary(fmt, str(path), w.triples)
