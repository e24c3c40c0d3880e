"""The HTML views in a real browser: Debian's chromium, headless, driven by Playwright.

``make test`` installs chromium with apt-get when it is missing. Each test writes a page
from the extracted samples, opens it from disk with the network unused, counts what
rendered (graph nodes, map markers, timeline points) and saves a screenshot into
``test-artifacts/`` (ignored by git).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventkg.analysis import Facts, read_facts, to_networkx
from eventkg.viz import timeline, write_graph_html, write_map_html, write_timeline_html

pytestmark = [
    pytest.mark.model,
    pytest.mark.browser,
    pytest.mark.filterwarnings(r"ignore::DeprecationWarning:rdflib\..*"),
]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OPEN_SEARCH = """() => { const box = document.querySelector('.choices');
    if (!box.classList.contains('is-open')) box.querySelector('.choices__inner').click(); }"""
KERMAN = ["Islamic State", "Iranians", "Afghans", "Kerman", "Iran", "Suicide bombing in Kerman on 2024-01-03"]


@pytest.fixture(scope="module")
def facts(samples_trig: Path) -> Facts:
    return read_facts(samples_trig, sentences=True)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is missing: run make test (it installs it) or apt-get"
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            args=FLAGS,
            headless=True,
            viewport={"width": 1400, "height": 900},
        )
        yield context
        context.close()


class Page:
    """A page opened from disk, recording page errors and any request leaving the file."""

    def __init__(self, browser: object, path: Path) -> None:
        self.errors: list[str] = []
        self.remote: list[str] = []
        self.page = browser.new_page()  # type: ignore[attr-defined]
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "request",
            lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else self.remote.append(r.url),
        )
        self.page.goto(path.as_uri())

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        out = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(out))
        assert out.stat().st_size > 10_000  # a real picture, not a blank page
        return out


def test_graph_view_shows_the_kerman_attack(browser: object, facts: Facts, tmp_path: Path) -> None:
    html = write_graph_html(facts, tmp_path / "graph.html")
    expected = to_networkx(facts, "full")
    p = Page(browser, html)
    page = p.page
    page.wait_for_selector("canvas.sigma-nodes", timeout=30_000)
    # ipysigma states the graph it drew; sigma paints nodes on canvas and labels on a 2D canvas
    page.wait_for_function("document.body.innerText.includes(' nodes')")
    body = page.evaluate("document.body.innerText")
    assert re.search(rf"\b{expected.number_of_nodes()}\s+nodes\b", body), body[:200]
    assert re.search(rf"\b{expected.number_of_edges()}\s+edges\b", body), body[:200]
    page.wait_for_timeout(1500)  # let the layout settle before reading the canvas
    painted = page.evaluate(
        """() => { const c = document.querySelector('canvas.sigma-labels');
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
    )
    assert painted > 1000, "no labels were drawn"
    # the browser finds each Kerman node, by IRI, through the widget's search box
    iri = {d["label"]: n for n, d in expected.nodes(data=True) if d["label"] in KERMAN}
    for name in KERMAN:
        page.evaluate(OPEN_SEARCH)
        search = page.locator("input.choices__input--cloned")
        search.fill("")
        search.press_sequentially(iri[name])
        page.wait_for_function(
            "w => [...document.querySelectorAll('.choices__item--choice')].some(e => e.textContent == w)",
            arg=f"{iri[name]}  {name}",
            timeout=5_000,
        )
    # ...and they are tied through the attack and the claim in the data the page carries
    state = json.loads(page.evaluate("document.querySelector('script[type*=widget-state]').textContent"))
    data = next(m["state"]["data"] for m in state["state"].values() if m["model_name"] == "SigmaModel")
    label = {n["key"]: n["attributes"]["label"] for n in data["nodes"]}
    ties = {frozenset((label[e["source"]], label[e["target"]])) for e in data["edges"]}
    for a, b in [
        ("Islamic State", "ResponsibilityClaim"),
        ("ResponsibilityClaim", KERMAN[-1]),
        ("Islamic State", KERMAN[-1]),
        ("Iranians", KERMAN[-1]),
        ("Afghans", KERMAN[-1]),
        ("Kerman", KERMAN[-1]),
        ("Kerman", "Iran"),
    ]:
        assert frozenset((a, b)) in ties, (a, b)
    page.keyboard.press("Escape")
    page.mouse.click(5, 890)  # close the search dropdown for the screenshot
    p.shot("graph")
    assert p.remote == []
    # the only page error is ipywidgets' HTML manager's own (it also happens with ipysigma's CDN export)
    assert all("reading 'then'" in e for e in p.errors), p.errors


def test_map_draws_a_marker_per_place(browser: object, facts: Facts, tmp_path: Path) -> None:
    html = write_map_html(facts, tmp_path / "map.html", tiles=None)
    places = {x for _, role, x in facts.roles if role == "place" and facts.entities[x].lat is not None}
    p = Page(browser, html)
    page = p.page
    page.wait_for_selector("path.leaflet-interactive", timeout=30_000)
    markers = page.locator("path.leaflet-interactive")
    assert 1 < markers.count() <= len(places)  # one per place with events, the most specific one
    # one marker's popup lists Kerman's attack with its sentence
    kerman = facts.entities["https://w3id.org/eventkg/id/place/geonames/128234"]
    page.evaluate(
        f"""() => {{ for (const k in window) {{ const m = window[k];
              if (m && m._latlng && Math.abs(m._latlng.lat - {kerman.lat}) < 1e-6) m.openPopup(); }} }}"""
    )
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "Suicide bombing in Kerman on 2024-01-03" in popup and "89 killed" in popup
    p.shot("map")
    assert p.remote == [] and p.errors == []


def test_timeline_draws_a_point_per_actor_and_event(browser: object, facts: Facts, tmp_path: Path) -> None:
    html = write_timeline_html(facts, tmp_path / "timeline.html")
    expected = sum(len(trace.x) for trace in timeline(facts).data)
    p = Page(browser, html)
    page = p.page
    page.wait_for_selector(".scatterlayer .points path.point", timeout=30_000)
    assert page.locator(".scatterlayer .points path.point").count() == expected > 20
    ticks = page.evaluate("[...document.querySelectorAll('.ytick text')].map(t => t.textContent)")
    assert "Islamic State (ArmedGroup)" in ticks and "Iranians (Group)" in ticks
    p.shot("timeline")
    assert p.remote == [] and p.errors == []
