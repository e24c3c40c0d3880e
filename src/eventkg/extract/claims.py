"""Claims of responsibility and reported statements: who said what, relayed by whom.

* "X claimed responsibility for the attack", "the attacks, claimed by X" give an
  ``ResponsibilityClaim`` (its claimant is also the attack's perpetrator);
  "X denied responsibility" a ``Denial``.
* Reported speech ("..., he said, quoted by IRNA", "according to police", "X told
  Reuters") gives a ``Statement`` (``Denial`` for deny/dismiss, ``Accusation`` for
  accuse/blame) with its speaker, the outlet relaying it, the quoted words, and the events
  asserted inside what was said.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventkg.extract import lexicon as lx
from eventkg.extract.entities import EntityTable, named_before, np_tokens, slug
from eventkg.extract.events import EventMention
from eventkg.extract.places import fold
from eventkg.models import Mention

__all__ = ["ClaimDraft", "find_claims"]

_QUOTES = {'"': '"', "“": "”", "«": "»", "”": "”"}
_CLAIM_VERBS = {"claim", "accept", "admit", "assume", "take", "bear", "acknowledge"}
_DENY_VERBS = {"deny", "reject", "dismiss", "disown"}
_RESPONSIBILITY = {"responsibility", "involvement", "credit"}  # "claimed credit for the bombing"
#: bodies that speak for an organisation: "the leadership of ETA issued a statement denying ..."
_COLLECTIVE_SPEAKERS = {"leadership", "command", "presidency", "ministry", "spokesmen"}
_STATEMENT_NOUNS = {"statement", "communique", "communiqué", "message", "announcement", "declaration"}


@dataclass
class ClaimDraft:
    kind: str
    claimant: str | None
    mention: Mention
    about: list[EventMention] = field(default_factory=list)
    quote: Mention | None = None
    reported_by: str | None = None
    content: set[int] = field(default_factory=set)  # token indices of what was said
    responsibility: bool = False  # a claim or denial of responsibility for an attack
    accused: str | None = None  # whom an accusation holds responsible
    charge: bool = False  # the accusation says of what ("accused X of being ..."), not just whom


def find_claims(doc: Doc, table: EntityTable, mentions: list[EventMention]) -> list[ClaimDraft]:
    """Responsibility claims and statements in ``doc``, in text order."""
    by_token = {m.token.i: m for m in mentions}
    speakers: list[tuple[int, str]] = []  # (token index, key) of resolved speakers, in order
    out: list[ClaimDraft] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if (
            lemma in _RESPONSIBILITY
            and tok.dep_ == "dobj"
            and tok.head.lemma_.lower() in (_CLAIM_VERBS | _DENY_VERBS)
        ):
            out.append(_responsibility(tok, table, by_token, speakers))
        elif lemma == "claim" and tok.pos_ == "VERB" and _claims_event(tok, by_token):
            out.append(_claimed_event(tok, table, by_token, speakers))
        elif (
            lemma in ("claim", "admit", "acknowledge")
            and tok.pos_ == "VERB"
            and (about := _said_responsible(tok, by_token))
        ):
            # "X claimed they were responsible for the attack"
            subj = _subject_of(tok)
            claimant = _speaker(subj, table, speakers) if subj is not None else None
            out.append(
                ClaimDraft(
                    "ResponsibilityClaim", claimant, table.span_mention([tok]), about, responsibility=True
                )
            )
        elif tok.pos_ == "VERB" and lemma in lx.SPEECH_VERBS:
            st = _statement(tok, table, by_token, speakers)
            if st is not None:
                out.append(st)
        elif tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            st = _according_to(tok, table, by_token, speakers)
            if st is not None:
                out.append(st)
    return out


# --------------------------------------------------------------------------- responsibility
def _claims_event(tok: Token, by_token: dict[int, EventMention]) -> bool:
    """ "the attacks, claimed by X" / "X claimed the bombing"."""
    if any(c.dep_ == "dobj" and c.i in by_token for c in tok.children):
        return True
    return (
        tok.dep_ in ("acl", "relcl")
        and tok.head.i in by_token
        and any(c.dep_ == "agent" for c in tok.children)
    )


def _said_responsible(tok: Token, by_token: dict[int, EventMention]) -> list[EventMention]:
    """The attacks a clause under ``tok`` says "we/they were responsible for"."""
    for c in tok.children:
        if c.dep_ != "ccomp":
            continue
        for adj in c.children:
            if adj.dep_ == "acomp" and adj.lemma_.lower() == "responsible":
                found = [by_token[t.i] for t in adj.subtree if t.i in by_token]
                if found:
                    return found
    return []


def _responsibility(
    tok: Token, table: EntityTable, by_token: dict[int, EventMention], speakers: list[tuple[int, str]]
) -> ClaimDraft:
    verb = tok.head
    denied = verb.lemma_.lower() in _DENY_VERBS or any(c.dep_ == "neg" for c in verb.children)
    subj = _subject_of(verb)
    if subj is not None and any(c.lower_ == "no" for c in subj.lefts):  # "no group has claimed ..."
        claimant, denied = None, False
    elif subj is not None:
        claimant = _speaker(subj, table, speakers)
        if claimant and table.kind(claimant) == "Group" and subj.lemma_.lower() in lx.COLLECTIVE_NOUNS:
            claimant = None  # "the group claimed ...", with no group named before it: nobody known
    else:  # a subject the parser lost in a long opening ("In a communique ..., the MRTA claimed")
        claimant = table.last_armed_group(verb.i, within=verb.i - verb.sent.start)
    preps = [p for x in (tok, verb) for p in x.children if p.dep_ == "prep"]  # "claimed credit for ..."
    about = [by_token[t.i] for p in preps for t in p.subtree if t.i in by_token]
    return ClaimDraft(
        "Denial" if denied else "ResponsibilityClaim",
        claimant,
        table.span_mention([verb, tok] if verb.i < tok.i else [tok, verb]),
        about,
        responsibility=True,
    )


def _claimed_event(
    tok: Token, table: EntityTable, by_token: dict[int, EventMention], speakers: list[tuple[int, str]]
) -> ClaimDraft:
    if tok.dep_ in ("acl", "relcl") and tok.head.i in by_token:
        about = [by_token[tok.head.i]]
        agents = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        claimant = _speaker(agents[0], table, speakers) if agents else None
    else:
        about = [by_token[c.i] for c in tok.children if c.dep_ == "dobj" and c.i in by_token]
        subj = _subject_of(tok)
        claimant = _speaker(subj, table, speakers) if subj is not None else None
    return ClaimDraft("ResponsibilityClaim", claimant, table.span_mention([tok]), about, responsibility=True)


# --------------------------------------------------------------------------- statements
def _subject_of(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:  # of two (a run-on the parser joined), the one next to the verb
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    if verb.dep_ == "conj" or (verb.dep_ == "dep" and verb.head.pos_ == "VERB"):
        return _subject_of(verb.head)  # "Musa dismissed ... and stated that ..."
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp"):  # "X responded, stating ..."
        return _subject_of(verb.head)
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.lemma_.lower() in _STATEMENT_NOUNS:
        return _subject_of(verb.head.head)  # "X issued a statement denying ..."
    return None


def _speaker(tok: Token, table: EntityTable, speakers: list[tuple[int, str]]) -> str | None:
    """Resolve who is speaking: a name, a pronoun or "the judicial official"."""
    low = tok.lower_
    if low in ("he", "she", "him", "her"):
        people = [k for i, k in speakers if i < tok.i and table.kind(k) == "Person"]
        if people:
            return people[-1]
        named = [k for i, k in sorted(table.by_token.items()) if i < tok.i and table.kind(k) == "Person"]
        return named[-1] if named else None
    if tok.pos_ == "PRON":
        return None
    got = table.filler(tok)
    if got is not None and got[1] in ("person", "agent") and table.kind(got[0]) != "Group":
        if table.kind(got[0]) == "Person":
            _affiliate(tok, got[0], table)
        return got[0]
    lemma = tok.lemma_.lower()
    definite = named_before(tok)
    if lemma in lx.TITLE_NOUNS and definite:
        people = [k for i, k in speakers if i < tok.i and table.kind(k) == "Person"]
        titled = [k for k in people if lemma in fold(table.draft(k).title or "")]
        if titled or people:
            return _refers_to(tok, (titled or people)[-1], table)
    if lemma in lx.TITLE_NOUNS and (definite or any(c.dep_ == "poss" for c in tok.lefts)):
        # "his attorney noted ...", later "defense attorney Edward Hayden": the one so titled
        later = [
            k
            for k, d in table.items.items()
            if d.kind == "Person"
            and lemma in fold(d.title or "")
            and min(m.start for m in d.mentions) >= tok.sent.end_char  # not "X accused ... leader Y"
        ]
        if len(later) == 1:
            return _refers_to(tok, later[0], table)
    if got is not None and got[1] in ("person", "agent", "human"):
        return got[0]
    if lemma in lx.TITLE_NOUNS or lemma in _COLLECTIVE_SPEAKERS:
        label = " ".join(t.text for t in np_tokens(tok, with_numbers=False) if t.pos_ != "DET").lower()
        return table.add(f"group:{slug(label)}", "Group", label, table.span_mention(np_tokens(tok)))
    return None


def _refers_to(tok: Token, person: str, table: EntityTable) -> str:
    """Record "the prosecutor" at ``tok`` as a mention of ``person`` (not a new name of theirs)."""
    table.add(person, "Person", table.draft(person).label, table.span_mention(np_tokens(tok)), alias=False)
    return person


def _affiliate(tok: Token, person: str, table: EntityTable) -> None:
    """The organisation a named speaker speaks for: "Taliban spokesman Zabiullah Mujahid",
    "Zabiullah Mujahid, the spokesperson for the Taliban", "X of the Interior Ministry"."""
    draft = table.draft(person)
    if draft.affiliation is not None:
        return
    near = [t for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod") for t in c.subtree]
    near += [t for c in tok.rights if c.dep_ in ("appos", "prep") for t in c.subtree]
    for t in near:
        key = table.by_token.get(t.i)
        if key is not None and key != person and table.kind(key) in ("Organization", "ArmedGroup"):
            draft.affiliation = key
            return


def _content(verb: Token) -> set[int]:
    """Token indices of what was said: the complement clause, or the clause the verb interrupts."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp") or (
            c.dep_ == "dobj" and verb.lemma_.lower() in _DENY_VERBS | {"accuse"}
        ):
            return {t.i for t in c.subtree}
    if verb.dep_ in ("parataxis", "ccomp") and verb.head is not verb:
        own = {t.i for t in verb.subtree}
        return {t.i for t in verb.head.subtree} - own
    return set()


