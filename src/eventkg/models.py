"""Plain data passed between the pipeline stages.

``articles.py`` produces :class:`Article`; ``extract/`` turns one article plus its parsed
text into an :class:`Extraction`; ``rdf/`` turns extractions into RDF. Nothing here
imports spaCy or rdflib, so every stage can be tested on plain values.

Offsets are Python ``str`` indices (Unicode code points) into ``Article.text``: the text
exactly as read, after a leading ``date YYYY-MM-DD`` header line (if any) was removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "ENTITY_KINDS",
    "EVENT_FAMILY",
    "EVENT_KINDS",
    "STATUSES",
    "Article",
    "CasualtyFigure",
    "Claim",
    "Entity",
    "Event",
    "Extraction",
    "Mention",
    "Role",
]

#: Event classes (local names in ``ontology/eventkg.ttl``), most specific first is not implied.
EVENT_KINDS = (
    "Attack",
    "Bombing",
    "SuicideBombing",
    "Shooting",
    "Stabbing",
    "VehicleRamming",
    "Kidnapping",
    "Arson",
    "Battle",
    "Arrest",
    "Seizure",
)

#: The CONTRACT's core class each event class falls under.
EVENT_FAMILY = {k: "Attack" for k in EVENT_KINDS[:8]} | {k: k for k in ("Battle", "Arrest", "Seizure")}

#: Entity classes (local names in ``ontology/eventkg.ttl``).
ENTITY_KINDS = (
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

#: Factuality of an event mention. Only ``asserted`` events become ``ekg:Event`` nodes;
#: the others are kept as ``ekg:PotentialEvent`` with this status.
STATUSES = ("asserted", "possible", "threatened", "planned", "foiled", "denied", "negated")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from the input.

    Attributes
    ----------
    id : str
        The id given in the input, or the file stem.
    text : str
        The text that mention offsets index into.
    published : datetime.date or None
        Publication date (from the input, a ``date`` header or a wire dateline).
    title, url, source : str or None
        Headline, original address and outlet (``source`` in JSONL, ``(EFE)`` in a dateline).
    path : str or None
        The file the article came from (``-`` for stdin).
    line : int or None
        1-based line in ``path`` for JSONL input.
    dateline_place : str or None
        The place named by a wire dateline (``LIMA, 10 JAN 90 (EFE) --``).
    dateline_end : int
        Offset where the body starts after a wire dateline (0 when there is none).
    """

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None
    line: int | None = None
    dateline_place: str | None = None
    dateline_end: int = 0

    @property
    def where(self) -> str:
        """``file`` or ``file:line``, for messages."""
        base = self.path or "<input>"
        return f"{base}:{self.line}" if self.line is not None else base


@dataclass(frozen=True, slots=True, order=True)
class Mention:
    """A span of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, place, weapon or target the article names.

    ``key`` is unique within one extraction and stable for the same input. Entities with
    an external id (Wikidata, GeoNames, ISO 3166) use it as key, so the same thing gets the
    same IRI in every article graph.
    """

    key: str
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    ids: tuple[str, ...] = ()  # e.g. "wikidata:Q2429253", "geonames:128234", "iso3166:IR"
    parent: str | None = None  # key of the place this place lies in
    latitude: float | None = None
    longitude: float | None = None
    title: str | None = None  # "city prosecutor" for a person
    affiliation: str | None = None  # key of the organisation a speaker speaks for ("Taliban spokesman X")
    global_id: bool = False  # True: the key is an external id, shared across articles


@dataclass(frozen=True, slots=True)
class Role:
    """``event --role--> entity`` (role is a CONTRACT.md property name: perpetrator, ...)."""

    role: str
    entity: str


@dataclass(frozen=True, slots=True)
class CasualtyFigure:
    """``count`` people with ``outcome`` (killed / injured / arrested), optionally of ``group``."""

    count: int
    outcome: str
    group: str | None = None
    mention: Mention | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One event the article reports (several mentions may refer to it)."""

    key: str
    kind: str
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...] = ()
    date: str | None = None  # "2024-01-03", "2024-01" or "2024"
    date_mention: Mention | None = None
    #: the text gives no date: ``date`` is the month of the report, as ACLED codes it
    date_inferred: bool = False
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    figures: tuple[CasualtyFigure, ...] = ()
    status: str = "asserted"
    attributed_to: str | None = None  # entity key of the speaker the fact comes from


@dataclass(frozen=True, slots=True)
class Claim:
    """A responsibility claim or a reported statement.

    ``kind`` is ``ResponsibilityClaim``, ``Statement``, ``Denial`` or ``Accusation``.
    """

    key: str
    kind: str
    claimant: str | None
    mentions: tuple[Mention, ...]
    about: tuple[str, ...] = ()  # event keys
    reported_by: str | None = None  # entity key of the outlet relaying it
    quote: Mention | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def entity(self, key: str) -> Entity:
        """The entity with ``key`` (KeyError if absent)."""
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)
