"""Merging the pieces of a long article (``extract/chunked.py``), on plain values."""

from __future__ import annotations

from eventkg.extract.chunked import _merged, _shifted
from eventkg.models import Article, Claim, Entity, Event, Extraction, Mention, Role

TEXT = "Gunmen killed Ali Musa. Musa's group said it did it. " * 2
HALF = len(TEXT) // 2


def piece(text: str, *, parent: str | None) -> Extraction:
    """What ``extract`` gives for one half of ``TEXT`` (offsets into that half)."""

    def at(word: str) -> Mention:
        start = text.index(word)
        return Mention(start, start + len(word), word)

    return Extraction(
        article=Article(id="a", text=text),
        entities=(
            Entity("person:ali-musa", "Person", "Ali Musa", aliases=("Musa",), mentions=(at("Ali Musa"),)),
            Entity("place:x", "Place", "X", parent=parent),
        ),
        events=(
            Event("event-1", "Attack", (at("killed"),), roles=(Role("victim", "person:ali-musa"),)),
            Event("potential-1", "Attack", (at("did"),), status="possible"),
        ),
        claims=(
            Claim("claim-2", "Statement", "person:ali-musa", (at("said"),), about=("event-1",)),
            Claim(
                "claim-2-responsibility",
                "ResponsibilityClaim",
                "person:ali-musa",
                (at("said"),),
                ("event-1",),
            ),
        ),
        warnings=(f"from {parent}",),
    )


def test_pieces_are_shifted_merged_and_renumbered() -> None:
    article = Article(id="a", text=TEXT)
    first, second = piece(TEXT[:HALF], parent=None), piece(TEXT[HALF:], parent="iso3166:PK")
    ex = _merged(article, [_shifted(first, 0), _shifted(second, HALF)])
    assert ex.article is article
    assert [e.key for e in ex.events] == ["event-1", "potential-1", "event-2", "potential-2"]
    assert [(c.key, c.about) for c in ex.claims] == [
        ("claim-2", ("event-1",)),
        ("claim-2-responsibility", ("event-1",)),
        ("claim-4", ("event-2",)),
        ("claim-4-responsibility", ("event-2",)),
    ]
    mentions = [m for e in ex.events for m in e.mentions] + [m for c in ex.claims for m in c.mentions]
    mentions += [m for e in ex.entities for m in e.mentions]
    assert all(TEXT[m.start : m.end] == m.text for m in mentions)
    assert {m.start >= HALF for m in ex.events[2].mentions} == {True}
    person, place = ex.entities  # one entity per key, both pieces' mentions, the parent the second knew
    assert [m.start for m in person.mentions] == [14, HALF + 14] and person.aliases == ("Musa",)
    assert place.parent == "iso3166:PK"
    assert ex.warnings == ("from None", "from iso3166:PK")
