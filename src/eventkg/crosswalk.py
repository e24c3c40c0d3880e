"""Event types in the analysts' taxonomies: CAMEO, ACLED, GTD and PLOVER.

``ontology/crosswalk.ttl`` holds the four taxonomies as SKOS concept schemes (each concept
with its code, label and the codebook it comes from) and maps eventkg's event classes to
them with ``skos:exactMatch``, ``closeMatch``, ``broadMatch`` and ``narrowMatch``.
:func:`codes_for` picks, for one class and each scheme, the concept an export should use;
:func:`crosswalk_table` lists every mapping (``eventkg types`` prints it).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from rdflib import RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from eventkg.resources import crosswalk_graph, ontology_graph

__all__ = ["SCHEMES", "Code", "CrosswalkRow", "codes_for", "concept", "crosswalk_table"]

#: The schemes, by their short name (the scheme's skos:notation), in display order.
SCHEMES = ("cameo", "acled", "gtd", "gtd-weapon", "plover")

#: Which mapping an export prefers, best first. narrowMatch and relatedMatch never label an
#: event: the concept is narrower than what we know, or only related.
_PREFERENCE = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)
_MATCHES = (*_PREFERENCE, SKOS.narrowMatch, SKOS.relatedMatch)
_MATCH_NAMES = {m: m.fragment for m in _MATCHES}


@dataclass(frozen=True, slots=True)
class Code:
    """One concept of a taxonomy, as an export writes it.

    Attributes
    ----------
    scheme : str
        ``cameo``, ``acled``, ``gtd``, ``gtd-weapon`` or ``plover``.
    code : str
        The codebook's code (``skos:notation``): ``"1831"``, ``"Suicide bomb"``, ``"3"``.
    label : str
        The codebook's label (``skos:prefLabel``).
    parent_code, parent_label : str or None
        The broader concept's code and label (ACLED's event type above a sub-event
        type, PLOVER's event type above a mode), if any.
    iri : str
        The concept's IRI in ``ontology/crosswalk.ttl``.
    match : str
        How the class maps to it: ``exactMatch``, ``closeMatch``, ``broadMatch``,
        ``narrowMatch`` or ``relatedMatch``.
    source : str
        Where the codebook is published (its ``dcterms:identifier``).
    """

    scheme: str
    code: str
    label: str
    parent_code: str | None
    parent_label: str | None
    iri: str
    match: str
    source: str


@dataclass(frozen=True, slots=True)
class CrosswalkRow:
    """One mapping: an eventkg class (or status) to one concept."""

    ekg_class: str
    code: Code


def codes_for(cls: str | URIRef) -> dict[str, Code]:
    """The concept each scheme gives an event of class ``cls``.

    Per scheme the best mapping of the class wins (exactMatch, then closeMatch, then
    broadMatch); a class without one inherits its superclass's (``rdfs:subClassOf`` in
    ``ontology/eventkg.ttl``). Schemes with nothing to offer are left out.

    Examples
    --------
    >>> codes = codes_for("https://w3id.org/eventkg/ontology#SuicideBombing")
    >>> codes["cameo"].code, codes["acled"].parent_code, codes["acled"].code, codes["gtd"].label
    ('1831', 'Explosions/Remote violence', 'Suicide bomb', 'Bombing/Explosion')
    >>> codes_for("https://w3id.org/eventkg/ontology#Stabbing")["gtd"].match
    'broadMatch'
    """
    return dict(_codes_for(URIRef(str(cls))))


@functools.cache
def _codes_for(cls: URIRef) -> tuple[tuple[str, Code], ...]:
    found: dict[str, Code] = {}
    for c in _lineage(cls):
        for match in _PREFERENCE:
            for target in sorted(str(x) for x in crosswalk_graph().objects(c, match)):
                code = _code(URIRef(target), match)
                found.setdefault(code.scheme, code)
    return tuple(sorted(found.items(), key=lambda kv: SCHEMES.index(kv[0])))


@functools.cache
def concept(scheme: str, code: str) -> Code:
    """The concept with code ``code`` in ``scheme`` (its ``match`` is ``""``).

    Raises
    ------
    KeyError
        If the scheme has no such code.

    Examples
    --------
    >>> concept("gtd-weapon", "9").label
    'Melee'
    """
    g = crosswalk_graph()
    for c in g.subjects(SKOS.notation, Literal(code)):
        found = _code(URIRef(str(c)), None)
        if found.scheme == scheme:
            return found
    raise KeyError(f"no code {code!r} in the {scheme} scheme of ontology/crosswalk.ttl")


def _lineage(cls: URIRef) -> list[URIRef]:
    """``cls`` and its superclasses, nearest first (breadth-first over rdfs:subClassOf)."""
    onto = ontology_graph()
    seen: list[URIRef] = []
    todo = [cls]
    while todo:
        c = todo.pop(0)
        if c in seen:
            continue
        seen.append(c)
        todo.extend(sorted(URIRef(p) for p in onto.objects(c, RDFS.subClassOf) if isinstance(p, URIRef)))
    return seen


def _code(iri: URIRef, match: URIRef | None) -> Code:
    g = crosswalk_graph()
    scheme = g.value(iri, SKOS.inScheme)
    broader = g.value(iri, SKOS.broader)
    codebook = g.value(iri, DCTERMS.source)
    return Code(
        scheme=str(g.value(scheme, SKOS.notation)),
        code=str(g.value(iri, SKOS.notation)),
        label=str(g.value(iri, SKOS.prefLabel)),
        parent_code=None if broader is None else str(g.value(broader, SKOS.notation)),
        parent_label=None if broader is None else str(g.value(broader, SKOS.prefLabel)),
        iri=str(iri),
        match="" if match is None else _MATCH_NAMES[match],
        source=str(g.value(codebook, DCTERMS.identifier)),
    )


def crosswalk_table() -> list[CrosswalkRow]:
    """Every mapping in the crosswalk, by class, scheme and strength of the match.

    Examples
    --------
    >>> rows = crosswalk_table()
    >>> [(r.code.code, r.code.match) for r in rows
    ...  if r.ekg_class.endswith("#SuicideBombing") and r.code.scheme == "cameo"]
    [('1831', 'exactMatch')]
    """
    g: Graph = crosswalk_graph()
    rows = [
        CrosswalkRow(str(cls), _code(URIRef(str(target)), match))
        for match in _MATCHES
        for cls, target in g.subject_objects(match)
    ]
    order = {m: i for i, m in enumerate(_MATCH_NAMES.values())}
    return sorted(
        rows,
        key=lambda r: (r.ekg_class, SCHEMES.index(r.code.scheme), order[r.code.match], r.code.code),
    )
