"""Casualty figures: "89 people dead, including 76 Iranians and 13 Afghans", "killing five".

Each figure is a count, an outcome (killed / injured / arrested), the group it counts
("Iranians") where the text names one, and whether it breaks down an earlier headline
figure ("including ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventkg.extract import lexicon as lx
from eventkg.extract.entities import EntityTable, restates, slug
from eventkg.extract.numbers import parse_number
from eventkg.extract.time import is_period
from eventkg.models import Mention

__all__ = ["Figure", "find_figures"]

_CUES = {"including", "among", "includes", "include"}
_PEOPLE = {"people", "persons"}  # "nine people were dead": generic, yet the group the count is of
_SKIP_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}


@dataclass
class Figure:
    """A count of people with an outcome, as the text gives it."""

    count: int
    outcome: str
    head: Token  # the counted noun, or the number itself
    number: Span
    mention: Mention
    breakdown: bool = False
    group: str | None = None  # entity key of a named or described group


def _numbers(sent: Span) -> list[Span]:
    """Number expressions in a sentence: "89", "Thirty-two", "1,200", "two hundred"."""
    doc = sent.doc
    out: list[Span] = []
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if tok.ent_type_ in _SKIP_ENTS or not tok.like_num:
            i += 1
            continue
        j = i + 1
        while j < sent.end and (
            doc[j].like_num
            or (doc[j].text == "-" and j + 1 < sent.end and doc[j + 1].like_num)
            or (doc[j].ent_type_ == "CARDINAL" and doc[j].ent_iob_ == "I")
        ):
            j += 1
        span = doc[i:j]
        negated = i > sent.start and doc[i - 1].lower_ in ("no", "not", "none", "nobody")  # "no one was hurt"
        clock = (  # "arrested at 1500", "at 0650 (1250 GMT)": a time of day
            i > sent.start
            and doc[i - 1].lower_ in ("at", "around")
            and re.fullmatch(r"([01]\d|2[0-3])[0-5]\d", tok.text)
        )
        if parse_number(span.text) is not None and not negated and not clock:
            out.append(span)
        i = j
    return out


def _outcome_word(tok: Token) -> str | None:
    return lx.OUTCOME_WORDS.get(tok.lemma_.lower()) or lx.OUTCOME_WORDS.get(tok.lower_)


#: verbs that tell the state people were found in: "found murdered", "reported dead", "left dead"
_FOUND = {"find", "report", "leave", "confirm", "declare", "pronounce", "list"}


#: verbs whose subject bears what they name: "two men suffered wounds", "sustained burns"
_SUFFER = {"suffer", "sustain", "receive", "incur", "lose"}

#: "among the wounded": the people hurt, not the harm
_THE_HURT = {"wounded", "injured", "dead", "killed"}


def _outcome(num: Span, head: Token) -> str | None:
    """The outcome the counted people suffered, from the parse, then from nearby words."""
    if head.lemma_.lower() in ("body", "corpse") and head.pos_ == "NOUN":
        return "killed"  # "rescue teams recovered 107 bodies"
    if _outcome_word(head) and head.pos_ in ("VERB", "ADJ"):  # "at least twenty wounded"
        return _outcome_word(head)
    for c in head.children:  # "leaving 286 people wounded and 12 dead": the 12 are dead
        if c.dep_ in ("amod", "acl") and c.i > head.i and _outcome_word(c) and c.pos_ in ("VERB", "ADJ"):
            return _outcome_word(c)
    gov = head.head
    objects = [c for c in gov.children if c.dep_ == "dobj"]
    if head.dep_ == "nsubj" and objects:
        borne = [w for c in objects if (w := _outcome_word(c))]
        suffering = gov.lemma_.lower() in _SUFFER
        if suffering and borne:
            return borne[0]  # "two young men suffered wounds", "five soldiers lost their lives"
        if gov.pos_ == "VERB" and not suffering and not borne:
            return None  # "five gunmen killed a watchman": the five did it
    if head.dep_ in ("nsubjpass", "nsubj", "dobj", "attr", "conj") and gov is not head:
        found = _outcome_word(gov)
        if found and gov.pos_ in ("VERB", "ADJ"):
            return found
        for c in gov.children:  # "left 89 people dead"
            if c.dep_ in ("oprd", "acomp", "xcomp") and _outcome_word(c):
                return _outcome_word(c)
        if gov.pos_ == "VERB" and head.dep_ in ("nsubjpass", "dobj") and to_death(gov):
            return "killed"  # "two missionaries were shot to death", "beat three farmers to death"
        for c in gov.children:  # "130 were mutilated, injured and scarred"
            if (
                c.dep_ == "conj"
                and c.pos_ in ("VERB", "ADJ")
                and _outcome_word(c)
                and gov.pos_ == "VERB"
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            ):
                return _outcome_word(c)
    for member in _list_members(head):  # "five people killed", "eight women, a girl and four men injured"
        for c in member.children:
            if c.dep_ in ("acl", "amod", "relcl") and _outcome_word(c) and (member is head or c.i > head.i):
                return _outcome_word(c)
    doc = head.doc
    sent = head.sent
    for t in doc[head.i + 1 : min(head.i + 5, sent.end)]:  # "286 others wounded"
        if t.like_num or t.text in (";", ":"):
            break
        if (
            t.pos_ in ("NOUN", "PROPN", "VERB", "DET")
            and t.dep_ != "conj"
            and not (t.pos_ == "DET" and t.head.dep_ == "conj" and not _outcome_word(t.head))
            # "two Americans and an Afghani injured"; not "five students and the murder of"
            and not _outcome_word(t)
            and not (t.pos_ == "VERB" and t.lemma_.lower() in _FOUND)
            and not (t.pos_ == "DET" and t.head.lower_ in _THE_HURT)  # "two officers are among the wounded"
        ):  # "nine judges are investigating the assassination", "five students and the murder";
            break  # not "5 were later found murdered"
        if _outcome_word(t):
            pair = [x for x in (t.head, *t.children) if (x.dep_ == "conj" or t.dep_ == "conj") and x is not t]
            if any(_outcome_word(x) not in (None, _outcome_word(t)) for x in pair if _outcome_word(x)):
                return None  # "90 casualties, including dead or wounded": both, in no given split
            return _outcome_word(t)
    top = _list_members(head)[0]
    if top is not head and top.i < head.i and head.dep_ == "conj":
        return _outcome(num, top)  # "killed two soldiers and three civilians": as the first
    for t in reversed(doc[max(sent.start, num.start - 3) : num.start]):  # "killing five", "toll to 12"
        before = doc[t.i - 1] if t.i > sent.start else t
        if (
            t.text == ","
            and t.i == num.start - 1
            and _outcome_word(before)
            and before.pos_ in ("VERB", "ADJ")
        ):
            return _outcome_word(before)  # "six persons injured, two soldiers and two newsmen"
        if t.like_num or t.text in (";", ":", ".", ","):  # not "risking their lives, 100 prisoners escaped"
            break
        if _outcome_word(t) and t.pos_ in ("VERB", "NOUN", "ADJ"):
            return _outcome_word(t)
        if t.lemma_.lower() == "toll":
            return "killed"
    return None


def to_death(verb: Token) -> bool:
    """ "shot to death", "stabbed to death", "beaten to death": the people were killed."""
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and any(p.lower_ == "death" for p in c.children)
        for c in verb.children
    )


def _list_members(head: Token) -> list[Token]:
    """``head`` and the nouns listed with it by conjunction, or by apposition where the parser
    hangs a list so; not a noun that says again who (see :func:`restates`)."""
    top = head
    while top.dep_ in ("conj", "appos") and top.head.pos_ in ("NOUN", "PROPN") and top.head.i < top.i:
        top = top.head
    out, todo = [], [top]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [
            c
            for c in t.children
            if c.pos_ in ("NOUN", "PROPN") and (c.dep_ == "conj" or (c.dep_ == "appos" and not restates(c)))
        ]
    return sorted(out, key=lambda t: t.i)


def _is_people(head: Token, table: EntityTable) -> bool:
    if head.like_num or head.ent_type_ == "CARDINAL" or _outcome_word(head):  # "twenty wounded"
        return True
    if head.ent_type_ in ("NORP", "PERSON"):
        return True
    if head.i in table.by_token:
        return table.kind(table.by_token[head.i]) in ("Group", "ArmedGroup", "Person")
    lemma = head.lemma_.lower()
    if (
        head.dep_ == "pobj"
        and head.head.lower_ == "of"
        and head.head.head.lemma_.lower() in lx.HUMAN_OBJECT_NOUNS
    ):
        return True  # "the murder of six Jesuits"
    return lemma in lx.HUMAN_NOUNS or lemma in lx.GENERIC_PEOPLE or head.lower_ in lx.HUMAN_NOUNS


def find_figures(doc: Doc, table: EntityTable) -> list[Figure]:
    """Every casualty or arrest figure in ``doc``, in text order."""
    figures: list[Figure] = []
    parts: dict[int, list[Figure]] = {}  # breakdowns of each headline figure
    for sent in doc.sents:
        headline: Figure | None = None
        cue_open = False
        last_end = sent.start
        start = len(figures)
        for num in _numbers(sent):
            root = num.root
            head = (
                root.head
                if root.dep_ in ("nummod", "quantmod", "compound") and root.head is not root
                else root
            )
            if head.like_num and head.head is not head and head.dep_ in ("nummod", "compound"):
                head = head.head
            between = doc[last_end : num.start]
            if any(t.lower_ in _CUES for t in between) or (
                any(t.lower_ == "of" for t in between) and any(t.lower_ in ("whom", "them") for t in between)
            ):
                cue_open = headline is not None
            last_end = num.end
            if not _is_people(head, table):
                continue
            count = parse_number(num.text)
            outcome = _outcome(num, head)
            if (
                count is None
                or count > MAX_COUNT
                or _over_a_period(head)
                or _of_a_campaign(head)
                or _our_tally(head)
            ):
                continue  # "the war has killed 70,000": not one event's toll
            breakdown = False
            if cue_open and headline is not None and outcome in (None, headline.outcome):
                outcome, breakdown = headline.outcome, True
            if outcome is None:
                continue
            toks = [t for t in doc[num.start : head.i + 1]] if head.i >= num.start else list(num)
            fig = Figure(count, outcome, head, num, table.span_mention(toks), breakdown)
            if not head.like_num and (head.lemma_.lower() not in lx.GENERIC_PEOPLE or head.lower_ in _PEOPLE):
                got = table.people(head)
                if got is not None and got[1] in ("human", "agent", "person"):
                    fig.group = got[0]
            elif head.like_num and (label := _bare_group(num, head, outcome)):
                fig.group = table.add(f"group:{slug(label)}", "Group", label, table.span_mention(list(num)))
            if not breakdown:
                headline, cue_open = fig, False
            elif headline is not None:
                parts.setdefault(id(headline), []).append(fig)
            figures.append(fig)
        figures[start:] = _listed_total(figures[start:], table)
    for fig in figures:  # "89 people, including 76 Iranians and 13 Afghans": the parts are the victims
        if fig.head.lower_ in _PEOPLE and sum(p.count for p in parts.get(id(fig), [])) == fig.count:
            fig.group = None
    return figures + _single_victims(doc, table, {f.head.i for f in figures})


def _listed_total(figs: list[Figure], table: EntityTable) -> list[Figure]:
    """ "eight women, a 10-year-old girl and four men were injured": 13 injured in all, made up
    of the groups listed (a singular "a girl" counts one)."""
    out = list(figs)
    for fig in figs:
        if fig.breakdown or fig.head.like_num or fig not in out:
            continue
        members = _list_members(fig.head)
        listed = [f for f in out if f.head in members and f.outcome == fig.outcome and not f.breakdown]
        counted = {f.head.i for f in listed}
        for m in members:  # "a 10-year-old girl": one, with no number
            if (
                m.i not in counted
                and m.tag_ in ("NN", "NNP")
                and _is_people(m, table)
                and any(c.lower_ in ("a", "an", "one") for c in m.children)
            ):
                single = Figure(1, fig.outcome, m, m.doc[m.i : m.i + 1], table.span_mention([m]), True)
                got = table.people(m)
                single.group = got[0] if got is not None and got[1] in ("human", "person") else None
                listed.append(single)
        if len(listed) < 2:
            continue
        listed.sort(key=lambda f: f.head.i)
        if len(listed) > 2 and listed[0].count == sum(f.count for f in listed[1:]):
            # "arrested 12 people, seven women and five men": a total, then what it is made of
            for f in listed[1:]:
                f.breakdown = True
            if listed[0].head.lower_ in _PEOPLE:
                listed[0].group = None  # the groups are the people, not also "12 people"
            continue
        doc = fig.head.doc
        first, last = listed[0], listed[-1]
        total = Figure(
            sum(f.count for f in listed),
            fig.outcome,
            first.head,
            first.number,
            table.span_mention(list(doc[min(first.number.start, first.head.i) : last.head.i + 1])),
        )
        for f in listed:
            f.breakdown = True
        at = min(out.index(f) for f in listed if f in out)
        out = [f for f in out if f not in listed]
        out[at:at] = [total, *listed]
    return out


def _over_a_period(head: Token) -> bool:
    """ "100 people have died in three months of protests", "over the past year", "from 11
    November to 30 January": a toll over a period, not one event's."""
    for verb in _verbs_of(head):
        preps = [c for c in verb.children if c.dep_ == "prep"]
        if any(is_period(p) for c in preps for p in c.children):
            return True
        dated = {c.lower_ for c in preps if any(p.ent_type_ == "DATE" for p in c.children)}
        if "from" in dated and dated & {"to", "through", "until", "till"}:
            return True
    return tally(_verb_of(head))  # "more than 11 journalists have been killed since 1981"


