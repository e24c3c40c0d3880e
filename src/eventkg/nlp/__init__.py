"""The NLP stage: a spaCy pipeline with eventkg's gazetteers and components.

:func:`make_nlp` loads a pipeline once (cached) and adds the gazetteer entity ruler and
the event-trigger component; :func:`parse_chunks` runs it over one article, masking wire
headers, piece by piece (one piece unless the text is long), and yields each piece's
:class:`spacy.tokens.Doc` with the part of the article it covers; :func:`parse` joins
the pieces into one Doc whose character offsets are offsets into ``Article.text``.
"""

from __future__ import annotations

from eventkg.nlp.pipeline import DEFAULT_MODEL, Chunk, make_nlp, parse, parse_chunks

__all__ = ["DEFAULT_MODEL", "Chunk", "make_nlp", "parse", "parse_chunks"]
