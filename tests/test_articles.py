"""Tests for eventkg.articles.read_articles: formats, folders, stdin, headers, datelines, errors."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventkg.articles import read_articles
from eventkg.errors import ArticleError
from eventkg.models import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
MUC4_DEV = ROOT.parent / "shared" / "eval" / "data" / "muc4_dev.jsonl"

SEED_BODY = (
    "The terrorist group Islamic State, also known as Daesh, claimed responsibility for the "
    "terrorist attacks in Kerman.\n\nAll the terrorists involved in the recent deadly attack on the "
    "city of Kerman, in southeastern Iran, have been arrested, said city prosecutor Mehdi Bakhshi."
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Van driver hits pedestrians in Ghent | Example Daily</title>
<meta property="og:title" content="Van driver hits pedestrians in Ghent">
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2024-04-06T10:00:00+02:00">
<link rel="canonical" href="https://daily.example.org/2024/04/06/ghent">
</head><body>
<header><a href="/">Example Daily</a><nav><a href="/world">World</a> <a href="/sport">Sport</a>
<a href="/weather">Weather forecast for the week</a></nav></header>
<main><article><h1>Van driver hits pedestrians in Ghent</h1>
<p>GHENT, Belgium — A man drove a rented van into pedestrians on a shopping street in Ghent on
Friday afternoon, injuring five people, before he was arrested by police officers nearby.</p>
<p>Prosecutors said the driver, a 27-year-old local man, had been reported missing by his family
the day before. Investigators were examining his phone and had searched his home.</p>
<p>"We are treating this as a deliberate act," a spokesperson for the federal prosecutor's office
told reporters. Two of the injured remained in hospital on Saturday.</p>
</article></main>
<footer><p>Copyright 2024 Example Daily. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def _read_all(source, **kwargs) -> tuple[list[Article], list[ArticleError]]:
    errors: list[ArticleError] = []
    articles = list(read_articles(source, on_error=errors.append, **kwargs))
    return articles, errors


def _jsonl(*objects: object) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objects)


# --------------------------------------------------------------------------------------
# Plain text and the date header
# --------------------------------------------------------------------------------------


def test_txt_with_date_header_on_its_own_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "kerman.txt", "date 2024-01-07\n" + SEED_BODY)
    [article] = read_articles(path)
    assert article.id == "kerman"
    assert article.text == SEED_BODY
    assert article.published == dt.date(2024, 1, 7)
    assert article.path == str(path)
    assert article.line is None
    assert article.dateline_place is None
    assert article.dateline_end == 0


def test_date_header_inline_is_removed_with_following_spaces(tmp_path: Path) -> None:
    path = _write(tmp_path / "seed.txt", " date 2024-01-07 " + SEED_BODY)
    [article] = read_articles(path)
    assert article.text == SEED_BODY
    assert article.published == dt.date(2024, 1, 7)


def test_inline_and_own_line_header_give_the_same_text(tmp_path: Path) -> None:
    """The seed's JSONL spelling and the sample .txt spelling read alike."""
    _write(tmp_path / "a.jsonl", _jsonl({"id": "seed", "text": " date 2024-01-07 " + SEED_BODY}))
    _write(tmp_path / "b.txt", "date 2024-01-07\n" + SEED_BODY)
    [from_jsonl] = read_articles(tmp_path / "a.jsonl")
    [from_txt] = read_articles(tmp_path / "b.txt")
    assert from_jsonl.text == from_txt.text == SEED_BODY
    assert from_jsonl.published == from_txt.published == dt.date(2024, 1, 7)


@pytest.mark.parametrize(
    "header",
    [
        "DATE 2024-01-07\n",
        "  Date 2024-01-07\n",
        "date: 2024-01-07\n",
        "date 2024-01-07   \n",
        "date 2024-01-07\r\n",
    ],
)
def test_date_header_variants(tmp_path: Path, header: str) -> None:
    [article] = read_articles(_write(tmp_path / "a.txt", header + "Body text."))
    assert article.text == "Body text."
    assert article.published == dt.date(2024, 1, 7)


def test_date_header_keeps_following_blank_lines(tmp_path: Path) -> None:
    [article] = read_articles(_write(tmp_path / "a.txt", "date 2024-01-07\n\nBody."))
    assert article.text == "\nBody."


def test_date_not_at_start_is_not_a_header(tmp_path: Path) -> None:
    text = "Body first.\ndate 2024-01-07\n"
    [article] = read_articles(_write(tmp_path / "a.txt", text))
    assert article.text == text
    assert article.published is None


