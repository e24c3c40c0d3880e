"""Export an event graph in the formats analysts already use.

:func:`eventkg.records.event_records` (re-exported here) reads the asserted events of a
graph into :class:`EventRecord` objects, one per event and source article; :func:`export`
writes them as

* ``acled-csv``: ACLED-style rows (event_date, event_type, sub_event_type, actor1, ...);
* ``gtd-csv``: GTD-style rows (iyear, imonth, iday, attacktype1_txt, gname, nkill, ...),
  attacks only;
* ``jsonl``: one self-describing JSON object per event;
* ``graphml`` / ``gexf``: an analysis projection (:func:`eventkg.analysis.to_networkx`;
  the ``full`` actor–event graph by default) for Gephi and Cytoscape (networkx writers);
* ``jsonld``: the whole graph as compact JSON-LD with eventkg's context inlined (never a
  remote context);
* ``trig``, ``nq``, ``ttl``, ``nt``: the whole graph, through :class:`eventkg.store.GraphWriter`.

Event types come from the crosswalk (:mod:`eventkg.crosswalk`). Where sources disagree on
a figure (several ``ekg:killed`` values for the same event, in one article's graph or
across articles linked by a shared IRI, ``owl:sameAs`` or ``ekg:sameIncident``), each
source keeps its own row and the ``notes`` / ``summary`` column lists the other figures
and where they come from.
docs/formats.md documents every column.
"""

from __future__ import annotations

import csv
import functools
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import networkx as nx
import pycountry
import pyoxigraph as ox
from rdflib import RDFS, Dataset, URIRef

from eventkg.analysis import read_facts, to_networkx
from eventkg.crosswalk import codes_for, concept
from eventkg.errors import OutputError
from eventkg.records import (
    ArticleInfo,
    ClaimInfo,
    Entity,
    EventRecord,
    Figure,
    GraphSource,
    OtherFigure,
    event_records,
)
from eventkg.resources import ontology_graph, resource_path
from eventkg.store import atomic_file

__all__ = [
    "DTYPES",
    "FORMATS",
    "ArticleInfo",
    "ClaimInfo",
    "Entity",
    "EventRecord",
    "ExportSummary",
    "Figure",
    "OtherFigure",
    "event_records",
    "export",
]

_EKG = "https://w3id.org/eventkg/ontology#"
_RDF_FORMATS = {"trig": ".trig", "nq": ".nq", "ttl": ".ttl", "nt": ".nt"}
#: Every format :func:`export` writes, with the file suffix it suggests.
FORMATS = {
    "acled-csv": ".csv",
    "gtd-csv": ".csv",
    "jsonl": ".jsonl",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "jsonld": ".jsonld",
    **_RDF_FORMATS,
}

#: How to read the CSV exports with pandas: ``pd.read_csv(f, dtype=DTYPES["gtd-csv"])``.
#: Integer columns that may be empty use pandas' nullable ``Int64``.
DTYPES: dict[str, dict[str, str]] = {
    "acled-csv": {
        "event_iri": "string",
        "event_date": "string",
        "year": "Int64",
        "time_precision": "Int64",
        "event_type": "string",
        "sub_event_type": "string",
        "actor1": "string",
        "assoc_actor_1": "string",
        "actor2": "string",
        "assoc_actor_2": "string",
        "iso": "Int64",
        "country": "string",
        "admin1": "string",
        "location": "string",
        "latitude": "float64",
        "longitude": "float64",
        "source": "string",
        "notes": "string",
        "fatalities": "int64",
        "source_article": "string",
        "article_id": "string",
    },
    "gtd-csv": {
        "event_iri": "string",
        "iyear": "Int64",
        "imonth": "int64",
        "iday": "int64",
        "country_txt": "string",
        "provstate": "string",
        "city": "string",
        "latitude": "float64",
        "longitude": "float64",
        "suicide": "int64",
        "attacktype1": "int64",
        "attacktype1_txt": "string",
        "target1": "string",
        "gname": "string",
        "claimed": "int64",
        "weaptype1": "int64",
        "weaptype1_txt": "string",
        "nkill": "Int64",
        "nwound": "Int64",
        "summary": "string",
        "scite1": "string",
        "source_article": "string",
    },
}

