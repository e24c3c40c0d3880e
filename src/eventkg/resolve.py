"""Cross-article resolution: the same actor, place or incident reported by several articles.

:func:`resolve` reads the per-article graphs of a Dataset and writes one more named graph,
``<https://w3id.org/eventkg/id/resolved>``, that links them. It never changes what an
article's graph says:

* **Entities.** Actors and places that are the same thing get one canonical node,
  ``canonical owl:sameAs member`` for every other IRI. Things with a gazetteer id
  (Wikidata, GeoNames) already share one IRI across articles; names without one are
  matched within a type by alias (a name of one is a name of the other) and by fuzzy
  matching (rapidfuzz). Only names are matched: descriptions ("police", "the bomber")
  and ekg:Group / ekg:Weapon / ekg:Target nodes never merge.
* **Events.** Reports of the same incident are linked to one ``ekg:Incident`` node with
  ``report ekg:sameIncident incident``: same event family and compatible type, the same
  (resolved) place, dates within a window, shared perpetrators as extra evidence. Two
  events of one article are never the same incident.
* **Explanations.** Every link made is an ``ekg:Merge`` node naming the two nodes
  matched, the rule (``ekg:mergeRule``), its score (``ekg:mergeScore``, 0 to 1) and
  why (``rdfs:comment``).
* **Conflicts.** Where the reports of one incident disagree on a count (killed, injured,
  arrested), the date or the named perpetrators, an ``ekg:Conflict`` node names the
  incident, the property and the reports; every figure stays in its own article's graph
  with its source and publication date. :func:`list_conflicts` lists them.

A user-editable YAML file of overrides (:func:`load_overrides`) keeps wrongly merged
nodes apart or joins nodes the rules missed; nodes are named by IRI or by label.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import numpy as np
import yaml
from rapidfuzz import fuzz, process
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from eventkg.errors import EventKGError
from eventkg.models import EVENT_FAMILY
from eventkg.rdf.build import BASE, SCHEMA, bind_prefixes
from eventkg.rdf.namespace import EKG

__all__ = [
    "CONFLICTS_QUERY",
    "RESOLVED_GRAPH",
    "ConflictRow",
    "Overrides",
    "OverridesError",
    "Resolution",
    "list_conflicts",
    "load_overrides",
    "resolve",
]

#: The name of the graph that :func:`resolve` writes.
RESOLVED_GRAPH = URIRef(BASE + "resolved")

#: Entity kinds that are matched, and the bucket each is matched within.
_BUCKET = {
    "Person": "Person",
    "Organization": "Organization",
    "ArmedGroup": "Organization",
    "NewsOutlet": "NewsOutlet",
    "City": "City",
    "Region": "Region",
    "Country": "Country",
    "Site": "Site",
    "Place": "Place",
}
_PLACE_KINDS = {"City", "Region", "Country", "Site", "Place"}
_EVENT_PARENT = {k: "Attack" for k, f in EVENT_FAMILY.items() if f == "Attack" and k != "Attack"}
_EVENT_PARENT["SuicideBombing"] = "Bombing"
_COUNTS = (EKG.killed, EKG.injured, EKG.arrested)
_SAME_ID = EKG.SharedIdentifier
_ALIAS = EKG.AliasMatch
_FUZZY = EKG.FuzzyNameMatch
_OVERRIDE = EKG.UserOverride
_COREF = EKG.EventCoreference


class OverridesError(EventKGError):
    """The overrides file cannot be read or does not have the expected shape."""


@dataclass(frozen=True, slots=True)
class Overrides:
    """User decisions that beat the rules.

    ``keep_apart``: groups of nodes that must never end up in one cluster;
    ``same``: groups of nodes that must. A node is named by its IRI or by a label
    (matched case- and accent-insensitively against ``rdfs:label`` and ``skos:altLabel``).
    """

    keep_apart: tuple[tuple[str, ...], ...] = ()
    same: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """What :func:`resolve` found. ``graph`` is the ``resolved`` named graph."""

    graph: Graph
    entity_clusters: tuple[tuple[str, ...], ...]
    incidents: tuple[tuple[str, ...], ...]
    conflicts: int


@dataclass(frozen=True, slots=True)
class ConflictRow:
    """One report's value in a disagreement: ``what`` is killed, injured, arrested, date or perpetrator."""

    incident: str
    incident_label: str
    what: str
    value: str
    source: str
    reported: str
    article_id: str
    event: str