def test_invalid_header_date_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "date 2024-02-30\nBody.")
    with pytest.raises(ArticleError, match=r"a\.txt:1: the header 'date 2024-02-30' is not a valid date"):
        list(read_articles(path))


def test_header_only_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "date 2024-01-07\n\n")
    with pytest.raises(ArticleError, match=r"a\.txt: no text"):
        list(read_articles(path))


def test_text_suffix_and_upper_case_suffix(tmp_path: Path) -> None:
    _write(tmp_path / "one.text", "One.")
    _write(tmp_path / "two.TXT", "Two.")
    articles, errors = _read_all(tmp_path)
    assert not errors
    assert [(a.id, a.text) for a in articles] == [("one", "One."), ("two", "Two.")]


def test_newlines_are_normalised(tmp_path: Path) -> None:
    [article] = read_articles(_write(tmp_path / "a.txt", b"One\r\nTwo\rThree\n"))
    assert article.text == "One\nTwo\nThree\n"


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    [article] = read_articles(_write(tmp_path / "a.txt", b"\xef\xbb\xbfdate 2024-01-07\nBody."))
    assert article.text == "Body."
    assert article.published == dt.date(2024, 1, 7)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    [article] = read_articles(_write(tmp_path / "a.txt", "Kerman’s attack.".encode("utf-16")))
    assert article.text == "Kerman’s attack."


