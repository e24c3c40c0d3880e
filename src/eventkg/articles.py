"""Read news articles from files, folders and stdin.

This is the first stage of the pipeline: :func:`read_articles` turns ``.txt``, ``.md``,
``.jsonl`` and ``.html`` input into :class:`eventkg.models.Article` values, one at a
time. Every format is handled alike after reading:

1. newlines are normalised to ``\\n``;
2. a leading ``date YYYY-MM-DD`` header is removed from the text (it gives the
   publication date when none was given otherwise);
3. a wire dateline (``LIMA, 10 JAN 90 (EFE) -- [TEXT]``, ``BEIRUT (Reuters) -``) is kept
   in the text but parsed into ``dateline_place``, ``source``, ``published`` and
   ``dateline_end``.

Mention offsets downstream are Python ``str`` indices into ``Article.text`` as returned
here. ``docs/input.md`` describes the formats and rules for users.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, BinaryIO, TextIO

import yaml

from eventkg.errors import ArticleError
from eventkg.models import Article

__all__ = ["read_articles"]

_log = logging.getLogger(__name__)

#: Files larger than this (and JSONL lines, and stdin) are refused unless asked otherwise.
_DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_TEXT_SUFFIXES = frozenset({".txt", ".text"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_SUFFIXES = _TEXT_SUFFIXES | _MARKDOWN_SUFFIXES | _JSONL_SUFFIXES | _HTML_SUFFIXES
#: Files a folder may hold that describe it rather than being articles (read when named directly).
_SKIPPED_STEMS = frozenset({"readme"})
_SUPPORTED = ".txt, .text, .md, .markdown, .jsonl, .ndjson, .html or .htm"
#: an input that names a URL (http, https, ftp, file, ...) rather than a local path
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

#: More than this share of control characters (other than tab, newline, CR, FF, VT) is binary.
_MAX_CONTROL_SHARE = 0.10
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: Preferred among equally plausible legacy encodings (charset_normalizer ties them).
_PREFERRED_ENCODINGS = ("cp1252", "iso8859_15", "latin_1")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# ---------------------------------------------------------------------------------------
# The date header and wire datelines
# ---------------------------------------------------------------------------------------

_DATE_HEADER = re.compile(r"[ \t]*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)", re.IGNORECASE)
_REST_OF_LINE = re.compile(r"[ \t]*(?:\n|$)")
_BLANK_LINES = re.compile(r"(?:[ \t]*\n)+")

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
#: Upper-case letters of the Latin scripts (``re`` has no ``\\p{Lu}``): BOGOTÁ, MÜNCHEN, SÃO PAULO.
_UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper() and chr(c) != "×")
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}0-9'’.\-]*"
_TITLE_WORD = rf"[{_UPPER}](?:[^\W_]|['’.\-])*"
_DATE = (
    rf"(?:(?P<day>\d{{1,2}})[ ]+(?P<mon>{_MONTH})\.?(?:,?[ ]+(?P<year>\d{{4}}|\d{{2}})\b)?"
    rf"|(?P<mon2>{_MONTH})\.?[ ]+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?[ ]+(?P<year2>\d{{4}}|\d{{2}})\b)?"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})\b"
    r"|(?P<nodate>NO[ ]DATE)\b)"
)
#: Matched from the first non-space character, within this many characters.
_DATELINE_WINDOW = 400
_DATELINE = re.compile(
    # the place: CAPITALS, then an optional "(COUNTRY)" or ", Country"
    rf"(?:(?!NO[ ]DATE\b)(?P<place>{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,5}})"
    rf"(?:[ ]*\((?P<country>[{_UPPER}][^()\n]{{0,40}})\)(?=,))?"
    rf"(?:,[ ]+(?!{_MONTH})(?!NO[ ]DATE\b)(?P<region>{_TITLE_WORD}"
    rf"(?:[ ](?:of|and|the|de|del|du|la|{_TITLE_WORD})){{0,5}}))?)?"
    # the date, after a comma when there is a place
    rf"(?:(?(place),[ ]*|){_DATE})?"
    # the source, then the separator
    r"(?:\s*[(\[](?P<source>[^()\n]{1,80}?)[)\]])?"
    r"\s*(?P<sep>--|[—–]|-(?=\s))"
)
_NOTES = re.compile(r"\s*(?:\[[^\[\]]{0,300}\]\s*)*")
#: All-caps words that start a text without being a dateline place.
_NOT_PLACES = frozenset(
    {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "LIVE", "URGENT", "FLASH"}
)
#: Dateline "places" that name no place.
_NO_PLACE = frozenset({"NO CITY", "CLANDESTINE"})


@dataclass(frozen=True, slots=True)
class _Dateline:
    place: str | None
    source: str | None
    published: dt.date | None
    end: int


def _parse_dateline(text: str) -> _Dateline | None:
    """Parse a wire dateline at the start of ``text`` (``None`` when there is none)."""
    start = len(text) - len(text.lstrip())
    m = _DATELINE.match(text, start, start + _DATELINE_WINDOW)
    if m is None:
        return None
    place, source, sep = m["place"], m["source"], m["sep"]
    has_date = any(m[g] for g in ("day", "mon2", "iso", "nodate"))
    if place is None and not has_date:
        return None
    if source is None and not has_date and (sep == "-" or place in _NOT_PLACES or len(place or "") < 3):
        return None
    if place in _NO_PLACE:
        place = None
    where = ", ".join(p for p in (place, m["country"], m["region"]) if p) or None
    if source is not None:
        source = re.sub(r"\s*-\s*", "-", " ".join(source.split())) or None
    end = _NOTES.match(text, m.end(), m.end() + 4 * _DATELINE_WINDOW)
    return _Dateline(
        place=where, source=source, published=_dateline_date(m), end=end.end() if end else m.end()
    )


def _dateline_date(m: re.Match[str]) -> dt.date | None:
    """The date a dateline match names, if it has a day, a month and a year."""
    try:
        if m["iso"]:
            return dt.date.fromisoformat(m["iso"])
        if m["day"] and m["year"]:
            day, month, year = int(m["day"]), _MONTHS[m["mon"][:3].lower()], m["year"]
        elif m["day2"] and m["year2"]:
            day, month, year = int(m["day2"]), _MONTHS[m["mon2"][:3].lower()], m["year2"]
        else:
            return None
        y = int(year)
        if len(year) == 2:
            y += 2000 if y < 50 else 1900
        return dt.date(y, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------
# Decoding and checks
# ---------------------------------------------------------------------------------------


def _decode(data: bytes, *, where: str, line: int | None = None, offset: int = 0) -> str:
    """Bytes to text: a BOM, else UTF-8, else a confident charset_normalizer guess.

    ``offset`` is where ``data`` starts in its file, so that messages give file offsets.
    """
    _check_binary(data, where=where, line=line)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise _undecodable(exc, where=where, line=line, offset=offset) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise _undecodable(first_error, where=where, line=line, offset=offset)
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least + 0.01]
    best = next(
        (m for enc in _PREFERRED_ENCODINGS for m in tied if m.encoding == enc),
        tied[0],
    )
    _log.warning("%s: not UTF-8; decoded as %s", f"{where}:{line}" if line else where, best.encoding)
    return str(best)


def _undecodable(exc: UnicodeDecodeError, *, where: str, line: int | None, offset: int) -> ArticleError:
    bad = exc.object[exc.start : exc.start + 1].hex()
    return ArticleError(
        f"undecodable bytes: byte 0x{bad} at byte offset {offset + exc.start} is not valid "
        f"{exc.encoding.upper().removesuffix('-SIG')} and the encoding could not be detected; "
        "save the file as UTF-8",
        source=where,
        line=line,
    )


def _check_binary(data: bytes, *, where: str, line: int | None) -> None:
    """Refuse data with NUL bytes (unless UTF-16/32 with a BOM) or mostly control bytes."""
    if any(data.startswith(bom) for bom, codec in _BOMS if codec != "utf-8-sig"):
        return
    if b"\x00" in data:
        raise ArticleError(
            "binary content (NUL bytes), not text; give a UTF-8 text file or remove it",
            source=where,
            line=line,
        )
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if data and controls / len(data) > _MAX_CONTROL_SHARE:
        raise ArticleError(
            f"binary content ({controls} control bytes in {len(data)}), not text; "
            "give a UTF-8 text file or remove it",
            source=where,
            line=line,
        )


def _check_text(text: str, *, where: str, line: int | None) -> None:
    """Refuse decoded text with NUL or mostly control characters."""
    if "\x00" in text:
        raise ArticleError("binary content (NUL characters), not text; remove them", source=where, line=line)
    controls = len(_CONTROL_CHARS.findall(text))
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise ArticleError(
            f"binary content ({controls} control characters in {len(text)}), not text; remove it",
            source=where,
            line=line,
        )


def _too_big(size: int, max_bytes: int, *, what: str, where: str, line: int | None = None) -> ArticleError:
    return ArticleError(
        f"{what} is {size:,} bytes, more than max_bytes={max_bytes:,}; "
        "split it into smaller articles or pass a larger max_bytes",
        source=where,
        line=line,
    )


def _parse_published(value: Any, *, field: str, where: str, line: int | None) -> dt.date | None:
    """A date from JSON/YAML: a date, ``YYYY-MM-DD``, an ISO timestamp, or null."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            return dt.date.fromisoformat(s) if len(s) == 10 else dt.datetime.fromisoformat(s).date()
        except ValueError:
            pass
    raise ArticleError(
        f"{field!r} is {value!r}, not a date; use YYYY-MM-DD, an ISO 8601 timestamp or null",
        source=where,
        line=line,
    )