# GTD weapon type (weaptype1) from the weapons gazetteer's category, then from the class
_GTD_WEAPON_BY_CATEGORY = {"explosive": "6", "firearm": "5", "incendiary": "8", "blade": "9", "vehicle": "10"}
_GTD_WEAPON_BY_CLASS = {
    "Bombing": "6",
    "SuicideBombing": "6",
    "Shooting": "5",
    "Stabbing": "9",
    "VehicleRamming": "10",
    "Arson": "8",
}


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What :func:`export` wrote: the format, the file and how many rows / nodes / quads."""

    format: str
    path: str
    count: int


# --------------------------------------------------------------------------- tables
@functools.cache
def _is_attack(kind: str) -> bool:
    attack = URIRef(_EKG + "Attack")
    return attack in set(ontology_graph().transitive_objects(URIRef(_EKG + kind), RDFS.subClassOf))


def _labels(entities: Iterable[Entity]) -> list[str]:
    return list(dict.fromkeys(e.label or e.iri for e in entities))


def _first_place(rec: EventRecord, *kinds: str) -> Entity | None:
    return next((p for p in rec.places if p.kind in kinds), None)


def _location(rec: EventRecord) -> dict[str, Any]:
    country = _first_place(rec, "Country")
    region = _first_place(rec, "Region")
    local = _first_place(rec, "Site", "City", "Place")
    named = local or region or country
    where = next((p for p in rec.places if p.latitude is not None and p.longitude is not None), None)
    iso = None
    if country is not None and country.iso:
        found = pycountry.countries.get(alpha_2=country.iso[:2])
        iso = int(found.numeric) if found is not None else None
    return {
        "country": country.label if country else None,
        "admin1": region.label if region else None,
        "location": named.label if named else None,
        "latitude": where.latitude if where else None,
        "longitude": where.longitude if where else None,
        "iso": iso,
    }


def _date_parts(date: str | None) -> tuple[int | None, int, int]:
    """(year, month, day) with GTD's 0 for an unknown month or day."""
    if not date:
        return None, 0, 0
    parts = [int(x) for x in date.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else 0), (parts[2] if len(parts) > 2 else 0)


def _sources(rec: EventRecord) -> list[str]:
    outlets = [rec.article.publisher] + [c.reported_by.label for c in rec.claims if c.reported_by]
    return list(dict.fromkeys(x for x in outlets if x))


def _notes(rec: EventRecord, *, headline_killed: bool = True) -> str:
    """A readable account of what the table's columns cannot hold, conflicts first."""
    notes: list[str] = []
    own = {"killed": rec.killed, "injured": rec.injured, "arrested": rec.arrested}
    # another source's figure conflicts when it differs from every figure of this article
    conflicts = [
        f"{o.measure} {o.value} in <{o.article}>" for o in rec.other_figures if o.value not in own[o.measure]
    ]
    for measure, values in own.items():
        conflicts += [f"{measure} {v} in this article too" for v in values[1:]]
    if conflicts:
        notes.append("Conflicting figures: " + "; ".join(conflicts) + ".")
    notes.append(f"{rec.label or rec.kind}.")
    if headline_killed and not rec.killed:
        notes.append("No fatality figure reported.")
    if rec.injured:
        notes.append(f"{rec.injured[0]} injured.")
    if rec.arrested:
        notes.append(f"{rec.arrested[0]} arrested.")
    if rec.figures:
        parts = [f"{f.count} {f.outcome.lower()}" + (f" ({f.group})" if f.group else "") for f in rec.figures]
        notes.append("Breakdown: " + ", ".join(parts) + ".")
    for role, title in (("target", "Targets"), ("instrument", "Weapons"), ("seizedItem", "Seized")):
        if rec.roles.get(role):
            notes.append(f"{title}: " + ", ".join(_labels(rec.roles[role])) + ".")
    for c in rec.claims:
        if c.kind == "ResponsibilityClaim":
            notes.append(f"Responsibility claimed by {_name(c.claimant, 'an unnamed actor')}.")
        elif c.quote:
            relay = f" (reported by {_name(c.reported_by, '')})" if c.reported_by else ""
            notes.append(f'{_name(c.claimant, "A source")} said{relay}: "{c.quote}"')
    return " ".join(dict.fromkeys(notes))


def _name(e: Entity | None, default: str) -> str:
    return default if e is None else e.label or e.iri


def _acled_row(rec: EventRecord) -> dict[str, Any]:
    acled = rec.codes.get("acled")
    year, month, day = _date_parts(rec.date)
    if day:
        event_date, precision = rec.date, 1
    elif month:  # ACLED: month known, day not -> the middle of the month, precision 3
        event_date, precision = f"{year:04d}-{month:02d}-15", 3
    else:
        event_date, precision = None, None
    actors1 = _labels(rec.roles.get("perpetrator", ()))
    actors2 = _labels(rec.roles.get("victim", ()) + rec.roles.get("detainee", ()))
    return {
        "event_iri": rec.iri,
        "event_date": event_date,
        "year": year,
        "time_precision": precision,
        "event_type": (acled.parent_code or acled.code) if acled else None,
        "sub_event_type": acled.code if acled and acled.parent_code else None,
        "actor1": actors1[0] if actors1 else None,
        "assoc_actor_1": "; ".join(actors1[1:]) or None,
        "actor2": actors2[0] if actors2 else None,
        "assoc_actor_2": "; ".join(actors2[1:]) or None,
        **_location(rec),
        "source": "; ".join(_sources(rec)) or None,
        "notes": _notes(rec),
        "fatalities": rec.killed[0] if rec.killed else 0,  # ACLED: 0 when no figure is reported
        "source_article": rec.article.iri,
        "article_id": rec.article.id,
    }