def test_cp1252_text_is_decoded(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = (
        "Le préfet de Lyon a déclaré que l'attaque était terminée. Les blessés ont été "
        "transportés à l'hôpital. « Nous sommes choqués », a-t-il dit — naïvement."
    )
    path = _write(tmp_path / "lyon.txt", text.encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="eventkg.articles"):
        [article] = read_articles(path)
    assert article.text == text
    assert "decoded as cp1252" in caplog.text


# --------------------------------------------------------------------------------------
# Wire datelines
# --------------------------------------------------------------------------------------

DATELINES = [
    # (text start, place, source, published, body start)
    ("LIMA, 10 JAN 90 (EFE) -- [TEXT] POLICE REPORTED", "LIMA", "EFE", dt.date(1990, 1, 10), "POLICE"),
    (
        "SAN SALVADOR, 3 FEB 90 (RADIO VENCEREMOS) -- THE FMLN",
        "SAN SALVADOR",
        "RADIO VENCEREMOS",
        dt.date(1990, 2, 3),
        "THE FMLN",
    ),
    (
        "GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) -- [TEXT] THE GUATEMALA ARMY",
        "GUATEMALA CITY",
        "ACAN-EFE",
        dt.date(1990, 2, 4),
        "THE GUATEMALA",
    ),
    (
        "BOGOTA, 12 JAN 90 (INRAVISION TELEVISION CADENA 1) -- [REPORT] [JORGE ALONSO SIERRA VALENCIA]"
        " [TEXT] LIBERAL SENATOR",
        "BOGOTA",
        "INRAVISION TELEVISION CADENA 1",
        dt.date(1990, 1, 12),
        "LIBERAL",
    ),
    (
        "MANAGUA (NICARAGUA), 11 DEC 89 (RADIO SANDINO) -- [NEWS CONFERENCE\nWITH A COLONEL] [TEXT] WE",
        "MANAGUA, NICARAGUA",
        "RADIO SANDINO",
        dt.date(1989, 12, 11),
        "WE",
    ),
    (
        "CLANDESTINE, NO DATE (RADIO VENCEREMOS) -- [TEXT] [CONTINUED]\nMOREOVER",
        None,
        "RADIO VENCEREMOS",
        None,
        "MOREOVER",
    ),
    (
        "NO CITY (PERU), 16 SEP 89 -- [TEXT] [CONTINUED] [GARCIA] AS A",
        "PERU",
        None,
        dt.date(1989, 9, 16),
        "AS A",
    ),
    ("NO DATE -- [TEXT] THE ARMY", None, None, None, "THE ARMY"),
    ("BUENOS AIRES, 25 JAN (NA) -- [TEXT] THE GROUP", "BUENOS AIRES", "NA", None, "THE GROUP"),
    (
        "CARACAS (VENEZUELA), 18 MAY 90 (VENEZOLANA DE TELEVISION CANAL 8)\n-- [TEXT] GUATEMALAN",
        "CARACAS, VENEZUELA",
        "VENEZOLANA DE TELEVISION CANAL 8",
        dt.date(1990, 5, 18),
        "GUATEMALAN",
    ),
    (
        "SAN SALVADOR, 23 NOV 89 (ACAN - EFE) -- [TEXT] TODAY",
        "SAN SALVADOR",
        "ACAN-EFE",
        dt.date(1989, 11, 23),
        "TODAY",
    ),
    ("SANTIAGO, 29 MAR 89 -- [TEXT] THE POLICE", "SANTIAGO", None, dt.date(1989, 3, 29), "THE POLICE"),
    (
        "PERTH (AUSTRALIA), JUNE 11 89 (AFP) -- [TEXT] SECURITY",
        "PERTH, AUSTRALIA",
        "AFP",
        dt.date(1989, 6, 11),
        "SECURITY",
    ),
    ("KABUL, Afghanistan (AP) — Gunmen attacked", "KABUL, Afghanistan", "AP", None, "Gunmen"),
    ("BEIRUT (Reuters) - Lebanese troops", "BEIRUT", "Reuters", None, "Lebanese"),
    ("PARIS, March 3 (AFP) -- Police said", "PARIS", "AFP", None, "Police"),
    ("LONDON, 3 March 2024 (Reuters) - A man", "LONDON", "Reuters", dt.date(2024, 3, 3), "A man"),
    ("WASHINGTON, Jan. 5, 2024 (Reuters) - The", "WASHINGTON", "Reuters", dt.date(2024, 1, 5), "The"),
    ("MOGADISHU, Somalia — Twelve people", "MOGADISHU, Somalia", None, None, "Twelve"),
    ("MOGADISHU — Twelve people", "MOGADISHU", None, None, "Twelve"),
    ("SÃO PAULO, Brazil (AP) — Police", "SÃO PAULO, Brazil", "AP", None, "Police"),
    ("BAGHDAD, 2024-01-07 (Reuters) - Two", "BAGHDAD", "Reuters", dt.date(2024, 1, 7), "Two"),
    ("TOKYO (JAPAN), 8 DEC 05 (KYODO) -- [TEXT] X", "TOKYO, JAPAN", "KYODO", dt.date(2005, 12, 8), "X"),
]


@pytest.mark.parametrize(("start", "place", "source", "published", "body"), DATELINES)
def test_datelines(
    tmp_path: Path, start: str, place: str | None, source: str | None, published: dt.date | None, body: str
) -> None:
    text = start + " REST OF THE STORY."
    [article] = read_articles(_write(tmp_path / "wire.txt", text))
    assert article.text == text, "datelines stay in the text"
    assert article.dateline_place == place
    assert article.source == source
    assert article.published == published
    assert article.dateline_end > 0
    assert article.text[article.dateline_end :].startswith(body)
    assert not article.text[article.dateline_end].isspace()


@pytest.mark.parametrize(
    "text",
    [
        "The terrorist group Islamic State - the group said.",
        "ISIS - the group claimed it.",
        "BREAKING — A bomb exploded.",
        "Police said on Monday -- a day later -- that two men were held.",
        "KNIFE ATTACK IN LYON\nLYON — not at the start",
        "A — B",
    ],
)
def test_no_dateline(tmp_path: Path, text: str) -> None:
    [article] = read_articles(_write(tmp_path / "a.txt", text))
    assert article.dateline_place is None
    assert article.dateline_end == 0
    assert article.source is None


def test_dateline_after_header_and_given_values_win(tmp_path: Path) -> None:
    line = {
        "id": "w",
        "published": "2024-02-01",
        "source": "muc4",
        "text": "LIMA, 10 JAN 90 (EFE) -- [TEXT] A BOMB EXPLODED.",
    }
    [article] = read_articles(_write(tmp_path / "w.jsonl", _jsonl(line)))
    assert article.published == dt.date(2024, 2, 1)
    assert article.source == "muc4"
    assert article.dateline_place == "LIMA"
    [article] = read_articles(
        _write(tmp_path / "h.txt", "date 2024-01-07\nLIMA, 10 JAN 90 (EFE) -- [TEXT] A BOMB EXPLODED.")
    )
    assert article.published == dt.date(2024, 1, 7), "the header wins over the dateline"
    assert article.text.startswith("LIMA, 10 JAN 90")
    assert article.text[article.dateline_end :] == "A BOMB EXPLODED."


@pytest.mark.skipif(not MUC4_DEV.exists(), reason="shared eval data not available")
def test_every_muc4_dev_dateline_parses() -> None:
    articles = list(read_articles(MUC4_DEV))
    assert len(articles) == 200
    assert all(a.dateline_end > 0 for a in articles)
    dated = sum(a.published is not None for a in articles)
    assert dated >= 180
    for a in articles:
        head = a.text[: a.dateline_end]
        assert "--" in head
        assert a.text[a.dateline_end - 1].isspace()
        if a.dateline_place is None:
            assert head.startswith(("CLANDESTINE", "NO CITY"))


# --------------------------------------------------------------------------------------
# Offsets
# --------------------------------------------------------------------------------------


def test_offsets_of_the_documented_worked_example(tmp_path: Path) -> None:
    body = (
        "KERMAN, Iran — Police arrested 32 people in connection with Kerman’s bombing, the prosecutor said.\n"
    )
    [article] = read_articles(_write(tmp_path / "kerman.txt", "date 2024-01-09\n" + body))
    assert article.text == body
    assert article.dateline_place == "KERMAN, Iran"
    assert article.dateline_end == 15
    spans = {"KERMAN": (0, 6), "—": (13, 14), "Police": (15, 21), "32": (31, 33), "Kerman’s": (60, 68)}
    for word, (start, end) in spans.items():
        assert article.text[start:end] == word
    assert (article.text.index("prosecutor"), article.text.index("prosecutor") + 10) == (82, 92)


def test_text_is_exactly_the_body_in_every_format(tmp_path: Path) -> None:
    body = "BEIRUT (Reuters) - Two rockets hit a house.\n\nNo one was hurt, officials said."
    _write(tmp_path / "a.txt", "date 2024-01-07\n" + body)
    _write(tmp_path / "b.md", "---\ntitle: Rockets\n---\n\n\ndate 2024-01-07\n" + body)
    _write(tmp_path / "c.jsonl", _jsonl({"id": "c", "text": "date 2024-01-07\n" + body}))
    articles, errors = _read_all(tmp_path)
    assert not errors
    assert [a.id for a in articles] == ["a", "b", "c"]
    for a in articles:
        assert a.text == body
        assert a.published == dt.date(2024, 1, 7)
        assert a.text[a.dateline_end :] == body[len("BEIRUT (Reuters) - ") :]


# --------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------


def test_markdown_front_matter(tmp_path: Path) -> None:
    md = (
        "---\n"
        "id: peshawar-1\n"
        "title: Gunmen kill seven\n"
        "date: 2024-03-14\n"
        "url: https://example.org/p\n"
        "source: Example Wire\n"
        "---\n"
        "\n  \n"
        "PESHAWAR, Pakistan — Gunmen opened fire.\n"
    )
    [article] = read_articles(_write(tmp_path / "p.md", md))
    assert article.id == "peshawar-1"
    assert article.title == "Gunmen kill seven"
    assert article.published == dt.date(2024, 3, 14)
    assert article.url == "https://example.org/p"
    assert article.source == "Example Wire"
    assert article.text == "PESHAWAR, Pakistan — Gunmen opened fire.\n"
    assert article.dateline_place == "PESHAWAR, Pakistan"


def test_markdown_published_key_timestamp_and_heading_title(tmp_path: Path) -> None:
    md = "---\npublished: 2024-03-14T08:00:00Z\n---\n# Market attack\n\nBody.\n"
    [article] = read_articles(_write(tmp_path / "notes" / "m.markdown", md))
    assert article.id == "m"
    assert article.published == dt.date(2024, 3, 14)
    assert article.title == "Market attack"
    assert article.text == "# Market attack\n\nBody.\n"


def test_markdown_without_front_matter(tmp_path: Path) -> None:
    [article] = read_articles(_write(tmp_path / "plain.md", "Just a body.\n---\nmore"))
    assert article.id == "plain"
    assert article.text == "Just a body.\n---\nmore"


def test_markdown_header_after_front_matter_fills_date(tmp_path: Path) -> None:
    [article] = read_articles(_write(tmp_path / "h.md", "---\ntitle: T\n---\ndate 2024-05-01\nBody."))
    assert article.published == dt.date(2024, 5, 1)
    assert article.text == "Body."


def test_markdown_bad_yaml_names_the_line(tmp_path: Path) -> None:
    _write(tmp_path / "a.md", "---\ntitle: ok\nid: [unclosed\nurl: x\n---\nBody.")
    _write(tmp_path / "b.md", "Fine.")
    articles, errors = _read_all(tmp_path)
    assert [a.id for a in articles] == ["b"]
    [err] = errors
    assert err.source == str(tmp_path / "a.md")
    assert err.line is not None and 3 <= err.line <= 5
    assert "front matter is not valid YAML" in str(err)
    assert str(err).startswith(f"{tmp_path / 'a.md'}:{err.line}: ")


@pytest.mark.parametrize(
    ("md", "message", "line"),
    [
        ("---\ntitle: never closed\nBody.", "front matter is not closed", 1),
        ("---\n- a\n- b\n---\nBody.", "front matter must be a YAML mapping", 2),
        ("---\ndate: next week\n---\nBody.", "'date' is 'next week', not a date", None),
        (
            "---\ntitle: T\ndate: 2024-02-30\n---\nBody.",
            "front matter is not valid YAML (day is out of range",
            1,
        ),
        ("---\na: *nowhere\n---\nBody.", "found undefined alias", 2),
        ("---\ntitle: [1, 2]\n---\nBody.", "'title' must be a string", None),
        ("---\ntitle: T\n---\n\n", "no text", None),
    ],
)
def test_markdown_errors(tmp_path: Path, md: str, message: str, line: int | None) -> None:
    path = _write(tmp_path / "bad.md", md)
    [err] = _read_all(path)[1]
    assert message in str(err)
    assert err.source == str(path)
    assert err.line == line


# --------------------------------------------------------------------------------------
# JSON Lines
# --------------------------------------------------------------------------------------


def test_jsonl_fields_ids_and_lines(tmp_path: Path) -> None:
    content = _jsonl(
        {
            "id": "a",
            "text": "First.",
            "published": "2024-01-07",
            "title": "T",
            "url": "https://x.example",
            "source": "IRNA",
            "extra": [1],
        },
        {"text": "Second.", "published": "2024-01-08T23:30:00+03:30"},
        {"id": 7, "text": "Third.", "published": None},
    )
    path = _write(tmp_path / "news.jsonl", "\n" + content.replace("\n", "\n\n", 1))
    articles = list(read_articles(path))
    assert [(a.id, a.line) for a in articles] == [("a", 2), ("news:4", 4), ("7", 5)]
    first = articles[0]
    assert (first.text, first.published, first.title, first.url, first.source) == (
        "First.",
        dt.date(2024, 1, 7),
        "T",
        "https://x.example",
        "IRNA",
    )
    assert articles[1].published == dt.date(2024, 1, 8)
    assert articles[2].published is None
    assert all(a.path == str(path) for a in articles)
    assert first.where == f"{path}:2"


def test_jsonl_bom_crlf_and_ndjson(tmp_path: Path) -> None:
    data = b'\xef\xbb\xbf{"id": "a", "text": "One\\r\\nTwo"}\r\n{"id": "b", "text": "Three"}\r\n'
    articles = list(read_articles(_write(tmp_path / "x.ndjson", data)))
    assert [(a.id, a.text) for a in articles] == [("a", "One\nTwo"), ("b", "Three")]


def test_jsonl_malformed_line_message_and_others_still_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "x.jsonl",
        _jsonl({"id": "a", "text": "One."}, {"id": "b", "text": "Two."}, '{"id": "abcdef" "text": "x"}')
        + _jsonl({"id": "d", "text": "Four."}),
    )
    articles, errors = _read_all(path)
    assert [a.id for a in articles] == ["a", "b", "d"]
    [err] = errors
    assert (
        str(err) == f"{path}:3: malformed JSON (Expecting ',' delimiter at column 17); fix or remove the line"
    )
    assert (err.source, err.line) == (str(path), 3)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"id": "x"}, "'text' is missing"),
        ({"id": "x", "text": ""}, "'text' is empty"),
        ({"id": "x", "text": "   \n"}, "'text' is empty"),
        ({"id": "x", "text": 42}, "'text' is not a string"),
        ('["a", "b"]', "expected a JSON object, got list"),
        ({"id": "x", "text": "T", "published": "Jan 7"}, "'published' is 'Jan 7', not a date"),
        ({"id": "x", "text": "T", "published": "2024-13-01"}, "not a date"),
        ({"id": "", "text": "T"}, "'id' is ''"),
        ({"id": ["x"], "text": "T"}, "'id' is ['x']"),
        ({"id": "x", "text": "T", "title": {"a": 1}}, "'title' must be a string"),
        ({"id": "x", "text": "T\u0000\u0001"}, "binary content"),
        ({"id": "x", "text": "date 2024-02-31 T"}, "is not a valid date"),
    ],
)
def test_jsonl_line_errors(tmp_path: Path, line: object, message: str) -> None:
    path = _write(
        tmp_path / "x.jsonl", _jsonl({"id": "ok1", "text": "Fine."}, line, {"id": "ok2", "text": "Fine."})
    )
    articles, errors = _read_all(path)
    assert [a.id for a in articles] == ["ok1", "ok2"]
    [err] = errors
    assert message in str(err)
    assert str(err).startswith(f"{path}:2: ")
    assert (err.source, err.line) == (str(path), 2)