def load_overrides(path: str | Path) -> Overrides:
    """Read a YAML overrides file.

    The file holds two optional lists of groups; each group is a list of IRIs or labels::

        keep_apart:            # undo a wrong merge
          - ["Mohammad Yusuf Sherzad", "Mohammad Yousuf Sherzad"]
        same:                  # join what the rules missed
          - ["https://w3id.org/eventkg/id/article/a1/event-1", "https://w3id.org/eventkg/id/article/b2/event-1"]

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "overrides.yaml"
    >>> _ = p.write_text('keep_apart:\\n  - [Daesh, "Islamic State"]\\n')
    >>> load_overrides(p).keep_apart
    (('Daesh', 'Islamic State'),)
    """
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except OSError as e:
        raise OverridesError(f"{p}: cannot read the overrides file ({e.strerror})") from e
    except yaml.YAMLError as e:
        raise OverridesError(f"{p}: not valid YAML ({e}); see docs/resolve.md for the format") from e
    if not isinstance(data, dict) or set(data) - {"keep_apart", "same"}:
        raise OverridesError(
            f"{p}: expected a mapping with the keys 'keep_apart' and/or 'same'; see docs/resolve.md"
        )
    groups: dict[str, tuple[tuple[str, ...], ...]] = {}
    for key in ("keep_apart", "same"):
        items = data.get(key) or []
        if not isinstance(items, list) or not all(
            isinstance(g, list) and len(g) >= 2 and all(isinstance(x, str) for x in g) for g in items
        ):
            raise OverridesError(f"{p}: '{key}' must be a list of lists of two or more IRIs or labels")
        groups[key] = tuple(tuple(g) for g in items)
    return Overrides(keep_apart=groups["keep_apart"], same=groups["same"])


# --------------------------------------------------------------------------- reading
@dataclass(slots=True)
class _Node:
    iri: URIRef
    kind: str
    labels: list[str] = field(default_factory=list)  # rdfs:label first, then altLabels
    articles: set[URIRef] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)  # schema:sameAs targets (Wikidata, GeoNames)
    parents: set[URIRef] = field(default_factory=set)


@dataclass(slots=True)
class _Report:
    iri: URIRef
    kind: str
    article: URIRef
    article_id: str
    published: dt.date | None
    source: str
    date: str | None = None
    places: set[URIRef] = field(default_factory=set)
    perpetrators: set[URIRef] = field(default_factory=set)
    counts: dict[URIRef, int] = field(default_factory=dict)
    label: str = ""


