"""Extractions to RDF: one named graph per article, following CONTRACT.md.

IRIs are minted deterministically from the article id and the extraction's keys, so the
same input always gives the same graph. Things with an external id (an armed group's
Wikidata id, a GeoNames place) get one IRI shared by every article graph that names
them; everything else lives under the article's IRI.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from eventkg.models import Article, Entity, Event, Extraction, Mention
from eventkg.rdf.namespace import EKG, NIF

__all__ = ["BASE", "PREFIXES", "SCHEMA", "article_graph", "article_iri", "bind_prefixes", "build_graph"]

BASE = "https://w3id.org/eventkg/id/"
SCHEMA = Namespace("https://schema.org/")
WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"

_STATUS = {
    "possible": EKG.Possible,
    "threatened": EKG.Threatened,
    "planned": EKG.Planned,
    "foiled": EKG.Foiled,
    "denied": EKG.Denied,
    "negated": EKG.Negated,
}
_OUTCOME = {"killed": EKG.Killed, "injured": EKG.Injured, "arrested": EKG.Arrested}
_ROLE = {
    "perpetrator": EKG.perpetrator,
    "victim": EKG.victim,
    "target": EKG.target,
    "place": EKG.place,
    "instrument": EKG.instrument,
    "detainee": EKG.detainee,
    "seizedItem": EKG.seizedItem,
}
_GLOBAL_PREFIX = {
    "armedgroup": "armedgroup/",
    "outlet": "outlet/",
    "geonames": "place/geonames/",
    "iso3166": "place/iso3166/",
}
_SAFE = re.compile(r"[A-Za-z0-9._~-]{1,80}")
_HASHED = re.compile(r"-[0-9a-f]{10}$")  # the shape of a hashed slug: never produced by the plain path
_NONNEG = XSD.nonNegativeInteger


#: The prefixes eventkg's outputs use (also the JSON-LD context).
PREFIXES = {
    "ekg": str(EKG._NS),
    "nif": str(NIF),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "ekgid": BASE,
}


def bind_prefixes(g: Graph | Dataset) -> None:
    """Bind the prefixes eventkg's outputs use."""
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(ns), override=True, replace=True)


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article: readable when the id is a plain slug, else slug plus hash.

    Examples
    --------
    >>> str(article_iri("quetta-2024-05-06"))
    'https://w3id.org/eventkg/id/article/quetta-2024-05-06'
    >>> str(article_iri("a b/c"))
    'https://w3id.org/eventkg/id/article/a-b-c-fa4fb713dd'
    """
    if (
        _SAFE.fullmatch(article_id)
        and re.search(r"[A-Za-z0-9]", article_id)
        and not _HASHED.search(article_id)
    ):
        return URIRef(f"{BASE}article/{article_id}")
    readable = re.sub(r"[^A-Za-z0-9]+", "-", article_id).strip("-")[:60] or "article"
    digest = hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:10]
    return URIRef(f"{BASE}article/{quote(readable, safe='-')}-{digest}")


def _entity_iri(art: URIRef, ent: Entity) -> URIRef:
    prefix, _, rest = ent.key.partition(":")
    if ent.global_id and prefix in _GLOBAL_PREFIX:
        return URIRef(BASE + _GLOBAL_PREFIX[prefix] + quote(rest, safe="-._~"))
    return URIRef(f"{art}/{quote(prefix, safe='')}/{quote(rest, safe='-._~')}")


class _Builder:
    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.art = article_iri(ex.article.id)
        self.g = Graph(identifier=self.art)
        self.ctx = URIRef(f"{self.art}#char=0,{len(ex.article.text)}")
        self.iris = {e.key: _entity_iri(self.art, e) for e in ex.entities}

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def phrase(self, m: Mention) -> URIRef:
        iri = URIRef(f"{self.art}#char={m.start},{m.end}")
        self.add(iri, RDF.type, NIF.Phrase)
        self.add(iri, NIF.anchorOf, Literal(m.text))
        self.add(iri, NIF.beginIndex, Literal(m.start, datatype=_NONNEG))
        self.add(iri, NIF.endIndex, Literal(m.end, datatype=_NONNEG))
        self.add(iri, NIF.referenceContext, self.ctx)
        return iri

    def article(self, a: Article) -> None:
        s = self.art
        self.add(s, RDF.type, EKG.Article)
        self.add(s, EKG.articleId, Literal(a.id))
        if a.published is not None:
            self.add(s, SCHEMA.datePublished, Literal(a.published.isoformat(), datatype=XSD.date))
        if a.title:
            self.add(s, SCHEMA.headline, Literal(a.title))
        if a.url:
            self.add(s, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI))
        if a.source:
            self.add(s, SCHEMA.publisher, Literal(a.source))
        self.add(s, EKG.textContext, self.ctx)
        self.add(self.ctx, RDF.type, NIF.Context)
        self.add(self.ctx, NIF.isString, Literal(a.text))
        self.add(self.ctx, NIF.beginIndex, Literal(0, datatype=_NONNEG))
        self.add(self.ctx, NIF.endIndex, Literal(len(a.text), datatype=_NONNEG))

    def entity(self, e: Entity) -> None:
        s = self.iris[e.key]
        self.add(s, RDF.type, EKG[e.kind])
        self.add(s, RDFS.label, Literal(e.label))
        for alias in e.aliases:
            self.add(s, SKOS.altLabel, Literal(alias))
        for m in e.mentions:
            self.add(s, EKG.mention, self.phrase(m))
        for ident in e.ids:
            scheme, _, value = ident.partition(":")
            if scheme == "wikidata":
                self.add(s, SCHEMA.sameAs, URIRef(WIKIDATA + value))
            elif scheme == "geonames":
                self.add(s, SCHEMA.sameAs, URIRef(f"{GEONAMES}{value}/"))
            elif scheme == "iso3166":
                self.add(s, EKG.isoCode, Literal(value))
        if e.parent is not None and e.parent in self.iris:
            self.add(s, EKG.locatedIn, self.iris[e.parent])
        if e.latitude is not None and e.longitude is not None:
            self.add(s, SCHEMA.latitude, Literal(e.latitude, datatype=XSD.double))
            self.add(s, SCHEMA.longitude, Literal(e.longitude, datatype=XSD.double))
        if e.title:
            self.add(s, EKG.title, Literal(e.title))
        if e.affiliation is not None and e.affiliation in self.iris:
            self.add(s, EKG.affiliation, self.iris[e.affiliation])

    def event(self, ev: Event) -> URIRef:
        s = URIRef(f"{self.art}/{quote(ev.key, safe='-._~')}")
        if ev.status == "asserted":
            self.add(s, RDF.type, EKG[ev.kind])
        else:
            self.add(s, RDF.type, EKG.PotentialEvent)
            self.add(s, EKG.status, _STATUS[ev.status])
            self.add(s, EKG.potentialType, EKG[ev.kind])
        self.add(s, RDFS.label, Literal(self._event_label(ev)))
        for m in ev.mentions:
            self.add(s, EKG.mention, self.phrase(m))
        for r in ev.roles:
            self.add(s, _ROLE[r.role], self.iris[r.entity])
        if ev.date:
            dtype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(ev.date)]
            self.add(s, EKG.date, Literal(ev.date, datatype=dtype))
            if ev.date_inferred:
                self.add(s, EKG.dateInferred, Literal(True))
        for prop, value in ((EKG.killed, ev.killed), (EKG.injured, ev.injured), (EKG.arrested, ev.arrested)):
            if value is not None:
                self.add(s, prop, Literal(value, datatype=_NONNEG))
        for n, f in enumerate(ev.figures, 1):
            fig = URIRef(f"{s}/figure-{n}")
            self.add(s, EKG.casualtyFigure, fig)
            self.add(fig, RDF.type, EKG.CasualtyFigure)
            self.add(fig, EKG.count, Literal(f.count, datatype=_NONNEG))
            self.add(fig, EKG.outcome, _OUTCOME[f.outcome])
            if f.group is not None:
                self.add(fig, EKG.group, self.iris[f.group])
            if f.mention is not None:
                self.add(fig, EKG.mention, self.phrase(f.mention))
        self.add(s, PROV.wasDerivedFrom, self.art)
        if ev.attributed_to is not None:
            self.add(s, PROV.wasAttributedTo, self.iris[ev.attributed_to])
        return s

    def _event_label(self, ev: Event) -> str:
        words = re.sub(r"(?<!^)(?=[A-Z])", " ", ev.kind).lower()
        if ev.status != "asserted":
            words = f"{ev.status} {words}"
        places = [self.ex.entity(r.entity).label for r in ev.roles if r.role == "place"]
        label = words[0].upper() + words[1:]
        if places:
            label += f" in {places[0]}"
        if ev.date:
            label += f" on {ev.date}" if len(ev.date) == 10 else f" in {ev.date}"
        return label

    def claims(self, events: dict[str, URIRef]) -> None:
        for c in self.ex.claims:
            s = URIRef(f"{self.art}/{quote(c.key, safe='-._~')}")
            self.add(s, RDF.type, EKG[c.kind])
            if c.claimant is not None:
                self.add(s, EKG.claimant, self.iris[c.claimant])
            if c.reported_by is not None:
                self.add(s, EKG.reportedBy, self.iris[c.reported_by])
            for key in c.about:
                self.add(s, EKG.about, events[key])
            if c.quote is not None:
                self.add(s, EKG.quote, Literal(c.quote.text))
                self.add(s, EKG.quoteMention, self.phrase(c.quote))
            for m in c.mentions:
                self.add(s, EKG.mention, self.phrase(m))
            self.add(s, PROV.wasDerivedFrom, self.art)

    def build(self) -> Graph:
        self.article(self.ex.article)
        for e in self.ex.entities:
            self.entity(e)
        events = {ev.key: self.event(ev) for ev in self.ex.events}
        self.claims(events)
        return self.g


def article_graph(extraction: Extraction) -> Graph:
    """The named graph of one article (its identifier is the article's IRI).

    Examples
    --------
    >>> from eventkg.models import Article, Extraction
    >>> g = article_graph(Extraction(article=Article(id="a1", text="Nothing happened.")))
    >>> str(g.identifier)
    'https://w3id.org/eventkg/id/article/a1'
    """
    g = _Builder(extraction).build()
    bind_prefixes(g)
    return g


def build_graph(extractions: Iterable[Extraction]) -> Dataset:
    """A Dataset with one named graph per article.

    Examples
    --------
    >>> from eventkg.models import Article, Extraction
    >>> exs = [Extraction(article=Article(id=i, text="x")) for i in ("a1", "a2")]
    >>> ds = build_graph(exs)
    >>> len([g for g in ds.graphs() if len(g)])
    2
    """
    ds = Dataset()
    bind_prefixes(ds)
    for ex in extractions:
        g = article_graph(ex)
        named = ds.graph(g.identifier)
        for t in g:
            named.add(t)
    return ds