def test_jsonl_undecodable_line_names_byte_offset(tmp_path: Path) -> None:
    good = _jsonl({"id": "a", "text": "One."}).encode()
    bad = b'{"id": "b", "text": "' + bytes(range(128, 256)) + b'"}\n'
    path = _write(tmp_path / "x.jsonl", good + bad + _jsonl({"id": "c", "text": "Three."}).encode())
    articles, errors = _read_all(path)
    assert [a.id for a in articles] == ["a", "c"]
    [err] = errors
    assert err.line == 2
    assert f"byte 0x80 at byte offset {len(good) + 21}" in str(err)
    assert "save the file as UTF-8" in str(err)


def test_jsonl_empty_file_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.jsonl", "\n  \n")
    [err] = _read_all(path)[1]
    assert str(err).startswith(f"{path}: no articles")


def test_jsonl_overlong_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "x.jsonl",
        _jsonl({"id": "a", "text": "x" * 500}, {"id": "b", "text": "Short."}),
    )
    articles, errors = _read_all(path, max_bytes=100)
    assert [a.id for a in articles] == ["b"]
    [err] = errors
    assert err.line == 1
    assert "longer than max_bytes=100" in str(err)


def test_jsonl_is_read_lazily(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.jsonl", _jsonl({"id": "a", "text": "One."}, "{broken"))
    articles = read_articles(path)
    assert isinstance(articles, Iterator)
    assert next(articles).id == "a"
    with pytest.raises(ArticleError, match=r"x\.jsonl:2: malformed JSON"):
        next(articles)


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    [article] = read_articles(_write(tmp_path / "ghent.html", HTML_PAGE))
    assert article.id == "ghent"
    assert article.title == "Van driver hits pedestrians in Ghent"
    assert article.published == dt.date(2024, 4, 6)
    assert article.url == "https://daily.example.org/2024/04/06/ghent"
    assert article.source == "Example Daily"
    assert article.text.startswith("GHENT, Belgium — A man drove a rented van")
    assert "Two of the injured remained in hospital" in article.text
    for boilerplate in ("Weather forecast", "Privacy policy", "All rights reserved"):
        assert boilerplate not in article.text
    assert article.dateline_place == "GHENT, Belgium"


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>x</title></head><body></body></html>",
        "<!DOCTYPE html><html><body><script>var x = 'hello';</script><style>p{}</style></body></html>",
        "<html><head><title>Only a title</title></head><body><img src='a.png'></body></html>",
    ],
)
def test_html_without_main_text_is_an_error(tmp_path: Path, page: str) -> None:
    path = _write(tmp_path / "empty.htm", page)
    _write(tmp_path / "ok.txt", "Fine.")
    articles, errors = _read_all(tmp_path)
    assert [a.id for a in articles] == ["ok"]
    [err] = errors
    assert str(err).startswith(f"{path}: ")
    assert "no main text found in the HTML page" in str(err)