def _fold(s: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name.

    Examples
    --------
    >>> _fold("Jalālābād")
    'jalalabad'
    >>> _fold("Tehrik-i-Taliban  Pakistan")
    'tehrik i taliban pakistan'
    """
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"^(the|a|an)\s+", "", s.strip())
    return " ".join(re.findall(r"[^\W_]+", s))


def _is_name(label: str) -> bool:
    """A proper name rather than a description: some word is capitalised."""
    return any(w[:1].isupper() for w in re.findall(r"[^\W\d_][\w'-]*", label))


_READ = (
    RDF.type, RDFS.label, SKOS.altLabel, SCHEMA.sameAs, EKG.locatedIn, EKG.date, EKG.place, EKG.perpetrator,
    *_COUNTS, EKG.articleId, SCHEMA.datePublished, SCHEMA.publisher, SCHEMA.headline,
)  # fmt: skip


def _read(ds: Dataset) -> tuple[dict[URIRef, _Node], dict[URIRef, _Report]]:
    """The entities and events of every article graph, in one pass per predicate read
    (asking each graph in turn is quadratic in rdflib's memory store)."""
    facts: dict[tuple[str, Node], dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for pred in _READ:
        for s, _, o, ctx in ds.quads((None, pred, None, None)):
            graph = str(ctx.identifier if isinstance(ctx, Graph) else ctx)
            if graph != RESOLVED_GRAPH:
                facts[graph, s][pred].append(o)
    articles: dict[str, tuple[str, dt.date | None, str]] = {}
    for (name, s), f in facts.items():
        if str(s) == name and EKG.Article in f[RDF.type]:
            art_id = str(f[EKG.articleId][0]) if f[EKG.articleId] else str(s)
            pub = f[SCHEMA.datePublished]
            published = dt.date.fromisoformat(str(pub[0])[:10]) if pub else None
            by = [*f[SCHEMA.publisher], *f[SCHEMA.headline]]
            articles[name] = (art_id, published, str(by[0]) if by else art_id)
    nodes: dict[URIRef, _Node] = {}
    reports: dict[URIRef, _Report] = {}
    for (name, s), f in sorted(facts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        if name not in articles or not isinstance(s, URIRef):
            continue
        art = URIRef(name)
        for o in f[RDF.type]:
            kind = str(o)[len(str(EKG)) :] if str(o).startswith(str(EKG)) else ""
            if kind in _BUCKET:
                node = nodes.setdefault(s, _Node(s, kind))
                node.articles.add(art)
                for lab in [*f[RDFS.label], *f[SKOS.altLabel]]:
                    if str(lab) not in node.labels:
                        node.labels.append(str(lab))
                node.ids |= {str(x) for x in f[SCHEMA.sameAs]}
                node.parents |= {p for p in f[EKG.locatedIn] if isinstance(p, URIRef)}
            elif kind in EVENT_FAMILY:
                art_id, published, source = articles[name]
                date = str(f[EKG.date][0]) if f[EKG.date] else None
                rep = _Report(s, kind, art, art_id, published, source, date)
                rep.places = {p for p in f[EKG.place] if isinstance(p, URIRef)}
                rep.perpetrators = {p for p in f[EKG.perpetrator] if isinstance(p, URIRef)}
                rep.counts = {p: int(v[0]) for p in _COUNTS if (v := f[p]) and isinstance(v[0], Literal)}
                rep.label = str(f[RDFS.label][0]) if f[RDFS.label] else kind
                reports[s] = rep
    return nodes, reports


# --------------------------------------------------------------------------- clustering
class _Clusters:
    """Union-find that refuses a union joining two nodes that must stay apart."""

    def __init__(self, items: Iterable[URIRef], apart: dict[URIRef, set[URIRef]]) -> None:
        self.parent = {x: x for x in items}
        self.members = {x: {x} for x in self.parent}
        self.apart = apart

    def find(self, x: URIRef) -> URIRef:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: URIRef, b: URIRef) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if any(self.apart.get(x, set()) & self.members[rb] for x in self.members[ra]):
            return False
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        return True

    def groups(self) -> list[list[URIRef]]:
        return [sorted(m) for m in self.members.values() if len(m) > 1]


def _named(item: str, labels: dict[URIRef, list[str]]) -> set[URIRef]:
    """The nodes an override item names: by IRI, else by any label."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", item) and URIRef(item) in labels:
        return {URIRef(item)}
    want = _fold(item)
    return {iri for iri, labs in labels.items() if any(_fold(x) == want for x in labs)}


def _apart_map(
    pairs: Iterable[tuple[URIRef, URIRef]], overrides: Overrides, labels: dict[URIRef, list[str]]
) -> dict[URIRef, set[URIRef]]:
    apart: dict[URIRef, set[URIRef]] = defaultdict(set)
    for a, b in pairs:
        apart[a].add(b)
        apart[b].add(a)
    for group in overrides.keep_apart:
        sets = [_named(x, labels) for x in group]
        for i, si in enumerate(sets):
            for sj in sets[i + 1 :]:
                for a in si:
                    for b in sj - {a}:
                        apart[a].add(b)
                        apart[b].add(a)
    return apart


def _forced(overrides: Overrides, labels: dict[URIRef, list[str]]) -> list[tuple[URIRef, URIRef]]:
    out = []
    for group in overrides.same:
        found = sorted(set().union(*(_named(x, labels) for x in group)))
        out += [(found[0], x) for x in found[1:]]
    return out


@dataclass(frozen=True, slots=True)
class _Edge:
    a: URIRef
    b: URIRef
    rule: URIRef
    score: float
    why: str


def _entity_edges(nodes: dict[URIRef, _Node], threshold: float) -> list[_Edge]:
    """Candidate merges between names of the same type bucket."""
    edges: list[_Edge] = []
    by_id: dict[str, list[_Node]] = defaultdict(list)
    for n in nodes.values():
        for ident in n.ids:
            by_id[ident].append(n)
    for ident, group in sorted(by_id.items()):
        for other in group[1:]:
            edges.append(_Edge(group[0].iri, other.iri, _SAME_ID, 1.0, f"both are {ident}"))
    buckets: dict[str, list[_Node]] = defaultdict(list)
    for n in nodes.values():
        if n.labels and _is_name(n.labels[0]) and not any(x.islower() for x in n.labels):
            buckets[_BUCKET[n.kind]].append(n)
    for bucket, members in sorted(buckets.items()):
        members.sort(key=lambda n: str(n.iri))
        names = [_fold(n.labels[0]) for n in members]
        folded = [{_fold(x) for x in n.labels if _is_name(x)} - {""} for n in members]
        for i, j in sorted(_candidates(names, folded, threshold, person=bucket == "Person")):
            a, b = members[i], members[j]
            if a.ids and b.ids and not a.ids & b.ids:
                continue  # different gazetteer entries, however alike their names
            if names[i] in folded[j] or names[j] in folded[i]:
                shared = sorted(folded[i] & folded[j])
                edges.append(_Edge(a.iri, b.iri, _ALIAS, 1.0, f"{bucket}: both are called {shared[0]!r}"))
                continue
            score = float(fuzz.token_sort_ratio(names[i], names[j]))
            if bucket == "Person":
                score = max(score, _person_score(names[i], names[j], threshold))
            if score >= threshold:
                why = f"{bucket}: {a.labels[0]!r} ~ {b.labels[0]!r} (rapidfuzz {score:.1f})"
                edges.append(_Edge(a.iri, b.iri, _FUZZY, round(score / 100, 3), why))
    return edges


def _candidates(
    names: list[str], folded: list[set[str]], threshold: float, *, person: bool
) -> set[tuple[int, int]]:
    """Index pairs ``i < j`` worth scoring: a shared name, a rapidfuzz score at the
    threshold (one vectorised pass), or for people the same surname."""
    pairs: set[tuple[int, int]] = set()
    index: dict[str, list[int]] = defaultdict(list)
    for i, fs in enumerate(folded):
        for f in fs:
            index[f].append(i)
    if person:
        for i, name in enumerate(names):
            index["surname " + name.split()[-1]].append(i)
    for group in index.values():
        pairs |= {(a, b) for a in group for b in group if a < b}
    scores = process.cdist(names, names, scorer=fuzz.token_sort_ratio, score_cutoff=threshold, dtype=np.uint8)
    pairs |= {(int(i), int(j)) for i, j in zip(*np.nonzero(scores), strict=True) if i < j}
    return pairs


def _person_score(a: str, b: str, threshold: float) -> float:
    """A name that drops a title or a first name ("Attaullah Khogyani" / "Qari Attaullah
    Khogyani"): the surnames agree and the shorter name, of two words or more, is inside
    the longer one."""
    ta, tb = a.split(), b.split()
    if min(len(ta), len(tb)) < 2 or fuzz.ratio(ta[-1], tb[-1]) < threshold:
        return 0.0
    return float(fuzz.token_set_ratio(a, b)) * 0.99  # never quite as sure as the same name


def _date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    if not value:
        return None
    try:
        if len(value) == 10:
            d = dt.date.fromisoformat(value)
            return d, d
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            end = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
            return dt.date(y, m, 1), end
        y = int(value[:4])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        return None


def _when(r: _Report) -> tuple[tuple[dt.date, dt.date], bool] | None:
    """The event's day, or else the day before publication to the day of publication (a
    year or a month says too little to tell two incidents apart); and whether it is a day
    the article gives."""
    got = _date_range(r.date)
    if got is not None and got[0] == got[1]:
        return got, True
    if r.published is not None:
        return (r.published - dt.timedelta(days=1), r.published), False
    return None


def _ancestors(kind: str) -> list[str]:
    out = [kind]
    while out[-1] in _EVENT_PARENT:
        out.append(_EVENT_PARENT[out[-1]])
    return out


def _leaves(iris: set[URIRef], canon: dict[URIRef, URIRef], places: dict[URIRef, set[URIRef]]) -> set[URIRef]:
    """The most specific of an event's (canonical) places: not those another one lies in."""
    got = {canon.get(p, p) for p in iris}
    return {p for p in got if not any(p in places.get(q, set()) for q in got)}


def _event_edges(
    reports: dict[URIRef, _Report],
    canon: dict[URIRef, URIRef],
    places: dict[URIRef, set[URIRef]],
    countries: set[URIRef],
    window: int,
) -> list[_Edge]:
    """Pairs of reports (from different articles) of the same incident."""
    edges = []
    dated = sorted(
        ((w, exact, r) for r in reports.values() if (got := _when(r)) is not None for w, exact in [got]),
        key=lambda x: (x[0][0], str(x[2].iri)),
    )
    for i, (ra, exact_a, a) in enumerate(dated):
        for rb, exact_b, b in dated[i + 1 :]:
            if (rb[0] - ra[1]).days > window:
                break  # sorted by start date: every later report starts later still
            if a.article == b.article or EVENT_FAMILY[a.kind] != EVENT_FAMILY[b.kind]:
                continue
            if a.kind not in _ancestors(b.kind) and b.kind not in _ancestors(a.kind):
                continue  # a shooting is not a bombing
            pa, pb = _leaves(a.places, canon, places), _leaves(b.places, canon, places)
            same_place = pa & pb
            if (
                not same_place
                and not any(places.get(p, set()) & pb for p in pa)
                and not any(places.get(p, set()) & pa for p in pb)
            ):
                continue  # neither the same place nor one inside the other
            perps_a = {canon.get(p, p) for p in a.perpetrators}
            perps_b = {canon.get(p, p) for p in b.perpetrators}
            shared = perps_a & perps_b
            if not (exact_a and exact_b) and not (
                same_place - countries and (shared or a.kind == b.kind != "Attack")
            ):
                continue  # undated: only the same town, and a shared perpetrator or the same specific type
            gap = max(0, (rb[0] - ra[1]).days, (ra[0] - rb[1]).days)
            type_score = 1.0 if a.kind == b.kind else 0.8
            place_score = 1.0 if same_place else 0.7
            date_score = 1.0 - gap / (window + 1)
            actor_score = 1.0 if shared else (0.5 if not perps_a or not perps_b else 0.25)
            score = round(0.25 * type_score + 0.3 * place_score + 0.3 * date_score + 0.15 * actor_score, 3)
            why = (
                f"types {a.kind} / {b.kind}; place {'same' if place_score == 1 else 'nested'}; "
                f"dates {a.date or 'undated'} / {b.date or 'undated'} ({gap} days apart, window {window}); "
                f"{len(shared)} shared perpetrators"
            )
            edges.append(_Edge(a.iri, b.iri, _COREF, score, why))
    return edges


# --------------------------------------------------------------------------- writing
def _mint(kind: str, key: str, label: str = "") -> URIRef:
    """``ekgid:resolved/<kind>/<readable slug>-<hash of key>``: stable for the same key."""
    slug = re.sub(r"[^a-z0-9]+", "-", _fold(label)).strip("-")[:50]
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return URIRef(f"{BASE}resolved/{kind}/{quote(slug) + '-' if slug else ''}{digest}")


def _merge_node(g: Graph, e: _Edge, canonical: URIRef) -> None:
    m = _mint("merge", f"{e.a} {e.b}")
    g.add((m, RDF.type, EKG.Merge))
    g.add((m, EKG.mergedNode, e.a))
    g.add((m, EKG.mergedNode, e.b))
    g.add((m, EKG.mergedInto, canonical))
    g.add((m, EKG.mergeRule, e.rule))
    g.add((m, EKG.mergeScore, Literal(Decimal(f"{e.score:.3f}"), datatype=XSD.decimal)))
    g.add((m, RDFS.comment, Literal(e.why)))


def _cluster(
    items: Iterable[URIRef],
    edges: list[_Edge],
    apart: dict[URIRef, set[URIRef]],
    forced: list[tuple[URIRef, URIRef]],
) -> tuple[list[list[URIRef]], list[_Edge]]:
    clusters = _Clusters(items, apart)
    used: list[_Edge] = []
    for a, b in forced:
        if a in clusters.parent and b in clusters.parent and clusters.union(a, b):
            used.append(_Edge(a, b, _OVERRIDE, 1.0, "joined by the overrides file"))
    for e in sorted(edges, key=lambda e: (-e.score, str(e.a), str(e.b))):
        if clusters.union(e.a, e.b):
            used.append(e)
    return clusters.groups(), used


def resolve(
    ds: Dataset, *, window: int = 2, threshold: float = 90.0, overrides: Overrides | None = None
) -> Resolution:
    """Link the article graphs of ``ds``: same entities, same incidents, and their conflicts.

    Parameters
    ----------
    ds : rdflib.Dataset
        One named graph per article, as ``eventkg extract`` writes. A ``resolved`` graph
        already in it is ignored (and replaced when the caller stores the result).
    window : int
        Reports whose event dates lie more than this many days apart are different incidents.
    threshold : float
        Minimum rapidfuzz score (0-100) for a fuzzy name match.
    overrides : Overrides, optional
        User decisions (:func:`load_overrides`) applied before and against the rules.

    Returns
    -------
    Resolution
        Its ``graph`` is the ``resolved`` named graph (not added to ``ds``).

    Examples
    --------
    Two articles report a bombing in Jalalabad on 7 March with different tolls:

    >>> import datetime as dt
    >>> from eventkg.models import Article, Entity, Event, Extraction, Mention, Role
    >>> from eventkg.rdf import build_graph
    >>> city = Entity(key="geonames:1139715", kind="City", label="Jalalabad", global_id=True)
    >>> def report(art: str, published: str, killed: int) -> Extraction:
    ...     ev = Event(key="event-1", kind="Bombing", mentions=(Mention(0, 1, "x"),),
    ...                roles=(Role("place", city.key),), date="2025-03-07", killed=killed)
    ...     day = dt.date.fromisoformat(published)
    ...     return Extraction(Article(id=art, text="x", published=day), (city,), (ev,))
    >>> res = resolve(build_graph([report("a", "2025-03-07", 27), report("b", "2025-03-08", 31)]))
    >>> [len(reports) for reports in res.incidents], res.conflicts
    ([2], 1)
    """
    overrides = overrides or Overrides()
    nodes, reports = _read(ds)
    labels = {iri: n.labels for iri, n in nodes.items()}
    together = defaultdict(set)
    for n in nodes.values():
        for art in n.articles:
            together[art].add(n.iri)
    same_article = [
        (a, b)
        for members in together.values()
        for a in members
        for b in members
        if a < b and _BUCKET[nodes[a].kind] == _BUCKET[nodes[b].kind] and not (nodes[a].ids & nodes[b].ids)
    ]
    groups, used = _cluster(
        nodes,
        _entity_edges(nodes, threshold),
        _apart_map(same_article, overrides, labels),
        _forced(overrides, labels),
    )
    g = Graph(identifier=RESOLVED_GRAPH)
    bind_prefixes(g)
    g.bind("owl", OWL)
    canon: dict[URIRef, URIRef] = {}
    for members in groups:
        c = _canonical_entity(g, [nodes[m] for m in members])
        for m in members:
            canon[m] = c
    for e in used:
        _merge_node(g, e, canon[e.a])
    places = _place_ancestors(nodes, canon)
    event_labels = {r.iri: [r.label] for r in reports.values()}
    by_article: dict[URIRef, list[URIRef]] = defaultdict(list)
    for r in reports.values():
        by_article[r.article].append(r.iri)
    apart = _apart_map(
        [(a, b) for evs in by_article.values() for a in evs for b in evs if a < b], overrides, event_labels
    )
    incidents, used = _cluster(
        reports,
        _event_edges(reports, canon, places, _coarse(nodes, canon), window),
        apart,
        _forced(overrides, event_labels),
    )
    inc_of: dict[URIRef, URIRef] = {}
    n_conflicts = 0
    for members in incidents:
        inc = _incident(g, [reports[m] for m in members], canon, nodes)
        for m in members:
            inc_of[m] = inc
        n_conflicts += _conflicts(g, inc, [reports[m] for m in members], canon)
    for e in used:
        _merge_node(g, e, inc_of[e.a])
    return Resolution(
        graph=g,
        entity_clusters=tuple(tuple(str(x) for x in m) for m in groups),
        incidents=tuple(tuple(str(x) for x in m) for m in incidents),
        conflicts=n_conflicts,
    )


def _canonical_entity(g: Graph, members: list[_Node]) -> URIRef:
    """A shared-id IRI when one member has it, else a minted node; labels of all members."""
    shared = [m for m in members if m.iri.startswith(BASE) and "/article/" not in m.iri]
    kinds = Counter(m.kind for m in members)
    names = Counter(m.labels[0] for m in members if m.labels)
    label = max(names, key=lambda x: (names[x], len(x), x))
    if shared:
        c = sorted(shared, key=lambda m: (-len(m.articles), str(m.iri)))[0].iri
    else:
        c = _mint(_BUCKET[members[0].kind].lower(), str(sorted(m.iri for m in members)[0]), label)
    g.add((c, RDF.type, EKG[kinds.most_common(1)[0][0]]))
    g.add((c, RDFS.label, Literal(label)))
    for lab in sorted({x for m in members for x in m.labels} - {label}):
        g.add((c, SKOS.altLabel, Literal(lab)))
    for m in members:
        if m.iri != c:
            g.add((c, OWL.sameAs, m.iri))
    return c


def _coarse(nodes: dict[URIRef, _Node], canon: dict[URIRef, URIRef]) -> set[URIRef]:
    """Countries and regions: too large to say two undated reports are of one incident."""
    return {canon.get(n.iri, n.iri) for n in nodes.values() if n.kind in ("Country", "Region")}


def _place_ancestors(nodes: dict[URIRef, _Node], canon: dict[URIRef, URIRef]) -> dict[URIRef, set[URIRef]]:
    """Every (canonical) place -> the places it lies in, transitively."""
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for n in nodes.values():
        if n.kind in _PLACE_KINDS:
            parents[canon.get(n.iri, n.iri)] |= {canon.get(p, p) for p in n.parents}
    out: dict[URIRef, set[URIRef]] = {}
    for p in parents:
        seen: set[URIRef] = set()
        todo = list(parents[p])
        while todo:
            q = todo.pop()
            if q not in seen:
                seen.add(q)
                todo += parents.get(q, set())
        out[p] = seen
    return out


def _incident(
    g: Graph, members: list[_Report], canon: dict[URIRef, URIRef], nodes: dict[URIRef, _Node]
) -> URIRef:
    members.sort(key=lambda r: (r.published or dt.date.max, str(r.iri)))
    kinds = Counter(r.kind for r in members)
    kind = max(kinds, key=lambda k: (kinds[k], len(_ancestors(k))))
    places = Counter(canon.get(p, p) for r in members for p in r.places)
    place = places.most_common(1)[0][0] if places else None
    place_label = ""
    if place is not None:
        node = nodes.get(place)
        labs = [str(x) for x in g.objects(place, RDFS.label)] or (node.labels[:1] if node else [])
        place_label = f" in {labs[0]}" if labs else ""
    dates = Counter(r.date for r in members if r.date)
    date = min(dates, key=lambda d: (-dates[d], d)) if dates else None  # the date most reports give
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", kind).lower()
    label = f"{words[0].upper()}{words[1:]}{place_label}" + (f" on {date}" if date else "")
    inc = _mint("incident", str(members[0].iri), label)
    g.add((inc, RDF.type, EKG.Incident))
    g.add((inc, RDFS.label, Literal(f"{label} ({len(members)} reports)")))
    g.add((inc, EKG.incidentType, EKG[kind]))
    if place is not None:
        g.add((inc, EKG.incidentPlace, place))
    for r in members:
        g.add((r.iri, EKG.sameIncident, inc))
        g.add((inc, PROV.wasDerivedFrom, r.article))
    return inc


def _conflicts(g: Graph, inc: URIRef, members: list[_Report], canon: dict[URIRef, URIRef]) -> int:
    """``ekg:Conflict`` nodes for the properties the reports of ``inc`` disagree on."""
    found = 0
    values: dict[URIRef, dict[URIRef, object]] = defaultdict(dict)
    for r in members:
        for p, v in r.counts.items():
            values[p][r.iri] = v
        if r.date:
            values[EKG.date][r.iri] = r.date
        named = frozenset(canon.get(p, p) for p in r.perpetrators if "/article/" not in p or p in canon)
        if named:
            values[EKG.perpetrator][r.iri] = named
    for prop, by_report in sorted(values.items()):
        if len(set(by_report.values())) < 2:
            continue
        c = _mint("conflict", f"{inc} {prop}", str(prop).rsplit("#", 1)[-1])
        g.add((c, RDF.type, EKG.Conflict))
        g.add((c, EKG.incident, inc))
        g.add((c, EKG.conflictProperty, prop))
        for report in sorted(by_report):
            g.add((c, EKG.conflictingReport, report))
        found += 1
    return found


# --------------------------------------------------------------------------- listing
#: SPARQL (also ``docs/queries/conflicting-tolls.rq``): one row per report and value of
#: every property its incident's reports disagree on.
CONFLICTS_QUERY = """
PREFIX ekg:    <https://w3id.org/eventkg/ontology#>
PREFIX owl:    <http://www.w3.org/2002/07/owl#>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>

SELECT ?incident ?incident_label ?what ?value ?source ?reported ?article_id ?event
WHERE {
  GRAPH <https://w3id.org/eventkg/id/resolved> {
    ?conflict a ekg:Conflict ;
        ekg:incident ?incident ;
        ekg:conflictProperty ?property ;
        ekg:conflictingReport ?event .
    ?incident rdfs:label ?incident_label .
  }
  GRAPH ?article {
    ?event ?property ?v .
    ?article ekg:articleId ?article_id .
    OPTIONAL { ?article schema:datePublished ?reported }
    OPTIONAL { ?article schema:publisher ?publisher }
    OPTIONAL { ?v rdfs:label ?v_label }
  }
  OPTIONAL { GRAPH <https://w3id.org/eventkg/id/resolved> { ?same owl:sameAs ?v ; rdfs:label ?same_label } }
  BIND(STRAFTER(STR(?property), "#") AS ?what)
  BIND(STR(COALESCE(?same_label, ?v_label, ?v)) AS ?value)
  BIND(COALESCE(?publisher, ?article_id) AS ?source)
}
ORDER BY ?incident_label ?what ?reported ?article_id ?value
"""


def list_conflicts(
    ds: Dataset, *, window: int = 2, threshold: float = 90.0, overrides: Overrides | None = None
) -> list[ConflictRow]:
    """The disagreements between reports of the same incident, one row per report and value.

    Uses the ``resolved`` graph in ``ds`` when there is one, else resolves ``ds`` first
    (``window``, ``threshold`` and ``overrides`` as for :func:`resolve`).
    """
    if not len(ds.graph(RESOLVED_GRAPH)):
        res = resolve(ds, window=window, threshold=threshold, overrides=overrides)
        target = ds.graph(RESOLVED_GRAPH)
        for t in res.graph:
            target.add(t)
    rows = []
    for row in ds.query(CONFLICTS_QUERY):
        vals: list[Node | None] = list(row)  # type: ignore[arg-type]
        inc, inc_label, what, value, source, reported, art_id, event = (
            "" if v is None else str(v) for v in vals
        )
        rows.append(ConflictRow(inc, inc_label, what, value, source, reported, art_id, event))
    return rows
