"""Event mentions: triggers, their type, factuality and roles from the dependency parse.

A trigger is a word that names an attack, an arrest or a seizure ("bombing",
"shot", "were arrested", "16 bombs have been discovered"). Each trigger becomes an
:class:`EventMention` with the roles its syntactic dependents fill; :func:`cluster`
then groups the mentions of one article that refer to the same event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventkg.extract import lexicon as lx
from eventkg.extract.casualties import in_a_campaign, our_tally, tally, to_death
from eventkg.extract.entities import EntityTable, noun_lemma
from eventkg.extract.numbers import parse_number
from eventkg.extract.places import resolve_place
from eventkg.extract.time import WEEKDAYS, is_period, normalize_date, shift, shift_months
from eventkg.models import EVENT_FAMILY, Mention
from eventkg.nlp.truecase import ORG_HEADS

__all__ = ["EventMention", "attackers_told_after", "cluster", "find_mentions", "most_specific", "refine_kind"]

FAMILY = EVENT_FAMILY
#: when mentions of one event disagree on its subtype, the more specific wins
_SPECIFICITY = [
    "SuicideBombing",
    "Bombing",
    "Kidnapping",
    "Shooting",
    "Stabbing",
    "VehicleRamming",
    "Arson",
    "Attack",
    "Battle",
    "Arrest",
    "Seizure",
]
_NOUN = ("NOUN", "PROPN")
_PLACES = {"Place", "City", "Region", "Country"}
_NOT_MEMBERS = _PLACES | {"Weapon"}  # what an "including" list of people never names
_VIOLENT = {"Attack", "Battle"}


@dataclass
class EventMention:
    """One trigger of an event in the text."""

    token: Token
    kind: str
    status: str
    mention: Mention
    roles: dict[str, list[str]] = field(default_factory=dict)
    near_targets: list[str] = field(default_factory=list)
    date: str | None = None
    date_mention: Mention | None = None
    cluster: int = -1
    against_attacker: bool = False  # "the gunman was shot dead by police": a response, not the attack
    weekday: str | None = None  # the day named where no date can be worked out ("Saturday's attack")

    @property
    def family(self) -> str:
        return FAMILY[self.kind]

    @property
    def violent(self) -> bool:
        """An attack or a battle: both have sides, casualties, weapons and targets."""
        return self.family in _VIOLENT

    def add(self, role: str, key: str) -> None:
        keys = self.roles.setdefault(role, [])
        if key not in keys:
            keys.append(key)


def find_mentions(doc: Doc, table: EntityTable) -> list[EventMention]:
    """Every event trigger in ``doc`` with its status, roles and date."""
    out: list[EventMention] = []
    for tok in doc:
        kind = _trigger(tok, table)
        if kind is None or _generic_mention(tok):
            continue
        em = EventMention(tok, kind, _status(tok), table.span_mention([tok]))
        _roles(em, table)
        _date(em, table)
        out.append(em)
    _weapons_used_in(doc, table, out)
    _deaths(doc, table, out)
    _victims_were(doc, table, out)
    _one_of_them(table, out)
    _held_responsible(doc, table, out)
    _damaged(doc, table, out)
    _weapons_in_sentence(doc, table, out)
    _relative_dates(doc, table, out)
    _later(doc, table, out)
    _years_apart(doc, table, out)
    for em in out:
        if em.date is None:
            _clause_date(em, table, {m.token.i for m in out})
    return out


# --------------------------------------------------------------------------- triggers
def _has_child(tok: Token, deps: tuple[str, ...], lemmas: set[str]) -> bool:
    return any(c.dep_ in deps and c.lemma_.lower() in lemmas for c in tok.children)


def _weapon_in(tokens: list[Token], table: EntityTable) -> bool:
    for root in tokens:
        for t in root.subtree:
            f = table.filler(t) if t.i in table.by_token else None
            if f and f[1] == "weapon":
                return True
    return False


def _trigger(tok: Token, table: EntityTable) -> str | None:
    """The event class ``tok`` names, or None."""
    lemma, low = tok.lemma_.lower(), tok.lower_
    lefts = {c.lower_ for c in tok.lefts}
    if tok.i in table.by_token:
        return None  # part of a name ("Attack Brigade") or a weapon ("bomb")
    if accidental(tok):
        return None  # "two accidental explosions", "the device detonated accidentally"
    if tok.pos_ in _NOUN:
        if lemma in lx.BATTLE_NOUNS or low in lx.BATTLE_NOUNS:
            return None if lefts & _FIGURATIVE else "Battle"
        if lemma in lx.ATTACK_NOUNS or low in lx.ATTACK_NOUNS:
            if lefts & {"heart", "panic", "cyber", "asthma", "verbal", "counter"}:
                return None
            kind = lx.ATTACK_NOUNS.get(lemma) or lx.ATTACK_NOUNS[low]
            if "suicide" in lefts and FAMILY[kind] == "Attack":
                kind = "SuicideBombing"
            elif "car" in lefts and kind in ("Attack", "Bombing"):
                kind = "Bombing"
            return kind
        if lemma == "strike" and lefts & {"air", "drone", "missile", "rocket", "artillery"}:
            return "Attack"
        if lemma == "sabotage":
            return "Attack"
        if lemma in lx.ARREST_NOUNS:
            if lemma == "custody" and not (tok.head.lower_ == "into" and tok.head.head.lemma_ == "take"):
                return None
            if lemma == "capture" and not any(c.lower_ == "of" for c in tok.rights):
                return None
            return "Arrest"
        if lemma in lx.SEIZURE_NOUNS:
            if lemma in ("cache", "haul") and not _weapon_in([tok], table):
                return None
            return "Seizure"
        return None
    if tok.pos_ != "VERB":
        return None
    if lemma == "open" and _has_child(tok, ("dobj",), {"fire"}):
        return "Shooting"
    if lemma == "set" and (
        _has_child(tok, ("dobj",), {"fire"})
        or _has_child(tok, ("oprd", "advmod", "acomp"), {"ablaze", "alight"})
    ):
        return "Arson"
    if lemma == "blow" and _has_child(tok, ("prt",), {"up"}):
        return "SuicideBombing" if _suicide_subject(tok) else "Bombing"
    if (
        lemma in ("set", "touch")
        and _has_child(tok, ("prt",), {"off"})
        and _weapon_in([c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")], table)
        and not any(
            (f := table.filler(c)) is not None and table.kind(f[0]) in ("Person", "Organization")
            for c in [*tok.children, *_inherited_subject(tok)]
            if c.dep_ == "nsubj"
        )
    ):  # "guerrillas set off a bomb", "bombs were set off"; not "Ernesto and Rosa set off a mine left by ..."
        return "SuicideBombing" if _suicide_subject(tok) else "Bombing"
    if lemma == "go" and _has_child(tok, ("prt",), {"off"}):
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        return "Bombing" if _weapon_in(subj, table) else None
    if lemma == "take" and (
        _has_child(tok, ("oprd", "dobj", "advmod", "npadvmod"), {"hostage", "hostages"})
        or any(
            p.lower_ in ("hostage", "hostages") for c in tok.children if c.lower_ == "as" for p in c.children
        )
    ):  # "took 30 people hostage", "took a group of hotel guests as hostages"
        return "Kidnapping"
    if lemma == "hold" and (
        _has_child(tok, ("oprd", "dobj", "advmod", "npadvmod", "xcomp", "acomp"), _CAPTIVES)
        or any(_captor(p, table) for c in tok.children if c.dep_ == "agent" for p in c.children)
    ):  # "held hostage", "two women who have been held by the Extraditables since 16 December"
        return "Kidnapping"
    if lemma == "round" and _has_child(tok, ("prt",), {"up"}):
        return "Arrest"
    if lemma == "fire" and (
        any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon") for c in tok.children)
        or _has_child(tok, ("dobj",), _SHOTS)  # "fired some shots", "fired their guns"
    ):
        return "Shooting"
    # "two bombs were thrown at a vehicle", "the car bomb was activated by remote control"
    if lemma in ("throw", "hurl", "plant", "place", "lob", "activate", "trigger") and _weapon_in(
        [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")], table
    ):
        return "Bombing"
    if lemma in ("hit", "strike"):
        if _weapon_in([c for c in tok.children if c.dep_ == "nsubj"], table):
            return "Attack"  # "a grenade hit his car" (the weapon makes it a bombing or shooting)
        hit_by = [p for c in tok.children if c.dep_ == "agent" for p in c.children]
        if any(p.lemma_.lower() in _SHOOTERS for p in hit_by):
            return "Shooting"  # "the newsman was hit by an FMLN sniper"
        if _weapon_in(hit_by, table):
            return "Attack"  # "the patrol was hit by a roadside bomb"
    if lemma == "sabotage":
        return "Attack"
    if lemma == "set" and (  # "set two trucks on fire", "set fire to the town hall"
        any(t.lower_ == "fire" and t.head.lower_ == "on" for t in tok.subtree if t.i > tok.i)
        or (_has_child(tok, ("dobj",), {"fire"}) and _has_child(tok, ("prep", "dative"), {"to"}))
    ):
        return "Arson"
    if lemma == "destroy" and _irregulars_destroy(tok, table):
        return "Attack"  # "FMLN sappers destroyed several high-voltage posts": sabotage
    if lemma in _CRASH and _has_child(tok, ("prep",), {"into"}) and _attacker_subject(tok):
        # "a suicide bomber on a motorcycle crashed into a patrol", "the attacker drove into the crowd"
        return "SuicideBombing" if _suicide_subject(tok) else "VehicleRamming"
    if _battle_verb(tok):
        return "Battle"  # "rebels clashed with troops", "fought against the army"
    if lemma in lx.TO_DEATH_VERBS and to_death(tok):
        return lx.ATTACK_VERBS.get(lemma, "Attack")  # "three farmers were beaten to death"
    if lemma in lx.ATTACK_VERBS:
        if (
            lemma in lx.AGENTIVE_ONLY
            and not _agent_subject(tok, table)
            and not (lemma in ("wound", "injure") and _human_object(tok, table))  # "a soldier was wounded"
        ):
            return None
        if lemma == "gun" and not _has_child(tok, ("prt",), {"down"}):
            return None
        if lemma == "attack" and _abstract_object(tok):
            return None
        kind = lx.ATTACK_VERBS[lemma]
        if kind in ("Attack", "Shooting") and _in_battle(tok):
            return "Battle"
        if kind in ("Attack", "Bombing") and ("suicide" in lefts or _suicide_subject(tok)):
            kind = "SuicideBombing"
        return kind
    if lemma in lx.ARREST_VERBS:
        if lemma == "capture" and not _human_object(tok, table, people=True):
            return None
        if any(p.lemma_.lower() in _WARDS for c in tok.children if c.dep_ == "prep" for p in c.children):
            return None  # "96 people were detained in hospital": kept for treatment
        return "Arrest"
    if lemma in lx.SEIZURE_VERBS:
        if _has_child(tok, ("dobj",), {"control", "power", "initiative", "opportunity", "moment"}):
            return None
        return "Kidnapping" if _human_object(tok, table) else "Seizure"  # "fighters seized 11 passengers"
    if lemma in lx.DISCOVERY_VERBS:
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        return "Seizure" if _weapon_in(objs, table) else None
    return None


_WARDS = {"hospital", "clinic", "ward", "infirmary"}
_FIRMS = {"inc", "corp", "corporation", "company", "co", "ltd", "limited", "sa", "group", "bank", "community"}
_SHOOTERS = {"sniper", "gunman", "gunmen", "bullet", "gunfire", "shot"}
_CAPTIVES = {"hostage", "hostages", "captive", "captives"}
_CAPTORS = lx.COMBATANT_NOUNS | {"kidnapper", "abductor", "captor"}


def _captor(t: Token, table: EntityTable) -> bool:
    """An armed group or kidnappers, who hold people as hostages (not the army or the police, who
    hold them in custody)."""
    got = table.filler(t)
    return (got is not None and table.kind(got[0]) == "ArmedGroup") or t.lemma_.lower() in _CAPTORS


_FIGURATIVE = {"verbal", "political", "diplomatic", "ideological", "cultural", "legal", "electoral"}
#: "killed in the clash", "wounded during combat", "died as a result of the clashes"
_BATTLE_PREPS = {"in", "during", "amid", "as", "after"}


_ACCIDENTAL = {"accidental", "accidentally", "accidently"}  # not "prematurely": a bomb set for an attack
_ACCIDENTS = {"accident", "crash", "collision", "stampede", "mishap"}
#: what kills with no one to blame: "floods killed 30 people", "destroyed by an earthquake"
_DISASTERS = {"earthquake", "quake", "tremor", "flood", "flooding", "landslide", "mudslide", "avalanche",
              "storm", "hurricane", "typhoon", "cyclone", "tornado", "tsunami", "eruption", "drought",
              "famine", "epidemic", "lightning", "heatwave", "wildfire", "blizzard", "rain"}  # fmt: skip
_MISHAPS = _ACCIDENTS | _DISASTERS


def accidental(tok: Token) -> bool:
    """An explosion by accident, or casualties of one or of a disaster ("killed in two accidental
    explosions", "killed in a road accident", "floods killed 30 people"): no attack."""
    if any(c.lower_ in _ACCIDENTAL for c in tok.children if c.dep_ in ("amod", "advmod")):
        return True
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "conj") and accidental(tok.head):
        return True  # "the device detonated accidentally, killing the three"
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in _BATTLE_PREPS:
            for p in prep.children:
                if p.dep_ == "pobj" and any(c.lower_ in _ACCIDENTAL for c in p.children if c.dep_ == "amod"):
                    return True
    return mishap(tok)