# --------------------------------------------------------------------------------------
# Folders, lists, stdin
# --------------------------------------------------------------------------------------


def test_folder_recursion_order_ids_and_skips(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", "B.")
    _write(tmp_path / "a" / "z.md", "AZ.")
    _write(tmp_path / "a-b" / "x.txt", "ABX.")
    _write(tmp_path / "a" / "deep" / "m.jsonl", _jsonl({"text": "M1."}, {"id": "m2", "text": "M2."}))
    _write(tmp_path / ".hidden.txt", "hidden")
    _write(tmp_path / ".git" / "c.txt", "hidden dir")
    _write(tmp_path / "a" / ".cache" / "d.txt", "hidden dir")
    _write(tmp_path / "notes.pdf", b"%PDF-1.4 \x00\x01")
    _write(tmp_path / "README", "no suffix")
    articles, errors = _read_all(tmp_path)
    assert not errors
    assert [a.id for a in articles] == ["a/deep/m:1", "m2", "a/z", "a-b/x", "b"]
    assert articles[2].path == str(tmp_path / "a" / "z.md")


def test_folder_order_is_deterministic(tmp_path: Path) -> None:
    for name in ["c.txt", "A.txt", "b/2.txt", "b/10.txt", "a.txt"]:
        _write(tmp_path / name, name)
    ids = [a.id for a in read_articles(tmp_path)]
    assert ids == ["A", "a", "b/10", "b/2", "c"]
    assert ids == [a.id for a in read_articles(str(tmp_path) + "/")]


def test_folder_skips_readme_files(tmp_path: Path) -> None:
    _write(tmp_path / "README.md", "# About these files")
    _write(tmp_path / "sub" / "readme.txt", "About.")
    _write(tmp_path / "story.txt", "Story.")
    assert [a.id for a in read_articles(tmp_path)] == ["story"]
    [article] = read_articles(tmp_path / "README.md")
    assert article.id == "README", "a README named directly is read"


def test_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path / "x.pdf", "no")
    [err] = _read_all(tmp_path)[1]
    assert str(err).startswith(f"{tmp_path}: the folder has no ")