def _quotes_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted spans (inside the marks) in ``text[start:end]``: straight quotes pair up in
    order, curly and angle quotes with their closing mark."""
    out: list[tuple[int, int]] = []
    i = start
    while i < end:
        ch = text[i]
        if ch in _QUOTES and ch != "”":
            j = text.find(_QUOTES[ch], i + 1, end)
            if j == -1:
                break
            if ch == '"' and _opens(text, j):
                # a quote running on into the next paragraph opens it again without closing
                # the last ('... 24 hours. "This will be ...'): it ended before that mark
                out.append((i + 1, len(text[:j].rstrip())))
                i = j
                continue
            out.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return out


def _opens(text: str, j: int) -> bool:
    """A straight quote mark at ``j`` that can only open a quotation: after a sentence's end and
    a space, before a capital letter."""
    before = text[:j].rstrip()
    return (
        j > 0 and text[j - 1].isspace() and before[-1:] in (".", "!", "?") and text[j + 1 : j + 2].isupper()
    )


def _quote(sent: Span, table: EntityTable) -> Mention | None:
    """The quotation a speech verb in ``sent`` introduces: the longest one that overlaps the
    sentence, even when it began in an earlier sentence of the same paragraph."""
    text = table.article.text
    para_start = text.rfind("\n\n", 0, sent.start_char) + 1
    para_end = text.find("\n\n", sent.end_char)
    para_end = len(text) if para_end == -1 else para_end
    spans = [
        (a, b) for a, b in _quotes_in(text, para_start, para_end) if a < sent.end_char and b > sent.start_char
    ]
    spans = [s for s in spans if s[1] - s[0] >= 3]
    if not spans:
        return None
    return table.mention(*max(spans, key=lambda s: s[1] - s[0]))


def _reported_by(sent: Span, table: EntityTable) -> str | None:
    """ "quoted by IRNA", "told Reuters", "according to AFP", "in a statement carried by X"."""
    for tok in sent:
        key = table.by_token.get(tok.i)
        if key is None or table.kind(key) != "NewsOutlet":
            continue
        head = tok.head
        if head.dep_ in ("agent", "prep") and head.head.lemma_.lower() in (
            "quote",
            "carry",
            "cite",
            "publish",
        ):
            return key
        if head.lower_ == "to" and head.head.lower_ == "according":
            return key
        if tok.dep_ in ("dobj", "dative") and head.lemma_.lower() in ("tell", "say"):
            return key
    return None


def _statement(
    verb: Token, table: EntityTable, by_token: dict[int, EventMention], speakers: list[tuple[int, str]]
) -> ClaimDraft | None:
    lemma = verb.lemma_.lower()
    if lemma in _CLAIM_VERBS | _DENY_VERBS and any(
        c.lemma_.lower() in _RESPONSIBILITY for c in verb.children
    ):
        return None  # a claim or denial of responsibility: see _responsibility
    subj = _subject_of(verb)
    if subj is None or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    sent = verb.sent
    quote = _quote(sent, table)
    content = _content(verb)
    if not content and quote is None and lemma not in ("accuse", "blame"):
        return None
    reported_by = _reported_by(sent, table)
    claimant = _speaker(subj, table, speakers)
    if claimant is None:
        return None
    if lemma == "quote" and table.kind(claimant) == "NewsOutlet":  # "IRNA quoted X as saying"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        person = _speaker(obj, table, speakers) if obj is not None else None
        if person is not None:
            reported_by, claimant = claimant, person
    accused, charge = None, set()
    if lemma in ("accuse", "blame"):  # "X accused the army of the massacre"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        got = table.filler(obj) if obj is not None else None
        if got is not None and got[1] in ("agent", "person", "human"):
            accused = got[0]
            charge = {t.i for c in verb.children if c.dep_ == "prep" for t in c.subtree}
            content |= charge
    speakers.append((verb.i, claimant))
    if quote is not None:
        span = verb.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        content |= {t.i for t in span} if span is not None else set()
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":  # "X responded to the bombing, stating ..."
        content |= {t.i for c in verb.head.children if c.dep_ == "prep" for t in c.subtree}
    about = [by_token[i] for i in sorted(content) if i in by_token]
    return ClaimDraft(
        lx.SPEECH_VERBS[lemma],
        claimant,
        table.span_mention([verb]),
        about,
        quote,
        reported_by if reported_by != claimant else None,
        content,
        accused=accused,
        charge=bool(charge),
    )


def _according_to(
    tok: Token, table: EntityTable, by_token: dict[int, EventMention], speakers: list[tuple[int, str]]
) -> ClaimDraft | None:
    to = next(c for c in tok.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    claimant = _speaker(pobj, table, speakers)
    if claimant is None:
        return None
    sent = tok.sent
    content = {t.i for t in sent} - {t.i for t in tok.subtree}
    about = [by_token[i] for i in sorted(content) if i in by_token]
    reported = claimant if table.kind(claimant) == "NewsOutlet" else None
    return ClaimDraft(
        "Statement",
        claimant,
        table.span_mention([tok, to, pobj]),
        about,
        _quote(sent, table),
        reported,
        content,
    )