def _verb_of(head: Token) -> Token:
    """The verb a counted group is the subject or object of, or the group itself."""
    if head.dep_ in ("oprd", "acomp") and head.head.pos_ == "VERB":
        return head.head  # "which has left more than 600 dead"
    return head.head if head.dep_ in ("nsubj", "nsubjpass", "dobj") else head


def _verbs_of(head: Token) -> list[Token]:
    """The verb of :func:`_verb_of` and the verbs it is listed with: in "more than 140 people have
    disappeared and about 60 have been killed over the past nine years", what is said of the
    first verb is said of the second."""
    verb = _verb_of(head)
    return [verb] + [
        v for v in (_clause_of(verb), *(c for c in verb.children if c.dep_ == "conj")) if v is not verb
    ]


def _clause_of(verb: Token) -> Token:
    """The first of the verbs ``verb`` is listed with ("which began 12 days ago and has left")."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb


_SINCE_WHEN = {"year", "month", "decade", "founding", "foundation", "beginning", "start", "creation"}


def tally(verb: Token) -> bool:
    """ "since the UP was founded, nearly 1,000 of its members have been murdered", "so far,
    over 1,000 people have died", "about 60 have been killed over the past 9 years": a count
    of deaths over a stretch of time up to now, not one incident."""
    if not any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
               for c in verb.children):  # fmt: skip
        return False
    verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    # "during the 2 months of the war Colombia has been waging, 20 judges have been killed"
    verbs += [c for v in verbs for c in v.children if c.dep_ == "advcl"]
    for v in verbs:
        for c in v.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
                return True  # "since the party was founded"
            pobjs = [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" else []
            if c.lower_ == "since" and any(p.like_num or p.lemma_.lower() in _SINCE_WHEN for p in pobjs):
                return True  # "since 1980", "since the beginning of the year"
            if any(is_period(p) or _this_stretch(p) for p in pobjs) or (
                c.lower_ == "to" and any(p.lower_ == "date" for p in pobjs)
            ):
                return True  # "over the past nine years", "to date", "in this decade"
            if c.dep_ == "npadvmod" and _this_stretch(c):
                return True  # "this year"
            if (
                c.dep_ == "advmod"
                and c.lower_ == "far"
                and any(x.lower_ in ("so", "thus") for x in c.children)
            ):
                return True  # "so far"
    return False


def _this_stretch(t: Token) -> bool:
    """ "this year", "this decade": with "have been killed", the stretch up to now."""
    return t.lemma_.lower() in ("year", "decade", "century") and any(c.lower_ == "this" for c in t.children)


_CAMPAIGNS = lx.CAMPAIGN_NOUNS | {"fighting", "violence"}
#: what a relative clause may hang on, between it and the campaign: "the offensive launched on
#: Saturday, which has left more than 600 dead"
_DETOUR_DEPS = {"pobj", "prep", "acl", "relcl", "npadvmod"}


def in_a_campaign(verbs: list[Token]) -> bool:
    """ "killed or injured in the conflict", "wounded during the offensive": said of one of ``verbs``."""
    return any(
        c.dep_ == "prep" and c.lower_ in lx.CAMPAIGN_PREPS and p.lemma_.lower() in lx.CAMPAIGN_NOUNS
        for v in verbs
        for c in v.children
        for p in c.children
    )


def _of_a_campaign(head: Token) -> bool:
    """ "a rebel offensive, which has left more than 1,000 people dead", "killed or injured in the
    conflict": the toll of a campaign, not of one event."""
    verbs = _verbs_of(head)
    clause = _clause_of(verbs[0])
    if in_a_campaign(verbs):
        return True
    for subj in (c for v in verbs for c in v.children if c.dep_ == "nsubj"):
        if subj.lower_ in ("which", "that") and clause.dep_ == "relcl":
            subj = clause.head
            for _ in range(4):
                if subj.lemma_.lower() in _CAMPAIGNS or subj.dep_ not in _DETOUR_DEPS:
                    break
                subj = subj.head
        if subj.lemma_.lower() in _CAMPAIGNS:
            return True
    return False


