"""Link analysis at scale: a generated event graph of 100k actors and 500k events.

    python benchmarks/analysis.py [--actors N] [--events N] [--k K] [--out benchmarks/analysis.md]

Writes a synthetic N-Quads graph (one named graph per article of 10 events; each event has
a type, a date, a place, one perpetrator drawn with a heavy tail from the armed groups and
one or two victims), then times each step of ``eventkg analyze`` on it: reading the facts
with SPARQL, the actor projection, each metric (betweenness k-sampled) and link prediction.
Prints a table (wall time, and the process's peak resident memory after the step, which
only grows) and writes it to ``benchmarks/analysis.md``.
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from eventkg.analysis import analyze, read_facts, to_networkx

ROOT = Path(__file__).resolve().parents[1]
EKG = "https://w3id.org/eventkg/ontology#"
ID = "https://w3id.org/eventkg/id/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
XSD_DATE = "<http://www.w3.org/2001/XMLSchema#date>"
KINDS = ("Bombing", "Shooting", "Kidnapping", "Arrest", "Attack")


def generate(path: Path, actors: int, events: int, seed: int = 0) -> int:
    """Write the synthetic graph; return the number of quads."""
    rng = random.Random(seed)
    groups = max(1, actors // 50)  # 2% armed groups, the rest persons and described groups
    places = max(1, actors // 20)
    quads = 0
    with path.open("w", encoding="utf-8") as f:
        g0 = f"<{ID}article/entities>"
        for i in range(actors):
            cls = "ArmedGroup" if i < groups else ("Person" if i % 2 else "Group")
            node = f"<{ID}actor/{i}>"
            f.write(f'{node} {RDF_TYPE} <{EKG}{cls}> {g0} .\n{node} {LABEL} "actor {i}" {g0} .\n')
        for i in range(places):
            f.write(
                f'<{ID}place/{i}> {RDF_TYPE} <{EKG}City> {g0} .\n<{ID}place/{i}> {LABEL} "place {i}" {g0} .\n'
            )
        quads += 2 * (actors + places)
        for e in range(events):
            art = f"<{ID}article/a{e // 10}>"
            ev = f"<{ID}article/a{e // 10}/event-{e % 10}>"
            perp = min(int(rng.paretovariate(1.2)) - 1, groups - 1)
            victims = {rng.randrange(groups, actors) for _ in range(rng.choice((1, 2)))}
            date = f"20{rng.randrange(10, 25)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 10)}"
            lines = [
                f"{ev} {RDF_TYPE} <{EKG}{KINDS[e % len(KINDS)]}> {art} .",
                f'{ev} <{EKG}date> "{date}"^^{XSD_DATE} {art} .',
                f"{ev} <{EKG}place> <{ID}place/{rng.randrange(places)}> {art} .",
                f"{ev} <{EKG}perpetrator> <{ID}actor/{perp}> {art} .",
                f"{ev} {DERIVED} {art} {art} .",
                *(f"{ev} <{EKG}victim> <{ID}actor/{v}> {art} ." for v in sorted(victims)),
            ]
            f.write("\n".join(lines) + "\n")
            quads += len(lines)
    return quads


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=500_000)
    parser.add_argument("--k", type=int, default=100, help="betweenness sample size")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "analysis.md")
    args = parser.parse_args()

    rows: list[tuple[str, float, float, str]] = []
    state: dict[str, Any] = {}

    def step(name: str, fn: Callable[[], str]) -> None:
        t0 = time.perf_counter()
        note = fn()
        rows.append((name, time.perf_counter() - t0, _peak_mb(), note))
        Console(stderr=True).print(f"{name}: {rows[-1][1]:.1f} s {note}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.nq"
        step("generate N-Quads", lambda: f"{generate(path, args.actors, args.events):,} quads")
        step("read_facts (SPARQL on Oxigraph)", lambda: _read(state, path))
    step("to_networkx: actors", lambda: _project(state))
    for metric in ("degree", "pagerank", "eigenvector", "betweenness", "community", "component"):
        step(metric, lambda m=metric: _metric(state, m, args.k))  # type: ignore[misc]
    step("links (adamic_adar)", lambda: _links(state))

    table = Table("step", "seconds", "peak RSS MB", "notes", title="eventkg analyze on a generated graph")
    for name, secs, mem, note in rows:
        table.add_row(name, f"{secs:.1f}", f"{mem:,.0f}", note)
    Console().print(table)
    md = [
        "# Link analysis at scale",
        "",
        f"`python benchmarks/analysis.py --actors {args.actors} --events {args.events} --k {args.k}`"
        f" on {platform.machine()}, {_cores()} cores, Python {platform.python_version()}.",
        "Peak RSS is the process's high-water mark after the step (it only grows).",
        "",
        "| step | seconds | peak RSS MB | notes |",
        "|---|---|---|---|",
        *(f"| {n} | {s:.1f} | {m:,.0f} | {note} |" for n, s, m, note in rows),
        "",
    ]
    args.out.write_text("\n".join(md), encoding="utf-8")


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


def _read(state: dict[str, Any], path: Path) -> str:
    state["facts"] = read_facts(path)
    f = state["facts"]
    return f"{len(f.events):,} events, {len(f.entities):,} entities, {len(f.roles):,} roles"


def _project(state: dict[str, Any]) -> str:
    state["graph"] = to_networkx(state["facts"], "actors")
    g = state["graph"]
    return f"{g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges"


def _metric(state: dict[str, Any], metric: str, k: int) -> str:
    res = analyze(state["graph"], metrics=[metric], k=k if metric == "betweenness" else None, links=0)
    return f"k={res.betweenness_k}" if metric == "betweenness" else ""


def _links(state: dict[str, Any]) -> str:
    res = analyze(state["graph"], metrics=["degree"], links=10)
    return f"top score {res.links[0].score:.2f}" if res.links else "no candidates"


if __name__ == "__main__":
    main()