@functools.cache
def _weapon_categories() -> dict[str, tuple[str, bool]]:
    """Weapon label or alias (lower case) -> (gazetteer category, suicide weapon?)."""
    out: dict[str, tuple[str, bool]] = {}
    with resource_path("gazetteers", "weapons.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                w = json.loads(line)
                for name in [w["label"], *w.get("aliases", [])]:
                    out.setdefault(name.lower(), (w["category"], bool(w.get("suicide"))))
    return out


def _gtd_row(rec: EventRecord) -> dict[str, Any]:
    year, month, day = _date_parts(rec.date)
    gtd = rec.codes.get("gtd") or concept("gtd", "9")  # Unknown
    weapons = [_weapon_categories().get((w.label or "").lower()) for w in rec.roles.get("instrument", ())]
    weapon = next(
        (_GTD_WEAPON_BY_CATEGORY[w[0]] for w in weapons if w and w[0] in _GTD_WEAPON_BY_CATEGORY), None
    )
    weapon = weapon or _GTD_WEAPON_BY_CLASS.get(rec.kind, "13")
    loc = _location(rec)
    perpetrators = _labels(rec.roles.get("perpetrator", ()))
    targets = _labels(rec.roles.get("target", ()) + rec.roles.get("victim", ()))
    art = rec.article
    return {
        "event_iri": rec.iri,
        "iyear": year,
        "imonth": month,
        "iday": day,
        "country_txt": loc["country"],
        "provstate": loc["admin1"],
        "city": loc["location"],
        "latitude": loc["latitude"],
        "longitude": loc["longitude"],
        "suicide": int(rec.kind == "SuicideBombing" or any(w and w[1] for w in weapons)),
        "attacktype1": int(gtd.code),
        "attacktype1_txt": gtd.label,
        "target1": "; ".join(targets) or None,
        "gname": perpetrators[0] if perpetrators else "Unknown",
        "claimed": int(any(c.kind == "ResponsibilityClaim" for c in rec.claims)),
        "weaptype1": int(weapon),
        "weaptype1_txt": concept("gtd-weapon", weapon).label,
        "nkill": rec.killed[0] if rec.killed else None,
        "nwound": rec.injured[0] if rec.injured else None,
        "summary": _notes(rec, headline_killed=False),
        "scite1": "; ".join(x for x in (art.publisher, art.headline or art.id, art.url) if x) or None,
        "source_article": art.iri,
    }


def _write_csv(out: IO[str], rows: list[dict[str, Any]], columns: Iterable[str]) -> None:
    w = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({k: "" if v is None else v for k, v in row.items()})


# --------------------------------------------------------------------------- graphs
_GRAPH_NAMES = {"lat": "latitude", "lon": "longitude"}  # the names Gephi's geo layout looks for


def _graph_file(source: GraphSource, projection: str) -> nx.Graph:
    """The analysis projection ``projection`` with attributes GraphML and GEXF can hold.

    Lists become ``;``-joined strings and empty values are left out (neither format has a
    list or a null); ``lat``/``lon`` are written as ``latitude``/``longitude`` (for
    Gephi's geo layout) and event nodes gain their ``cameo``, ``acled``, ``gtd`` and
    ``plover`` codes.
    """
    g = to_networkx(read_facts(source), projection)
    out = nx.Graph(**_flat(g.graph))
    for n, d in g.nodes(data=True):
        attrs = {_GRAPH_NAMES.get(k, k): v for k, v in d.items()}
        if d["kind"] == "event":
            attrs |= {
                scheme: c.code for scheme, c in codes_for(_EKG + d["type"]).items() if scheme != "gtd-weapon"
            }
        out.add_node(n, **_flat(attrs))
    out.add_edges_from((a, b, _flat(d)) for a, b, d in g.edges(data=True))
    return out


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    """``attrs`` without empty values, lists joined with ``;``."""
    flat = {k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in attrs.items()}
    return {k: v for k, v in flat.items() if v is not None and v != ""}


# --------------------------------------------------------------------------- writing
def _jsonable(rec: EventRecord) -> dict[str, Any]:
    out = asdict(rec)
    out["type"] = out.pop("kind")
    del out["place_iris"]  # the reader's own bookkeeping; ``places`` holds them in full
    for f in out["figures"]:
        del f["group_node"]
    return out


def _dataset(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Dataset | ox.Store,
) -> Dataset:
    if isinstance(source, Dataset):
        return source
    from eventkg.store import load

    if isinstance(source, ox.Store):
        from eventkg.store import to_dataset

        return to_dataset(source)  # the article graphs, without the store's union default graph
    ds = Dataset()
    loaded = [load(p) for p in ([source] if isinstance(source, str | os.PathLike) else source)]
    if len(loaded) == 1:
        return loaded[0]
    for one in loaded:
        for g in one.graphs():
            named = ds.graph(g.identifier)
            for t in g:
                named.add(t)
    return ds


def _context() -> dict[str, Any]:
    doc = json.loads(resource_path("ontology", "context.jsonld").read_text(encoding="utf-8"))
    return dict(doc["@context"])


def export(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Dataset | ox.Store,
    output: str | os.PathLike[str],
    *,
    fmt: str,
    projection: str = "full",
) -> ExportSummary:
    """Write the graph ``source`` to ``output`` in format ``fmt``, atomically.

    Parameters
    ----------
    source
        Graph files (any format eventkg reads), an rdflib Dataset or an Oxigraph store.
    output
        The file to write; it is replaced only when everything succeeded.
    fmt
        One of :data:`FORMATS`: ``acled-csv``, ``gtd-csv``, ``jsonl``, ``graphml``,
        ``gexf``, ``jsonld``, ``trig``, ``nq``, ``ttl``, ``nt``.
    projection
        For ``graphml`` and ``gexf``: the :func:`eventkg.analysis.to_networkx` projection
        to write (``full``, ``bipartite``, ``actors``, ``places`` or ``events``).

    Returns
    -------
    ExportSummary
        ``count`` is the number of rows (CSV), objects (JSONL), nodes (GraphML, GEXF) or
        quads (RDF formats).

    Raises
    ------
    OutputError
        For an unknown format, or when ``output`` cannot be written.
    GraphReadError
        When a graph file cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from eventkg.models import Article, Event, Extraction
    >>> from eventkg.rdf.build import build_graph
    >>> ds = build_graph([Extraction(article=Article(id="a1", text="x"),
    ...                              events=(Event(key="event-1", kind="Stabbing", mentions=(), killed=1),))])
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "events.csv"
    >>> export(ds, out, fmt="gtd-csv").count
    1
    >>> out.read_text().splitlines()[1].split(",")[10:12]
    ['2', 'Armed Assault']
    """
    path = Path(output)
    if fmt not in FORMATS:
        raise OutputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt in _RDF_FORMATS:
        return _export_rdf(source, path, fmt)
    if fmt == "jsonld":
        ds = _dataset(source)
        data = ds.serialize(format="json-ld", context=_context(), auto_compact=True, encoding="utf-8")
        with atomic_file(path) as f:
            f.write(data)
        return ExportSummary(fmt, str(path), sum(len(g) for g in ds.graphs()))
    records = event_records(source)
    if fmt in ("acled-csv", "gtd-csv"):
        rows = (
            [_acled_row(r) for r in records]
            if fmt == "acled-csv"
            else [_gtd_row(r) for r in records if _is_attack(r.kind)]
        )
        with atomic_file(path, binary=False) as f:
            _write_csv(f, rows, DTYPES[fmt])
        return ExportSummary(fmt, str(path), len(rows))
    if fmt == "jsonl":
        with atomic_file(path, binary=False) as f:
            for r in records:
                f.write(json.dumps(_jsonable(r), ensure_ascii=False, sort_keys=True) + "\n")
        return ExportSummary(fmt, str(path), len(records))
    graph = _graph_file(source, projection)
    writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    with atomic_file(path) as f:
        writer(graph, f)
    return ExportSummary(fmt, str(path), graph.number_of_nodes())


def _export_rdf(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | Dataset | ox.Store,
    path: Path,
    fmt: str,
) -> ExportSummary:
    from eventkg.store import GraphWriter
    from eventkg.store import export as stream

    if path.suffix.lower() != _RDF_FORMATS[fmt]:
        raise OutputError(f"{path}: the {fmt} format needs a {_RDF_FORMATS[fmt]} file name")
    if isinstance(source, ox.Store):  # streams from the store to the file
        return ExportSummary(fmt, str(path), stream(source, path))
    ds = _dataset(source)
    with GraphWriter(path) as w:
        for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
            if len(g):
                w.write(g)
    return ExportSummary(fmt, str(path), w.triples)