def _our_tally(head: Token) -> bool:
    """ "we have inflicted 1,902 dead, 1,209 wounded": a side's own count of the losses it caused
    its enemy over its fighting, not one event's toll."""
    return any(our_tally(t) for t in head.doc[head.sent.start : head.i])


def our_tally(verb: Token) -> bool:
    """ "we counted", "we have inflicted": a side counting the losses it caused."""
    return verb.lemma_.lower() in lx.TALLY_VERBS and any(
        c.dep_ == "nsubj" and c.lower_ == "we" for c in verb.children
    )


def _bare_group(num: Span, head: Token, outcome: str) -> str | None:
    """The label of the group a bare number counts, where the text implies one: "killed three
    people and injured more than 260" (260 people), "a man was killed and five more were
    wounded" (five more injured)."""
    noun = _elided(head)
    if noun is not None:
        return f"{num.text} {noun.text}"
    if any(c.lower_ == "more" for c in head.children):
        return f"{num.text} more {outcome}"
    return None


def _elided(num: Token) -> Token | None:
    """The noun a bare number leaves out where a conjoined verb counts the same kind of people:
    "killed 13 people and wounded 71", "killed 23 soldiers and injured another 15"."""
    if not num.like_num or num.dep_ not in ("dobj", "nsubjpass"):
        return None
    verb = num.head
    kin = [verb.head] if verb.dep_ == "conj" else []
    kin += [c for c in verb.children if c.dep_ == "conj"]
    for other in kin:
        for c in other.children:
            if (
                c.dep_ == num.dep_
                and c.pos_ in ("NOUN", "PROPN")
                and any(n.dep_ == "nummod" for n in c.children)
            ):
                return c
    return None


