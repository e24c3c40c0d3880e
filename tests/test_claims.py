"""Who said what (extract/claims.py) on the real model: speakers, their title and
affiliation, the outlet relaying them, the quote and its offsets, what they assert."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventkg.extract import extract
from eventkg.models import Article, Extraction
from eventkg.nlp import parse

pytestmark = pytest.mark.model


def run(nlp: Any, text: str) -> Extraction:
    art = Article(id="t", text=text, published=dt.date(2025, 3, 8))
    return extract(parse(nlp, art), art)


def test_seed_statement_with_title_outlet_quote_and_attributed_facts(nlp: Any, repo: Any) -> None:
    text = (repo / "data" / "samples" / "kerman-2024-01-07.txt").read_text(encoding="utf-8")
    text = text.split("\n", 1)[1]  # the date header line is not part of the text
    ex = run(nlp, text)
    quoted = [c for c in ex.claims if c.kind == "Statement" and c.reported_by is not None]
    assert len(quoted) == 1
    st = quoted[0]
    speaker = ex.entity(st.claimant or "")
    assert (speaker.label, speaker.title) == ("Mehdi Bakhshi", "city prosecutor")
    assert ex.entity(st.reported_by or "").label == "IRNA"
    assert st.quote is not None and text[st.quote.start : st.quote.end] == st.quote.text
    assert st.quote.text.startswith("Thirty-two people have been arrested")
    arrest = next(e for e in ex.events if e.kind == "Arrest")
    assert st.about == (arrest.key,)
    # the 32 arrests and the 16 bombs are the prosecutor's, not the article's own voice
    seizure = next(e for e in ex.events if e.kind == "Seizure")
    assert arrest.attributed_to == seizure.attributed_to == st.claimant
    claims = {ex.entity(c.claimant or "").label for c in ex.claims if c.kind == "ResponsibilityClaim"}
    assert claims == {"Islamic State"}


@pytest.mark.parametrize(
    "text",
    [
        "Zabiullah Mujahid, the spokesperson for the Taliban, said the group carried out the attack "
        "in Kabul.",
        "Taliban spokesman Zabiullah Mujahid said the group carried out the attack in Kabul.",
    ],
)
def test_a_speakers_affiliation(nlp: Any, text: str) -> None:
    ex = run(nlp, text)
    [st] = [c for c in ex.claims if c.kind == "Statement"]
    speaker = ex.entity(st.claimant or "")
    assert speaker.label == "Zabiullah Mujahid"
    assert ex.entity(speaker.affiliation or "").label == "Taliban"


def test_a_participle_takes_the_subject_of_its_clause(nlp: Any) -> None:
    ex = run(
        nlp,
        'Defense Secretary Ash Carter responded to the bombing in Kabul, stating, "the attack will not '
        'deter us."',
    )
    assert [(c.kind, ex.entity(c.claimant or "").label) for c in ex.claims] == [("Statement", "Ash Carter")]


def test_a_statement_denying_responsibility_is_one_denial(nlp: Any) -> None:
    ex = run(
        nlp,
        "A bomb killed 12 people at a cafe in Madrid. The leadership of ETA was taken aback by the "
        "responses to the attack and on 15 September, issued a statement denying responsibility for "
        "the bombing.",
    )
    assert [(c.kind, ex.entity(c.claimant or "").label) for c in ex.claims] == [("Denial", "leadership")]
    attack = next(e for e in ex.events if e.kind in ("Attack", "Bombing"))
    assert all(r.role != "perpetrator" for r in attack.roles)  # a denial names nobody responsible
