"""The NLP stage: a spaCy pipeline with eventkg's gazetteers and components.

:func:`make_nlp` loads a pipeline once (cached) and adds the gazetteer entity ruler and
the event-trigger component; :func:`parse` runs it over one article, masking wire
headers and processing long texts in chunks, and returns a :class:`spacy.tokens.Doc`
whose character offsets are offsets into ``Article.text``.
"""

from __future__ import annotations

from eventkg.nlp.pipeline import DEFAULT_MODEL, make_nlp, parse

__all__ = ["DEFAULT_MODEL", "make_nlp", "parse"]