def _optional_str(value: Any, *, field: str, where: str, line: int | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ArticleError(
            f"{field!r} must be a string, not {type(value).__name__}; fix the value",
            source=where,
            line=line,
        )
    return str(value).strip() or None


# ---------------------------------------------------------------------------------------
# Building an Article from text
# ---------------------------------------------------------------------------------------


def _make_article(
    text: str,
    *,
    article_id: str,
    where: str,
    line: int | None = None,
    first_line: int | None = None,
    published: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """Normalise newlines, drop the ``date`` header, parse the dateline.

    ``line`` is the JSONL line (kept on the Article); ``first_line`` is the file line the
    text starts on, for messages about the header.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_text(text, where=where, line=line)
    m = _DATE_HEADER.match(text)
    if m is not None:
        try:
            header_date = dt.date.fromisoformat(m[1])
        except ValueError:
            raise ArticleError(
                f"the header 'date {m[1]}' is not a valid date; write it as 'date YYYY-MM-DD'",
                source=where,
                line=line if line is not None else first_line,
            ) from None
        published = published or header_date
        rest = _REST_OF_LINE.match(text, m.end())
        text = text[rest.end() :] if rest else text[m.end() :].lstrip(" \t")
    if not text.strip():
        raise ArticleError(
            "no text (empty article); add the article text or remove it", source=where, line=line
        )
    dateline = _parse_dateline(text)
    if dateline is not None:
        published = published or dateline.published
        source = source or dateline.source
    return Article(
        id=article_id,
        text=text,
        published=published,
        title=title,
        url=url,
        source=source,
        path=where,
        line=line,
        dateline_place=dateline.place if dateline else None,
        dateline_end=dateline.end if dateline else 0,
    )


def _text_article(data: bytes, *, article_id: str, where: str) -> Article:
    """A ``.txt`` file (or plain text on stdin)."""
    text = _decode(data, where=where)
    if not text.strip():
        raise ArticleError("empty file; add the article text or remove the file", source=where)
    return _make_article(text, article_id=article_id, where=where, first_line=1)


def _markdown_article(data: bytes, *, article_id: str, where: str) -> Article:
    """A ``.md`` file: optional YAML front matter between ``---`` lines, then the body."""
    text = _decode(data, where=where).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError("empty file; add the article text or remove the file", source=where)
    meta: dict[str, Any] = {}
    body_line = 1
    lines = text.split("\n")
    if lines[0].rstrip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if close is None:
            raise ArticleError(
                "front matter is not closed; end it with a line '---'",
                source=where,
                line=1,
            )
        try:
            loaded = yaml.safe_load("\n".join(lines[1:close]))
        except (yaml.YAMLError, ValueError) as exc:  # ValueError: an impossible date (2024-02-30)
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ArticleError(
                f"front matter is not valid YAML ({problem}); fix it",
                source=where,
                line=mark.line + 2 if mark is not None else 1,
            ) from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise ArticleError(
                "front matter must be a YAML mapping (key: value lines); fix it", source=where, line=2
            )
        meta = loaded
        body_line = close + 2
        text = "\n".join(lines[close + 1 :])
    blank = _BLANK_LINES.match(text)
    if blank is not None:
        body_line += blank[0].count("\n")
        text = text[blank.end() :]

    def get(key: str) -> str | None:
        return _optional_str(meta.get(key), field=key, where=where, line=None)

    date_key = "published" if meta.get("published") is not None else "date"
    title = get("title")
    if title is None:
        heading = re.match(r"\s*#[ \t]+(.+)", text)
        title = heading[1].strip().rstrip("#").strip() if heading else None
    return _make_article(
        text,
        article_id=get("id") or article_id,
        where=where,
        first_line=body_line,
        published=_parse_published(meta.get(date_key), field=date_key, where=where, line=None),
        title=title,
        url=get("url"),
        source=get("source"),
    )


def _html_article(data: bytes, *, article_id: str, where: str) -> Article:
    """An HTML page: the main text and metadata found by trafilatura (offline)."""
    html = _decode(data, where=where)
    if not html.strip():
        raise ArticleError("empty file; add the page or remove the file", source=where)
    import trafilatura

    options: dict[str, Any] = {"include_comments": False, "include_images": False, "include_links": False}
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
        **options,
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise ArticleError(
            "no main text found in the HTML page; save the article text as .txt instead",
            source=where,
        )
    # trafilatura falls back to any text on the page (menus, a cookie notice); asked for
    # precision, it keeps only what it takes for the article's own text
    main = trafilatura.bare_extraction(html, favor_precision=True, **options)
    if main is None or not (getattr(main, "text", None) or "").strip():
        raise ArticleError(
            "no article text found: the page has only navigation/boilerplate; "
            "give the article's own page or save its text as .txt",
            source=where,
        )
    title = (getattr(doc, "title", None) or "").strip() or None
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest  # the headline is kept in Article.title, not repeated in the text
    date_value = getattr(doc, "date", None)
    try:
        published = _parse_published(date_value, field="date", where=where, line=None)
    except ArticleError:
        published = None  # trafilatura's guess is not the user's input; ignore it
    return _make_article(
        text,
        article_id=article_id,
        where=where,
        published=published,
        title=title,
        url=(getattr(doc, "url", None) or None),
        source=(getattr(doc, "sitename", None) or None),
    )


# ---------------------------------------------------------------------------------------
# JSONL, line by line
# ---------------------------------------------------------------------------------------


def _lines(readline: Callable[[int], bytes], max_bytes: int) -> Iterator[tuple[int, int, bytes | None]]:
    """``(line number, byte offset, bytes)``; bytes is ``None`` for a line over ``max_bytes``."""
    lineno = offset = 0
    while True:
        chunk = readline(max_bytes + 1)
        if not chunk:
            return
        lineno += 1
        start = offset
        offset += len(chunk)
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            while True:  # skip the rest of the overlong line
                more = readline(1 << 16)
                offset += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield lineno, start, None
        else:
            yield lineno, start, chunk


def _jsonl_articles(
    lines: Iterator[tuple[int, int, bytes | None]], *, stem: str, where: str, max_bytes: int
) -> Iterator[Article | ArticleError]:
    """One article per non-blank line."""
    any_line = False
    for lineno, offset, raw in lines:
        try:
            if raw is None:
                raise ArticleError(
                    f"the line is longer than max_bytes={max_bytes:,}; "
                    "split the article or pass a larger max_bytes",
                    source=where,
                    line=lineno,
                )
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw, offset = raw[3:], offset + 3
            if not raw.strip():
                continue
            any_line = True
            yield _jsonl_article(raw, lineno=lineno, offset=offset, stem=stem, where=where)
        except ArticleError as err:
            any_line = True
            yield err
    if not any_line:
        yield ArticleError(
            "no articles: the file has no JSON lines; add one JSON object per line or remove the file",
            source=where,
        )


def _jsonl_article(raw: bytes, *, lineno: int, offset: int, stem: str, where: str) -> Article:
    line_text = _decode(raw, where=where, line=lineno, offset=offset)
    try:
        obj = json.loads(line_text)
    except json.JSONDecodeError as exc:
        raise ArticleError(
            f"malformed JSON ({exc.msg} at column {exc.colno}); fix or remove the line",
            source=where,
            line=lineno,
        ) from None
    if not isinstance(obj, dict):
        raise ArticleError(
            f"expected a JSON object, got {type(obj).__name__}; write one object per line",
            source=where,
            line=lineno,
        )
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        problem = "missing" if text is None else "empty" if isinstance(text, str) else "not a string"
        raise ArticleError(
            f"'text' is {problem}; each line needs a non-empty \"text\" string",
            source=where,
            line=lineno,
        )
    raw_id = obj.get("id")
    if raw_id is None:
        article_id = f"{stem}:{lineno}"
    elif isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and str(raw_id).strip():
        article_id = str(raw_id).strip()
    else:
        raise ArticleError(
            f"'id' is {raw_id!r}; give a non-empty string or leave it out", source=where, line=lineno
        )

    def get(key: str) -> str | None:
        return _optional_str(obj.get(key), field=key, where=where, line=lineno)

    return _make_article(
        text,
        article_id=article_id,
        where=where,
        line=lineno,
        published=_parse_published(obj.get("published"), field="published", where=where, line=lineno),
        title=get("title"),
        url=get("url"),
        source=get("source"),
    )


# ---------------------------------------------------------------------------------------
# Files, folders, stdin
# ---------------------------------------------------------------------------------------


def _read_file(
    path: Path, *, article_id: str, where: str, max_bytes: int
) -> Iterator[Article | ArticleError]:
    """Every article in one file whose suffix is supported."""
    suffix = path.suffix.lower()
    try:
        if suffix in _JSONL_SUFFIXES:
            with path.open("rb") as f:
                yield from _jsonl_articles(
                    _lines(f.readline, max_bytes), stem=article_id, where=where, max_bytes=max_bytes
                )
            return
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_big(size, max_bytes, what="the file", where=where)
        data = path.read_bytes()
        if suffix in _MARKDOWN_SUFFIXES:
            yield _markdown_article(data, article_id=article_id, where=where)
        elif suffix in _HTML_SUFFIXES:
            yield _html_article(data, article_id=article_id, where=where)
        else:
            yield _text_article(data, article_id=article_id, where=where)
    except ArticleError as err:
        yield err
    except OSError as exc:
        yield ArticleError(
            f"cannot read the file ({exc.strerror or exc}); check its permissions", source=where
        )


def _walk(folder: Path) -> list[PurePath]:
    """Supported files under ``folder``, relative to it, in sorted order.

    Hidden files and folders (``.name``) and ``README.*`` files are left out.
    """
    found: list[PurePath] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel_root = PurePath(root).relative_to(folder)
        for name in files:
            pure = PurePath(name)
            if (
                not name.startswith(".")
                and pure.suffix.lower() in _SUFFIXES
                and pure.stem.lower() not in _SKIPPED_STEMS
            ):
                found.append(rel_root / name)
    found.sort(key=lambda p: p.parts)
    return found


def _read_folder(folder: Path, *, where: str, max_bytes: int) -> Iterator[Article | ArticleError]:
    files = _walk(folder)
    if not files:
        yield ArticleError(f"the folder has no {_SUPPORTED} files; check the path", source=where)
    for rel in files:
        yield from _read_file(
            folder / rel,
            article_id=rel.with_suffix("").as_posix(),
            where=os.path.join(where, str(rel)),
            max_bytes=max_bytes,
        )


def _looks_like_html(head: bytes) -> bool:
    return head.lstrip().startswith(b"<") and (
        re.search(rb"<(?:!doctype\s+html|html|head|body|article|main|div|p)\b", head[:4096], re.IGNORECASE)
        is not None
    )


def _read_stdin(stream: TextIO | BinaryIO, *, max_bytes: int) -> Iterator[Article | ArticleError]:
    """Sniff stdin: JSONL if it starts with ``{``, HTML if it looks like HTML, else text."""
    where = "-"
    buffer = getattr(stream, "buffer", None)
    raw_stream: Any = buffer if buffer is not None else stream

    def readline(n: int) -> bytes:
        chunk = raw_stream.readline(n)
        return chunk.encode("utf-8", "surrogateescape") if isinstance(chunk, str) else chunk

    peeked: list[bytes] = []
    size = 0
    while True:
        chunk = readline(max_bytes + 1)
        if not chunk:
            break
        peeked.append(chunk)
        size += len(chunk)
        if chunk.strip() or size > max_bytes:
            break
    head = b"".join(peeked)
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        pending = iter(peeked)

        def replay(n: int) -> bytes:
            return next(pending, b"") or readline(n)

        yield from _jsonl_articles(_lines(replay, max_bytes), stem="stdin", where=where, max_bytes=max_bytes)
        return
    rest: list[bytes] = [head]
    while size <= max_bytes:
        chunk = readline(1 << 20)
        if not chunk:
            break
        rest.append(chunk)
        size += len(chunk)
    try:
        if size > max_bytes:
            raise _too_big(size, max_bytes, what="stdin", where=where)
        data = b"".join(rest)
        if not data.strip():
            raise ArticleError("stdin is empty; pipe an article in or give a file", source=where)
        if _looks_like_html(data.removeprefix(b"\xef\xbb\xbf")):
            yield _html_article(data, article_id="stdin", where=where)
        else:
            yield _text_article(data, article_id="stdin", where=where)
    except ArticleError as err:
        yield err


def _read_source(
    item: str | os.PathLike[str], *, stdin: TextIO | BinaryIO | None, max_bytes: int
) -> Iterator[Article | ArticleError]:
    where = os.fspath(item)
    if where == "-":
        yield from _read_stdin(stdin if stdin is not None else sys.stdin, max_bytes=max_bytes)
        return
    path = Path(where)
    if _URL.match(where):
        yield ArticleError(
            "is a URL; eventkg reads local files and never fetches a page by itself: download it "
            "first, or pass --allow-network to 'eventkg extract' to fetch it",
            source=where,
        )
    elif path.is_dir():
        yield from _read_folder(path, where=where, max_bytes=max_bytes)
    elif not path.exists():
        yield ArticleError("no such file or folder; check the path", source=where)
    elif path.suffix.lower() not in _SUFFIXES:
        yield ArticleError(
            f"unsupported file type {path.suffix or '(no suffix)'!r}; give a {_SUPPORTED} file",
            source=where,
        )
    else:
        yield from _read_file(path, article_id=path.stem, where=where, max_bytes=max_bytes)


def _generate(
    sources: list[str | os.PathLike[str]],
    *,
    on_error: Callable[[ArticleError], None] | None,
    stdin: TextIO | BinaryIO | None,
    max_bytes: int,
) -> Iterator[Article]:
    seen: dict[str, str] = {}
    for item in sources:
        for result in _read_source(item, stdin=stdin, max_bytes=max_bytes):
            if isinstance(result, Article):
                first = seen.get(result.id)
                if first is None:
                    seen[result.id] = result.where
                    yield result
                    continue
                result = ArticleError(
                    f"duplicate article id {result.id!r} (first used by {first}); "
                    "give each article a unique id",
                    source=result.path,
                    line=result.line,
                )
            if on_error is None:
                raise result
            on_error(result)


def read_articles(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    on_error: Callable[[ArticleError], None] | None = None,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = _DEFAULT_MAX_BYTES,
) -> Iterator[Article]:
    """Read news articles from files, folders or stdin, one at a time.

    Parameters
    ----------
    source : str, os.PathLike or sequence of them
        A file, a folder (read recursively in sorted order of relative path; hidden
        files and folders, ``README.*`` files and unsupported suffixes are skipped), ``"-"`` for stdin, or a
        list of these. Supported files: ``.txt``/``.text`` (plain text),
        ``.md``/``.markdown`` (optional YAML front matter with ``id``, ``title``,
        ``date`` or ``published``, ``url``, ``source``; the text is the body after it,
        without leading blank lines), ``.jsonl``/``.ndjson`` (one JSON object per line
        with ``text`` and optionally ``id``, ``published``, ``title``, ``url``,
        ``source``) and ``.html``/``.htm`` (main text and metadata found by trafilatura,
        offline; a first line repeating the title is dropped; ``source`` is the site
        name). Stdin is JSONL if its
        first non-blank character is ``{``, HTML if it looks like HTML, else plain text
        with id ``stdin``.
    on_error : callable, optional
        Called with an :class:`~eventkg.errors.ArticleError` for each article that cannot
        be read (empty, binary, undecodable, malformed, missing, duplicate id, ...);
        reading then goes on with the next article. When ``None`` (the default), the
        first such error is raised.
    stdin : file object, optional
        Where ``"-"`` reads from (text or binary); defaults to :data:`sys.stdin`.
    max_bytes : int, optional
        Largest file, JSONL line or stdin input accepted (default 50 MB).

    Yields
    ------
    Article
        In input order. Ids are the JSONL/front matter ``id``, else the path relative to
        the folder given without suffix (posix separators), or the file stem for a file
        given directly; a JSONL line without id gets ``<that id>:<line>``. Ids are unique
        within one call.

    Raises
    ------
    ArticleError
        When an article cannot be read and ``on_error`` is ``None``. Messages name the
        file and line and say what to do, e.g.
        ``data/x.jsonl:3: malformed JSON (Expecting ',' delimiter at column 17); fix or
        remove the line``.

    Notes
    -----
    ``Article.text`` is the text that mention offsets index into (Python ``str``
    indices). Newlines are normalised to ``\\n``. A leading ``date YYYY-MM-DD`` (first
    line, or at the start of the first line followed by text) is removed from the text
    and gives ``published`` when no date was given. A wire dateline such as
    ``LIMA, 10 JAN 90 (EFE) -- [TEXT]`` or ``BEIRUT (Reuters) -`` stays in the text; it
    fills ``dateline_place``, ``source`` and ``published`` (when not given; two-digit
    years 00-49 are 20xx, 50-99 are 19xx) and ``dateline_end``, the offset where the
    body starts after the separator and any bracketed notes like ``[TEXT]``.

    Bytes that are not UTF-8 are decoded with the encoding charset_normalizer detects
    (logged as a warning); input it cannot place is an error naming the byte offset.

    Examples
    --------
    >>> import io
    >>> wire = "date 2024-01-07\\nLIMA, 10 JAN 90 (EFE) -- [TEXT] A bomb exploded."
    >>> [a] = read_articles("-", stdin=io.StringIO(wire))
    >>> a.id, a.published, a.source, a.dateline_place
    ('stdin', datetime.date(2024, 1, 7), 'EFE', 'LIMA')
    >>> a.text[a.dateline_end:]
    'A bomb exploded.'
    >>> errors = []
    >>> lines = '{"id": "a", "text": "Gunmen attacked a market."}\\n{"id": "b"}\\n'
    >>> [a.id for a in read_articles("-", stdin=io.StringIO(lines), on_error=errors.append)]
    ['a']
    >>> print(errors[0])
    -:2: 'text' is missing; each line needs a non-empty "text" string
    """
    if isinstance(source, str | os.PathLike):
        sources: list[str | os.PathLike[str]] = [source]
    elif isinstance(source, Sequence) and not isinstance(source, bytes):
        sources = list(source)
        for item in sources:
            if not isinstance(item, str | os.PathLike):
                raise TypeError(f"read_articles: expected a path or '-', got {type(item).__name__}")
    else:
        raise TypeError(f"read_articles: expected a path, '-' or a list of them, got {type(source).__name__}")
    if max_bytes <= 0:
        raise ValueError(f"read_articles: max_bytes must be positive, got {max_bytes}")
    return _generate(sources, on_error=on_error, stdin=stdin, max_bytes=max_bytes)