def mishap(tok: Token) -> bool:
    """What ``tok`` tells was done by an accident or a disaster, which no one did: "killed in a road
    accident", "a landslide killed four miners", "destroyed by an earthquake, killing 200"."""
    if (
        tok.tag_ == "VBG"
        and tok.dep_ in ("advcl", "acl", "conj")
        and tok.head is not tok
        and mishap(tok.head)
    ):
        return True
    if tok.tag_ == "VBG" and tok.dep_ == "acl" and tok.head.lemma_.lower() in _MISHAPS:
        return True  # "an earthquake in 1983 killing approximately 200 people"
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in _MISHAPS for c in tok.children):
        return True  # "a landslide killed four miners"
    return any(
        p.dep_ == "pobj" and p.lemma_.lower() in _MISHAPS
        for prep in tok.children
        if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ in _BATTLE_PREPS)
        for p in prep.children
    )


def _in_battle(tok: Token) -> bool:
    """The casualties of ``tok`` ("two soldiers were killed") fell in a battle it names, or one its
    conjoined verb names ("one was killed and five were wounded during a clash")."""
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if tok.dep_ == "conj" and tok.head.pos_ == "VERB":
        verbs.append(tok.head)
    # "troops clashed with rebels, and three soldiers were killed", "... were killed when troops
    # clashed with rebels", "rebels fought troops, killing three": the clause names the battle
    around = verbs + [c for c in tok.children if c.dep_ == "advcl"]
    if tok.dep_ == "advcl" and tok.tag_ == "VBG":
        around.append(tok.head)
    if any(_battle_verb(v) for v in around if v is not tok and v.pos_ == "VERB"):
        return True
    if any(
        c.dep_ == "nsubj" and c.pos_ in _NOUN and c.lemma_.lower() in lx.BATTLE_NOUNS for c in tok.children
    ):
        return True  # "the clash killed three soldiers"
    frontier = [c for v in verbs for c in v.children if c.dep_ == "prep" and c.lower_ in _BATTLE_PREPS]
    for _ in range(4):
        nxt = []
        for t in frontier:
            if t.pos_ in _NOUN and t.lemma_.lower() in lx.BATTLE_NOUNS:
                return True
            nxt += [c for c in t.children if c.dep_ in ("pobj", "prep", "pcomp")]
        frontier = nxt
    return False


def _battle_verb(tok: Token) -> bool:
    """ "clashed", "fought against the army": a verb that names a battle."""
    lemma = tok.lemma_.lower()
    return lemma in lx.BATTLE_VERBS or (
        lemma in lx.BATTLE_VERBS_WITH
        and any(c.dep_ == "prep" and c.lower_ in ("with", "against") for c in tok.children)
    )


_CRASH = {"crash", "slam", "plow", "plough", "smash", "drive", "ram"}
_ATTACKERS = {"bomber", "attacker", "assailant", "militant", "terrorist", "gunman", "gunmen", "insurgent"}


#: words for whoever did the deed (not "militant" or "insurgent", which say who someone is):
#: police shooting one of them is a response to the attack, and "the attackers" told of next did it
_DOERS = {"attacker", "assailant", "gunman", "gunmen", "killer", "kidnapper", "abductor", "bomber", "shooter",
          "perpetrator", "hijacker", "suspect"}  # fmt: skip


def _assailant(t: Token) -> bool:
    """ "the gunman", "the alleged killer, Chérif Chekatt": someone described as the attacker."""
    return t.lemma_.lower() in _DOERS or (t.dep_ == "appos" and t.head.lemma_.lower() in _DOERS)


def _attacker_subject(tok: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _ATTACKERS for c in tok.children)


def _suicide_subject(tok: Token) -> bool:
    """ "a suicide bomber blew himself up": the subject is a suicide attacker."""
    return any(c.dep_ == "nsubj" and any(g.lower_ == "suicide" for g in c.lefts) for c in tok.children)


#: what a crime is named in when someone was sentenced for it: "doing time for", "a conviction for"
_SENTENCES = {"convict", "sentence", "jail", "imprison", "serve", "time", "record", "conviction", "prison",
              "term"}  # fmt: skip


def _sentenced_for(tok: Token) -> bool:
    """ "doing time for kidnapping children", "a conviction for murder": a crime someone was
    sentenced for, named without saying which; "convicted of the murder of X" names one."""
    if tok.dep_ not in ("pcomp", "pobj") or tok.head.lower_ not in ("for", "of") or _definite(tok):
        return False
    return tok.head.head.lemma_.lower() in _SENTENCES


def _generic_mention(tok: Token) -> bool:
    """ "repeated attacks over the past two years", "regularly uses car bombs", "political
    murders", "they have killed many people", "the kidnapping ring": no single incident."""
    if any(c.dep_ in ("amod", "advmod") and c.lower_ in lx.GENERIC_MODIFIERS for c in tok.children):
        return True
    if _sentenced_for(tok):
        return True
    if (
        tok.tag_ == "NNS"
        and tok.dep_ in ("nsubj", "nsubjpass")
        and not any(c.dep_ in ("det", "poss", "nummod", "compound", "amod") for c in tok.children)
        and not any(t.ent_type_ in ("DATE", "TIME") for t in tok.head.subtree)
    ):
        return True  # "attacks on crowded places remain less common": attacks in general
    if _bare_plural(tok) and _status(tok) == "asserted":
        return True  # but "weapons intended for attacks on oil infrastructure": still a plan to record
    if tok.pos_ == "VERB" and any(
        c.dep_ in ("dobj", "nsubjpass")
        and any(g.lower_ in ("many", "numerous", "countless") for g in c.children)
        for c in tok.children
    ):
        return True
    if (
        tok.dep_ == "xcomp"
        and tok.head.lemma_.lower() in ("continue", "keep")
        and tok.head.tag_ in ("VBP", "VBZ")
    ):
        return True  # "insurgents who continue to ambush regime forces": a habit, not an incident
    if any(
        c.dep_ == "prep" and c.lower_ == "in" and p.lemma_.lower() in ("war", "wars") and p.tag_ == "NNS"
        for c in tok.children
        for p in c.children
    ):
        return True  # "the killing of Muslims in American-led wars": war casualties, no incident
    listed = [
        tok,
        *(c for c in tok.children if c.dep_ == "conj"),
        *([tok.head] if tok.dep_ == "conj" else []),
    ]
    if tok.pos_ == "VERB" and in_a_campaign(listed) and not any(c.dep_ == "nsubj" for c in tok.children):
        return True  # "2,000 people have been killed or injured in the conflict": its toll (but
        # "during the offensive, guerrillas attacked the president's residence" is one attack)
    if tok.pos_ == "VERB" and any(our_tally(a) for a in list(tok.ancestors)[:2]):
        return True  # "we counted 230 terrorists killed": a side's tally of its enemy's losses
    if tok.pos_ == "VERB" and any(is_period(p) for c in tok.children if c.dep_ == "prep" for p in c.children):
        return True  # "five judges have been killed in 2 months": a tally over a period
    if tok.pos_ == "VERB" and tally(tok):
        return True
    verb = tok if tok.pos_ == "VERB" else tok.head
    for _ in range(2):
        if any(c.dep_ == "advmod" and c.lower_ in lx.GENERIC_ADVERBS for c in verb.children):
            return True
        if verb.dep_ == "ROOT":
            break
        verb = verb.head
    return False


_NAMED = {"ORG", "NORP", "PERSON", "GPE"}


def _bare_plural(tok: Token) -> bool:
    """ "he took part in assassinations committed by a death squad", "sales fell due to terrorist
    attacks on the pipeline": a plural event noun with no article, owner or number, in a sentence
    that names no time and counts nothing, speaks of a kind of event, not of incidents."""
    if tok.tag_ != "NNS" or any(
        c.dep_ in ("det", "poss", "nummod") or (c.dep_ in ("compound", "amod") and c.ent_type_ in _NAMED)
        for c in tok.children
    ):
        return False  # "the attacks", "IS attacks", "two bombings"
    if tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in lx.CONTAINER_NOUNS:
        return False  # "a series of attacks"
    if any(c.dep_ == "expl" for a in tok.ancestors for c in a.children):
        return False  # "there have been attacks in the capital": it reports them
    return not any(t.ent_type_ in ("DATE", "TIME") or t.dep_ == "nummod" for t in tok.sent)


def _inherited_subject(tok: Token) -> list[Token]:
    """ "guerrillas killed a peasant and burned a truck", "pointed rifles, fired shots": "burned"
    and "fired" share the first verb's subject."""
    if (
        (tok.dep_ == "conj" or (tok.dep_ == "dep" and tok.head.pos_ == "VERB"))
        and tok.pos_ == "VERB"
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    ):
        return [c for c in tok.head.children if c.dep_ == "nsubj"] or _inherited_subject(tok.head)
    if (  # "carried the bombs to the street before detonating them"
        tok.tag_ == "VBG"
        and tok.dep_ == "pcomp"
        and tok.head.lower_ in ("before", "after", "by", "while", "without")
        and tok.head.head.pos_ == "VERB"
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    ):
        verb = tok.head.head
        return [c for c in verb.children if c.dep_ == "nsubj"] or _inherited_subject(verb)
    return []


def _as_were(verb: Token) -> list[Token]:
    """ "12 soldiers were injured, as were some pedestrians", "rebels attacked, as did bandits":
    the subjects of the verb the comparison leaves out, who did or suffered the same."""
    return [
        s
        for c in verb.children
        if c.dep_ == "advcl"
        and c.pos_ == "AUX"
        and c.lemma_ in ("be", "do")
        and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
        for s in c.children
        if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ != "PRON"
    ]


def _irregulars_destroy(tok: Token, table: EntityTable) -> bool:
    """An armed group or its fighters destroyed a building, a vehicle or a pylon."""
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    if not any((f := table.filler(o)) is not None and f[1] in ("target", "site") for o in objects):
        return False
    for c in tok.children:
        if c.dep_ == "nsubj":
            f = table.filler(c)
            if f is not None and (
                table.kind(f[0]) == "ArmedGroup"
                or c.lemma_.lower() in lx.COMBATANT_NOUNS
                or c.lemma_.lower() in ("sapper", "saboteur", "attacker", "gunman", "gunmen")
            ):
                return True
    return False


def _agent_subject(tok: Token, table: EntityTable) -> bool:
    for c in [*tok.children, *_inherited_subject(tok)]:
        if c.dep_ in ("nsubj",) or (c.dep_ == "agent"):
            for t in [c, *c.children]:
                f = table.filler(t)
                if f and f[1] in ("agent", "person", "weapon"):
                    return True
    return False


def _abstract_object(tok: Token) -> bool:
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(objs) and all(
        o.lemma_.lower()
        in {
            "policy",
            "plan",
            "idea",
            "decision",
            "report",
            "government",
            "proposal",
            "law",
            "bill",
            "statement",
            "remark",
            "comment",
            "record",
            "problem",
        }
        for o in objs
    )


def _human_object(tok: Token, table: EntityTable, *, people: bool = False) -> bool:
    """The verb's object is a person or group (with ``people``, not an organisation: "captured
    IS' last territory" captured no one)."""
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            f = table.filler(c)
            if f and f[1] in ("person", "human", "agent"):
                return not (people and table.kind(f[0]) in ("ArmedGroup", "Organization"))
    return False


# --------------------------------------------------------------------------- factuality
_PLANNING = {"plan", "plot", "prepare", "organize", "organise", "order", "mastermind"}


def _definite(tok: Token) -> bool:
    return any(
        c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another", "any", "some")
        for c in tok.children
    )


def _inverted_condition(tok: Token) -> bool:
    """ "had they been activated", "were it to explode": a condition, not what happened."""
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were", "should") and c.nbor(1) in subjects
        for c in tok.children
        if c.i < tok.i
    )


_WHEN_WORDS = {"when", "while", "as", "after", "because", "since", "once"}


