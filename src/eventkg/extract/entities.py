"""Entities: actors, places, weapons and targets, with every mention and alias seen.

:class:`EntityTable` collects entities while the other extractors run; :func:`recognize`
fills it from the named entities spaCy and the gazetteer ruler found, and
:meth:`EntityTable.filler` turns any token that fills an event role into an entity
(a named one it belongs to, or a described group or target such as "two policemen").
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.tokens import Doc, Span, Token

from eventkg.extract import lexicon as lx
from eventkg.extract.numbers import parse_number
from eventkg.extract.places import PlaceRecord, capital, capital_of, fold, resolve_place
from eventkg.models import Article, Entity, Mention
from eventkg.nlp.gazetteers import GazetteerEntry, demonyms, entry_index, load_gazetteer
from eventkg.nlp.truecase import NAME_PARTICLES, ORG_HEADS

__all__ = ["EntityTable", "np_tokens", "recognize"]

_AGENT_KINDS = {"ArmedGroup", "Organization", "NewsOutlet", "Person", "Group"}
_PLACE_KINDS = {"Place", "City", "Region", "Country", "Site"}
_NP_LEFT = {"compound", "amod", "nummod", "quantmod", "nmod", "poss", "npadvmod"}


@dataclass
class _Draft:
    key: str
    kind: str
    label: str
    aliases: dict[str, None] = field(default_factory=dict)
    mentions: set[Mention] = field(default_factory=set)
    ids: tuple[str, ...] = ()
    parent: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    title: str | None = None
    affiliation: str | None = None  # set by claims.py for speakers
    global_id: bool = False
    category: str | None = None  # weapon category (explosive, firearm, ...)
    suicide: bool = False


def slug(s: str) -> str:
    """ASCII slug for keys: ``"Ahmed Musa" -> "ahmed-musa"``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-") or "x"


def np_tokens(tok: Token, *, with_numbers: bool = True) -> list[Token]:
    """The head noun and its left modifiers (compound, adjective, number), without determiners."""
    out = [tok]
    for child in tok.lefts:
        hyphened = child.i + 1 < len(child.doc) and child.doc[child.i + 1].text == "-"  # "10-year-old"
        if child.dep_ in _NP_LEFT and (with_numbers or hyphened or child.dep_ not in ("nummod", "quantmod")):
            if child.dep_ == "poss" and child.pos_ == "PRON":
                continue
            if child.lower_ in _RELATIVE_DAYS:
                continue  # "yesterday" the parser hung on the noun; not "Christmas market"
            if child.lower_ in _HEDGES:
                continue  # "the so-called ELN Camilist Union" is the Camilist Union
            if not with_numbers and (child.like_num or child.ent_type_ == "CARDINAL") and not hyphened:
                continue
            out.extend(np_tokens(child, with_numbers=with_numbers))
    if tok.dep_ != "compound":  # "Iran's late commander": keep flat PROPN chains only
        out.extend(t for t in tok.rights if t.dep_ == "compound")
    return sorted(set(out), key=lambda t: t.i)


_RELATIVE_DAYS = {"yesterday", "today", "tonight", "tomorrow"}
#: words that distance the writer from a name: not part of it
_HEDGES = {"called", "so-called", "self-styled", "self-proclaimed", "styled"}


def named_before(tok: Token) -> bool:
    """Whether "the", "this" or "that" before ``tok`` points back to something already named."""
    return any(c.lower_ in ("the", "this", "that") for c in tok.lefts)


_OWNERS = {"my", "our", "their", "your", "its"}


