"""Unit tests of the model-free parts of extraction: numbers, dates, places, gazetteers."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from eventkg.extract.numbers import parse_number
from eventkg.extract.places import country, fold, resolve_place
from eventkg.extract.time import normalize_date, shift
from eventkg.nlp.gazetteers import load_gazetteer
from eventkg.resources import resource_path

SUNDAY = dt.date(2024, 1, 7)
FRIDAY = dt.date(2023, 6, 16)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("89", 89),
        ("1,200", 1200),
        ("Thirty-two", 32),
        ("thirty two", 32),
        ("seventeen", 17),
        ("two hundred and six", 206),
        ("a dozen", 12),
        ("two dozen", 24),
        ("one thousand", 1000),
        ("FORTY-FIVE", 45),
    ],
)
def test_numbers(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["several", "dozens", "many", "", "12abc", "a few"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Wednesday", SUNDAY, "2024-01-03"),
        ("on Saturday", SUNDAY, "2024-01-06"),
        ("Sunday", SUNDAY, "2024-01-07"),  # the publication day itself
        ("last Sunday", SUNDAY, "2023-12-31"),  # but "last Sunday", written on a Sunday, a week ago
        ("last Friday", SUNDAY, "2024-01-05"),
        ("Thursday", FRIDAY, "2023-06-15"),
        ("yesterday", FRIDAY, "2023-06-15"),
        ("today", FRIDAY, "2023-06-16"),
        ("last night", FRIDAY, "2023-06-15"),
        ("0600 this morning", FRIDAY, "2023-06-16"),  # a clock time before the day
        ("Tuesday night", FRIDAY, "2023-06-13"),
        ("last month", SUNDAY, "2023-12"),
        ("this month", FRIDAY, "2023-06"),
        ("last year", FRIDAY, "2022"),
        ("two days ago", FRIDAY, "2023-06-14"),
        ("March 3", FRIDAY, "2023-03-03"),
        ("3 March", FRIDAY, "2023-03-03"),
        ("December 24", FRIDAY, "2022-12-24"),  # a later month is last year's
        ("Jan. 3, 2024", FRIDAY, "2024-01-03"),
        ("3 JAN 90", None, "1990-01-03"),
        ("in May 2021", FRIDAY, "2021-05"),
        ("in 2019", FRIDAY, "2019"),
        ("early January", SUNDAY, "2024-01"),
    ],
)
def test_dates(text: str, published: dt.date | None, value: str) -> None:
    assert normalize_date(text, published) == value


@pytest.mark.parametrize(
    "text", ["the previous year", "recently", "soon", "the fourth anniversary", "3 dogs"]
)
def test_vague_dates_give_nothing(text: str) -> None:
    assert normalize_date(text, SUNDAY) is None


def test_weekday_needs_a_publication_date() -> None:
    assert normalize_date("Monday", None) is None


def test_shift() -> None:
    assert shift("2024-01-06", -3) == "2024-01-03"
    assert shift("2024-01", 2) is None


def test_fold() -> None:
    assert fold("Bogotá") == "bogota"
    assert fold("The Hague") == "hague"


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Mogadishu", "City", "SO"),
        ("Peshawar", "City", "PK"),
        ("Lima", "City", "PE"),
        ("Afghanistan", "Country", "AF"),
        ("Russia", "Country", "RU"),
        ("UK", "Country", "GB"),
        ("Borno", "Region", "NG"),
    ],
)
def test_places_resolve_with_their_country(name: str, kind: str, country: str) -> None:
    rec = resolve_place(name)
    assert rec is not None
    assert (rec.kind, rec.country) == (kind, country)
    if kind != "Country":
        assert rec.parent is not None and rec.parent.kind == "Country" and rec.parent.country == country


def test_city_has_coordinates_and_geonames_id() -> None:
    rec = resolve_place("Peshawar")
    assert rec is not None and rec.latitude is not None and rec.key.startswith("geonames:")


def test_ambiguous_name_prefers_the_article_country() -> None:
    # "Córdoba" is a city in Argentina and in Spain: the article's countries decide
    assert resolve_place("Cordoba", context={"ES"}).country == "ES"  # type: ignore[union-attr]
    assert resolve_place("Cordoba", context={"AR"}).country == "AR"  # type: ignore[union-attr]


def test_kind_hint_picks_the_province() -> None:
    rec = resolve_place("Kandahar", kind="Region")
    assert rec is not None and rec.kind == "Region" and rec.key.startswith("iso3166:AF-")


def test_a_region_is_found_without_the_kind_its_iso_name_adds() -> None:
    # ISO 3166-2 lists "Dagestan, Respublika" and "Ilocos (Region I)"
    for name, code in (("Dagestan", "iso3166:RU-DA"), ("Ilocos", "iso3166:PH-01")):
        rec = resolve_place(name, kind="Region")
        assert rec is not None and rec.key == code and rec.label == name
        assert rec.parent is not None and rec.parent.key == country(code[8:10]).key  # type: ignore[union-attr]
    # a comma inside a name is kept
    rec = resolve_place("San Andres, Providencia y Santa Catalina", kind="Region")
    assert rec is not None and rec.label == "San Andrés, Providencia y Santa Catalina"


def test_unknown_place() -> None:
    assert resolve_place("Xqzvillebury") is None
    assert resolve_place("the") is None


def test_gazetteers_are_well_formed() -> None:
    for name in ("armed_groups", "outlets", "weapons"):
        path = resource_path("gazetteers", f"{name}.jsonl")
        keys = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            assert d["key"] not in keys, f"duplicate key {d['key']} in {name}"
            keys.add(d["key"])
            assert set(d.get("case_sensitive", [])) <= set(d["aliases"]), d["key"]
        entries = load_gazetteer(name)
        assert len(entries) == len(keys)
    isis = next(e for e in load_gazetteer("armed_groups") if e.key == "islamic-state")
    assert {"Daesh", "ISIS", "ISIL"} <= set(isis.aliases) and isis.wikidata == "Q2429253"


# --------------------------------------------------------------------------- truecasing
def test_upper_case_detection() -> None:
    from eventkg.nlp.truecase import is_upper_text

    assert is_upper_text("LIMA, 10 JAN 90 (EFE) -- A BOMB EXPLODED TODAY AT A BANK.")
    assert not is_upper_text("A bomb exploded today at a bank in Lima, police said.")
    assert not is_upper_text("OK")  # too short to tell


@pytest.mark.model
def test_a_double_hyphen_is_a_dash_token_wherever_it_is_written(nlp: Any) -> None:
    for text, words in [
        ("ON THE HIGHWAY-- A BUS", ["ON", "THE", "HIGHWAY", "--", "A", "BUS"]),
        ("AGED 19 AND 21--WERE SHOT", ["AGED", "19", "AND", "21", "--", "WERE", "SHOT"]),
        ("--HELLO", ["--", "HELLO"]),
        (
            "a 10-year-old U.S.-backed re-elected",
            ["a", "10", "-", "year", "-", "old", "U.S.-backed", "re", "-", "elected"],
        ),
    ]:
        assert [t.text for t in nlp.tokenizer(text)] == words


def test_truecase_keeps_length_and_restores_names() -> None:
    from eventkg.nlp import make_nlp
    from eventkg.nlp.truecase import truecase

    text = (
        "BOGOTA, 3 MAY 90 (EFE) -- COLONEL JUAN PEREZ SAID THAT FMLN GUERRILLAS KILLED TWO "
        "SALVADORAN SOLDIERS IN SAN MIGUEL ON MONDAY."
    )
    out = truecase(text, make_nlp())
    assert len(out) == len(text) and out.upper() == text.upper()
    for expected in ("Bogota", "3 May 90", "Juan Perez", "FMLN", "guerrillas killed two", "Salvadoran",
                     "soldiers", "San Miguel", "Monday"):  # fmt: skip
        assert expected in out, (expected, out)
    assert truecase("TWO U.S. CITIZENS WERE KILLED.", make_nlp()) == "Two U.S. citizens were killed."
    # a word in quotes the writer keeps a distance from is no name; a quoted name is one
    out = truecase('HE WAS "KIDNAPPED" BY THE "EXTRADITABLES", "ZARATE WILLKA ARMED FORCES".', make_nlp())
    assert '"kidnapped"' in out and '"Extraditables"' in out and '"Zarate Willka Armed Forces"' in out
    text = "HE WAS IDENTIFIED AS RUTH ESPERANZA AGUILAR. HIS WIFE, STELA TORRADO, AND PEASANTS, FARMERS"
    out = truecase(text, make_nlp())
    assert "as Ruth Esperanza" in out and "wife, Stela Torrado" in out and "peasants, farmers" in out
    # a first name that is also an English word, after a title and before a name
    out = truecase("SAID THAT COLONEL HECTOR HERIBERTO HERNANDEZ IS RESPONSIBLE.", make_nlp())
    assert "Hector Heriberto Hernandez" in out
    out = truecase("THE DEATH OF SALVADORAN LEFTIST LEADER HECTOR OQUELI COLINDRES.", make_nlp())
    assert "Hector Oqueli Colindres" in out
    # a title's abbreviation has no vowel, like an acronym, but is a title
    out = truecase("THE MURDER OF DR IGNACIO ELLACURIA AND SGT LUIS PEREZ BY THE URNG.", make_nlp())
    assert "of Dr Ignacio Ellacuria and Sgt Luis Perez by the URNG" in out
    # a Roman numeral stays in capitals: "the XXII Front", "chapter IV"; "I" and "mix" do not
    out = truecase("THE XXII FRONT ATTACKED, AS CHAPTER IV SAYS. I SAW A MIX.", make_nlp())
    assert "The XXII " in out and "chapter IV says" in out and "I saw a mix" in out
    # a saint's name that the lexicon also knows as a noun starts a name before a surname
    out = truecase("THE DEATH OF CARLOS PIZARRO AND ROSA MARTIN. THE ANGEL OF DEATH.", make_nlp())
    assert "of Carlos Pizarro and Rosa Martin" in out and "The angel of death" in out
    # a group's acronym stays one even where the model's word list has it in lower case
    out = truecase("ON THE ROAD TO SARDINATA, THE ELN KIDNAPPED A BUSINESSMAN.", make_nlp())
    assert "the ELN kidnapped a businessman" in out
    # a known word after a role noun and before an unknown word is a first name; a surname the
    # lexicon only knows as a plural ("torres") after a name is part of it
    out = truecase(
        "ABOARD WERE U.S. CITIZEN SCOTT HEYNDAL AND PILOT JULIO TORRES. STUDENT LEADERS MET.", make_nlp()
    )
    assert "citizen Scott Heyndal" in out and "pilot Julio Torres" in out and "Student leaders met" in out
    # a faith's or a people's adjective is capitalised like a nationality, and starts no name
    out = truecase("TWO MORMON MISSIONARIES AND FIFTEEN SOVIET MARINES WERE INJURED.", make_nlp())
    assert out == "Two Mormon missionaries and fifteen Soviet marines were injured."
    # a city the lexicon also lists as a noun is the city right after "in" or "of"
    out = truecase("THE CARIBBEAN PORT OF CARTAGENA. BOMBS IN KANDAHAR. THE WAR OF INDEPENDENCE.", make_nlp())
    assert out == "The Caribbean port of Cartagena. Bombs in Kandahar. The war of independence."
    out = truecase("A BOMB EXPLODED IN CARTAGENA CAUSING DAMAGE.", make_nlp())
    assert out == "A bomb exploded in Cartagena causing damage."
    # a plural in "-men" is the word its singular in "-man" is, no name
    out = truecase("MILITARY SPOKESMEN SAID THAT SEVEN POLICEMEN WERE KILLED BY GUNMEN.", make_nlp())
    assert out == "Military spokesmen said that seven policemen were killed by gunmen."
    # a possessive is read by its word: the name in "GALAN'S", the plural noun in "BOMBS'"
    out = truecase("AFTER SENATOR LUIS CARLOS GALAN'S MURDER, THE BOMBS' DAMAGE WAS GREAT.", make_nlp())
    assert "Luis Carlos Galan's murder" in out and "the bombs' damage" in out
    # an organisation's name: a name, then words up to its head noun; not a nationality's army
    text = "THE CINCHONERO POPULAR LIBERATION MOVEMENT AND THE ATLACATL BATTALION FOUGHT THE SALVADORAN ARMY."
    out = truecase(text, make_nlp())
    assert "Cinchonero Popular Liberation Movement" in out and "Atlacatl Battalion" in out
    assert "Salvadoran army" in out
    # conflict words the model's lexicon lacks are words; a possessive ends a name
    out = truecase("UNIDENTIFIED MEN MACHINEGUNNED RODRIGUEZ PORTH'S CAR.", make_nlp())
    assert "men machinegunned Rodriguez Porth's car" in out
    # a party or front "of" a named place is a name too; "this party of Chile" is not one
    text = "MEMBERS OF THE COMMUNIST PARTY OF CHILE MET THE PARTY OF PRESIDENT CRISTIANI. THIS PARTY OF CHILE"
    out = truecase(text, make_nlp())
    assert (
        "the Communist Party of Chile" in out and "the party of president" in out and "This party of" in out
    )


def test_capital_of_a_demonym() -> None:
    from eventkg.extract.places import capital_of

    assert capital_of("Nigerian").label == "Abuja"  # type: ignore[union-attr]  # not Niger's
    assert capital_of("Iraqi").label == "Baghdad"  # type: ignore[union-attr]
    assert capital_of("Klingon") is None


def test_hard_wrapped_lines_are_one_paragraph_to_the_parser() -> None:
    from eventkg.models import Article
    from eventkg.nlp.pipeline import _mask

    text = (
        "A bomb hit the Tupac Amaru Revolutionary\nMovement office.\n\n  Next paragraph\n  \n here  \n  too"
    )
    out = _mask(Article(id="a", text=text))
    assert len(out) == len(text)
    assert "Revolutionary Movement" in out
    assert "office.\n\n" in out and "paragraph\n  \n" in out and "here     too" in out


def test_an_editorial_note_wrapped_onto_the_next_line_is_blanked() -> None:
    from eventkg.models import Article
    from eventkg.nlp.pipeline import _mask

    text = "HE WAS KILLED.  [SENTENCE AS\nPUBLISHED] ALVARADO WAS KILLED [WORDS\nINDISTINCT] BY A BOMB."
    out = _mask(Article(id="a", text=text))
    assert len(out) == len(text)
    assert "SENTENCE" not in out and "PUBLISHED" not in out and "WORDS" not in out
    assert "ALVARADO WAS KILLED" in out and "BY A BOMB." in out


def test_an_editors_insertion_is_read_as_part_of_the_sentence() -> None:
    from eventkg.models import Article
    from eventkg.nlp.pipeline import _mask

    text = (
        "WE BLAME ARENA [NATIONALIST REPUBLICAN ALLIANCE], THE REGIME OF\n[PRESIDENT ALFREDO] CRISTIANI "
        "AND THE DAS [ADMINISTRATIVE DEPARTMENT OF SECURITY] INTELLIGENCE SERVICE.\n\n"
        "   [CRISTIANI] THE FRONT [FMLN] IN MORAZAN ATTACKED [END RECORDING]"
    )
    out = _mask(Article(id="a", text=text))
    assert len(out) == len(text)
    assert "ARENA (NATIONALIST REPUBLICAN ALLIANCE)," in out  # an expansion after a name
    assert "OF  PRESIDENT ALFREDO  CRISTIANI" in out  # words that open a phrase
    assert "THE DAS " in out and "DEPARTMENT" not in out  # inside a noun phrase: left out
    assert "THE FRONT (FMLN) IN MORAZAN" in out
    assert "[CRISTIANI]" not in out and "RECORDING" not in out  # a speaker's tag and a note


def test_quoted_capitals_are_names_but_quoted_sentences_are_not() -> None:
    from eventkg.nlp import make_nlp
    from eventkg.nlp.truecase import truecase

    text = 'THE "ZARATE WILLKA ARMED FORCES OF LIBERATION," A GROUP, CLAIMED IT. "WE WILL WIN," HE SAID.'
    out = truecase(text, make_nlp())
    assert '"Zarate Willka Armed Forces of Liberation," a group' in out
    assert '"We will win," he said.' in out


def test_common_words_are_no_demonyms() -> None:
    from eventkg.extract.places import capital_of
    from eventkg.nlp.gazetteers import demonyms

    assert capital_of("state") is None  # "the state capital" is not Washington
    assert not {"state", "island", "german", "per"} & set(demonyms())
    assert demonyms()["somali"] == "SO"


def test_a_weekday_with_a_date_is_that_date() -> None:
    assert normalize_date("Monday, 4 August", dt.date(1989, 9, 6)) == "1989-08-04"
    assert normalize_date("Monday night", dt.date(1989, 9, 6)) == "1989-09-04"


def test_a_quote_running_on_into_a_new_paragraph_ends_where_it_reopens() -> None:
    from eventkg.extract.claims import _quotes_in

    text = (
        'He said: "We will respond to the attacks. "This will be a long operation." '
        'He added it "would come soon".'
    )
    spans = [text[a:b] for a, b in _quotes_in(text, 0, len(text))]
    assert spans == ["We will respond to the attacks.", "This will be a long operation.", "would come soon"]
    text = '"He did it." "Yes," she said.'
    assert [text[a:b] for a, b in _quotes_in(text, 0, len(text))] == ["He did it.", "Yes,"]


def test_flattened_list_bullets_become_paragraph_breaks_but_italics_stay() -> None:
    from eventkg.nlp.pipeline import _unwiki

    text = "Victims: *2015-12-21, Agent A. Smith, US Bomb *2015-12-21, Agent B. Jones, US Bomb. A *big* day."
    out = _unwiki(text)
    assert len(out) == len(text)
    assert out.count("\n\n") == 2 and "*big*" in out


def test_the_pipeline_is_loaded_once_per_model() -> None:
    from eventkg.nlp import make_nlp

    assert make_nlp() is make_nlp()


def test_the_subject_of_a_run_on_is_the_one_next_to_the_verb() -> None:
    # "2015, US Bomb Zabiullah Mujahid claimed ...": a list run into the sentence gives the verb
    # two subjects; the speaker is the one beside the verb, not the date at the start
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from eventkg.extract.claims import _subject_of

    words = ["2015", ",", "Zabiullah", "Mujahid", "claimed", "it"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[4, 4, 3, 4, 4, 4],
        deps=["nsubj", "punct", "compound", "nsubj", "ROOT", "dobj"],
    )
    subject = _subject_of(doc[4])
    assert subject is not None and subject.text == "Mujahid"


def test_a_name_before_the_verb_state_is_not_before_the_noun_state() -> None:
    # "Pizarro stated ...": "stated" has the lemma of "state" (as in "Borno State") but is a verb
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    from eventkg.extract.entities import _locative

    words = ["Pizarro", "stated", "it", "in", "Borno", "State"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 1, 1, 1, 5, 3],
        deps=["nsubj", "ROOT", "dobj", "prep", "compound", "pobj"],
        pos=["PROPN", "VERB", "PRON", "ADP", "PROPN", "NOUN"],
        lemmas=["Pizarro", "state", "it", "in", "Borno", "state"],
    )
    assert not _locative(Span(doc, 0, 1, label="PERSON"))
    assert _locative(Span(doc, 4, 5, label="GPE"))


def test_a_place_after_in_is_not_taken_for_a_persons_surname() -> None:
    # "in Santiago" in an article that also has a person "Donwtown Santiago": the city
    from spacy.tokens import Span

    from eventkg.articles import _make_article
    from eventkg.extract.entities import recognize
    from eventkg.nlp import make_nlp

    text = "SANTIAGO, 7 APR 89 (EFE) -- A BOMB EXPLODED IN SANTIAGO. DONWTOWN SANTIAGO SAID IT."
    art = _make_article(text, article_id="w", where="test")
    doc = make_nlp()(art.text)
    i = next(t.i for t in doc if t.text.upper() == "SANTIAGO" and doc[t.i - 1].lower_ == "in")
    j = next(t.i for t in doc if t.text.upper() == "DONWTOWN")
    doc.ents = [Span(doc, i, i + 1, label="GPE"), Span(doc, j, j + 2, label="PERSON")]
    table = recognize(doc, art)
    assert table.kind(table.by_token[i]) == "City"