def _status(tok: Token) -> str:
    """``asserted`` unless the text only threatens, plans, fears, foils or denies it."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
            return "negated"
        if c.dep_ in ("amod", "compound", "advmod") and c.lower_ in lx.POTENTIAL_ADJ:
            return lx.POTENTIAL_ADJ[c.lower_]
        if c.dep_ in ("aux",) and c.lower_ in lx.MODAL_POSSIBLE and tok.pos_ == "VERB":
            return "possible"
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
            return "possible"
    if _inverted_condition(tok):
        return "possible"
    if (
        tok.tag_ == "VB"
        and tok.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    ):
        return "planned"  # "British mercenaries came to the country to assassinate Pablo Escobar": an aim
    if any(a.lemma_.lower() in ("reward", "bounty") for a in list(tok.ancestors)[:8]):
        return "possible"  # "a reward for information leading to the capture of X": hoped for
    h, rel = tok, tok.dep_
    for _ in range(4):
        if rel == "ROOT":
            break
        through = rel  # how the event hangs from the next word up
        below = h
        h, rel = h.head, h.head.dep_
        if through == "conj":
            continue  # "police prevented her ... and arrested her": a second act, not one prevented
        if through == "advcl" and any(
            c.lower_ in _WHEN_WORDS for c in below.children if c.dep_ in ("mark", "advmod")
        ):
            break  # "the incidents that disrupted lives when a terrorist killed X": it happened
        lemma = h.lemma_.lower()
        if (
            lemma == "go"
            and h.tag_ == "VBG"
            and through == "xcomp"
            and any(c.lower_ == "to" for c in tok.children)
        ):
            return "planned"  # "explosives which were going to be fired at the house"
        if (
            lemma in _PLANNING
            and _definite(tok)
            and (
                (through == "dobj" and h.tag_ == "VBD")
                or (through == "nsubjpass" and h.tag_ == "VBN" and any(c.lower_ == "had" for c in h.children))
            )
        ):  # "the cartel planned the attack", "the attack had been planned since September": it happened
            return "asserted"
        if lemma in lx.POTENTIAL_HEADS:
            if lemma in _PLANNING and any(
                c.dep_ == "conj" and c.lemma_.lower() in lx.SUPPORT_VERBS - _PLANNING for c in h.children
            ):
                return "asserted"  # "planned and carried out"
            return lx.POTENTIAL_HEADS[lemma]
        if (
            through in ("xcomp", "advcl")
            and h.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "aux" and c.lower_ in lx.MODAL_POSSIBLE for c in h.children)
        ):
            return "possible"  # "a commando might attempt to kidnap him"
        if lemma in ("attempt", "bid") and h.pos_ == "NOUN" and through in ("acl", "xcomp", "relcl"):
            continue  # "another attempt to assassinate him was foiled": what became of the attempt
        if lemma in lx.SPEECH_VERBS or lemma in lx.SUPPORT_VERBS or h.pos_ in ("NOUN", "PROPN"):
            if lemma in lx.SUPPORT_VERBS and any(c.dep_ == "neg" for c in h.children):
                return "negated"
            if h.pos_ not in ("NOUN", "PROPN") or lemma not in ("report", "reports"):
                break
    return "asserted"


# --------------------------------------------------------------------------- roles
_ALIAS = {"alias", "aka", "known", "called"}  # "Ruth Aguilar, alias Sandra": one person


def _expand(tok: Token) -> list[Token]:
    """``tok`` and the tokens conjoined with it ("ISIS and the MEK")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_expand(c))
        elif tok.tag_ == "NNS" and c.ent_type_ == "PERSON" and _next_to(tok, c.left_edge):
            out.extend(_expand(c))  # "Jesuits Ignacio Ellacuria, Ignacio Martin Baro ...": the names
        elif c.dep_ == "appos":  # "Oqueli, leader of the MNR, and Hilda Flores": hung on the apposition
            conj = [cc for cc in c.children if cc.dep_ == "conj"]
            if tok.pos_ == "NOUN" and c.pos_ == "NOUN" and conj and all(cc.pos_ == "NOUN" for cc in conj):
                out.extend(_expand(c))  # "one office, one bus, and one transformer": a list, misparsed
            elif tok.ent_type_ == c.ent_type_ == "PERSON" and not any(x.lower_ in _ALIAS for x in c.subtree):
                out.extend(_expand(c))  # "Ignacio Ellacuria, Ignacio Martin Baro, and Segundo Montes"
            elif _human(tok) and c.pos_ == "PROPN" and conj:
                out.extend(_expand(c))  # "two brothers, Tamerlan and Dzhokhar Tsarnaev": the names
            else:
                out.extend(t for cc in conj if cc.pos_ == "PROPN" for t in _expand(cc))
    return out


def _next_to(a: Token, b: Token) -> bool:
    """Whether ``b`` follows ``a`` with at most punctuation between ("three journalists: X")."""
    return b.i > a.i and all(t.is_punct or t.is_space for t in a.doc[a.i + 1 : b.i])


def _listed(tok: Token, table: EntityTable) -> list[Token]:
    """The members of a list after "including": "Eva Forest, wife of X, Lidia Falcon, pilot
    Bernardo Badell and his wife Maria Nadal". Parsers tangle such lists, so they are read
    off the text: the items between commas and "and", a name in each (not one after "of",
    which says whose wife), else the conjoined words."""
    sent = tok.sent
    start = tok.head.i + 1 if tok.head.lower_ == "including" else tok.i
    out: list[Token] = []
    item_of = False
    first = True  # at the start of an item
    seen: set[str] = set()
    for t in tok.doc[start : sent.end]:
        if t.text == "," or t.lower_ == "and":
            item_of, first = False, True
            continue
        if t.text in (";", ".") or (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")):
            break
        if first and t.pos_ == "ADP":
            break  # "including a policeman, in an attack at ...": the list is over
        first = False
        if t.lower_ == "of":
            if not item_of and t.head.pos_ == "NOUN" and t.head.lower_ in lx.MEMBER_NOUNS:
                out.append(t.head)  # "a member of the Antioquia police"
            item_of = True
        key = table.by_token.get(t.i)
        if key is not None and not item_of and key not in seen and table.kind(key) not in _NOT_MEMBERS:
            seen.add(key)
            out.append(t)
    return out or _expand(tok)


#: verbs that raise the subject of their complement ("is believed to have been carried out")
_RAISING = {"believe", "think", "suspect", "say", "report", "know", "understand", "allege", "seem", "appear"}


def _frame(tok: Token) -> list[Token]:
    """The trigger plus a support verb whose arguments are the event's ("carried out an attack")."""
    frame = [tok]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in lx.CONTAINER_NOUNS:
        tok = tok.head.head  # "began a series of attacks": the series is the verb's object
    if tok.pos_ in _NOUN and tok.dep_ in ("dobj", "nsubjpass", "nsubj", "attr"):
        head = tok.head
        # "the attack is believed to have been carried out by X": the raising verb's complement
        raised = [c for c in head.children if c.dep_ == "xcomp" and c.lemma_.lower() in lx.SUPPORT_VERBS]
        if tok.dep_ in ("nsubjpass", "nsubj") and head.lemma_.lower() in _RAISING and raised:
            head = raised[0]
        if tok.dep_ == "nsubjpass" and head.lemma_.lower() in _WITNESSED:
            frame.append(head)  # "eight explosions were reported near the houses of ...": where
        elif head.lemma_.lower() in lx.SUPPORT_VERBS | {"claim", "occur", "happen", "take"}:
            frame.append(head)  # and "was planned and carried out by X": the verbs conjoined with it
            frame += [c for c in head.children if c.dep_ == "conj" and c.lemma_.lower() in lx.SUPPORT_VERBS]
    for c in tok.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in lx.SUPPORT_VERBS | {"claim", "target"}:
            frame.append(c)
    return frame


#: verbs that say an event was noticed: only where it was noticed tells about the event
_WITNESSED = {"report", "register", "record", "hear"}


_BODIES = {"body", "corpse", "remains"}


def _roles(em: EventMention, table: EntityTable) -> None:
    tok, fam = em.token, em.family
    verbal = tok.pos_ == "VERB"
    lemma = tok.lemma_.lower()
    # "the bomb detonated": its subject is the bomb; "X detonated a bomb": its subject is X
    intransitive = not any(c.dep_ == "dobj" for c in tok.children)
    for f in _frame(tok):
        own = f is tok
        inherited = _inherited_subject(f) if verbal else []
        elided = _as_were(f) if verbal and own else []
        for c in [*f.children, *inherited, *elided]:
            dep = "nsubj" if c in elided else c.dep_
            if (c in inherited or c in elided) and any(x.dep_ == "auxpass" for x in f.children):
                dep = "nsubjpass"  # "the soldiers were on a visit and were wounded": who was wounded
            if f is not tok and f.lemma_.lower() in _WITNESSED and dep != "prep":
                continue  # "reported by residents": who heard it, not who did it
            if dep == "nsubj" and (verbal or not own):
                for t in _expand(c):
                    _subject(em, t, table, own and intransitive and lemma in ("explode", "detonate", "go"))
            elif dep == "agent":
                for p in c.children:
                    for t in _expand(p):
                        _by(em, t, table)
            elif dep in ("dobj", "nsubjpass") and own and verbal:
                for t in _expand(c):
                    _object(em, t, table)
            elif dep == "prep" and not _said_when(f, c):
                # "the attacks on five offices ... and against one telephone exchange"
                for q in [c, *(x for x in c.children if x.dep_ == "conj" and x.pos_ == "ADP")]:
                    for p in q.children:
                        if p.dep_ in ("pobj", "pcomp"):
                            for t in _listed(p, table) if q.lower_ == "including" else _expand(p):
                                _prep(em, q.lower_, t, table)
            elif dep in ("poss", "compound", "amod", "nmod") and own and not verbal:
                for t in _expand(c):
                    _modifier(em, t, table)
        # "attack on the city of Kandahar, in southern Afghanistan": preps of a noun trigger's object
    if not verbal and fam in _VIOLENT and not em.roles.get("victim"):
        for t in _of_after_date(tok):  # "the assassination on 15 September of Eduardo Lopez"
            if table.people(t) is not None:  # not "..., and other cities", listed by the parser
                _object(em, t, table)
    under = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "under" else None
    if under is not None and under.lemma_.lower() in ("come", "be", "remain") and fam in _VIOLENT:
        for c in under.children:  # "their posts came under intense gunfire": what was fired on
            if c.dep_ == "nsubj":
                for t in _expand(c):
                    _object(em, t, table)
    before = table.by_token.get(tok.i - 1) if tok.i > 0 and not verbal else None
    if before is not None and table.kind(before) == "ArmedGroup" and fam in _VIOLENT:
        em.add("perpetrator", before)  # "in IS attacks", however the parser hangs the words
    if (
        verbal
        and tok.dep_ == "acl"
        and tok.tag_ in ("VBD", "VBN")
        and tok.head.dep_ == "ROOT"
        and tok.head.pos_ in _NOUN
        and any(c.dep_ == "dobj" for c in tok.children)
    ):  # "unidentified individuals machinegunned his car", parsed as a noun the verb describes
        for t in _expand(tok.head):
            _subject(em, t, table, False)
    if (
        (verbal or tok.tag_ == "VBN")
        and (
            tok.dep_ == "acl"
            or (tok.dep_ == "amod" and tok.tag_ == "VBN" and _named_or_counted(tok.head, table))
        )
        and tok.tag_ in ("VBN", "VBD")
        and fam in _VIOLENT
        and not any(c.dep_ in ("nsubj", "dobj") for c in tok.children)
    ):  # "the killer, Chérif Chekatt – shot dead by police": the killer, by name; "the
        # assassinated Carlos Pizarro", "seven kidnapped students" (not "the murdered Jesuits", most
        # often a killing told before)
        noun = tok.head
        if noun.lemma_.lower() in _BODIES:  # "the bodies of the Jesuits murdered by ...": the Jesuits
            noun = next((p for c in noun.children if c.lower_ == "of" for p in c.children), noun)
        for t in [c for c in noun.children if c.dep_ == "appos"] or [noun]:
            if table.kind(table.by_token[t.i]) in ("Person", "Group") if t.i in table.by_token else _human(t):
                _object(em, t, table)
        for p in _stray_agent(tok):
            for t in _expand(p):
                _by(em, t, table)
    if fam == "Seizure":
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass") or (not verbal and c.dep_ == "prep" and c.lower_ == "of"):
                for t in c.subtree:
                    if t.dep_ == "relcl":
                        break
                    got = table.filler(t) if t.i in table.by_token else None
                    if got and got[1] == "weapon":
                        em.add("seizedItem", got[0])
    if not em.roles.get("place"):
        # "killed three soldiers in Peshawar", "the attack on the city of Kandahar"; where the
        # people arrested or items seized come from is not where the event was
        for t in _local(tok, subjects=fam in _VIOLENT):
            got = table.filler(t) if t.i in table.by_token else None
            if got and got[1] == "place" and not _modifier_place(t) and not _reference_point(t):
                em.add("place", got[0])  # not "U.S. soldiers were attacked", "250 km from Bogota"
    if not em.roles.get("place") and tok.dep_ == "appos":  # "in Peshawar, an attack that left ..."
        got = table.filler(tok.head) if tok.head.i in table.by_token else None
        if got and got[1] == "place":
            em.add("place", got[0])
    if not em.roles.get("place") and fam in _VIOLENT:  # the nearest place named in the sentence
        # of a claimed attack, or one that only dates the sentence ("within 10 days of the attacks,
        # the army moved in to X"): only in its own words
        own_only, own_words = _claimed_there(tok) or _time_reference(tok), set(tok.subtree)
        near = [
            t
            for t in tok.sent
            if t.i in table.by_token
            and table.kind(table.by_token[t.i]) in _PLACES
            and (t.head is t or table.by_token.get(t.head.i) != table.by_token[t.i])  # the name's head word
            and not _modifier_place(t)
            and not _reference_point(t)
            and not _elsewhere(t, tok)
            and not _speaking(t)
            and (t in own_words or not own_only)
        ]
        if near:
            em.add("place", table.by_token[min(near, key=lambda t: abs(t.i - tok.i)).i])


_TIME_PREPS = {"after", "before", "since", "following", "within", "until", "till"}


def _time_reference(tok: Token) -> bool:
    """ "after the attack", "within 10 days of the attacks": the event dates what the sentence
    tells, which happened elsewhere for all it says."""
    t = tok
    for _ in range(4):
        if t.dep_ not in ("pobj", "prep", "compound", "conj"):
            return False
        t = t.head
        if t.dep_ == "prep" and t.lower_ in _TIME_PREPS and t.head.pos_ in ("VERB", "AUX"):
            return True
    return False


def _claimed_there(tok: Token) -> bool:
    """ "X claimed they were responsible for the attack": an attack named by a claim of it is one
    told of before, and the sentence's places are the claimant's."""
    if tok.pos_ not in _NOUN or not _definite(tok):
        return False
    for a in list(tok.ancestors)[:3]:
        if a.lemma_.lower() in ("responsible", "responsibility", "claim"):
            return True
    return False


def _elsewhere(place: Token, tok: Token) -> bool:
    """ "frustration in Downing Street about Saturday's attack": a place that belongs to the noun
    whose phrase names the attack is where the frustration is, not where the attack was; nor is
    where someone comes from."""
    prep = place.head
    if prep.dep_ == "prep" and prep.lower_ == "from" and prep.head.pos_ in ("NOUN", "PROPN"):
        return True  # "asylum seekers from Pakistan": where someone comes from
    owners = []  # the nouns whose phrases hold the attack's: "links in Florida with the plans of the attack"
    t = tok
    while t.dep_ in ("compound", "conj") and t.head.pos_ == "NOUN":  # "the assassination attempt and attack"
        t = t.head
    while t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.head.pos_ == "NOUN":
        t = t.head.head
        owners.append(t)
    above = set(place.ancestors)
    for a in above:  # "two brothers who had lived in the United States": where they lived
        if tok in a.subtree:
            continue
        if a.dep_ == "relcl" and (a.head.lemma_.lower() in lx.HUMAN_NOUNS or _source(a)):
            return True
        if a.pos_ in ("VERB", "AUX") and a.left_edge.tag_ == "WP$":
            return True  # "the agency, whose main offices are in Mexico, ...": where its offices are
    return bool(above & set(owners)) and tok not in above


def _source(clause: Token) -> bool:
    """ "a report by the agency, whose offices are in Mexico, says that ...": the clause is in the
    subject of a verb of saying, so describes who tells, not what is told."""
    for a in clause.ancestors:
        if a.dep_ in ("nsubj", "nsubjpass") and a.head.lemma_.lower() in lx.SPEECH_VERBS:
            return True
    return False


#: nouns of a part of a place: "the Boston street", "the Kabul suburb" is in that place
_LOCALES = lx.STREET_NOUNS | {"area", "suburb", "district", "neighborhood", "neighbourhood", "downtown",
                              "outskirts", "centre", "center", "square", "market"}  # fmt: skip

#: places one reaches a city by: "the Monteria airport" is in Monteria
_PORTS = {"airport", "airfield", "port", "harbor", "harbour", "seaport"}

#: dependencies that stay inside the trigger's own clause and noun phrases
_LOCAL_DEPS = {"prep", "pobj", "dobj", "nsubjpass", "nsubj", "appos", "compound", "nmod", "poss", "agent"}


_DISTANCE_UNITS = {"km", "kms", "kilometer", "kilometers", "kilometre", "kilometres", "mile", "miles", "mi"}
_BEARINGS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "away",
             "north-east", "north-west", "south-east", "south-west", "outside"}  # fmt: skip