#: counts above this are tolls of wars and campaigns, not of one event
MAX_COUNT = 5000
_KILL_VERBS = {"kill": "killed", "murder": "killed", "assassinate": "killed", "slay": "killed",
               "behead": "killed", "execute": "killed", "wound": "injured", "injure": "injured"}  # fmt: skip


def _one_person(t: Token, table: EntityTable) -> bool:
    """A named person, or "a/the/his <person noun>" in the singular."""
    named = table.by_token.get(t.i)
    if named is not None:
        return table.kind(named) == "Person"
    determined = any(c.lower_ in ("a", "an", "one", "the", "his", "her") for c in t.lefts)
    return t.tag_ in ("NN", "NNP") and determined and _is_people(t, table)


def _single_victims(doc: Doc, table: EntityTable, counted: set[int]) -> list[Figure]:
    """ "a peasant was killed", "gunmen murdered the mayor and his driver": one person per
    singular victim named, when no number is given."""
    out = []
    for verb in doc:
        outcome = _KILL_VERBS.get(verb.lemma_.lower())
        if outcome is None and verb.pos_ == "VERB" and to_death(verb):
            outcome = "killed"  # "five individuals shot to death a watchman"
        if verb.lemma_.lower() in ("death", "murder", "assassination", "killing") and verb.pos_ == "NOUN":
            outcome = "killed"  # "the death of a French soldier"
            victims = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                       if p.dep_ == "pobj"]  # fmt: skip
        elif outcome is None or verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
            continue
        else:
            victims = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        victims = [
            t for v in victims for t in [v, *(c for c in v.subtree if c.dep_ == "conj" and c.head == v)]
        ]
        if not victims or any(t.i in counted for t in victims):
            continue
        singular = [t for t in victims if _one_person(t, table)]
        if singular and len(singular) == len(victims):
            out.append(Figure(len(singular), outcome, singular[0], doc[singular[0].i : singular[0].i + 1],
                              table.span_mention([singular[0]])))  # fmt: skip
    return out
