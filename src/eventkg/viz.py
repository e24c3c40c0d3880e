"""Pictures of the event graph: an interactive graph, a map and a timeline.

* :func:`show` returns an ipysigma widget of the graph for a notebook, and
  :func:`write_graph_html` writes the same widget as one standalone HTML file;
* :func:`event_map` / :func:`write_map_html`: a folium (Leaflet) map with a marker per
  place that has coordinates, with popups listing its events;
* :func:`timeline` / :func:`write_timeline_html`: a plotly chart of events over time,
  one row per actor.

Every HTML file carries its JavaScript inline (ipysigma's bundle, require.js and the
ipywidgets HTML manager from ``eventkg/_vendor``, Leaflet from ``xstatic-leaflet``, plotly.js
from ``plotly``), so it opens offline and fetches nothing, except map tiles when a tile
layer is asked for.

Examples
--------
>>> import tempfile
>>> from eventkg.analysis import Entity, Event, Facts
>>> facts = Facts(
...     {"e": Event("e", "Bombing", "Bombing in Town", "2024-01-03")},
...     {"g": Entity("g", "ArmedGroup", "actor", "Group"),
...      "t": Entity("t", "City", "place", "Town", lat=1.5, lon=2.5)},
...     (("e", "perpetrator", "g"), ("e", "place", "t")),
... )
>>> "Bombing in Town" in write_map_html(facts, tempfile.mkdtemp() + "/map.html", tiles=None).read_text()
True
>>> [(t.name, list(t.x), list(t.y)) for t in timeline(facts).data]
[('Bombing', ['2024-01-03'], ['Group (ArmedGroup)'])]
"""

from __future__ import annotations

import base64
import html
import importlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from eventkg.analysis import Facts, GraphSource, read_facts, to_networkx
from eventkg.store import atomic_file

if TYPE_CHECKING:
    import folium
    import plotly.graph_objects as go
    from ipysigma import Sigma

__all__ = [
    "event_map",
    "graph_view",
    "show",
    "timeline",
    "write_graph_html",
    "write_map_html",
    "write_timeline_html",
]

_VENDOR = Path(__file__).with_name("_vendor")
#: what a node's colour says: the actor's class, else what kind of node it is
_CATEGORY = {"event": "Event", "claim": "Claim", "place": "Place", "weapon": "Weapon", "target": "Target"}
_PLACE_RANK = {"Site": 0, "City": 1, "Region": 2, "Country": 3, "Place": 4}


def _facts(source: Facts | GraphSource) -> Facts:
    return source if isinstance(source, Facts) else read_facts(source, sentences=True)


def _view_graph(
    facts: Facts,
    *,
    event_types: Iterable[str] | None,
    since: str | None,
    until: str | None,
    place: str | None,
) -> nx.Graph:
    """The ``full`` projection with display attributes: category, size metric, facts text."""
    g = to_networkx(facts, "full", event_types=event_types, since=since, until=until, place=place)
    rank = nx.pagerank(g) if g.number_of_nodes() else {}
    out = nx.Graph()
    for n, d in g.nodes(data=True):
        attrs = {
            "label": d["label"],
            "type": d["type"],
            "category": d["type"] if d["kind"] == "actor" else _CATEGORY[d["kind"]],
            "pagerank": round(rank.get(n, 0.0), 6),
            "iri": n,
            "facts": _node_facts(g, n),
        }
        for key in ("date", "killed", "injured", "arrested", "article_id", "sentence", "quote"):
            if d.get(key) is not None:
                attrs[key] = d[key]
        out.add_node(n, **attrs)
    for a, b, d in g.edges(data=True):
        out.add_edge(a, b, label="/".join(d.get("roles", [])))
    return out


def _node_facts(g: nx.Graph, n: str) -> str:
    """What the graph says about ``n``, one clause per tie: ``perpetrator of Bombing in X``."""
    lines = []
    for m in sorted(g[n], key=lambda m: g.nodes[m]["label"]):
        roles, other = "/".join(g.edges[n, m].get("roles", [])), g.nodes[m]
        lines.append(
            f"{roles} of {other['label']}" if other["kind"] == "event" else f"{roles}: {other['label']}"
        )
    return "; ".join(lines)