#: "1 km from Tenjo" is at Tenjo; "250 km from Bogota" is not
_NEAR_KM = 5


def _reference_point(t: Token) -> bool:
    """ "250 km from Bogota", "20 miles northwest of Neiva": a place the event is measured from,
    far enough not to be where it happened."""
    first = t.left_edge
    doc = t.doc
    if first.i < 2 or doc[first.i - 1].lower_ not in ("from", "of"):
        return False
    j = first.i - 2
    if doc[j].lower_ in _BEARINGS:
        j -= 1
    if j < 1 or doc[j].lower_.rstrip(".") not in _DISTANCE_UNITS:
        return False
    number = parse_number(doc[j - 1].text)
    return number is None or number > _NEAR_KM * (0.62 if doc[j].lower_.startswith("mi") else 1)


def _modifier_place(t: Token) -> bool:
    """ "US-backed", "Somalia's government", "the Afghan capital": a place used as a modifier."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    hyphen = nxt is not None and nxt.text == "-" and nxt.idx == t.idx + len(t.text)
    return (
        hyphen
        or t.dep_ in ("npadvmod", "amod")
        or (t.dep_ == "poss" and t.head.lemma_.lower() not in _LOCALES)  # but "Medellin's western areas"
        or (  # "U.S. missionaries", "Colombian army troops"
            t.dep_ in ("compound", "nmod")
            and t.head.pos_ != "PROPN"
            and t.head.lemma_.lower() not in _LOCALES | _PORTS
        )
        or (t.dep_ in ("nmod", "compound") and t.head.lower_ in lx.TITLE_NOUNS)  # "U.S. Secretary of Defense"
        or (t.dep_ in ("nmod", "compound") and t.head.ent_type_ in ("PERSON", "NORP"))  # "U.S. Mormon ..."
        or any(c.dep_ == "conj" and c.pos_ == "ADJ" for c in t.children)  # "the U.S. and Afghan forces"
        or (  # "the government of the United States", "the president of Venezuela"
            t.dep_ == "pobj"
            and t.head.lower_ == "of"
            and t.head.head.lemma_.lower() in lx.TITLE_NOUNS | _INSTITUTIONS
        )
    )


def _speaking(place: Token) -> bool:
    """ "The United States condemns this attack": a country that speaks is an actor there."""
    return place.dep_ == "nsubj" and place.head.lemma_.lower() in _REACTING


_REACTING = set(lx.SPEECH_VERBS) | {
    "condemn", "denounce", "deplore", "vow", "promise", "respond", "urge",
    "pledge", "threaten", "demand", "blame", "offer", "call", "welcome",
}  # fmt: skip

#: the nouns a country can own: "the government of X"
_INSTITUTIONS = {"government", "people", "army", "military", "parliament", "ministry", "embassy", "consulate",
                 "citizen", "authority", "force", "regime", "administration", "state"}  # fmt: skip


def _local(tok: Token, depth: int = 8, *, subjects: bool = True) -> list[Token]:
    """Tokens reachable from ``tok`` without leaving its clause (no relative clauses, no
    participles such as "US-backed", no reported clauses)."""
    out: list[Token] = []
    if depth == 0:
        return out
    for c in tok.children:
        if not subjects and c.dep_ in ("nsubj", "nsubjpass"):
            continue
        if c.dep_ in _LOCAL_DEPS or (c.dep_ == "conj" and c.pos_ in _NOUN):
            out.append(c)
            out.extend(_local(c, depth - 1))
    return out


def _subject(em: EventMention, t: Token, table: EntityTable, exploding: bool) -> None:
    got = table.filler(t)
    if got is None and t.lower_ in ("it", "they") and em.violent:
        got = _antecedent(t, table)
    if got is None and t.lower_ in ("who", "that", "which") and t.head.dep_ == "relcl":
        ante = t.head.head  # "Salman Abedi, the British-Libyan who carried out ...": the one so described
        if ante.lemma_.lower() in ("one", "those") and ante.dep_ == "attr":
            # "armed forces personnel were the ones who murdered ...": the subject of "were"
            ante = next((c for c in ante.head.children if c.dep_ == "nsubj"), ante)
        got = table.filler(ante.head if ante.dep_ == "appos" and ante.head.i in table.by_token else ante)
    if got is None:
        return
    key, cat = got
    if cat == "weapon":
        em.add("instrument" if em.violent else "seizedItem", key)
        if em.violent:  # "a bomb, planted by unidentified persons, exploded"
            _planted_by(em, t, table)
    elif (
        em.violent
        and not exploding
        and (cat in ("agent", "person") or (cat == "human" and em.token.pos_ == "VERB" and _qualified(t)))
    ):  # "unidentified persons killed ...": whoever does the killing is its perpetrator
        _doers(em, key, t, table)


def _antecedent(t: Token, table: EntityTable) -> tuple[str, str] | None:
    """ "X said it carried out the bombing": "it" is the subject of the verb reporting it,
    else the armed group named last (within a few sentences)."""
    h = t.head
    for _ in range(4):
        for c in h.children:
            if c.dep_ == "nsubj" and c.i != t.i:
                got = table.filler(c)
                if got and got[1] == "agent" and table.kind(got[0]) in ("ArmedGroup", "Organization"):
                    return got
        if h.dep_ == "ROOT":
            break
        h = h.head
    armed = table.last_armed_group(t.i, within=60)
    if armed is not None:
        return armed, "agent"
    if t.lower_ == "they":  # "they" after "the guerrillas ...": the last group of actors named
        sent_start = t.doc[max(0, t.sent.start - 1)].sent.start
        for c in reversed(list(t.doc[sent_start : t.i])):
            if c.tag_ == "NNS" and (c.lemma_.lower() in lx.ACTOR_NOUNS or c.lower_ in lx.ACTOR_NOUNS):
                return table.filler(c)
    return None


def _planted_by(em: EventMention, weapon: Token, table: EntityTable) -> None:
    """ "a bomb planted by unidentified persons", "killed by a bomb placed by a guerrilla group":
    whoever planted the weapon carried out the attack."""
    for acl in weapon.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in _PLANT:
            for agent in (c for c in acl.children if c.dep_ == "agent"):
                for p in agent.children:
                    for x in _expand(p):
                        _by(em, x, table)


def _by(em: EventMention, t: Token, table: EntityTable) -> None:
    got = table.filler(t)
    if got is None:
        return
    key, cat = got
    if cat == "weapon" and em.violent:
        em.add("instrument", key)
        _planted_by(em, t, table)
    elif cat in ("agent", "person", "human") and em.violent:
        _doers(em, key, t, table)


def _doers(em: EventMention, key: str, t: Token, table: EntityTable) -> None:
    """ "members of the FMLN attacked", "shot by a group of terrorists from the FAL": the
    members, and the group they act for."""
    em.add("perpetrator", key)
    member = table.member_group(t)
    if member is not None:
        em.add("perpetrator", member)


#: verbs whose object can only be people ("abducted 30 schoolgirls")
_HUMAN_OBJECT_VERBS = {
    "kill",
    "murder",
    "assassinate",
    "kidnap",
    "abduct",
    "shoot",
    "stab",
    "wound",
    "injure",
    "behead",
    "massacre",
    "slay",
    "execute",
    "gun",
    "hack",
    "arrest",
    "detain",
    "apprehend",
}


_EXPLODE = {"detonate", "explode", "blow"}
_SHOTS = {"shot", "gun", "weapon", "bullet", "round", "volley", "burst", "rifle"}  # their lemmas
_PLANT = {"plant", "place", "leave", "set", "throw", "hurl", "detonate", "activate"}
_VEHICLES = {"car", "vehicle", "truck", "van", "motorcycle", "bicycle", "bus", "minibus", "jeep", "lorry"}


def _named_or_counted(noun: Token, table: EntityTable) -> bool:
    """ "Carlos Pizarro", "senator Luis Carlos Galan", "seven students", "the two women": a
    named person or people counted, not "the Jesuits"."""
    named = [noun, *(c for c in noun.children if c.dep_ in ("appos", "conj"))]
    if any(t.i in table.by_token and table.kind(table.by_token[t.i]) == "Person" for t in named):
        return True
    return any(c.dep_ == "nummod" for c in noun.children)


def _named_in_apposition(t: Token, table: EntityTable) -> Token | None:
    """The named people a description is in apposition to: "Patricia and Dina Echavarria, two
    women who ...", whether the parser hangs the description on the names or, as it does in
    long sentences, elsewhere (then the names end right before its comma)."""
    if t.dep_ == "appos" and _named_or_counted(t.head, table) and t.head.i in table.by_token:
        return t.head
    first = t.left_edge.i
    if t.dep_ != "appos" or first < 2 or t.doc[first - 1].text != ",":
        return None
    named = t.doc[first - 2]
    key = table.by_token.get(named.i)
    if key is None or table.kind(key) != "Person" or not any(c.dep_ == "nummod" for c in t.children):
        return None
    while named.dep_ == "conj":
        named = named.head
    return named


def _stray_agent(tok: Token) -> list[Token]:
    """ "the bodies of the Jesuits murdered last Friday [17 November] by uniformed individuals":
    the parser hung the "by" phrase on a noun the participle describes, or on the noun that one
    is "of". It is the participle's agent, when the participle has none of its own."""
    if tok.tag_ != "VBN" or any(c.dep_ == "agent" for c in tok.children):
        return []
    nouns = [tok.head]
    if tok.head.dep_ == "pobj" and tok.head.head.lower_ == "of":
        nouns.append(tok.head.head.head)
    return [
        p
        for n in nouns
        for c in n.children
        if c.dep_ == "prep" and c.lower_ == "by" and c.i > tok.i
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _of_after_date(tok: Token) -> list[Token]:
    """ "the assassination on 15 September of Eduardo Lopez": the one the noun names after the date
    between them, which the parser hangs on the date."""
    doc, j = tok.doc, tok.i + 1
    while j < tok.sent.end and (doc[j].ent_type_ in ("DATE", "TIME") or doc[j].lower_ in ("on", "in")):
        j += 1
    if (
        j == tok.i + 1
        or j >= tok.sent.end
        or doc[j].lower_ != "of"
        or doc[j - 1].ent_type_ not in ("DATE", "TIME")
    ):
        return []
    return [t for p in doc[j].children if p.dep_ == "pobj" for t in _expand(p)]


def _misread_person(key: str, table: EntityTable) -> bool:
    """An organisation the NER found that no gazetteer knows, named as "who" (and not "a police
    inspector of El Tigre, who") or as the one killed or kidnapped, and whose name does not end
    like a body's ("Union", "Front"): a person. Its kind is corrected in the table."""
    item = table.items[key]
    words = item.label.lower().split()
    if item.kind != "Organization" or item.ids or not 2 <= len(words) <= 4:
        return False
    last = words[-1].strip(".,")
    if last in ORG_HEADS or last in lx.FACILITY_NOUNS or last in _FIRMS:
        return False  # "the Jesuit Community", "the Ministry building", "... International, Inc.": no one
    item.kind = "Person"
    return True


def _object(em: EventMention, t: Token, table: EntityTable) -> None:
    if t.lower_ in _CAPTIVES and (held := [c for c in t.children if c.dep_ in ("compound", "nmod")]):
        t = held[-1]  # "took two engineers hostage", parsed as one noun phrase: the engineers
    who = t.lower_ in ("who", "whom") and t.head.dep_ == "relcl" and t.head.head.pos_ in _NOUN
    if who:
        t = t.head.head  # "journalist Carlos Marcelo, who was kidnapped by ...": Marcelo
        names = _named_in_apposition(t, table)
        if names is not None:
            for named in _expand(names):  # "Patricia and Dina Echavarria, two women who ...": by name
                _object(em, named, table)
            return
    got = table.people(t)
    if (
        (who or em.token.lemma_.lower() in _HUMAN_OBJECT_VERBS)
        and got is not None
        and got[1] == "agent"
        and t.head.lower_ != "of"
        and _misread_person(got[0], table)
    ):
        got = got[0], "person"  # "Ernestina Umanzor, who was kidnapped", "Oqueli Colindres was kidnapped"
    if got is None and _anyone(t) and em.token.lemma_.lower() in _HUMAN_OBJECT_VERBS:
        got = table.group(t), "human"
    if got is None and t.lower_ in ("he", "she", "him", "her"):  # "in May, she was arrested"
        person = table.last_person(t.i, within=80)
        got = (person, "person") if person is not None else None
    if got is None and t.lower_ == "it" and em.violent:  # "the church, after it was bombed"
        got = _last_thing(t, table)
    if got is None:
        return
    for prep in t.children:  # "leftists were arrested, including Eva Forest and Lidia Falcon"
        if prep.dep_ == "prep" and prep.lower_ == "including":
            for p in prep.children:
                for member in _expand(p) if p.dep_ == "pobj" else []:
                    _object(em, member, table)
    key, cat = got
    if em.violent and cat in ("person", "human") and _assailant(t):
        em.against_attacker = True
    if cat == "site":
        cat = "target"  # "bombed the Murrah Federal Building"
    if em.violent:
        if _premises(got, em.token.lemma_.lower(), table):  # a company's or agency's premises
            em.add("target", key)
            _where_target(em, t, table)
        elif cat in ("person", "human") or (cat == "agent" and table.kind(key) == "Group"):
            # "the six Jesuits and two more persons were killed": persons beside the Jesuits
            beside = t.dep_ == "conj" and not _generic(t.head)
            em.add("generic_victim" if _generic(t) and not beside else "victim", key)
        elif cat in ("target", "site"):
            _where_target(em, t, table)
            noun = t.lemma_.lower() if t.pos_ != "PRON" else table.items[key].label.split()[-1].lower()
            if not _vehicle_bomb(em.token, noun, t):  # "the truck ..., and it was detonated"
                em.add("target", key)
        elif cat == "place":
            em.add("place", key)
        elif cat == "weapon" and em.token.lemma_.lower() in _PLANT | {"explode", "fire", "use"}:
            em.add("instrument", key)  # "detonated a bomb", "placed a dynamite charge"
    elif em.family == "Arrest" and cat in ("person", "human", "agent") and not _generic(t):
        em.add("detainee", key)


_LADEN = {"pack", "load", "lade", "fill", "rig", "stuff", "laden"}


def _vehicle_bomb(trigger: Token, vehicle: str, t: Token) -> bool:
    """ "detonated the car", "he blew up the car" (a car packed with explosives): the vehicle was
    the bomb, not its target; "guerrillas blew up a public bus" destroyed the bus."""
    lemma = trigger.lemma_.lower()
    if vehicle not in _VEHICLES or lemma not in _EXPLODE:
        return False
    if lemma != "blow":
        return True
    laden = any(
        v.lemma_.lower() == vehicle
        and any(c.dep_ == "acl" and c.lemma_.lower() in _LADEN for c in v.children)
        for v in t.doc
    )
    return laden or any(c.dep_ == "nsubj" and (c.pos_ == "PRON" or c.lemma_.lower() in _ATTACKERS)
                        for c in trigger.children)  # fmt: skip


def _where_target(em: EventMention, t: Token, table: EntityTable) -> None:
    """ "a bakery on Rue Victor Hugo", "a bus station in north Belfast": where the target is,
    the attack was."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "in", "at"):
            for p in (x for pobj in c.children if pobj.dep_ == "pobj" for x in _expand(pobj)):
                got = table.filler(p)  # "posts in Anderstown and the Old Park Road"
                if got is not None and got[1] == "place" and not _modifier_place(p):
                    em.add("place", got[0])


_STREET_WORDS = lx.STREET_NOUNS | {"square", "rue"}  # "on X street": where it happened, not its target


#: parts of a thing: "the windows of nearby buildings" were damaged, so were the buildings; a
#: bomb "on the roof of the armored vehicle" was aimed at the vehicle
_PARTS = {"window", "windshield", "windscreen", "showcase", "door", "doorway", "facade", "roof", "wall",
          "ceiling", "glass", "front", "storefront", "shopfront", "windowpane", "part", "entrance", "gate",
          "side", "steps", "lobby", "porch", "garage", "courtyard", "yard", "grounds", "premises", "hood",
          "trunk", "wheel", "floor", "storey", "basement", "shelf", "shelves"}  # fmt: skip


def _prep(em: EventMention, prep: str, t: Token, table: EntityTable) -> None:
    if t.lower_ in ("front", "vicinity", "outskirts") and em.violent:  # "in front of the embassy"
        for of in t.children:
            if of.dep_ == "prep" and of.lower_ == "of":
                for p in of.children:
                    got_near = table.filler(p)
                    if got_near is not None and got_near[1] in ("target", "site"):
                        em.near_targets.append(got_near[0])
                    elif got_near is not None and got_near[1] == "place":
                        em.add("place", got_near[0])
        return
    whole = _whole(t)
    if em.violent and whole is not t and table.filler(t) is None:
        got = table.filler(whole)
        if got is not None and got[1] in ("target", "site") and em.token.lemma_.lower() in _EXPLODE:
            em.add("target", got[0])  # "a bomb exploded on the 6th floor of the Hilton Hotel"
            _where_target(em, whole, table)
            return
        _prep(em, prep, whole, table)  # "placed a bomb on the roof of the armored vehicle"
        return
    got = table.people(t) if prep == "including" else table.filler(t)  # "including members of X"
    if (
        got is None
        and prep == "of"
        and _anyone(t)
        and em.token.pos_ in _NOUN
        and em.token.lemma_.lower() in lx.HUMAN_OBJECT_NOUNS
    ):
        got = table.group(t), "human"  # "the murder of the six Jesuits": whoever is murdered is a person
    if got is None:
        if prep == "during" or prep in ("on", "in"):
            _date_token(em, t, table)
        return
    key, cat = got
    if cat in ("target", "site") and em.violent:
        _where_target(em, t, table)
    fam = em.family
    street = t.lemma_.lower() in _STREET_WORDS
    if cat == "site" and (prep in ("in", "at", "inside", "near", "outside", "along", "throughout", "across")
                          or (street and prep == "on")):  # fmt: skip
        if (
            em.kind in ("Bombing", "SuicideBombing", "Arson")
            and prep in ("in", "at", "inside")
            and not street
            and t.lemma_.lower() not in _LOCALES
        ):
            em.add("target", key)  # "a bomb exploded at the Hilton Hotel": the hotel was hit there
        cat = "place"  # "at the Cafeteria Rolando", "in Victor Hugo street": where it happened
    elif cat == "site":
        cat = "target"  # "the attack on the Murrah Federal Building"
    if cat == "place":
        if prep in _PLACE_PREPS and not (prep == "from" and fam != "Seizure"):
            em.add("place", key)
        return
    if fam == "Arrest":
        if prep in ("of", "including") and cat in ("person", "human", "agent") and not _generic(t):
            em.add("detainee", key)  # "the arrest of X", "... were arrested, including X and Y"
        return
    if fam == "Seizure":
        if cat == "weapon" and prep in ("of", "including"):
            em.add("seizedItem", key)
        return
    if prep == "including" and cat in ("person", "human"):
        em.add("victim", key)  # "... were killed, including the mayor"
        return
    if cat == "weapon" and prep in ("with", "using", "by"):
        em.add("instrument", key)
    elif prep == "by" and cat in ("agent", "person"):
        em.add("perpetrator", key)
    elif prep in _HIT_PREPS or (prep == "into" and em.token.lemma_.lower() in _INTO_VERBS):
        directed = em.token.pos_ in _NOUN or em.token.lemma_.lower() in _DIRECTED | _PLANT
        slain = prep == "of" and em.token.lemma_.lower() in lx.HUMAN_OBJECT_NOUNS  # "the murder of two men"
        if slain and cat == "agent" and table.kind(key) == "Group":
            cat = "human"
        if cat in ("person", "human") and prep not in ("in", "inside", "at"):
            if not _generic(t) and (directed or prep not in ("on", "upon")):
                em.add("victim", key)
        elif cat == "target" and (directed or prep not in ("on", "upon")):
            if prep in ("in", "inside", "at") and t.lemma_.lower() in _AREAS:
                return  # "blew up a bus in a neighborhood north of the capital": where, not what
            if (
                prep in ("in", "inside")
                and em.token.lemma_.lower() in _PLANT
                and t.lemma_.lower() in _VEHICLES
            ):
                return  # "the bomb had been planted in a car": the car carried it
            if prep in ("on", "upon") and t.lemma_.lower() in _STREET_WORDS and _hit_already(em.token):
                return  # "ambushed the patrol on a highway": where, not what
            em.add("target", key)  # not "burned three vehicles on the highway"
    elif prep == "during" and cat == "target" and t.lemma_.lower() in lx.EVENT_TARGET_NOUNS:
        em.add("target", key)
    elif prep in ("near", "outside", "beside", "behind") and cat == "target":
        em.near_targets.append(key)


#: prepositions before what an attack hit or whom it hurt: "the attack on", "a bomb under"
_HIT_PREPS = {"on", "against", "at", "upon", "of", "in", "inside", "targeting", "to", "under", "beneath"}
#: verbs after which "into" names what was hit: "crashed into a foot patrol", "fired into a crowd"
_INTO_VERBS = _CRASH | {"fire", "shoot", "throw", "hurl", "lob"}

#: areas people live in: "in a village" says where an attack was; "attacked the village" what
_AREAS = {"village", "hamlet", "town", "neighborhood", "neighbourhood", "district", "suburb", "area"}

_PLACE_PREPS = {
    "in",
    "at",
    "on",
    "near",
    "outside",
    "throughout",
    "across",
    "inside",
    "within",
    "around",
    "against",
    "into",
    "from",
    "upon",
    "to",
}


def _hit_already(verb: Token) -> bool:
    """A verb whose object names what it hit ("ambushed the patrol"), not the attack itself
    ("launched an attack", "opened fire")."""
    return verb.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() not in lx.ATTACK_NOUNS and c.lower_ != "fire"
        for c in verb.children
    )


#: verbs whose "on X" / "upon X" names what they are aimed at ("opened fire on a bus")
_DIRECTED = {
    "attack",
    "assault",
    "fire",
    "open",
    "raid",
    "strike",
    "ambush",
    "shoot",
    "launch",
    "carry",
    "stage",
}


def _modifier(em: EventMention, t: Token, table: EntityTable) -> None:
    if _date_token(em, t, table):
        return
    if (
        t.i not in table.by_token
        and t.pos_ == "PROPN"
        and t.dep_ == "compound"
        and _named_after_place(em, t, table)
    ):
        return
    slain = t.dep_ == "poss" and em.token.lemma_.lower() in lx.HUMAN_OBJECT_NOUNS  # "the Jesuits' slaying"
    got = table.filler(t) if (t.i in table.by_token or t.ent_type_ == "NORP" or slain) else None
    if got is None and slain and _anyone(t):
        got = table.group(t), "human"  # whoever is murdered is a person
    if got is None:
        return
    key, cat = got
    if cat == "weapon" and em.violent:
        em.add("instrument", key)
    elif cat == "weapon" and em.family == "Seizure":
        em.add("seizedItem", key)
    elif cat == "place":
        em.add("place", key)
    elif cat == "agent" and em.violent and _armed(key, table):
        em.add("perpetrator", key)
    elif cat in ("person", "human") and slain:
        em.add("victim", key)


def _named_after_place(em: EventMention, t: Token, table: EntityTable) -> bool:
    """ "the Boston Marathon bombing": an attack named after a venue that a city names took
    place in that city. True if a place was found."""
    chain = sorted(
        [t, *(c for c in t.subtree if c.dep_ == "compound" and c.pos_ == "PROPN")], key=lambda x: x.i
    )
    if any(x.i in table.by_token for x in chain) or not em.violent:
        return False
    for k in range(len(chain), 0, -1):
        words = chain[:k]
        rec = resolve_place(" ".join(w.text for w in words), context=table.countries, exact=True)
        if rec is not None and rec.kind in ("City", "Country", "Region"):
            em.add("place", table.add_place(rec, table.span_mention(words)))
            return True
    return False


def _armed(key: str, table: EntityTable) -> bool:
    """An organisation that may carry out "the X attack": an armed group, a force ("the Army
    attack") or an acronym ("a NATO airstrike"); not a venue ("the Boston Marathon bombing")."""
    kind, label = table.kind(key), table.items[key].label
    if kind == "ArmedGroup":
        return True
    words = label.split()
    return kind == "Organization" and (
        words[-1].lower().rstrip("s") in lx.ACTOR_NOUNS or (label.isupper() and len(label) <= 6)
    )


def _human(t: Token) -> bool:
    return t.pos_ in _NOUN and (noun_lemma(t) in lx.HUMAN_NOUNS or t.lower_ in lx.HUMAN_NOUNS)


def _last_thing(t: Token, table: EntityTable) -> tuple[str, str] | None:
    """The building or vehicle "it" stands for: the last one named in its sentence or the one
    before."""
    start = t.doc[max(0, t.sent.start - 1)].sent.start
    for c in reversed(list(t.doc[start : t.i])):
        if c.pos_ in _NOUN and c.dep_ != "compound":
            got = table.filler(c)
            if got is not None and got[1] in ("target", "site"):
                return got
    return None


def _anyone(t: Token) -> bool:
    """A noun that may name whoever a verb like "murder" is done to: not a date, a number, or
    another event ("the kidnapping of five students and the threats against ...")."""
    lemma = t.lemma_.lower()
    return (
        t.pos_ in _NOUN
        and t.ent_type_ in ("", "PERSON", "NORP")
        and lemma not in lx.POTENTIAL_HEADS
        and lemma not in lx.ATTACK_NOUNS
        and lemma not in lx.HUMAN_OBJECT_NOUNS
        and lemma not in _NOT_PEOPLE
        and not _crimes(t)
    )


#: what may be killed and is nobody: "animals were killed in the villages"
_NOT_PEOPLE = {"animal", "cattle", "livestock", "cow", "horse", "dog", "pig", "chicken", "goat", "sheep",
               "mule", "donkey", "blood", "time", "hope", "dream", "peace", "process"}  # fmt: skip


_CRIMES = (
    set(lx.ATTACK_NOUNS)
    | lx.HUMAN_OBJECT_NOUNS
    | {"robbery", "extortion", "theft", "assault", "fraud", "trafficking", "battery", "rape", "activity"}
)


def _crimes(t: Token) -> bool:
    """ "kidnapping children, extortion, murder, robbery and other criminal activities": a list
    of crimes, none of them a person."""
    top = t
    while top.dep_ == "conj":
        top = top.head
    members = [top, *(c for c in top.subtree if c.dep_ == "conj" and c.pos_ in _NOUN)]
    return len(members) > 2 and sum(m.lemma_.lower() in _CRIMES for m in members) >= 2


def _qualified(t: Token) -> bool:
    """Not "people" with nothing to tell them apart: "unidentified persons", "two individuals"."""
    return not _generic(t) or any(c.dep_ in ("amod", "nummod") for c in t.children)


def _generic(t: Token) -> bool:
    return t.lemma_.lower() in lx.GENERIC_PEOPLE or t.lower_ in lx.GENERIC_PEOPLE


# --------------------------------------------------------------------------- dates
_WHEN = ("DATE", "TIME")  # "last night", "at 0030 today" are TIME entities


def _date_token(em: EventMention, t: Token, table: EntityTable) -> bool:
    """Set the mention's date from a DATE entity containing ``t``; True if it was a date."""
    if t.ent_type_ not in _WHEN or em.date is not None:
        return t.ent_type_ in _WHEN
    ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
    if ent is None:
        return False
    prev = next((e for e in t.doc.ents if e.end == ent.start and e.label_ in _WHEN), None)
    if prev is not None and prev.label_ != ent.label_:
        ent = t.doc[prev.start : ent.end]  # "[yesterday] [afternoon]": a DATE and a TIME, one day
    day = t.doc[ent.start - 1] if ent.start > 0 else None
    if day is not None and day.text.isdigit() and 1 <= int(day.text) <= 31 and not day.ent_type_:
        ent = t.doc[ent.start - 1 : ent.end]  # "the morning of [1] [March 2019]": the NER left the day out
    for c in ent.root.children:  # "on Monday, 4 August": the date in apposition says which Monday
        if c.dep_ == "appos" and c.ent_type_ in _WHEN and c.i > ent.end:
            ent = t.doc[ent.start : c.i + 1]
    value = normalize_date(ent.text, table.article.published)
    if value:
        em.date, em.date_mention = value, table.span_mention(ent)
    elif em.weekday is None and (day_name := ent.root.lower_) in WEEKDAYS:
        em.weekday = day_name  # "Saturday's attack" with no publication date: at least which day
    return True


def _said_when(verb: Token, c: Token) -> bool:
    """ "police said on Thursday they had arrested four men": a date between the speech verb and
    its clause's subject is when it was said, wherever the parser hangs it."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in lx.SPEECH_VERBS:
        return False
    subject = next((s.i for s in verb.children if s.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and verb.head.i < c.i < subject


def _date(em: EventMention, table: EntityTable) -> None:
    """A date attached to the trigger: "Wednesday's attack", "killed on Monday"."""
    for f in _frame(em.token):
        for c in f.children:
            if _said_when(f, c):
                continue
            if c.dep_ in ("npadvmod", "tmod", "poss", "nmod") or (c.dep_ == "advmod" and c.lower_ == "ago"):
                _date_token(em, c, table)  # "Wednesday's attack", "killed 10 years ago"
            elif (
                c.dep_ in ("nummod", "amod", "compound")
                and f.pos_ in _NOUN
                and re.fullmatch(r"1[89]\d\d|20\d\d", c.text)
            ):
                _date_token(em, c, table)  # "the 1984 killing of a reporter"
            elif c.dep_ == "prep" and (
                c.lower_ in ("on", "in", "during", "at") or (c.lower_ == "since" and em.kind == "Kidnapping")
            ):  # "held by the Extraditables since 16 December": taken then
                for p in c.children:
                    if p.dep_ == "pobj":
                        _date_token(em, p, table)
            if em.date is not None or em.weekday is not None:
                return
    if em.token.pos_ in _NOUN and _of_after_date(em.token):  # "the assassination on 15 September of X"
        _date_token(em, next(t for t in em.token.doc[em.token.i + 1 :] if t.ent_type_ in _WHEN), table)
    year = _recalled_date(em.token)
    if year is not None:  # "in 2017, when a general was killed"
        _date_token(em, year, table)
    verb = em.token
    if (
        em.date is None
        and verb.dep_ == "advcl"
        and any(c.lower_ == "when" and c.dep_ in ("advmod", "mark") for c in verb.children)
    ):  # "the incident that occurred last year when soldiers murdered 17 fishermen"
        for c in verb.head.children:
            if c.dep_ in ("npadvmod", "tmod") and not _said_when(verb.head, c) and _date_token(em, c, table):
                break
    day = em.token.head
    if em.date is None and em.token.dep_ == "relcl" and day.lemma_.lower() in _DAY_NOUNS:
        # "on 18 August, the same day Galan was assassinated": the day is the date just named
        before = day.left_edge.i - 1
        if before >= 0 and em.token.doc[before].is_punct:
            before -= 1
        if before >= 0 and em.token.doc[before].ent_type_ == "DATE":
            _date_token(em, em.token.doc[before], table)


_DAY_NOUNS = {"day", "date", "night", "morning", "afternoon", "evening"}


#: verbs whose date is when something was said about an event, not when it happened
_CLAIMING = set(lx.SPEECH_VERBS) | {"claim", "deny", "blame", "accuse", "condemn", "admit"}

_REPORTING_NOUNS = {"interview", "statement", "conference", "briefing", "report", "speech", "announcement"}


def _clause_date(em: EventMention, table: EntityTable, triggers: set[int]) -> None:
    """The nearest date inside the trigger's own clause ("abducted 23 passengers from two buses
    ... in Borno State on Wednesday evening"), unless it dates the reporting ("said on
    Friday", "in an interview on Saturday") or starts a period ("since 2009")."""
    clause = em.token
    # a noun, or a gerund used as one ("responsibility for the market shooting"), is in the
    # clause of the verb above it
    while (clause.pos_ != "VERB" or (clause is em.token and clause.dep_ == "pobj")) and clause.dep_ != "ROOT":
        clause = clause.head
    if clause is not em.token and clause.lemma_.lower() in _CLAIMING:
        return  # "no group had claimed the shooting by Thursday evening": when it was (not) claimed
    dates = []
    trigger_line = {em.token, *em.token.ancestors}
    for ent in em.token.sent.ents:
        if ent.label_ not in _WHEN or clause not in ent.root.ancestors or _said_when(clause, ent.root):
            continue
        path = []
        for t in ent.root.ancestors:
            if t == clause:
                break
            path.append(t)
        if any(
            t.lemma_.lower() in lx.SPEECH_VERBS
            or t.lemma_.lower() in _REPORTING_NOUNS
            or t.lower_ in ("since", "by", "until", "till")  # "by Thursday evening": a deadline, not a time
            or t.i in triggers  # the date of another event: "the vests used in Wednesday's attack"
            # what a participle says happened: "seen in this photo released May 27, 2017"
            or (t.pos_ == "VERB" and t.dep_ in ("acl", "relcl") and t not in trigger_line)
            or (t.dep_ == "advcl" and t not in trigger_line and _own_clause(t))
            for t in path
        ):
            continue
        dates.append(ent)
    weekday = em.weekday  # a weekday only counts on the trigger itself ("Saturday's attack"), not
    for ent in sorted(dates, key=lambda e: abs(e.root.i - em.token.i)):  # anywhere in its clause
        _date_token(em, ent.root, table)
        em.weekday = weekday
        if em.date is not None:
            return
    for t in clause.subtree:  # "attacked at 0030 today": "today" outside any DATE entity
        if t.lower_ in ("today", "yesterday", "tonight") and not t.ent_type_ and t.sent == em.token.sent:
            value = normalize_date(t.lower_, table.article.published)
            if value:
                em.date, em.date_mention = value, table.span_mention([t])
                return


def _own_clause(verb: Token) -> bool:
    """ "tried for the bombing, as they were released in June 1977": a clause with its own
    subject, not introduced by "when" or "while", is about something else than the event."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and not any(
        c.lower_ in ("when", "while", "as soon as") for c in verb.children
    )


def _relative_dates(doc: Doc, table: EntityTable, mentions: list[EventMention]) -> None:
    """ "on Saturday, three days after the attack": the attack was three days before Saturday."""
    by_token = {m.token.i: m for m in mentions}
    for tok in doc:
        if tok.lower_ not in ("after", "before") or tok.dep_ != "prep":
            continue
        target = next((by_token[c.i] for c in tok.children if c.dep_ == "pobj" and c.i in by_token), None)
        if target is None or target.date is not None:
            continue
        got = _days(tok)
        if got is None:
            continue
        span, days = got
        anchor = None
        for ent in tok.sent.ents:  # the nearest day-precise date before "three days"
            if ent.label_ == "DATE" and ent.end <= span.i:
                value = normalize_date(ent.text, table.article.published)
                if value and len(value) == 10:
                    anchor = value
        if anchor is not None:
            target.date = shift(anchor, -days if tok.lower_ == "after" else days)
            target.date_mention = table.span_mention(list(doc[span.left_edge.i : tok.i + 1]))


def _later(doc: Doc, table: EntityTable, mentions: list[EventMention]) -> None:
    """ "A week later, a bus bomb blew up": a week after the event dated last before it."""
    for tok in doc:
        if tok.lower_ != "later" or tok.dep_ != "advmod":
            continue
        got = _days(tok)
        after = [m for m in mentions if m.token.sent == tok.sent and m.token.i > tok.i and m.date is None]
        dated = [m.date for m in mentions if m.token.i < tok.i and m.date is not None and len(m.date) == 10]
        if got is None or not after or not dated:
            continue
        span, days = got
        after[0].date = shift(dated[-1], days)
        after[0].date_mention = table.span_mention(list(doc[span.left_edge.i : tok.i + 1]))


def _years_apart(doc: Doc, table: EntityTable, mentions: list[EventMention]) -> None:
    """ "the assassination of X one year before", "two months later": that long before or after
    the event dated last before it, to the year or month."""
    for tok in doc:
        if tok.lower_ not in ("before", "earlier", "later") or tok.dep_ != "advmod":
            continue
        span = next(
            (c for c in tok.children if c.dep_ == "npadvmod" and c.lemma_.lower() in ("year", "month")), None
        )
        amount = next((c for c in span.children if c.dep_ == "nummod"), None) if span is not None else None
        n = parse_number(amount.text) if amount is not None else 1
        undated = [m for m in mentions if m.token.sent == tok.sent and m.date is None]
        target = next((m for m in undated if m.token is tok.head), undated[0] if undated else None)
        dated = [m.date for m in mentions if m.token.i < tok.i and m.date is not None and m is not target]
        if span is None or n is None or target is None or not dated:
            continue
        sign = 1 if tok.lower_ == "later" else -1
        year, month = int(dated[-1][:4]), int(dated[-1][5:7]) if len(dated[-1]) >= 7 else None
        if span.lemma_.lower() == "year":
            target.date = f"{year + sign * n:04d}"
        elif month is not None:
            target.date = shift_months(year, month, sign * n)
        else:
            continue
        target.date_mention = table.span_mention(list(doc[span.left_edge.i : tok.i + 1]))


def _days(tok: Token) -> tuple[Token, int] | None:
    """The span "three days" / "a week" hanging from "after", "before" or "later", in days."""
    spans = [c for c in tok.children if c.dep_ == "npadvmod" and c.lemma_.lower() in ("day", "week")]
    if not spans:
        return None
    span = spans[0]
    amount = next((c for c in span.children if c.dep_ == "nummod"), None)
    n = parse_number(amount.text) if amount is not None else 1
    return None if n is None else (span, n * (7 if span.lemma_.lower() == "week" else 1))


_DEATH_NOUNS = {
    "death",
    "deaths",
    "murder",
    "killing",
    "wounding",
    "kidnapping",
    "abduction",
    "assassination",
}


def _deaths(doc: Doc, table: EntityTable, mentions: list[EventMention]) -> None:
    """ "the attack, which resulted in the death of a civilian": the civilian is a victim of the
    attack named in the same sentence."""
    for tok in doc:
        dying = tok.pos_ == "VERB" and tok.lemma_.lower() in ("die", "perish")  # "13 persons died in ..."
        if not dying and (tok.lemma_.lower() not in _DEATH_NOUNS or tok.pos_ not in _NOUN):
            continue
        if _generic_mention(tok) or _avenged(tok):
            continue  # "retaliation for the killing of Muslims in wars": not this attack's dead
        same = [
            m
            for m in mentions
            if m.violent and m.token.sent == tok.sent and m.token is not tok and not _walled_off(m.token, tok)
        ]
        if not same:
            continue
        attack = min(same, key=lambda m: abs(m.token.i - tok.i))
        for prep in tok.children:
            if (dying and prep.dep_ == "nsubj") or (prep.dep_ == "prep" and prep.lower_ == "of"):
                for p in [prep] if dying else prep.children:
                    for t in _expand(p):
                        got = table.filler(t)
                        if got and (got[1] in ("person", "human") or table.kind(got[0]) == "Group"):
                            attack.add("generic_victim" if _generic(t) else "victim", got[0])


def _walled_off(event: Token, tok: Token) -> bool:
    """ "the first death of a general since 2017, when a lieutenant general was killed": an event
    inside a relative clause that ``tok`` is not in is another one."""
    for a in [event, *event.ancestors]:
        if a.dep_ == "relcl":  # a clause the parser hangs on a noun with no "when"/"which" is no aside
            return tok not in a.subtree and any(c.tag_ in ("WDT", "WP", "WRB") for c in a.children)
    return False


def _one_of_them(table: EntityTable, mentions: list[EventMention]) -> None:
    """ "Ellacuria, one of the priests who was killed" and "among the priests murdered was
    Father Ellacuria": the person named is one of the victims the clause describes."""
    for m in mentions:
        if not m.violent or m.token.dep_ not in ("acl", "relcl"):
            continue
        noun = m.token.head
        prep = noun.head if noun.dep_ == "pobj" else None
        if prep is None:
            continue
        named: list[Token] = []
        if prep.lower_ == "of" and prep.head.lower_ == "one" and prep.head.dep_ == "appos":
            named = [prep.head.head]
        elif prep.lower_ == "among" and prep.head.lemma_.lower() == "be":
            named = [c for c in prep.head.children if c.dep_ in ("nsubj", "attr")]
        for t in (x for n in named for x in _expand(n)):
            got = table.filler(t)
            if got is not None and got[1] == "person":
                m.add("victim", got[0])


_CASUALTY_NOUNS = {"victim", "dead", "casualty", "wounded", "injured", "fatality"}


def _victims_were(doc: Doc, table: EntityTable, mentions: list[EventMention]) -> None:
    """ "the victims were two women and a schoolboy", "the dead included a policeman": who
    they were, for the attack in that sentence or the one named last before it."""
    for tok in doc:
        if tok.dep_ != "nsubj" or tok.lemma_.lower() not in _CASUALTY_NOUNS or not _definite(tok):
            continue
        verb = tok.head
        if verb.lemma_.lower() not in ("be", "include"):
            continue
        violent = [m for m in mentions if m.violent and m.status == "asserted" and m.token.i < verb.i]
        same = [m for m in mentions if m.violent and m.token.sent == tok.sent]
        attack = same[0] if same else (violent[-1] if violent else None)
        if attack is None:
            continue
        for c in verb.children:
            if c.dep_ in ("attr", "dobj"):
                for t in _listed(c, table):
                    got = table.filler(t)
                    if got is None and _anyone(t):
                        got = table.group(t), "human"
                    if got is not None and (got[1] in ("person", "human") or table.kind(got[0]) == "Group"):
                        attack.add("victim", got[0])


#: verbs of taking things away: what is taken is loot, not a weapon used
_TAKEN = {"steal", "rob", "loot", "seize", "capture", "confiscate", "grab", "snatch"}  # fmt: skip


def _taking(verb: Token) -> bool:
    """ "stole", "took away": a verb of taking something away (not "took out the bazookas")."""
    if verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    return lemma in _TAKEN or (lemma == "take" and any(c.lower_ == "away" for c in verb.children))


def _weapons_in_sentence(doc: Doc, table: EntityTable, mentions: list[EventMention]) -> None:
    """A weapon named in a sentence about an attack, and about no seizure, is what the attack
    used ("the rebels, armed with rifles and grenades, attacked ...")."""
    used = {k for m in mentions for r in ("instrument", "seizedItem") for k in m.roles.get(r, [])}
    for i, key in sorted(table.by_token.items()):
        if key in used or table.kind(key) != "Weapon":
            continue
        tok = doc[i]
        if any(_taking(a) for a in tok.ancestors):
            continue  # "the rebels stole the policemen's weapons, which consisted of 8 rifles"
        same = [m for m in mentions if m.token.sent == tok.sent and m.status == "asserted"]
        if same and all(m.violent for m in same):
            min(same, key=lambda m: abs(m.token.i - i)).add("instrument", key)
            used.add(key)


_DAMAGE = {
    "destroy",
    "damage",
    "affect",
    "hit",
    "raze",
    "wreck",
    "demolish",
    "gut",
    "shatter",
    "burn",
    "target",
    "strike",
}


def _whole(t: Token) -> Token:
    if t.lemma_.lower() in _PARTS:
        of = [
            p
            for c in t.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        if of:
            return of[0]
    return t


def _damaged(doc: Doc, table: EntityTable, mentions: list[EventMention]) -> None:
    """What an attack in the same sentence destroyed or aimed at: "destroyed a pylon", "the
    embassy was the target of the attack", "the plant was the terrorists' target"."""
    attacks = [m for m in mentions if m.violent]
    for tok in doc:
        lemma = tok.lemma_.lower()
        hits: list[Token] = []
        if lemma in _DAMAGE and tok.pos_ == "VERB":
            hits = [t for c in tok.children if c.dep_ in ("dobj", "nsubjpass") for t in _expand(c)]
        elif lemma in ("destruction", "damage") and tok.pos_ in _NOUN:  # "the destruction of 500 houses"
            preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "to")]
            hits = [t for c in preps for p in c.children for t in _expand(p)]
        elif lemma in ("target", "objective") and tok.pos_ in _NOUN and tok.dep_ in ("attr", "nsubj"):
            verb = tok.head  # "X was the target of ..." / "the target was X"
            other = "nsubj" if tok.dep_ == "attr" else "attr"
            hits = [t for c in verb.children if c.dep_ == other for t in _expand(c)]
        if not hits:
            continue
        same = [m for m in attacks if m.token.sent == tok.sent]
        if not same and tok.pos_ == "VERB" and _weapon_subject(tok, table):
            # "The bomb, which was placed at the entrance, damaged a car parked nearby": the blast
            # told of just before
            start = _sentence_before(tok.sent, 2).start
            same = [m for m in attacks if start <= m.token.i < tok.i][-1:]
        if not same:
            continue
        attack = min(same, key=lambda m: abs(m.token.i - tok.i))
        for hit in hits:
            whole = _whole(hit)  # "the shelves of a book store and the State Bank": both
            for t in _expand(whole) if whole.i != hit.i else [hit]:
                got = table.filler(t)  # a target, or a firm hit in its premises ("the State Bank")
                if got is not None and (got[1] in ("target", "site") or _premises(got, lemma, table)):
                    attack.add("damaged", got[0])
                    _where_target(attack, t, table)


def _premises(got: tuple[str, str], verb: str, table: EntityTable) -> bool:
    """Whether an organisation a verb hits is hit in its premises: "burned the offices ..., the
    Agrarian Bank", "the blast damaged the State Bank" (not "killed the FMLN", "attacked the army")."""
    key, cat = got
    return (
        cat == "agent"
        and table.kind(key) == "Organization"
        and verb not in _HUMAN_OBJECT_VERBS
        and not _armed(key, table)
    )


def _weapon_subject(verb: Token, table: EntityTable) -> bool:
    """Whether ``verb``'s subject is a weapon or a blast told of before: "the bomb damaged", "the
    explosion destroyed" (not "a car bomb destroyed", a blast of its own)."""
    for c in verb.children:
        if c.dep_ == "nsubj" and any(d.dep_ == "det" and d.lower_ in _BACK for d in c.children):
            key = table.by_token.get(c.i)
            if (key is not None and table.kind(key) == "Weapon") or c.lemma_.lower() in _BLASTS:
                return True
    return False


_BLASTS = {"explosion", "blast", "detonation", "bomb", "device", "charge"}


def _sentence_before(sent: Span, n: int) -> Span:
    """The sentence ``n`` before ``sent`` (or the first of the document)."""
    sents = list(sent.doc.sents)
    k = next(k for k, s in enumerate(sents) if s.start == sent.start)
    return sents[max(0, k - n)]


_COMPLEMENTS = ("prep", "pobj", "dobj", "nsubjpass")
_INVOLVED = {
    "involve",
    "participate",
    "part",
    "responsible",
    "behind",
    "implicate",
    "suspect",
    "accuse",
    "blame",
    "attribute",
    "charge",
    "convict",
    "indict",
}
#: verbs whose object (or passive subject) is who is held to have done it: "charged X with the murder"
_CHARGING = {"accuse", "blame", "charge", "convict", "indict"}


#: words that refer back to an event told of before: "this incident", "the action"
_INCIDENT_NOUNS = {"incident", "act", "action", "crime", "deed", "attack", "event"}
_BACK = {"this", "that", "these", "those", "the", "such"}


def _incident_meant(
    scope: list[Token], by_token: dict[int, EventMention], mentions: list[EventMention]
) -> EventMention | None:
    """The event a word in ``scope`` refers back to: "the FMLN is responsible for this incident",
    "this incident, for which X are held responsible" (the relative pronoun's noun). It is the
    last violent event told of in that sentence or the two before it."""
    for t in scope:
        if t.tag_ == "WDT" and t.head.dep_ == "prep" and t.head.i >= 2:
            # "this incident, for which": the noun just before the clause, wherever the parser hangs it
            t = t.doc[t.head.i - 2] if t.doc[t.head.i - 1].is_punct else t.doc[t.head.i - 1]
        if t.i in by_token:
            return by_token[t.i]
        if (
            t.lemma_.lower() in _INCIDENT_NOUNS
            and any(c.lower_ in _BACK for c in t.children if c.dep_ == "det")
            and not any(c.dep_ == "compound" for c in t.children)  # not "the rescue action"
        ):
            earliest = _sentence_before(t.sent, 2).start
            before = [m for m in mentions if m.violent and earliest <= m.token.i < t.i]
            return before[-1] if before else None
    return None


def _held_responsible(doc: Doc, table: EntityTable, mentions: list[EventMention]) -> None:
    """Who the text holds responsible for an attack it names: "X are behind this attack",
    "X was responsible for the bombing", "the men involved in the murder", "suspects who took
    part in the attack", "accused X of the killing", "blames X for the massacre"."""
    by_token = {m.token.i: m for m in mentions if m.violent}
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma not in _INVOLVED:
            continue
        # what they are held responsible for is in the word's complements (or its passive
        # subject: "the bombing was attributed to X"), not in its subject
        scope = [t for c in tok.children if c.dep_ in _COMPLEMENTS for t in c.subtree]
        if lemma == "part" or (lemma == "responsible" and tok.dep_ in ("oprd", "ccomp", "xcomp")):
            # "took part in the attack"; "the incident, for which X are being held responsible";
            # "the massacre, for which they hold the army responsible"
            scope = [t for c in tok.head.children if c.dep_ == "prep" for t in c.subtree] + scope
        attack = next((by_token[t.i] for t in scope if t.i in by_token), None) or _incident_meant(
            scope, by_token, mentions
        )
        if attack is None:
            continue
        if lemma in _CHARGING and tok.dep_ == "acl" and tok.tag_ == "VBN":
            holders = [tok.head]  # "the soldiers accused of murdering the priests"
        elif lemma in _CHARGING or (
            lemma in ("implicate", "suspect") and tok.pos_ == "VERB" and tok.dep_ not in ("acl", "relcl")
        ):
            # "X was accused of the killing", "implicated four officers in the murder"
            holders = [c for c in tok.children if c.dep_ == "dobj"] or [
                c for c in tok.children if c.dep_ == "nsubjpass"
            ]
        elif lemma == "attribute":  # "(police) attributed the attack to drug traffickers"
            holders = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children]
        elif tok.dep_ in ("acl", "relcl") and tok.head.pos_ in _NOUN:  # "the men involved in ..."
            holders = [tok.head]
        elif tok.pos_ in _NOUN and lemma != "part" and tok.dep_ != "attr":
            continue  # "police are hunting a suspect in the bombing": the suspect, unnamed
        else:  # "X were behind / responsible for / took part in ...", "X is a suspect in ..."
            verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
            if lemma == "part":
                verb = tok.head
            holders = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if (
                tok.pos_ == "ADJ"
                and tok.dep_ in ("ccomp", "oprd", "xcomp", "acomp")
                and verb.lemma_.lower() != "be"
            ):
                # "Cristiani holds the FMLN responsible for ...": the FMLN, not who holds it so;
                # "the FMLN is being held responsible"
                holders = [c for c in tok.children if c.dep_ == "nsubj"] or [
                    c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                ]
            if not holders and verb.pos_ == "VERB" and verb.dep_ in ("pcomp", "advcl", "xcomp", "conj"):
                # "X was arrested after having taken part in the attack": X took part
                main = verb.head.head if verb.dep_ == "pcomp" else verb.head
                holders = [c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")]
        for h in holders:
            for t in _expand(h):
                got = table.filler(t)
                if got and got[1] in ("agent", "person", "human"):
                    _doers(attack, got[0], t, table)


def _weapons_used_in(doc: Doc, table: EntityTable, mentions: list[EventMention]) -> None:
    """ "the suicide vests used in Wednesday's attack": instrument of that attack."""
    by_token = {m.token.i: m for m in mentions}
    for i, key in table.by_token.items():
        if table.kind(key) != "Weapon":
            continue
        tok = doc[i]
        for acl in tok.children:
            if acl.dep_ in ("acl", "relcl") and acl.lemma_.lower() in ("use", "employ", "plant", "detonate"):
                for prep in acl.children:
                    for p in prep.children:
                        if p.i in by_token and by_token[p.i].violent:
                            by_token[p.i].add("instrument", key)
            if acl.dep_ in ("acl", "relcl") and acl.lemma_.lower() in _PLANT and acl.i not in by_token:
                # "an explosion caused by a bomb planted under a bus": the bus was its target
                same = [m for m in mentions if m.violent and m.token.sent == tok.sent]
                using = [m for m in same if key in m.roles.get("instrument", [])] or same
                if not using:
                    continue
                attack = min(using, key=lambda m: abs(m.token.i - tok.i))
                for prep in acl.children:
                    if prep.dep_ == "prep" and prep.lower_ in _UNDER_ON:
                        for p in prep.children:
                            if p.dep_ == "pobj" and p.pos_ == "VERB":  # "a bus standing", misparsed
                                p = next((c for c in p.children if c.dep_ == "compound"), p)
                            if p.dep_ in ("pobj", "compound"):  # put "on" X is put against X
                                _prep(attack, "against" if prep.lower_ == "on" else prep.lower_, p, table)


#: where a bomb is put that says what it was put against ("in a car" may be the car that carried it)
_UNDER_ON = {"under", "beneath", "underneath", "on", "at", "near", "outside", "beside", "behind", "against"}


# --------------------------------------------------------------------------- coreference
def refine_kind(kind: str, instruments: list[str], table: EntityTable) -> str:
    """Make an event's class as specific as its weapons allow (suicide vest -> SuicideBombing)."""
    drafts = [table.draft(k) for k in instruments]
    if FAMILY.get(kind) != "Attack":
        return kind
    if any(d.suicide for d in drafts) and kind in ("Attack", "Bombing"):
        return "SuicideBombing"
    if kind == "Attack":
        cats = {d.category for d in drafts}
        if "explosive" in cats:
            return "Bombing"
        if cats == {"firearm"}:
            return "Shooting"
        if cats == {"blade"}:
            return "Stabbing"
        if cats == {"incendiary"}:
            return "Arson"
    return kind


def most_specific(places: list[str], table: EntityTable) -> list[str]:
    """``places`` without those another of them lies in ("Strasbourg, eastern France": Strasbourg)."""
    inside = {x for p in places for x in table.ancestors(p)[1:]}
    return [p for p in places if p not in inside]


def _compatible(a: EventMention, b_dates: set[str], b_places: set[str], table: EntityTable) -> bool:
    if a.date and b_dates and a.date not in b_dates:
        return False
    places = set(most_specific(a.roles.get("place", []), table))
    b_places = set(most_specific(list(b_places), table))
    if places and b_places:
        anc_a = {x for p in places for x in table.ancestors(p)}
        anc_b = {x for p in b_places for x in table.ancestors(p)}
        if not (places & anc_b or b_places & anc_a):
            return False
    return True


def _other_victims(m: EventMention, group: list[EventMention], table: EntityTable) -> bool:
    """ "the assassination of X" is not the bombing that killed Y: a killing named by its
    victim is another event than one whose named victims are all others. Not so in one
    sentence: "Torres was killed and Meneses was wounded"."""
    if (
        m.token.pos_ == "VERB"
        and m.token.dep_ != "amod"  # "the bomb exploded at the party of the recently murdered senator X"
        and any(x.token.sent == m.token.sent and x.token.pos_ == "VERB" for x in group)
    ):
        return False  # two clauses of one sentence, not "the attack came a month after the murder of Y"
    own, named = _named_victims([m], table), _named_victims(group, table)
    return bool(own and named and not own & named)


def _named_victims(mentions: list[EventMention], table: EntityTable) -> set[str]:
    return {v for x in mentions for v in x.roles.get("victim", []) if table.kind(v) == "Person"}


_ANOTHER = re.compile(
    r"^\W*(?:separately|elsewhere|in (?:an ?other|a separate|a second|a different) "
    r"(?:incident|attack|case|development|event|operation|action))\b",
    re.I,
)


def _another_incident(tok: Token) -> bool:
    """The sentence opens by saying it reports another incident ("Separately, ..."), the trigger
    says it is another one ("there was another clash"), or one more is reported."""
    reported = (
        tok.pos_ == "VERB" and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in ("report", "announce")
    )
    if reported and any(c.dep_ == "advmod" and c.lower_ == "also" for c in tok.head.children):
        return True  # "he also reported that guerrillas killed a peasant in Flores": one more
    return bool(_ANOTHER.match(tok.sent.text)) or any(
        c.dep_ == "det" and c.lower_ == "another" for c in tok.children
    )


_REVENGE = {"avenge", "revenge", "retaliate", "retaliation", "reprisal", "retribution"}


def _avenged(tok: Token) -> bool:
    """ "the attack was perpetrated to avenge the death of X, who was tortured to death by the
    police", "in retaliation for the killing of ...": what is avenged is an earlier event."""
    return any(a.lemma_.lower() in _REVENGE for a in list(tok.ancestors)[:6])


def _recalled_date(tok: Token) -> Token | None:
    """The date the trigger's clause hangs on ("since 2017, when a general was killed"), if any."""
    verb = tok
    while verb.pos_ != "VERB" and verb.dep_ not in ("ROOT", "relcl"):
        verb = verb.head
    return verb.head if verb.dep_ == "relcl" and verb.head.ent_type_ in _WHEN else None


def _weekdays(group: list[EventMention]) -> set[str]:
    return {m.weekday for m in group if m.weekday}


def _participants(group: list[EventMention]) -> set[str]:
    return {k for m in group for r in ("victim", "perpetrator", "target") for k in m.roles.get(r, [])}


def cluster(mentions: list[EventMention], table: EntityTable) -> list[list[EventMention]]:
    """Group mentions of the same event: same family and status, no clash of date or place.

    A mention joins the most recent compatible group; distinct dates or places that do
    not contain one another keep incidents apart.
    """
    groups: list[list[EventMention]] = []
    for m in mentions:
        fits = []
        if _another_incident(m.token) and not (groups and groups[-1][-1].token.sent == m.token.sent):
            groups.append([m])  # "In another incident, ...": a new event, whatever it resembles
            continue
        if _avenged(m.token):
            groups.append([m])  # "to avenge the death of X, who was tortured to death": an earlier one
            continue
        for g in reversed(groups):
            head = g[0]
            if head.family != m.family or head.status != m.status:
                continue
            if (m.against_attacker or head.against_attacker) and not _participants([m]) & _participants(g):
                continue  # police shooting the attacker is another event than the attack
            dates = {x.date for x in g if x.date}
            places = {p for x in g for p in x.roles.get("place", [])}
            if _recalled_date(m.token) is not None and m.date not in dates:
                continue  # "since 2017, when a general was killed": that earlier event only
            if _compatible(m, dates, places, table) and not _other_victims(m, g, table):
                fits.append(g)
        if m.weekday is not None:  # "Saturday's attack": not an attack named on another day
            fits = [g for g in fits if _weekdays(g) <= {m.weekday}]
        # the latest compatible group, unless an earlier one has the same victims or attackers
        # or was named on the same day
        own = _participants([m])
        shared = [g for g in fits if own & _participants(g) or (m.weekday and m.weekday in _weekdays(g))]
        # "the Rolando bombing" after "the assassination of X": the latest bombing, if any
        alike = [g for g in fits if m.kind not in ("Attack", "Arrest") and any(x.kind == m.kind for x in g)]
        if fits:
            (shared or alike or fits)[0].append(m)
        else:
            groups.append([m])
    for n, g in enumerate(groups):
        for m in g:
            m.cluster = n
    return groups


def attackers_told_after(groups: list[list[EventMention]], table: EntityTable) -> None:
    """ "Mr. Torres was killed ... The attackers, who wore field uniforms, boarded the vessel":
    an attack with no perpetrator named is carried out by "the attackers" the text tells of in
    the sentence after one that reports it."""
    if not groups:
        return
    sents = list(groups[0][0].token.doc.sents)
    index = {s.start: n for n, s in enumerate(sents)}
    for g in groups:
        if not g[0].violent or g[0].status != "asserted" or any(m.roles.get("perpetrator") for m in g):
            continue
        told = sorted({index[m.token.sent.start] for m in g})
        following = [t for n in told if n + 1 < len(sents) for t in sents[n + 1]]
        for tok in following:
            if tok.dep_ == "nsubj" and tok.lemma_.lower() in _DOERS and _definite(tok):
                got = table.filler(tok)
                if got is not None and got[1] in ("agent", "human"):
                    g[0].add("perpetrator", got[0])
                    break


#: who a sentence names after "identified as": the people an event hit, or those it arrested
_HIT_WORDS = {"victim", "dead", "body", "casualty", "hostage", "slain", "wounded", "injured", "hurt",
              "murder", "kill", "slay", "assassinate", "wound", "injure", "kidnap", "abduct"}  # fmt: skip
_HELD_WORDS = {"arrest", "detain", "capture", "hold"}


def named_after_identified(groups: list[list[EventMention]], table: EntityTable) -> None:
    """ "The victims were identified as David Lecky, director of the Columbus School, and James
    Arthur Donnelly", "the two dead officers have been identified as ...": the people named are
    victims of the event told of last (or detainees of the arrest), by name."""
    if not groups:
        return
    doc = groups[0][0].token.doc
    for tok in doc:
        if tok.lemma_.lower() != "identify":
            continue
        subjects = [c for c in tok.children if c.dep_ == "nsubjpass"] or [
            c for c in tok.children if c.dep_ == "dobj"
        ]
        names = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children]
        if len(subjects) != 1 or not names:
            continue
        words = {noun_lemma(subjects[0]), subjects[0].lower_} | {
            c.lemma_.lower() for c in subjects[0].children if c.dep_ in ("amod", "acl", "relcl", "compound")
        }
        role, family = (
            ("victim", "Attack") if words & _HIT_WORDS
            else ("detainee", "Arrest") if words & _HELD_WORDS
            else (None, None)
        )  # fmt: skip
        if role is None:
            continue
        before = [
            g for g in groups
            if g[0].family == family and g[0].status == "asserted" and min(m.token.i for m in g) < tok.i
        ]  # fmt: skip
        if not before:
            continue
        g = max(before, key=lambda g: max(m.token.i for m in g if m.token.i < tok.i))
        for name in (t for p in names for t in _expand(p)):
            got = table.filler(name)
            if got is not None and got[1] == "person":
                g[0].add(role, got[0])


def merged_kind(group: list[EventMention]) -> str:
    return min((m.kind for m in group), key=_SPECIFICITY.index)