def test_folder_is_read_lazily(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "A.")
    _write(tmp_path / "b.txt", b"\x00\x01binary")
    articles = read_articles(tmp_path)
    assert next(articles).id == "a"
    with pytest.raises(ArticleError, match="binary content"):
        next(articles)


def test_list_of_sources_and_pathlike(tmp_path: Path) -> None:
    a = _write(tmp_path / "one" / "a.txt", "A.")
    _write(tmp_path / "two" / "b.txt", "B.")
    articles = list(
        read_articles([a, tmp_path / "two", str(a.parent / "missing.txt")], on_error=lambda e: None)
    )
    assert [x.id for x in articles] == ["a", "b"]


def test_stdin_plain_text() -> None:
    [article] = read_articles("-", stdin=io.StringIO("date 2024-01-07\nBody."))
    assert (article.id, article.text, article.path, article.published) == (
        "stdin",
        "Body.",
        "-",
        dt.date(2024, 1, 7),
    )


def test_stdin_bytes_and_text_wrapper() -> None:
    raw = "KABUL, Afghanistan (AP) — Café.\r\n".encode()
    [article] = read_articles("-", stdin=io.BytesIO(raw))
    assert article.text == "KABUL, Afghanistan (AP) — Café.\n"
    wrapper = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    [article] = read_articles("-", stdin=wrapper)
    assert article.text == "KABUL, Afghanistan (AP) — Café.\n"
    assert article.source == "AP"