def graph_view(
    source: Facts | GraphSource,
    *,
    event_types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    height: int | None = 600,
) -> Sigma:
    """An ipysigma widget of actors, events, claims, places, weapons and targets.

    Nodes are coloured by ``category`` (the actor's class, or Event, Claim, Place...),
    sized by PageRank and labelled; clicking a node shows its facts, date, tolls, article
    and source sentence; the legend filters by category and the search box finds a node.
    ``height=None`` fills the browser window (for a standalone page).

    Examples
    --------
    With the module example's ``facts``, ``graph_view(facts)`` draws its three nodes; with none:

    >>> from eventkg.analysis import Facts
    >>> graph_view(Facts({}, {}, ())).graph.number_of_nodes()
    0
    """
    from ipysigma import Sigma

    g = _view_graph(_facts(source), event_types=event_types, since=since, until=until, place=place)
    return Sigma(
        g,
        node_color="category",
        node_size="pagerank",
        node_label="label",
        edge_label="label",
        height=height,
        raw_height=None if height else "calc(100vh - 16px)",
        start_layout=min(10, 1 + g.number_of_nodes() // 50),
        layout_settings={"strongGravityMode": True},
        node_size_range=(4, 18),
        show_all_labels=g.number_of_nodes() <= 200,  # small graphs: every name on screen
    )


show = graph_view


def write_graph_html(
    source: Facts | GraphSource,
    path: str | os.PathLike[str],
    *,
    event_types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    title: str = "eventkg graph",
) -> Path:
    """Write :func:`graph_view` as one standalone, offline HTML file (atomically)."""
    from ipywidgets.embed import embed_data

    widget = graph_view(source, event_types=event_types, since=since, until=until, place=place, height=None)
    data = embed_data(views=[widget])
    widget.close()
    sigma_js = (
        Path(importlib.import_module("ipysigma").__file__ or "").parent / "nbextension" / "index.js"
    ).read_bytes()
    config = {"paths": {"ipysigma": "data:text/javascript;base64," + base64.b64encode(sigma_js).decode()}}
    views = "\n".join(
        f'<script type="application/vnd.jupyter.widget-view+json">{_script_json(v)}</script>'
        for v in data["view_specs"]
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>{html.escape(title)}</title></head>
<body>
<script>{_vendor("require.js")}</script>
<script>require.config({json.dumps(config)});</script>
<script>{_vendor("embed-amd.js")}</script>
<script type="application/vnd.jupyter.widget-state+json">{_script_json(data["manager_state"])}</script>
{views}
</body>
</html>
"""
    return _write(path, page)


def _vendor(name: str) -> str:
    return (_VENDOR / name).read_text(encoding="utf-8").replace("</script", "<\\/script")


def _script_json(obj: Any) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    return json.dumps(obj).replace("</", "<\\/")


def _write(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file beside it."""
    p = Path(path)
    with atomic_file(p, binary=False) as f:
        os.fchmod(f.fileno(), 0o644)
        f.write(text)
    return p


# --------------------------------------------------------------------------- map
def _events_by_place(facts: Facts, keep: set[str]) -> dict[str, list[str]]:
    """Each event under its most specific place that has coordinates."""
    places: dict[str, list[str]] = defaultdict(list)
    for e, role, x in facts.roles:
        if role == "place" and e in keep and facts.entities[x].lat is not None:
            places[e].append(x)
    out: dict[str, list[str]] = defaultdict(list)
    for e, xs in places.items():
        best = min(xs, key=lambda x: (_PLACE_RANK.get(facts.entities[x].type, 9), x))
        out[best].append(e)
    return out


def _event_html(facts: Facts, e: str) -> str:
    ev = facts.events[e]
    tolls = ", ".join(
        f"{v} {k}"
        for k, v in (("killed", ev.killed), ("injured", ev.injured), ("arrested", ev.arrested))
        if v
    )
    bits = [f"<b>{html.escape(ev.label)}</b>", html.escape(ev.type)]
    bits += [html.escape(x) for x in (ev.date, tolls, ev.article_id and f"article {ev.article_id}") if x]
    text = " · ".join(bits)
    if ev.sentence:
        text += f"<br><i>{html.escape(ev.sentence)}</i>"
    return text


def event_map(
    source: Facts | GraphSource,
    *,
    event_types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    tiles: str | None = "OpenStreetMap",
) -> folium.Map:
    """A folium map: one circle per place with events, sized by their count, with a popup.

    ``tiles`` names a folium tile layer (fetched by the browser when the page is viewed);
    ``None`` draws the markers on a blank background and needs no network at all.

    Examples
    --------
    >>> from eventkg.analysis import Facts
    >>> page = event_map(Facts({}, {}, ()), tiles=None).get_root().render()
    >>> "L.map(" in page and "https://" not in page  # Leaflet inlined, nothing to fetch
    True
    """
    import folium

    facts = _facts(source)
    keep = set(to_networkx(facts, "events", event_types=event_types, since=since, until=until, place=place))
    by_place = _events_by_place(facts, keep)
    m = folium.Map(location=(20, 10), zoom_start=2, tiles=tiles, control_scale=True)
    # Leaflet and jQuery (folium's popups use it) inline, instead of folium's CDN links
    leaflet, jquery = (
        Path(importlib.import_module(f"xstatic.pkg.{p}").BASE_DIR) for p in ("leaflet", "jquery")
    )
    m.default_js = [
        ("leaflet", _data_uri(leaflet / "leaflet.js", "text/javascript")),
        ("jquery", _data_uri(jquery / "jquery.min.js", "text/javascript")),
    ]
    m.default_css = [("leaflet_css", _data_uri(leaflet / "leaflet.css", "text/css"))]
    for p, evs in sorted(by_place.items()):
        spot = facts.entities[p]
        assert spot.lat is not None and spot.lon is not None
        body = "<br>".join(
            _event_html(facts, e) for e in sorted(evs, key=lambda e: facts.events[e].date or "")
        )
        folium.CircleMarker(
            location=(spot.lat, spot.lon),
            radius=6 + 3 * len(evs),
            color="#b2182b",
            fill=True,
            fill_opacity=0.6,
            tooltip=f"{spot.label}: {len(evs)} event{'s' * (len(evs) != 1)}",
            popup=folium.Popup(f"<h4>{html.escape(spot.label)}</h4>{body}", max_width=420),
        ).add_to(m)
    if by_place:
        lats = [facts.entities[p].lat or 0.0 for p in by_place]
        lons = [facts.entities[p].lon or 0.0 for p in by_place]
        m.fit_bounds([(min(lats) - 2, min(lons) - 2), (max(lats) + 2, max(lons) + 2)])
    return m


def _data_uri(path: Path, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode()


def write_map_html(
    source: Facts | GraphSource,
    path: str | os.PathLike[str],
    *,
    event_types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    tiles: str | None = "OpenStreetMap",
) -> Path:
    """Write :func:`event_map` as one standalone HTML file (Leaflet inlined)."""
    m = event_map(source, event_types=event_types, since=since, until=until, place=place, tiles=tiles)
    return _write(path, m.get_root().render())


# --------------------------------------------------------------------------- timeline
def timeline(
    source: Facts | GraphSource,
    *,
    event_types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    top: int = 30,
) -> go.Figure:
    """A plotly chart: a row per actor (the ``top`` with most dated events), a point per
    event they took part in, coloured by event type, with the role and event on hover.

    Examples
    --------
    >>> from eventkg.analysis import Facts
    >>> timeline(Facts({}, {}, ())).data  # no events, no points
    ()
    """
    import plotly.graph_objects as go

    facts = _facts(source)
    g = to_networkx(facts, "bipartite", event_types=event_types, since=since, until=until, place=place)
    actors = [n for n, d in g.nodes(data=True) if d["kind"] == "actor"]
    dated = {a: [e for e in g[a] if g.nodes[e].get("date")] for a in actors}
    chosen = sorted((a for a in actors if dated[a]), key=lambda a: (-len(dated[a]), g.nodes[a]["label"], a))[
        :top
    ]
    rows: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for a in chosen:
        for e in dated[a]:
            rows[g.nodes[e]["type"]].append((a, e, "/".join(g.edges[a, e]["roles"])))
    fig = go.Figure()
    names = {a: f"{g.nodes[a]['label']} ({g.nodes[a]['type']})" for a in chosen}
    for kind, pts in sorted(rows.items()):
        fig.add_trace(
            go.Scatter(
                x=[
                    g.nodes[e]["date"][:10] if len(g.nodes[e]["date"]) >= 10 else g.nodes[e]["date"]
                    for _, e, _ in pts
                ],
                y=[names[a] for a, _, _ in pts],
                mode="markers",
                name=kind,
                marker={"size": 12, "opacity": 0.8},
                text=[f"{g.nodes[e]['label']}<br>{role}" for _, e, role in pts],
                hovertemplate="%{y}<br>%{x}<br>%{text}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        title="Events over time, per actor",
        xaxis={"type": "date", "title": "event date"},
        yaxis={"categoryorder": "array", "categoryarray": [names[a] for a in reversed(chosen)]},
        height=max(400, 28 * len(chosen) + 160),
        legend_title="event type",
        template="plotly_white",
    )
    return fig


def write_timeline_html(
    source: Facts | GraphSource,
    path: str | os.PathLike[str],
    *,
    event_types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    top: int = 30,
) -> Path:
    """Write :func:`timeline` as one standalone HTML file (plotly.js inlined)."""
    fig = timeline(source, event_types=event_types, since=since, until=until, place=place, top=top)
    return _write(path, fig.to_html(include_plotlyjs=True, full_html=True))
