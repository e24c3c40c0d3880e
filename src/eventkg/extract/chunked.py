"""Extraction from a long article, one parsed piece at a time.

:func:`eventkg.nlp.parse_chunks` cuts a long text into pieces and parses them one by one;
:func:`extract_chunked` runs :func:`eventkg.extract.extract` on each piece as it comes,
shifts every offset by the piece's start so it indexes the whole ``Article.text`` again,
and merges the pieces' results into one :class:`Extraction`. Only the results are kept,
never the parsed pieces, so memory does not grow with the parse of the whole text.

Entity keys are minted from names and external ids, so the same key in two pieces is the
same entity: its mentions and aliases are merged. Event and claim keys are numbered per
piece (``event-1``, ``claim-3-responsibility``); later pieces' numbers are moved past the
earlier pieces' so every key stays unique and the result is the same on every run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from eventkg.extract import extract
from eventkg.models import Article, Claim, Entity, Event, Extraction, Mention
from eventkg.nlp import Chunk

__all__ = ["extract_chunked"]

# an event or claim key: "event-12", "potential-3", "claim-4-responsibility"
_NUMBERED = re.compile(r"(?P<kind>[a-z]+)-(?P<n>\d+)(?P<rest>.*)")


def extract_chunked(chunks: Iterable[Chunk], article: Article) -> Extraction:
    """Extract from each parsed piece of ``article`` and merge the results.

    Parameters
    ----------
    chunks : iterable of eventkg.nlp.Chunk
        ``eventkg.nlp.parse_chunks(nlp, article)``; consumed one piece at a time.
    article : Article
        The whole article.

    Returns
    -------
    Extraction
        The same as ``extract(doc, article)`` for a text parsed in one piece; for a long
        text, the pieces' events, claims and entities with offsets into ``article.text``.

    Examples
    --------
    >>> from eventkg.models import Article
    >>> from eventkg.nlp import make_nlp, parse_chunks
    >>> art = Article(id="x", text="Gunmen killed three soldiers in Kabul. " * 3)
    >>> ex = extract_chunked(parse_chunks(make_nlp(), art, size=40), art)  # 3 pieces
    >>> [e.key for e in ex.events]
    ['event-1', 'event-2', 'event-3']
    >>> [(m.start, art.text[m.start : m.end]) for m in ex.events[2].mentions]
    [(85, 'killed')]
    >>> [[m.start for m in e.mentions] for e in ex.entities if e.label == "Kabul"]  # one entity
    [[32, 71, 110]]
    """
    parts = []
    for chunk in chunks:
        part = extract(chunk.doc, chunk.article)
        if chunk.article is article:
            return part  # the text was parsed in one piece
        parts.append(_shifted(part, chunk.start))
    return _merged(article, parts)


def _shifted(ex: Extraction, by: int) -> Extraction:
    """``ex`` with every mention moved ``by`` characters to the right."""

    def m(mention: Mention) -> Mention:
        return Mention(mention.start + by, mention.end + by, mention.text)

    def opt(mention: Mention | None) -> Mention | None:
        return None if mention is None else m(mention)

    return replace(
        ex,
        entities=tuple(replace(e, mentions=tuple(map(m, e.mentions))) for e in ex.entities),
        events=tuple(
            replace(
                e,
                mentions=tuple(map(m, e.mentions)),
                date_mention=opt(e.date_mention),
                figures=tuple(replace(f, mention=opt(f.mention)) for f in e.figures),
            )
            for e in ex.events
        ),
        claims=tuple(replace(c, mentions=tuple(map(m, c.mentions)), quote=opt(c.quote)) for c in ex.claims),
    )


def _merged(article: Article, parts: list[Extraction]) -> Extraction:
    """The pieces' results in text order: entities merged by key, events and claims renumbered."""
    entities: dict[str, Entity] = {}
    events: list[Event] = []
    claims: list[Claim] = []
    top: dict[str, int] = {}  # the highest number each kind of key ("event", "claim") has so far
    for part in parts:
        for e in part.entities:
            entities[e.key] = _same_entity(entities[e.key], e) if e.key in entities else e
        offset = dict(top)
        own = [e.key for e in part.events] + [c.key for c in part.claims]
        keys = {k: _renumbered(k, offset) for k in own}
        events += (replace(e, key=keys[e.key]) for e in part.events)
        claims += (replace(c, key=keys[c.key], about=tuple(keys[k] for k in c.about)) for c in part.claims)
        for key in keys.values():
            if match := _NUMBERED.fullmatch(key):
                top[match["kind"]] = max(top.get(match["kind"], 0), int(match["n"]))
    return Extraction(
        article=article,
        entities=tuple(entities.values()),
        events=tuple(events),
        claims=tuple(claims),
        warnings=tuple(w for part in parts for w in part.warnings),
    )


def _renumbered(key: str, offset: dict[str, int]) -> str:
    """``event-2`` -> ``event-7`` when earlier pieces numbered events up to 5."""
    match = _NUMBERED.fullmatch(key)
    if match is None:
        return key
    return f"{match['kind']}-{int(match['n']) + offset.get(match['kind'], 0)}{match['rest']}"


def _same_entity(a: Entity, b: Entity) -> Entity:
    """One entity seen in two pieces (``a`` earlier): ``a``'s name, both pieces' mentions and
    aliases, and what only ``b``'s piece says (the country a place lies in, a title)."""
    return replace(
        a,
        aliases=tuple(x for x in dict.fromkeys(a.aliases + b.aliases) if x != a.label),
        mentions=a.mentions + b.mentions,  # pieces follow each other: still in text order
        ids=a.ids or b.ids,
        parent=a.parent or b.parent,
        latitude=a.latitude if a.latitude is not None else b.latitude,
        longitude=a.longitude if a.longitude is not None else b.longitude,
        title=a.title or b.title,
        affiliation=a.affiliation or b.affiliation,
        global_id=a.global_id or b.global_id,
    )