def test_stdin_jsonl_is_sniffed() -> None:
    stream = io.StringIO("\n\n" + _jsonl({"id": "a", "text": "One."}, {"text": "Two."}, "{bad"))
    articles, errors = _read_all("-", stdin=stream)
    assert [(a.id, a.line, a.path) for a in articles] == [("a", 3, "-"), ("stdin:4", 4, "-")]
    [err] = errors
    assert str(err).startswith("-:5: malformed JSON")


def test_stdin_html_is_sniffed() -> None:
    [article] = read_articles("-", stdin=io.BytesIO(HTML_PAGE.encode()))
    assert article.id == "stdin"
    assert article.title == "Van driver hits pedestrians in Ghent"
    assert article.text.startswith("GHENT, Belgium")


def test_stdin_text_starting_with_angle_bracket_is_text() -> None:
    [article] = read_articles("-", stdin=io.StringIO("<Reuters> says hello.\nMore."))
    assert article.text == "<Reuters> says hello.\nMore."


def test_stdin_empty_is_an_error() -> None:
    with pytest.raises(ArticleError, match=r"^-: stdin is empty"):
        list(read_articles("-", stdin=io.StringIO("  \n")))


def test_stdin_too_large() -> None:
    with pytest.raises(ArticleError, match="more than max_bytes=10"):
        list(read_articles("-", stdin=io.StringIO("x" * 50), max_bytes=10))