def _a_whole_people(tok: Token) -> bool:
    """ "the Salvadoran people", "our people", "the Peruvian population": a whole nation, which a
    speech may say is killed or attacked, not a group of victims of one incident."""
    if tok.lower_ not in ("people", "population") or any(c.dep_ == "nummod" for c in tok.children):
        return False
    return any(
        (c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE"))
        or (c.dep_ == "poss" and c.lower_ in _OWNERS)
        for c in tok.children
    )


class EntityTable:
    """Entities of one article, keyed; mentions and aliases accumulate."""

    def __init__(self, doc: Doc, article: Article) -> None:
        self.doc = doc
        self.article = article
        self.items: dict[str, _Draft] = {}
        self.by_token: dict[int, str] = {}
        self.countries: set[str] = set()
        #: ISO codes of the countries whose people the text names ("Salvadoran troops")
        self.nationalities: Counter[str] = Counter()
        self.armed_mentions: list[tuple[int, str]] = []  # (token index, key) of named armed groups
        self.group_counts: dict[str, int] = {}  # described group -> the number it was first given
        self.peoples: set[str] = set()  # "the Salvadoran people", "our people": a nation, not a group

    # -- building -----------------------------------------------------------------------
    def mention(self, start: int, end: int) -> Mention:
        """A mention of ``article.text[start:end]`` (whitespace trimmed)."""
        text = self.article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Mention(start, end, text[start:end])

    def span_mention(self, tokens: list[Token] | Span) -> Mention:
        toks = list(tokens)
        return self.mention(toks[0].idx, toks[-1].idx + len(toks[-1].text))

    def add(
        self,
        key: str,
        kind: str,
        label: str,
        mention: Mention | None = None,
        *,
        ids: tuple[str, ...] = (),
        parent: str | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
        global_id: bool = False,
        alias: bool = True,
    ) -> str:
        """Add an entity, or a mention (and alias, unless ``alias=False``) of a known one."""
        d = self.items.get(key)
        if d is None:
            d = self.items[key] = _Draft(
                key,
                kind,
                " ".join(label.split()),  # a name wrapped over two lines is one name
                ids=ids,
                parent=parent,
                latitude=latitude,
                longitude=longitude,
                global_id=global_id,
            )
        if mention is not None and mention.text:
            d.mentions.add(mention)
            if alias:
                d.aliases[mention.text] = None
        return key

    def add_place(self, rec: PlaceRecord, mention: Mention | None) -> str:
        """Add a gazetteer place and its country."""
        parent = rec.parent
        parent_key = self.add_place(parent, None) if parent is not None else None
        self.countries.add(rec.country)
        key = self.add(
            rec.key,
            rec.kind,
            rec.label,
            mention,
            ids=rec.ids,
            parent=parent_key,
            latitude=rec.latitude,
            longitude=rec.longitude,
            global_id=True,
        )
        plain = "".join(c for c in unicodedata.normalize("NFKD", rec.label) if not unicodedata.combining(c))
        if plain != rec.label:  # "Itagüí" is also written "Itagui"
            self.items[key].aliases[plain] = None
        return key

    def kind(self, key: str) -> str:
        return self.items[key].kind

    def draft(self, key: str) -> _Draft:
        return self.items[key]

    def ancestors(self, key: str) -> list[str]:
        """``key`` and the keys of the places it lies in."""
        out = []
        cur: str | None = key
        while cur is not None and cur not in out:
            out.append(cur)
            cur = self.items[cur].parent if cur in self.items else None
        return out

    def freeze(self, used: set[str]) -> tuple[Entity, ...]:
        """The entities, without described groups and targets that fill no role (``used``)."""
        keep = {k for k, d in self.items.items() if d.kind not in ("Group", "Target") or k in used}
        keep |= {a for k in list(keep) for a in self.ancestors(k)}
        out = []
        for d in self.items.values():
            if d.key not in keep:
                continue
            mentions = tuple(sorted(d.mentions))
            aliases = tuple(a for a in d.aliases if a != d.label)
            out.append(
                Entity(
                    key=d.key,
                    kind=d.kind,
                    label=d.label,
                    aliases=aliases,
                    mentions=mentions,
                    ids=d.ids,
                    parent=d.parent,
                    latitude=d.latitude,
                    longitude=d.longitude,
                    title=d.title,
                    affiliation=d.affiliation,
                    global_id=d.global_id,
                )
            )
        return tuple(out)

    # -- lookups ------------------------------------------------------------------------
    def last_armed_group(self, before: int, within: int | None = None) -> str | None:
        """The armed group named last before token ``before`` (at most ``within`` tokens back)."""
        keys = [k for i, k in self.armed_mentions if i < before and (within is None or before - i <= within)]
        return keys[-1] if keys else None

    def last_named(self, kind: str, before: int, within: int | None = None) -> str | None:
        """The entity of ``kind`` (Person, City...) named last before token ``before`` (at most
        ``within`` tokens back)."""
        stop = -1 if within is None else max(-1, before - within - 1)
        for i in range(before - 1, stop, -1):
            key = self.by_token.get(i)
            if key is not None and self.items[key].kind == kind:
                return key
        return None

    def last_person(self, before: int, within: int) -> str | None:
        """The person named last before token ``before`` (at most ``within`` tokens back)."""
        return self.last_named("Person", before, within)

    def filler(self, tok: Token) -> tuple[str, str] | None:
        """The entity a role-filling token stands for, and its category.

        Categories: ``agent`` (can act: a group, an organisation), ``person`` (a named
        person: agent or victim), ``human`` (a described group of people), ``place``,
        ``target``, ``weapon``. Returns None for tokens that name nothing useful.
        """
        key = self.by_token.get(tok.i)
        if key is not None:
            kind = self.items[key].kind
            if kind == "Weapon":
                return key, "weapon"
            if kind == "Site":
                return key, "site"  # a named facility: a target, or where it happened
            if kind in _PLACE_KINDS:
                return key, "place"
            if kind == "Person":
                return key, "person"
            if kind == "Group":
                return key, "human"
            return key, "agent"
        if tok.pos_ == "PRON":
            return None
        for child in tok.children:  # "the terrorist group Islamic State": the name in apposition
            if (
                child.dep_ == "appos"
                and child.i in self.by_token
                and (child.i - tok.i <= 3 or all(t.is_punct for t in tok.doc[tok.i + 1 : child.left_edge.i]))
            ):  # "the commander's wife, Stela Torrado de Otalora": the name, so described
                appos = self.filler(child)
                listed = any(g.dep_ == "conj" for g in child.children)  # "two brothers, X and Y": both
                if appos is not None and appos[1] == "person" and not listed:
                    self.phrase_alias(appos[0], tok)
                return appos
        lemma = noun_lemma(tok)
        low = tok.lower_
        named = self.member_org(tok)  # "Boko Haram fighters", "members of ISIS": acting for the group
        if named is not None:
            return named, "agent"
        if lemma in lx.PLACE_KIND_NOUNS:  # "the city of X"
            for prep in tok.rights:
                if prep.lower_ == "of":
                    for pobj in prep.children:
                        found = self.filler(pobj)
                        if found and found[1] == "place":
                            return found
        if (
            lemma in ("city", "town", "village", "province")
            and named_before(tok)
            and not any(c.dep_ in ("amod", "compound", "nmod") for c in tok.lefts)
        ):  # "bombs across the city": the city named last
            place = self.last_named(lx.PLACE_KIND_NOUNS[lemma], tok.i)
            if place is not None:
                d = self.items[place]
                self.add(place, d.kind, d.label, self.span_mention([tok]), alias=False)
                return place, "place"
        if lemma in lx.CONTAINER_NOUNS:  # "a group of terrorists": the terrorists
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        inner = self.filler(pobj) if pobj.dep_ == "pobj" else None
                        if inner is not None:
                            return inner
        if lemma in lx.COLLECTIVE_NOUNS and named_before(tok):
            armed = self.last_armed_group(tok.i)
            if armed is not None:
                self.add(
                    armed,
                    "ArmedGroup",
                    self.items[armed].label,
                    self.span_mention(np_tokens(tok)),
                    alias=False,
                )
                return armed, "agent"
        if tok.ent_type_ == "NORP" or lemma in lx.HUMAN_NOUNS or low in lx.HUMAN_NOUNS:
            return self.group(tok), "agent" if (lemma in lx.ACTOR_NOUNS or low in lx.ACTOR_NOUNS) else "human"
        if tok.ent_type_ in ("DATE", "TIME"):
            return None  # "on 18 March", "on the night of the march": when, not what
        if lemma in lx.FACILITY_NOUNS or low in lx.FACILITY_NOUNS or lemma in lx.EVENT_TARGET_NOUNS:
            return self.target(tok), "target"  # "headquarters", whose lemma is "headquarter"
        return None

    def member_org(self, tok: Token) -> str | None:
        """The named group a phrase of its members names: "Taliban gunmen", "members of ISIS"."""
        if (
            tok.lemma_.lower() not in lx.MEMBER_NOUNS
            and tok.lower_ not in lx.MEMBER_NOUNS
            and not _of_people(tok)
        ):
            return None
        if self._named_group(tok) is not None:
            return None  # "the Camilist Union Army of National Liberation" is a group's own name
        for child in tok.children:
            named = self._named_group(child) if child.dep_ in ("compound", "nmod", "poss") else None
            if named is None and child.dep_ == "prep" and child.lower_ in ("of", "from"):
                named = next((n for n in map(self._named_or_unit, child.children) if n), None)
            if named is not None:
                return named
        return None

    def people(self, tok: Token) -> tuple[str, str] | None:
        """The people a phrase names, for victim and detainee roles: "seven Taliban militants"
        are militants (not the Taliban itself); otherwise what :meth:`filler` finds."""
        if self.member_org(tok) is not None:
            return self.member_group(tok) or self.group(tok), "human"
        return self.filler(tok)

    def member_group(self, tok: Token) -> str | None:
        """ "members of the FMLN", "Taliban gunmen": a described group of its members, beside
        the named group itself."""
        named = self.member_org(tok)
        if named is None:  # "a group of six urban guerrillas of the FMLN": the guerrillas
            return next((m for p, _ in _of_people(tok) if (m := self.member_group(p)) is not None), None)
        first = min((t.i for t in tok.subtree if self.by_token.get(t.i) == named), default=tok.i)
        if noun_lemma(tok) in lx.COLLECTIVE_NOUNS and first < tok.i:
            # "the Islamic State militant group" is the group itself
            text = self.mention(self.doc[first].idx, tok.idx + len(tok)).text
            self.items[named].aliases[" ".join(re.sub('["“”]', " ", text).split())] = None
            return None
        if not any(c.dep_ == "prep" for c in tok.children):
            return self.group(tok)  # "Taliban gunmen" (also called "gunmen")
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for pobj in prep.children:
                    if self._named_or_unit(pobj) is not None:
                        toks = [t for t in tok.subtree if t.i <= max(x.i for x in pobj.subtree)]
                        toks = list(itertools.takewhile(lambda t: t.text not in "([", toks))  # "[FAL]"
                        toks = [t for t in toks if t.i >= tok.i or t.dep_ in ("amod", "compound")]
                        label = " ".join(_cased(t) if t.i in (tok.i, prep.i) else t.text for t in toks
                                         if t.text not in "[]()")  # fmt: skip
                        counted = [t for t in tok.lefts if t.dep_ == "nummod"]  # "3 members of the MPSC"
                        key = self.add(
                            f"group:{slug(label)}",
                            "Group",
                            label,
                            self.span_mention(sorted(counted + toks, key=lambda t: t.i)),
                        )
                        short = [t for t in np_tokens(tok, with_numbers=False) if t.pos_ != "DET"]
                        self.items[key].aliases[_joined(short)] = (
                            None  # "guerrillas of the FMLN": "guerrillas"
                        )
                        self._short_aliases(key, short)
                        for _, words in _of_people(tok):  # "a group of terrorists from the FAL"
                            self.items[key].aliases[_joined([*short, *words])] = None
                            self._short_aliases(key, words)
                        return key
        return None

    def _named_group(self, tok: Token) -> str | None:
        key = self.by_token.get(tok.i)
        if key is not None and self.items[key].kind in ("ArmedGroup", "Organization"):
            return key
        return None

    def home_country(self, key: str) -> str | None:
        """The one country an armed group fights in, where its gazetteer entry says."""
        if self.kind(key) != "ArmedGroup":
            return None
        entry = entry_index("armed_groups").get(key.removeprefix("armedgroup:"))
        return entry.country if entry is not None and entry.country else None

    def _named_or_unit(self, tok: Token) -> str | None:
        """The named group ``tok`` names, or the armed group whose unit it is: "the 17th Front
        of the FARC" acts for the FARC, whether the NER took "Front" for a name or not."""
        key = self._named_group(tok)
        if (key is None or self.items[key].kind == "Organization") and tok.lower_ in ORG_HEADS:
            for prep in tok.children:
                for p in prep.children if prep.dep_ == "prep" and prep.lower_ == "of" else ():
                    whole = self.by_token.get(p.i)
                    if whole is not None and self.items[whole].kind == "ArmedGroup":
                        return whole
        return key

    def group(self, tok: Token) -> str:
        """A described group of people named by the noun phrase headed by ``tok``."""
        toks = np_tokens(tok)
        label_toks = [t for t in np_tokens(tok, with_numbers=False) if t.pos_ != "DET"]
        label = _joined(label_toks) or tok.text
        key = self._same_group(tok, label) or f"group:{slug(label)}"
        key = self.add(key, "Group", label, self.span_mention(toks))
        self._short_aliases(key, label_toks)
        self.phrase_alias(key, tok)
        for again in _said_again(tok):  # "one civilian, a female street peddler"
            said = [t for t in np_tokens(again, with_numbers=False) if t.pos_ != "DET"]
            self.items[key].aliases[_joined(said)] = None
            self._short_aliases(key, said)
        if _a_whole_people(tok):
            self.peoples.add(key)
        return key

    def _same_group(self, tok: Token, label: str) -> str | None:
        """ "six NATO service members" ... "Six American NATO service members": a group given
        the same number and the same head, with more or fewer modifiers, is the one named before."""
        num = next((c for c in tok.children if c.dep_ == "nummod"), None)
        count = parse_number(num.text) if num is not None else None
        if count is None:
            return None
        words = set(slug(label).split("-"))
        for key, n in self.group_counts.items():
            other = set(key.removeprefix("group:").split("-"))
            same_head = key.rsplit("-", 1)[-1] == slug(label).rsplit("-", 1)[-1]
            if n == count and same_head and (words <= other or other <= words):
                return key
        self.group_counts[f"group:{slug(label)}"] = count
        return None

    def phrase_alias(self, key: str, tok: Token) -> None:
        """The whole description is also a name of what it describes: "the president's
        home", "offices of the workers' union federation", "daughter of the ambassador", "men
        wearing military uniforms"; each also without its count ("members of the MPSC")."""
        toks = _phrase(tok)
        if not (toks[-1].i - toks[0].i + 1 == len(toks) <= 14):
            return
        phrases = [toks] if len(toks) > 1 else []
        for c in tok.children:  # "men wearing military uniforms", "eight men in civilian clothes"
            worn = (
                c.dep_ == "prep"
                and c.lower_ == "in"
                and any(p.lemma_.lower() in _CLOTHES or p.lower_ in _CLOTHES for p in c.children)
            )
            sub = list(c.subtree)
            if (
                (worn or (c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")))
                and c.i == toks[-1].i + 1
                and len(sub) <= 6
                and sub[-1].i - sub[0].i + 1 == len(sub)
            ):
                phrases.append(toks + sub)
        counted = sorted(t for c in tok.children if c.dep_ in ("nummod", "quantmod") for t in c.subtree)
        for words in list(phrases):
            if counted and words[: len(counted)] == counted and len(words) - len(counted) > 1:
                phrases.append(words[len(counted) :])  # "3 members of the MPSC": "members of the MPSC"
        for words in phrases:
            text = self.mention(words[0].idx, words[-1].idx + len(words[-1])).text
            self.items[key].aliases[" ".join(text.split())] = None

    def _short_aliases(self, key: str, toks: list[Token]) -> None:
        """ "23 Afghan soldiers" is also called "Afghan soldiers" and "soldiers": the shorter
        forms of a description that end at its head noun (never splitting a name)."""
        for i in range(1, len(toks)):
            if "NORP" in (toks[i - 1].ent_type_, toks[i].ent_type_):
                pass  # "Spanish Jesuits" are also "Jesuits"
            elif toks[i - 1].pos_ == "PROPN" and toks[i].pos_ == "PROPN":
                continue
            elif toks[i].ent_iob_ == "I" and toks[i].ent_type_ in _NAMED and toks[i].ent_type_ != "ORG":
                continue  # not "Path terrorists", from "Shining Path terrorists"
            if toks[i].is_punct or (toks[i].i == toks[i - 1].i + 1 and not toks[i - 1].whitespace_):
                continue  # not "- American Highway bridge", "year-old girl"
            if toks[-1].pos_ in ("NOUN", "PROPN"):
                self.items[key].aliases[" ".join(_cased(t) for t in toks[i:])] = None

    def target(self, tok: Token) -> str:
        """A physical target named by the noun phrase headed by ``tok`` ("the Rolando cafe")."""
        toks = [t for t in np_tokens(tok, with_numbers=False) if t.pos_ not in ("DET", "PRON")]
        toks = [t for t in toks if t.i >= tok.i or t.dep_ in ("compound", "amod")]
        label = " ".join(t.text for t in toks).lower()
        site = self._named_site(tok, label)
        if site is not None:  # "the Oklahoma City federal building" is the Murrah Federal Building
            return self.add(site, "Site", self.items[site].label, self.span_mention(toks))
        key = self._earlier_target(tok, label) or f"target:{slug(label)}"
        key = self.add(key, "Target", _joined(toks), self.span_mention(toks))
        self._short_aliases(key, toks)
        self.phrase_alias(key, tok)
        return key

    def _named_site(self, tok: Token, label: str) -> str | None:
        """The one named building whose name ends with the words of a definite description of
        it ("the federal building": the "Murrah Federal Building")."""
        words = label.split()
        if len(words) < 2 and not named_before(tok):
            return None
        named = [
            k
            for k, d in self.items.items()
            if d.kind == "Site"
            and d.label.lower().split()[-len(words) :] == words
            and len(d.label.split()) > 1
        ]
        return named[0] if len(named) == 1 else None

    def _earlier_target(self, tok: Token, label: str) -> str | None:
        """ "the presidential farm" ... "the farm": a definite bare noun is the target named
        before with that head, if just one was."""
        if label != tok.lower_ or not named_before(tok):
            return None
        before = [
            k
            for k, d in self.items.items()
            if d.kind == "Target"
            and d.label.lower() != label
            and d.label.lower().split()[-1] == label
            and min((m.start for m in d.mentions), default=tok.idx) < tok.idx
        ]
        return before[0] if len(before) == 1 else None


def _phrase(tok: Token, *, top: bool = True) -> list[Token]:
    """``tok``'s noun phrase with its possessor and "of" complement, without a leading
    determiner, relative clauses, appositions or other prepositions; an adjective keeps its
    adverb ("heavily armed men")."""
    out = [tok]
    for c in tok.children:
        if (
            c.dep_ in ("compound", "amod", "poss", "case", "nmod", "nummod", "quantmod")
            or (c.dep_ == "det" and not top)
            or (c.dep_ == "advmod" and (tok.pos_ == "ADJ" or tok.tag_ == "VBN"))
        ):
            if not (c.dep_ == "poss" and c.pos_ == "PRON"):
                out += _phrase(c, top=False)
        elif c.dep_ == "prep" and c.lower_ == "of" and tok.pos_ in ("NOUN", "PROPN"):
            out.append(c)
            out += [t for p in c.children if p.dep_ == "pobj" for t in _phrase(p, top=False)]
    return sorted(out, key=lambda t: t.i)


def _joined(toks: list[Token]) -> str:
    """Tokens as a phrase, with the text's hyphens kept between adjacent words ("10-year-old
    girl", not "10 - year - old girl")."""
    doc = toks[0].doc if toks else None
    out = ""
    for n, t in enumerate(toks):
        if n and t.i == toks[n - 1].i + 1 and not toks[n - 1].whitespace_:
            pass  # "Pan-American", as written
        elif n and doc is not None and t.i == toks[n - 1].i + 2 and doc[t.i - 1].text == "-":
            out += "-"
        elif n:
            out += " "
        out += _cased(t)
    return out


def _said_again(tok: Token) -> list[Token]:
    """Nouns for people in apposition that say again who a group is: "one civilian, a female
    street peddler"."""
    return [
        c
        for c in tok.children
        if c.pos_ == "NOUN"
        and (noun_lemma(c) in lx.HUMAN_NOUNS or c.lower_ in lx.HUMAN_NOUNS)
        and restates(c)
    ]


def restates(appos: Token) -> bool:
    """Whether a noun in apposition says again what its head is ("one civilian, a female street
    peddler"), and is not the next item of a list the parser hung so: none follows it ("eight
    women, a girl and four men") and it agrees in number ("6 clergymen, a maid, and her
    daughter")."""
    plural = {"NNS", "NNPS"}
    return (
        appos.dep_ == "appos"
        and not any(g.dep_ in ("conj", "cc") for g in appos.children)
        and (appos.tag_ in plural) == (appos.head.tag_ in plural)
    )


def _of_people(tok: Token) -> list[tuple[Token, list[Token]]]:
    """ "a group of terrorists", "a band of armed men": a container noun's people, each with the
    words from "of" to them ([] when it has none)."""
    if noun_lemma(tok) not in lx.CONTAINER_NOUNS:
        return []
    return [
        (p, [c, *[t for t in np_tokens(p, with_numbers=False) if t.pos_ != "DET"]])
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj" and (noun_lemma(p) in lx.HUMAN_NOUNS or p.lower_ in lx.HUMAN_NOUNS)
    ]


_NAMED = ("NORP", "PERSON", "ORG", "GPE", "LOC", "FAC", "ARMED_GROUP", "OUTLET")


def _cased(t: Token) -> str:
    """Common nouns in lower case ("Gunmen" at a sentence start); names as written."""
    if t.pos_ == "PROPN" or (t.ent_type_ in _NAMED and not t.is_upper):
        return t.text
    return t.text.lower()


def _region_after_place(ent: Span) -> bool:
    """ "in Tibu, Norte de Santander", "Rionegro, Antioquia": a name the NER took for a person,
    written after a place and a comma, that is the exact name of a region or country, is where
    that place lies."""
    if ent.start < 2 or ent.doc[ent.start - 1].text != ",":
        return False
    before = ent.doc[ent.start - 2]
    if before.ent_type_ not in ("GPE", "LOC"):
        return False
    rec = resolve_place(ent.text, exact=True)
    return rec is not None and rec.kind in ("Region", "Country")


#: forces a place or body names: "the Antioquia police", "the Lima police"
_FORCE_HEADS = {"police", "army", "militia", "navy", "guard"}


def _with_force(ent: Span) -> Span:
    """ "members of the Antioquia police": the name and the force noun it modifies are one
    organisation, the police of that place."""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if (
        ent.label_ in ("ORG", "GPE")
        and nxt is not None
        and nxt.lower_ in _FORCE_HEADS
        and ent.root.dep_ == "compound"
        and ent.root.head == nxt
    ):
        return Span(ent.doc, ent.start, ent.end + 1, label="ORG")
    return ent


_MISREAD = {"PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}


def _misread_place(ent: Span, countries: set[str]) -> bool:
    """ "the airport in Rionegro" with Rionegro tagged a product, "in Cartagena" tagged an
    organisation: a name after "in" that is exactly a city or region of a country the article
    names is that place."""
    organisation = ent.label_ == "ORG" and len(ent) <= 3 and ent[-1].lower_ not in ORG_HEADS  # "in Cartagena"
    if ent.label_ not in _MISREAD and not organisation:
        return False
    if ent.root.dep_ != "pobj" or ent.root.head.lower_ not in ("in", "near"):
        return False
    rec = resolve_place(ent.text, exact=True, context=countries)
    return rec is not None and rec.kind in ("City", "Region") and rec.country in countries


@cache
def _outlet_countries() -> dict[str, str]:
    """Outlet names, folded -> the one country the outlet covers, where the gazetteer says."""
    return {fold(a): e.country for e in load_gazetteer("outlets") if e.country for a in e.aliases}


def recognize(doc: Doc, article: Article) -> EntityTable:
    """Fill an :class:`EntityTable` from the named entities in ``doc``.

    Gazetteer matches (armed groups, outlets, weapons) get their canonical label and
    Wikidata id; places are resolved to GeoNames / ISO 3166 with their country; people
    keep their title ("city prosecutor") and a bare surname later in the text refers to
    the full name.
    """
    table = EntityTable(doc, article)
    streets = {t.i for span in _street_list(doc) for t in span}  # "between San Diego and Pratts streets"
    ents = _named_people(_merged_people([e for e in doc.ents if not all(t.i in streets for t in e)]))
    ents = sorted([*ents, *_untagged_places(doc)], key=lambda e: e.start)
    ents = [_with_force(e) for e in ents]
    # a name the text uses as a place once ("the city of Lyon") is that place where the NER
    # took it for a person ("Lyon will host the final")
    placed = {fold(e.text) for e in ents if _place_kind(e)[0] not in (None, "Place")}
    # nor is a name the NER tags as a place more often than as a person ("Manchester")
    tags = Counter(
        (fold(e.text), e.label_ in ("GPE", "LOC")) for e in ents if e.label_ in ("GPE", "LOC", "PERSON")
    )
    placed |= {name for (name, place), n in tags.items() if place and n >= tags[(name, False)]}
    ents = [
        Span(doc, e.start, e.end, label="GPE")
        if e.label_ == "PERSON" and (fold(e.text) in placed or _region_after_place(e))
        else e
        for e in ents
    ]
    # countries first, so ambiguous city names resolve inside them; a group that fights in one
    # country, or an outlet that covers one, says which ("the FMLN ... in La Paz department")
    for ent in ents:
        entry = _entry(ent)[1] if ent.label_ in ("ARMED_GROUP", "OUTLET") else None
        if entry is not None and entry.country:
            table.countries.add(entry.country)
    covers = _outlet_countries().get(
        fold(article.source or "")
    )  # "CLANDESTINE, 14 NOV 89 (RADIO VENCEREMOS)"
    if covers:
        table.countries.add(covers)
    for ent in ents:
        if ent.label_ in ("GPE", "LOC"):
            rec = resolve_place(ent.text, kind="Country", exact=False)
            if rec is not None and rec.kind == "Country":
                table.countries.add(rec.country)
    nationality = demonyms()
    for tok in doc:
        named = tok.ent_type_ not in ("", "NORP")  # not "Central American University"
        iso = None if named else nationality.get(tok.lower_)
        if iso is not None:
            table.nationalities[iso] += 1
    if article.dateline_place:
        rec = resolve_place(article.dateline_place.split(",")[-1])
        if rec is not None:
            table.countries.add(rec.country)
    ents = [Span(doc, e.start, e.end, label="GPE") if _misread_place(e, table.countries) else e for e in ents]
    ents = _sharing_a_surname(doc, ents)
    people: dict[str, str] = {}  # surname / full name (folded) -> key
    for ent in ents:
        if ent.label_ == "PERSON" and _place_kind(ent)[0] is None:  # not "the village of Sajandi"
            _person(table, ent, people)
    for ent in ents:
        label = ent.label_
        if label == "PERSON" and _place_kind(ent)[0] is None:
            continue
        if label in ("ARMED_GROUP", "OUTLET", "WEAPON"):
            _gazetteer(table, ent)
        elif fold(ent.text) in people and len(ent) <= 2 and not (label in ("GPE", "LOC") and _locative(ent)):
            # a surname tagged ORG at a sentence start; not "in Santiago" beside "Downtown Santiago"
            key = people[fold(ent.text)]
            table.add(key, "Person", table.items[key].label, table.span_mention(ent))
            table.by_token.update({t.i: key for t in ent})
        elif label in ("GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"):
            _place_or_org(table, ent)
    _streets(table, doc)
    _short_names(table, doc)
    _locate_local_places(table, doc)
    for tok in doc:  # "the Somali capital": the capital city of the country the demonym names
        if tok.lemma_.lower() == "capital" and tok.pos_ == "NOUN" and tok.i not in table.by_token:
            demonym = next(
                (c for c in tok.lefts if c.dep_ in ("amod", "compound") and c.i not in table.by_token), None
            )
            rec = capital_of(demonym.text) if demonym is not None else None
            owner = next((c for c in tok.lefts if c.dep_ == "poss" and c.i in table.by_token), None)
            if owner is not None and table.kind(table.by_token[owner.i]) == "Country":  # "Britain's capital"
                iso = next(
                    (i.split(":")[1] for i in table.items[table.by_token[owner.i]].ids if "iso3166" in i),
                    None,
                )
                rec, demonym = (capital(iso) if iso else None), owner
            if rec is not None and demonym is not None:
                key = table.add_place(rec, table.span_mention(list(tok.doc[demonym.i : tok.i + 1])))
                table.by_token.update({demonym.i: key, tok.i: key})
    _places_missed(table, doc)
    for tok in doc:  # a surname the NER missed ("..., Warsame said")
        if tok.pos_ == "PROPN" and tok.i not in table.by_token and fold(tok.text) in people:
            key = people[fold(tok.text)]
            table.add(key, "Person", table.items[key].label, table.span_mention([tok]))
            table.by_token[tok.i] = key
    return table


def _places_missed(table: EntityTable, doc: Doc) -> None:
    """A run of name words the NER left untagged that spells a place the article names elsewhere
    is that place ("in Vina del Mar" ... "the institutes in [Vina del Mar]")."""
    names = {
        fold(m.text): key
        for key, d in table.items.items()
        if d.kind in ("Place", "City", "Region")  # not "Chilean-[U.S.]", a country as a modifier
        for m in d.mentions
    }
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and j not in table.by_token and not doc[j].ent_type_:
            j += 1
        key = names.get(fold(doc[i:j].text)) if j > i else None
        if key is not None:
            table.add(key, table.kind(key), table.items[key].label, table.span_mention(doc[i:j]))
            table.by_token.update({t: key for t in range(i, j)})
        i = max(j, i + 1)


#: words before which an all-capital short name is a noun, not the verb "is" ("in IS attacks")
_NOMINAL_BEFORE = {"in", "by", "of", "from", "against", "with", "on", "the", "to", "for", "and"}


def _short_names(table: EntityTable, doc: Doc) -> None:
    """A short all-capital group name that is also an English word ("IS") and that the tagger
    took for that word is the group where the article has named the group already and the word
    stands where a noun does ("killed in IS attacks", "IS' territory"). All-capital sentences
    are left alone."""
    short = _short_group_names()
    for tok in doc:
        key = short.get(tok.text)
        if key is None or key not in table.items or tok.i in table.by_token:
            continue
        if not any(c.islower() for c in tok.sent.text):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        if before in _NOMINAL_BEFORE or (
            nxt is not None and (nxt.text in ("'", "’", "'s", "’s") or nxt.pos_ == "NOUN")
        ):
            table.add(key, "ArmedGroup", table.items[key].label, table.span_mention([tok]), alias=False)
            table.by_token[tok.i] = key
            table.armed_mentions.append((tok.i, key))
            table.armed_mentions.sort()


@lru_cache(maxsize=1)
def _short_group_names() -> dict[str, str]:
    """Case-sensitive one-word armed-group aliases ("IS") -> entity key."""
    return {
        alias: f"armedgroup:{e.key}"
        for e in load_gazetteer("armed_groups")
        for alias in e.case_sensitive
        if " " not in alias
    }


def _titled(t: Token) -> bool:
    return t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in lx.STREET_PREFIXES


def _locate_local_places(table: EntityTable, doc: Doc) -> None:
    """Give a place no gazetteer knows the place the text puts it in: "Bagram Airfield in
    Afghanistan" lies in Afghanistan; a site named after a place ("Bagram Air Base") lies in it,
    and that place, if unknown too, in the site's country."""
    local = {k for k, d in table.items.items() if d.kind in ("Place", "Site") and not d.global_id}
    for i, key in table.by_token.items():
        tok = doc[i]
        if key not in local or table.items[key].parent is not None or table.by_token.get(tok.head.i) == key:
            continue  # not the name's head word
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                where = [table.by_token.get(p.i) for p in prep.children if p.dep_ == "pobj"]
                if where and where[0] is not None and where[0] != key and table.kind(where[0]) in _AREAS:
                    table.items[key].parent = where[0]
    for i, key in sorted(table.by_token.items()):  # "in Tibu, Norte de Santander": Tibu lies in the region
        after = table.by_token.get(i + 2) if i + 2 < len(doc) and doc[i + 1].text == "," else None
        if key in local and table.items[key].parent is None and after and table.kind(after) in _AREAS:
            table.items[key].parent = after
    places = {d.label.lower(): k for k, d in table.items.items() if d.kind in _AREAS | {"Place"}}
    for key in local:
        site = table.items[key]
        if site.kind != "Site":
            continue  # "Kabul Road" may well run through Jalalabad
        words = site.label.lower().split()
        named = next((places[" ".join(words[:n])] for n in range(len(words) - 1, 0, -1)
                      if " ".join(words[:n]) in places), None)  # fmt: skip
        if named is None or named == key or key in table.ancestors(named):
            continue
        if table.items[named].parent is None and named in local:
            table.items[named].parent = site.parent  # Bagram lies where Bagram Air Base does
        site.parent = named


_AREAS = {"City", "Region", "Country"}


def _street_list(doc: Doc) -> list[Span]:
    """The names listed before a plural street noun but the last ("San Diego" in "between San
    Diego and Arturo Pratts streets"): streets too, not the places they are named after."""
    out = []
    for tok in doc:
        if tok.lower_.removesuffix("s") not in lx.STREET_NOUNS or not tok.lower_.endswith("s"):
            continue
        i = tok.i - 1
        while i >= 0 and (
            _titled(doc[i]) or (doc[i].pos_ in ("NOUN", "PROPN") and doc[i].dep_ == "compound")
        ):
            i -= 1  # the last name, which the street noun's own pass takes
        while i > 0 and doc[i].lower_ in ("and", ",", "&") and _titled(doc[i - 1]):
            end = i
            i -= 1
            while i >= 0 and _titled(doc[i]):
                i -= 1
            out.append(doc[i + 1 : end])
    return out


def _streets(table: EntityTable, doc: Doc) -> None:
    """Named streets ("Oxford Street", "the pedestrian Victor Hugo street", "Rue Victor Hugo"),
    which no gazetteer lists, are places in the city named last before them (or else first)."""
    for span in _street_list(doc):
        name = span.text
        city = table.last_named("City", span.start) or next(
            (k for k, d in table.items.items() if d.kind == "City"), None
        )
        key = table.add(f"place:{slug(name)}-street", "Place", name, table.span_mention(span), parent=city)
        table.by_token.update({t.i: key for t in span})
    for tok in doc:
        low = tok.lower_
        if low in lx.STREET_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
            start = tok.i
            while start > 0 and _titled(doc[start - 1]) and doc[start - 1].head.i in range(start, tok.i + 1):
                start -= 1
            toks = list(doc[start : tok.i + 1])
        elif low in lx.STREET_PREFIXES and tok.text[:1].isupper():
            end = tok.i + 1
            while end < len(doc) and (_titled(doc[end]) or doc[end].like_num):
                end += 1
            toks = list(doc[tok.i : end])
        else:
            continue
        if len(toks) < 2 or any(table.kind(table.by_token[t.i]) in ("City", "Region", "Country")
                                for t in toks if t.i in table.by_token):  # fmt: skip
            continue  # "Kandahar road": the city's road, not a street name
        name = " ".join(t.text for t in toks)
        key = f"place:{slug(name)}"
        first = next((k for k, d in table.items.items() if d.kind == "City"), None)
        city = table.last_named("City", toks[0].i) or first
        table.add(key, "Place", name, table.span_mention(toks), parent=city)
        if table.items[key].parent is None:  # a street the NER already named, with no city yet
            table.items[key].parent = city
        replaced = {table.by_token[t.i] for t in toks if t.i in table.by_token} - {key}
        table.by_token.update({t.i: key for t in toks})
        left = set(table.by_token.values()) | {d.parent for d in table.items.values()}
        left |= {k for _, k in table.armed_mentions}
        for old in replaced - left:  # the NER's "Oxford Street" organisation
            del table.items[old]


#: parts of speech a name never ends with
_NOT_LAST = {"ADP", "DET", "CCONJ", "SCONJ", "PART"}


def _untagged_places(doc: Doc) -> list[Span]:
    """ "kidnapped in Cartagena", "fighting in Mejicanos": a capitalised name after "in" or
    "near" that the NER left untagged, where the gazetteers know a place by just that name."""
    out = []
    for t in doc:
        if t.dep_ != "pobj" or t.head.lower_ not in ("in", "near") or t.pos_ != "PROPN":
            continue
        first = min((c.i for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), default=t.i)
        span = doc[first : t.i + 1]
        untagged = span.text[:1].isupper() and not any(x.ent_type_ for x in span)
        if untagged and resolve_place(span.text, exact=True) is not None:
            out.append(Span(doc, span.start, span.end, label="GPE"))
    return out


def _merged_people(ents: list[Span]) -> list[Span]:
    """A name never ends with a preposition or an article ("[Troops of] the 6th Brigade");
    adjacent PERSON spans are one name ("[Federico Estrada] [Velez]"); a PERSON in a place's
    position that a gazetteer knows is a place ("near [Gao]")."""
    out: list[Span] = []
    for ent in ents:
        if all(t.is_punct or t.pos_ == "DET" for t in ent):
            continue  # "the \"" before a quoted name
        end = ent.end
        while end > ent.start + 1 and ent.doc[end - 1].pos_ in _NOT_LAST:
            end -= 1  # "[Oromontique Battalion Troops of] the 6th Infantry Brigade"
        if end < ent.end:
            ent = Span(ent.doc, ent.start, end, label=ent.label_)
        if out and ent.label_ == "PERSON" and out[-1].label_ == "PERSON" and out[-1].end == ent.start:
            out[-1] = Span(ent.doc, out[-1].start, ent.end, label="PERSON")
            continue
        if (
            ent.label_ == "PERSON"
            and not _after_title(ent)
            and ((_locative(ent) and resolve_place(ent.text, exact=True) is not None) or _where(ent))
        ):
            ent = Span(ent.doc, ent.start, ent.end, label="GPE")
        if ent.label_ in ("GPE", "LOC"):
            ent = _whole_place_name(ent)
        end, doc = ent.end, ent.doc
        while (
            ent.label_ == "ORG"
            and end < len(doc)
            and not doc[end].ent_type_
            and doc[end].pos_ == "PROPN"
            and doc[end].text[:1].isupper()
            and ent.start <= doc[end].head.i < end
        ):  # "[White House Office of the Press] Secretary"
            end += 1
        out.append(Span(doc, ent.start, end, label=ent.label_) if end > ent.end else ent)
    return out


def _whole_place_name(ent: Span) -> Span:
    """ "Vina [del Mar]": a place name widened over the name words next to it where the wider name
    is a place the gazetteer knows."""
    doc = ent.doc
    start = ent.start
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and not doc[start - 1].ent_type_
        and start > ent.start - 2
    ):
        start -= 1
    for s in range(start, ent.start):
        if resolve_place(doc[s : ent.end].text, exact=True) is not None:
            return Span(doc, s, ent.end, label=ent.label_)
    return ent


#: kin words in apposition to a name ("Eva Forest, wife of the playwright")
_KIN = {"wife", "husband", "son", "daughter", "brother", "sister", "father", "mother", "widow", "cousin",
        "uncle", "aunt", "nephew", "niece"}  # fmt: skip


def _after_title(ent: Span) -> bool:
    """ "Mayor [Eduardo Rolon Diaz]": a name right after a word of office is a person's."""
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ in lx.TITLE_NOUNS


def _named_people(ents: list[Span]) -> list[Span]:
    """A name the NER took for an organisation is a person's where the text later uses its last
    word alone as a person ("Eva Forest" ... "Forest said"), where a kin word or title stands in
    apposition to it ("Eva Forest, wife of ..."), or where it is the object of a killing noun
    ("the assassination of Luis Carrero Blanco")."""
    surnames = {e.text for e in ents if e.label_ == "PERSON" and len(e) == 1}
    people = lx.HUMAN_NOUNS | lx.TITLE_NOUNS | _KIN

    def person_like(ent: Span) -> bool:
        if not 2 <= len(ent) <= 4 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent):
            return False
        root = ent.root
        if ent[-1].text in surnames or _after_title(ent):
            return True  # "... Diaz" named alone elsewhere; "Mayor Eduardo Rolon Diaz"
        if any(c.dep_ == "appos" and c.lemma_.lower() in people for c in root.children):
            return True
        if root.dep_ == "appos" and root.head.lemma_.lower() in people:
            return True
        if (
            ent[-1].lower_ not in ORG_HEADS
            and ent[-1].lemma_.lower() not in people
            and (
                (root.dep_ == "conj" and root.head.ent_type_ == "PERSON")
                or any(c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in root.children)
            )
        ):
            return True  # "Ignacio Martin Baro, and Segundo Montes": a name in a list of people
        return (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.lemma_.lower() in lx.HUMAN_OBJECT_NOUNS - {"kidnapping", "abduction"}
        )

    return [
        Span(e.doc, e.start, e.end, label="PERSON")
        if e.label_ == "ORG" and person_like(e)
        else Span(e.doc, e.start, e.end, label="ORG")
        if e.label_ == "WORK_OF_ART" and e[-1].lower_ in ORG_HEADS  # "the "Secret Anticommunist Army""
        else e
        for e in ents
    ]


def _where(ent: Span) -> bool:
    """ "attacks in Badia al-Sukhnah": a name after "in" that hangs on an event noun or verb is a
    place, whatever the NER says."""
    root = _first_conjunct(ent.root)  # "in Badia al-Sukhnah and Badia al-Sham"
    head = root.head
    if root.dep_ != "pobj" or head.lower_ not in ("in", "near", "outside", "inside"):
        return False
    governor = head.head
    return governor.lemma_.lower() in lx.ATTACK_NOUNS or governor.lemma_.lower() in lx.ATTACK_VERBS


def _shared_surname(t: Token) -> str | None:
    """ "Patricia and Dina Echavarria", "Tamerlan and Dzhokhar Tsarnaev": a lone first name
    joined by "and" to a name of two words shares its surname."""
    doc, j = t.doc, t.i + 2
    if (
        j + 1 >= len(doc)
        or doc[t.i + 1].lower_ != "and"
        or not (t.pos_ == "PROPN" and t.text[:1].isupper())
        or (t.i > 0 and _name_word(doc[t.i - 1]))
        or not (doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "B" and doc[j + 1].ent_iob_ == "I")
        or (j + 2 < len(doc) and doc[j + 2].ent_iob_ == "I")
        or not all(x.pos_ == "PROPN" and x.is_title for x in doc[j : j + 2])
        or resolve_place(t.text, exact=True) is not None
    ):
        return None
    return doc[j + 1].text


def _sharing_a_surname(doc: Doc, ents: list[Span]) -> list[Span]:
    """The lone first names of :func:`_shared_surname`, as people, whatever the NER took them
    for ("Tamerlan" was a place) or if it left them out."""
    tagged = {t.i for e in ents for t in e}
    out = [
        Span(doc, e.start, e.end, label="PERSON")
        if len(e) == 1 and e.label_ in ("PERSON", "GPE", "LOC", "ORG") and _shared_surname(e[0])
        else e
        for e in ents
    ]
    out += [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc if t.i not in tagged and _shared_surname(t)]
    return sorted(out, key=lambda e: e.start)


def _full_name(ent: Span) -> Span:
    """Widen a PERSON span over adjacent capitalised name words the NER left out
    ("Jose [Antonio Rodriguez Porth]"), but not over titles ("President")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start > 0 and _name_word(doc[start - 1]):
        start -= 1
    while end < len(doc) and _name_word(doc[end]):
        end += 1
    return doc[start:end]


def _wire_surname(table: EntityTable, ent: Span) -> Span:
    """ "JAIME PARDO LEAL": in upper-case wire text a second surname the lexicon knows as a word
    ("leal", "ossa") is left in lower case, and the NER stops before it. A full name of two
    words or more runs on over the noun it is a compound of, unless that noun is what the
    name qualifies ("the La Paz district", "the Nelson Mandela cell", "the Reagan
    administration")."""
    doc = ent.doc
    if len(ent) < 2 or ent.end >= len(doc) or not all(t.pos_ == "PROPN" and t.is_title for t in ent):
        return ent
    tail = doc[ent.end]
    if (
        ent[-1].dep_ == "compound"
        and ent[-1].head.i == tail.i
        and tail.is_lower
        and tail.text.isalpha()
        and table.mention(tail.idx, tail.idx + len(tail)).text.isupper()
        and not any(noun_lemma(tail) in words for words in _QUALIFIED_BY_NAMES)
    ):
        return doc[ent.start : ent.end + 1]
    return ent


#: nouns a name qualifies: "the Morazan department", "the Jaramillo case"
_QUALIFIED_BY_NAMES = (lx.PLACE_KIND_NOUNS, lx.CONTAINER_NOUNS, lx.COLLECTIVE_NOUNS, lx.HUMAN_NOUNS,
                       lx.TITLE_NOUNS, lx.FACILITY_NOUNS, lx.ATTACK_NOUNS, ORG_HEADS,
                       {"administration", "government", "case", "era", "doctrine", "accord", "plan",
                        "family", "death", "murder", "home", "house", "car", "trial", "affair"})  # fmt: skip


def _name_word(t: Token) -> bool:
    return (
        t.pos_ == "PROPN"
        and t.is_title
        and not t.ent_type_
        and t.lower_ not in lx.TITLE_NOUNS
        and t.lower_.rstrip(".") not in _HONORIFICS
        and t.text.isalpha()
    )


#: words before a name that are not part of it ("Dr", "President-elect")
_HONORIFICS = {"mr", "mrs", "ms", "dr", "president", "colonel", "col", "general", "gen", "lieutenant", "lt",
               "captain", "capt", "major", "sergeant", "sgt", "father", "monsignor", "msgr", "bishop",
               "archbishop", "senator", "deputy", "minister", "mayor", "judge", "commander", "brigadier",
               "governor", "ambassador", "sister", "brother", "reverend", "rev", "professor",
               "prof", "elect"}  # fmt: skip


def _person(table: EntityTable, ent: Span, people: dict[str, str]) -> None:
    ent = _wire_surname(table, _full_name(ent))
    start, end = ent.start, ent.end
    while start < end - 1 and (
        ent.doc[start].lower_.rstrip(".") in _HONORIFICS | lx.TITLE_NOUNS
        or (ent.doc[start].pos_ == "NOUN" and start < end - 2)
        or (fold(ent.doc[start].text) in demonyms() and start < end - 2)  # "Ecuadoreans Luis Meneses"
    ):
        start += 1  # "Dr Jose Antonio Rodriguez Porth", "Mr. Torres", "journalist Carlos Marcelo"
    for t in ent:
        if t.lower_ in ("'s", "’s") and t.i > start:
            end = t.i  # "Carlos Guerrero's wife" names Carlos Guerrero
            break
    ent = ent.doc[start:end]
    words = [t.text for t in ent if (not t.is_punct or t.text in "-'") and not t.is_space]
    if table.mention(ent.start_char, ent.end_char).text.isupper():  # "JAIME PARDO LEAL": the
        # truecaser took "leal" for a word; each word of a name is capitalised, bar "de", "y"
        words = [w if w.lower() in NAME_PARTICLES else w[:1].upper() + w[1:] for w in words]
    shared = _shared_surname(ent[0]) if len(ent) == 1 else None
    if shared is not None:  # "Patricia and Dina Echavarria": Patricia Echavarria, not Dina
        words.append(shared)
    name = " ".join(words).strip(" '’")
    if not name or name.lower() in lx.PRONOUNS_LIKE:
        return
    folded = fold(name)
    suffixes = [folded, fold(words[0])] if shared else [fold(" ".join(words[i:])) for i in range(len(words))]
    key = next((people[s] for s in suffixes if s in people), None)  # "Velez", later "Estrada Velez"
    if key is None:
        key = f"person:{slug(name)}"
    for s in suffixes:  # any tail of the name refers to this person from now on
        people.setdefault(s, key)
    for w in words[1:-1]:  # and a first surname: "Carlos Pizarro Leongomez", later "Pizarro"
        if len(w) > 2 and w[0].isupper():
            people.setdefault(fold(w), key)
    table.add(key, "Person", name, table.span_mention(ent))
    d = table.items[key]
    if len(name) > len(d.label) and fold(d.label) in folded:
        d.label = name
    table.by_token.update({t.i: key for t in ent})
    title = _title(ent)
    if title and not d.title:
        d.title = title
    start = ent.start - len(title.split()) if title else -1
    if title and start >= 0 and " ".join(t.text for t in ent.doc[start : ent.start]) == title:
        d.aliases[table.mention(ent.doc[start].idx, ent.end_char).text] = None  # "Colonel Hector Hernandez"
    for child in ent.root.children:  # "David Lecky, director of the Columbus School": also his name
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            table.phrase_alias(key, child)


def _title(ent: Span) -> str | None:
    """Words of office right before a name: "police spokesman Ahmed Musa"."""
    doc = ent.doc
    inside = {t.i for t in ent}
    words: list[Token] = []
    i = ent.start - 1
    while i >= 0:
        t = doc[i]
        if t.dep_ in ("compound", "amod", "nmod") and (
            t.head.i in inside or t.head.i in {w.i for w in words}
        ):
            if t.ent_type_ and t.ent_type_ != "PERSON" and t.ent_type_ not in ("NORP", "ORG", "GPE"):
                break
            words.insert(0, t)
            i -= 1
            continue
        break
    words = [w for w in words if w.is_alpha]
    for child in ent.root.children:  # "Ahmed Ali, the police chief, said"
        if child.dep_ == "appos" and child.lemma_.lower() in lx.TITLE_NOUNS and not words:
            words = [t for t in np_tokens(child, with_numbers=False) if t.pos_ != "DET"]
    return " ".join(w.text for w in words) or None


def _entry(ent: Span) -> tuple[str, GazetteerEntry | None]:
    """The gazetteer ("armed_groups", "outlets", "weapons") and entry a ruler match comes from."""
    name, _, gkey = ent.ent_id_.partition(":")
    return name, entry_index(name).get(gkey) if name else None


def _gazetteer(table: EntityTable, ent: Span) -> None:
    name, entry = _entry(ent)
    if entry is None:  # pragma: no cover - every pattern carries an id
        return
    mention = table.span_mention(ent)
    if name == "armed_groups":
        ids = (f"wikidata:{entry.wikidata}",) if entry.wikidata else ()
        key = table.add(
            f"armedgroup:{entry.key}", "ArmedGroup", entry.label, mention, ids=ids, global_id=True
        )
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if not (nxt is not None and nxt.text == "-" and nxt.idx == ent.end_char):  # not "al-Qaeda-linked"
            table.armed_mentions.append((ent.start, key))
        left = ent.start  # "the Camilist Union Army of National Liberation": a faction's longer name
        while (
            left > 0
            and (t := ent.doc[left - 1]).pos_ == "PROPN"
            and t.dep_ == "compound"
            and t.head.i >= left - 1
        ):
            left -= 1
        if left < ent.start and ent.doc[left].head.i < ent.end:
            text = table.mention(ent.doc[left].idx, ent.end_char).text
            table.items[key].aliases[" ".join(text.split())] = None
    elif name == "outlets":
        key = table.add(f"outlet:{entry.key}", "NewsOutlet", entry.label, mention, global_id=True)
    else:
        head = ent.root.head
        if ent.root.dep_ == "compound" and head.i == ent.end and head.lemma_.lower() in _CHARGES:
            ent = ent.doc[ent.start : head.i + 1]  # "a powerful dynamite charge": the charge is the weapon
            mention = table.span_mention(ent)
        key = table.add(f"weapon:{entry.key}", "Weapon", entry.label, mention)
        d = table.items[key]
        d.category, d.suicide = entry.category, entry.suicide
    table.by_token.update({t.i: key for t in ent})


_CLOTHES = {"uniform", "clothes", "clothing", "fatigue", "fatigues", "dress", "mask", "hood", "civilian"}

#: what a weapon's name may be the kind of: "a dynamite charge", "TNT sticks"
_CHARGES = {"charge", "stick", "package", "cartridge", "load", "device"}


def _place_or_org(table: EntityTable, ent: Span) -> None:
    text = ent.text
    if len(ent) == 1 and ent.label_ != "GPE" and fold(text) in demonyms():
        return  # "the GUATEMALAN capital", taken for a firm: a nationality, not a place
    if ent.label_ != "ORG":  # "the Sudan's" -> "Sudan"; "Paris" keeps its final s (no strip of letters)
        text = re.sub(r"^the\s+|[’']s?\s*$", "", text.strip(), flags=re.I)
    kind_hint, mention_toks = _place_kind(ent)
    rec = None
    # "the San Joaquin neighborhood": no gazetteer lists neighbourhoods; never a city elsewhere
    if kind_hint != "Place" and (ent.label_ != "ORG" or kind_hint):
        rec = resolve_place(
            text,
            kind=kind_hint,
            context=table.countries,
            exact=ent.label_ in ("NORP", "ORG"),
        )
    words = text.split()
    if (
        rec is None and len(words) > 1 and lx.PLACE_KIND_NOUNS.get(words[-1].lower(), "Place") != "Place"
    ):  # "Borno State"
        rec = resolve_place(
            " ".join(words[:-1]),
            kind=lx.PLACE_KIND_NOUNS[words[-1].lower()],
            context=table.countries,
            exact=ent.label_ in ("NORP", "ORG"),
        )
    if rec is None and len(words) > 1 and words[0].lower() in ("el", "la", "los", "las"):  # "El Peten"
        rec = resolve_place(" ".join(words[1:]), kind=kind_hint, context=table.countries, exact=True)
    if rec is not None and ent.label_ == "NORP" and rec.kind != "City":
        rec = None  # "Somali", "Iranians": a nationality, not a place (a city mis-tagged NORP is kept)
    if rec is not None:
        key = table.add_place(rec, table.span_mention(mention_toks))
        if len(mention_toks) > len(ent):  # "the Itagui municipality" is also "Itagui"
            table.items[key].aliases[" ".join(text.split())] = None
    elif (
        (ent.label_ in ("GPE", "LOC") and _locative(ent))
        or (kind_hint and ent.label_ in ("PERSON", "ORG", "GPE", "LOC"))
        or (ent.label_ == "FAC" and len(words) > 1 and words[-1].lower() in lx.PLACE_KIND_NOUNS)
    ):  # "the Miralvalle Neighborhood", whatever the NER calls it, is a place
        key = table.add(f"place:{slug(text)}", "Place", text, table.span_mention(ent))
        if len(words) > 1 and words[-1].lower() in lx.PLACE_KIND_NOUNS:  # "Zacamil neighborhood"
            table.items[key].aliases[" ".join(words[:-1])] = None
    elif ent.label_ == "FAC" or (ent.label_ == "ORG" and len(words) > 1 and words[-1].lower() in _BUILDINGS):
        text = re.sub(r"^the\s+", "", text, flags=re.I)
        key = table.add(f"site:{slug(text)}", "Site", text, table.span_mention(ent))
    elif ent.label_ == "ORG":
        text = (
            text.strip(' "“”').removeprefix("the ").removeprefix("the\n")
        )  # "The Hague Group" keeps its The
        key = table.add(f"org:{slug(text)}", "Organization", text, table.span_mention(ent))
    else:
        return  # NORP: a described group, made when it fills a role
    table.by_token.update({t.i: key for t in mention_toks})


#: last words of a name that make it a building, whatever the NER says ("the Hilton Hotel")
_BUILDINGS = {"hotel", "church", "cathedral", "temple", "mosque", "synagogue", "hospital", "clinic",
              "airport", "stadium", "building", "tower", "bridge", "restaurant", "cafe", "café", "cafeteria",
              "theater", "theatre", "mall", "market", "station"}  # fmt: skip

_LOCATIVE = {"in", "at", "near", "outside", "inside", "from", "to", "toward", "towards", "around", "across",
             "throughout", "between", "into"}  # fmt: skip


def _first_conjunct(tok: Token) -> Token:
    """The first of the words ``tok`` is conjoined with ("Mejicanos" in "Zacamil and Mejicanos")."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _locative(ent: Span) -> bool:
    """A name the gazetteers do not know is a place only where the text uses it as one:
    "in Zacamil", "the town of Sajandi", "Zacamil district" (not "Oqueli said")."""
    root = _first_conjunct(ent.root)  # "in Zacamil and Mejicanos"
    head = root.head
    if root.dep_ == "pobj" and (
        head.lower_ in _LOCATIVE or (head.lower_ == "of" and head.head.lemma_.lower() in lx.PLACE_KIND_NOUNS)
    ):
        return True
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return (
        nxt is not None
        and nxt.pos_ in ("NOUN", "PROPN")
        and nxt.lemma_.lower()
        in {
            *lx.PLACE_KIND_NOUNS,
            "district",
            "neighborhood",
            "area",
        }
    )


def noun_lemma(tok: Token) -> str:
    """The lemma, also of a common noun the tagger took for a name ("Guerrillas killed ...")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN" and not tok.ent_type_ and lemma == tok.lower_:
        if lemma.endswith("men"):
            return lemma[:-3] + "man"
        if lemma.endswith("ies"):
            return lemma[:-3] + "y"
        if lemma.endswith("s") and not lemma.endswith("ss"):
            return lemma[:-1]
    return lemma


def _place_kind(ent: Span) -> tuple[str | None, list[Token]]:
    """ "the province of Kandahar" / "Kandahar province": the kind the text gives, and the tokens."""
    toks = list(ent)
    root = ent.root
    head = root.head
    if (
        root.dep_ == "pobj"
        and head.lower_ == "of"
        and lx.PLACE_KIND_NOUNS.get(head.head.lemma_.lower(), "Place") != "Place"
    ):  # "the city of Kandahar", but "the San Joaquin neighborhood of Caracas" names a city
        noun = head.head
        return lx.PLACE_KIND_NOUNS[noun.lemma_.lower()], [noun, head, *toks]
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is not None and nxt.lemma_.lower() in lx.PLACE_KIND_NOUNS and root.dep_ == "compound":
        return lx.PLACE_KIND_NOUNS[nxt.lemma_.lower()], [*toks, nxt]
    last = toks[-1].lower_
    if (
        ent.label_ in _MISREAD | {"GPE", "LOC"}
        and len(toks) > 1
        and last in lx.PLACE_KIND_NOUNS
        and last not in _SURNAME_KINDS
    ):
        return lx.PLACE_KIND_NOUNS[last], toks  # "Tecoluca Jurisdiction", taken for a name
    return None, toks


#: place-kind words that are also surnames ("Stephen Port") or end names of people
_SURNAME_KINDS = {"state", "port", "nation", "republic", "country", "capital", "town", "city"}