# --------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file; add the article text or remove the file"),
        ("blank.txt", b"  \n\n", "empty file"),
        ("empty.md", b"", "empty file"),
        ("empty.html", b"", "empty file"),
        ("nul.txt", b"Some text\x00with a NUL", "binary content (NUL bytes)"),
        ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        (
            "ctl.txt",
            bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 10 + b"text",
            "binary content (80 control bytes in 84)",
        ),
        ("bad.txt", b"Police said " + bytes(range(128, 256)) + b" today.", "byte 0x80 at byte offset 12"),
    ],
)
def test_file_errors_name_the_file_and_others_still_read(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = _write(tmp_path / name, content)
    _write(tmp_path / "zz-ok.txt", "Fine.")
    articles, errors = _read_all(tmp_path)
    assert [a.id for a in articles] == ["zz-ok"]
    [err] = errors
    assert message in str(err)
    assert str(err).startswith(f"{path}: ")
    assert err.source == str(path)
    with pytest.raises(ArticleError, match=r"binary|empty|byte"):
        list(read_articles(path))


def test_missing_file_and_unsupported_suffix(tmp_path: Path) -> None:
    ok = _write(tmp_path / "ok.txt", "Fine.")
    pdf = _write(tmp_path / "report.pdf", "x")
    nosuffix = _write(tmp_path / "NOTES", "x")
    missing = tmp_path / "missing.txt"
    articles, errors = _read_all([missing, pdf, nosuffix, ok])
    assert [a.id for a in articles] == ["ok"]
    assert [str(e) for e in errors] == [
        f"{missing}: no such file or folder; check the path",
        f"{pdf}: unsupported file type '.pdf'; give a .txt, .text, .md, .markdown, .jsonl, .ndjson, "
        ".html or .htm file",
        f"{nosuffix}: unsupported file type '(no suffix)'; give a .txt, .text, .md, .markdown, .jsonl, "
        ".ndjson, .html or .htm file",
    ]


def test_file_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", "x" * 200)
    [err] = _read_all(path, max_bytes=100)[1]
    assert str(err).startswith(f"{path}: the file is 200 bytes, more than max_bytes=100")


def test_duplicate_ids(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "From text.")
    _write(tmp_path / "a.md", "From markdown.")
    _write(tmp_path / "n.jsonl", _jsonl({"id": "x", "text": "One."}, {"id": "x", "text": "Two."}))
    articles, errors = _read_all(tmp_path)
    assert [(a.id, a.text) for a in articles] == [("a", "From markdown."), ("x", "One.")]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'a.txt'}: duplicate article id 'a' (first used by {tmp_path / 'a.md'}); "
        "give each article a unique id",
        f"{tmp_path / 'n.jsonl'}:2: duplicate article id 'x' (first used by {tmp_path / 'n.jsonl'}:1); "
        "give each article a unique id",
    ]


def test_duplicate_ids_raise_without_on_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "n.jsonl", _jsonl({"id": "x", "text": "One."}, {"id": "x", "text": "Two."}))
    with pytest.raises(ArticleError, match="duplicate article id 'x'"):
        list(read_articles(path))


def test_bad_arguments() -> None:
    not_a_path: Any = 42
    with pytest.raises(TypeError):
        read_articles(not_a_path)
    with pytest.raises(TypeError):
        read_articles(["ok", not_a_path])
    with pytest.raises(ValueError, match="max_bytes"):
        read_articles("-", max_bytes=0)


# --------------------------------------------------------------------------------------
# The shipped samples
# --------------------------------------------------------------------------------------


def test_samples_read_without_error() -> None:
    articles = list(read_articles(SAMPLES))
    assert len(articles) >= 5
    assert len({a.id for a in articles}) == len(articles)
    assert all(a.published is not None for a in articles)
    assert all(len(a.text.split()) > 100 for a in articles if "seizure" not in a.id)
    by_id = {a.id: a for a in articles}
    seed = by_id["kerman-2024-01-07"]
    assert seed.published == dt.date(2024, 1, 7)
    assert seed.text.startswith("The terrorist group Islamic State, also known as Daesh")
    suffixes = {Path(a.path or "").suffix for a in articles}
    assert suffixes == {".txt", ".md", ".jsonl", ".html"}


def test_seed_sample_matches_the_eval_seed() -> None:
    seed_jsonl = ROOT.parent / "shared" / "eval" / "data" / "seed.jsonl"
    if not seed_jsonl.exists():
        pytest.skip("shared eval data not available")
    [from_eval] = read_articles(seed_jsonl)
    [from_sample] = read_articles(SAMPLES / "kerman-2024-01-07.txt")
    assert from_sample.text == from_eval.text
    assert from_sample.published == from_eval.published
