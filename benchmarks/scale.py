"""Store ingest, SPARQL latency and validation time at scale, on generated data.

    python benchmarks/scale.py [--sizes 1000000 10000000] [--validate 10000 100000 1000000]

The data is shaped like real output: article graphs that eventkg extracted from MUC-4
messages (or the bundled samples), copied under new article ids until the size is
reached. Shared things (armed groups, countries and places with external ids) stay
shared between copies, as they are between real articles.

Every step runs in its own process, so the peak memory (max RSS) is the step's own
(validation's worker processes are not counted: they are the forkserver's children).
Prints tables and writes them to ``benchmarks/scale.md``. Times are wall-clock seconds on
this machine, with CPU seconds beside them (the machine may be shared); nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUC4 = ROOT.parent / "shared" / "eval" / "data" / "muc4_dev.jsonl"
QUERIES = sorted((ROOT / "docs" / "queries").glob("*.rq"))
ARTICLE = re.compile(rb"<https://w3id\.org/eventkg/id/article/([^>#/]+)")
GRAPH_NAME = re.compile(
    rb" <[^<>]*> \.(?=\r?\n?$)"
)  # the last term of an N-Quads line (graph names are IRIs)


# --------------------------------------------------------------------------- steps (in a child process)
def _template(work: Path, limit: int) -> Path:
    """Real article graphs as N-Quads: extracted once and kept in ``work``."""
    out = work / f"template-{limit}.nq"
    if not out.exists():
        from eventkg.pipeline import run

        source = MUC4 if MUC4.exists() else ROOT / "data" / "samples"
        lines = [line for i, line in enumerate(source.read_text().splitlines()) if i < limit]
        jsonl = work / "template.jsonl"
        jsonl.write_text("\n".join(lines) + "\n")
        run(jsonl if MUC4.exists() else source, out)
    return out


def _generate(template: Path, triples: int, out: Path) -> dict[str, float]:
    """Copies of the template's quads under new article ids, until ``triples`` quads.

    Writes ``out`` (N-Quads) and ``out`` with ``.nt`` (the same triples without graph
    names, for the store's union default graph).
    """
    lines = template.read_bytes().splitlines(keepends=True)
    t = time.perf_counter()
    written, copy = 0, 0
    with out.open("wb") as f, out.with_suffix(".nt").open("wb") as union:
        while written < triples:
            suffix = f"-c{copy}".encode()
            chunk = [
                ARTICLE.sub(lambda m, s=suffix: m.group(0) + s, line) for line in lines[: triples - written]
            ]
            f.writelines(chunk)
            union.writelines(GRAPH_NAME.sub(b" .", line) for line in chunk)
            written += len(chunk)
            copy += 1
    return {"seconds": time.perf_counter() - t, "quads": written}


def _ingest(data: Path, store_dir: Path, how: str) -> dict[str, float]:
    """Load ``data`` into a new on-disk store: per article graph (as extract --store does) or in bulk."""
    import pyoxigraph as ox

    from eventkg.store import StoreWriter, count_quads, iter_graphs, open_store

    if how == "bulk":
        store = open_store(store_dir, create=True)
        t = time.perf_counter()
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        # the default graph holds the union of the article graphs, as StoreWriter keeps it
        store.bulk_load(path=str(data.with_suffix(".nt")), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        store.optimize()
        return {"seconds": time.perf_counter() - t, "quads": count_quads(store)}
    # per article: the graphs are built first (as extraction would), only the writes are timed
    shutil.rmtree(store_dir, ignore_errors=True)  # new graphs, as a first extraction writes them
    graphs = list(iter_graphs(data))
    t = time.perf_counter()
    with StoreWriter(store_dir) as w:
        for g in graphs:
            w.write(g)
    return {"seconds": time.perf_counter() - t, "quads": w.triples, "graphs": len(graphs)}


def _queries(store_dir: Path, repeat: int) -> dict[str, float]:
    """Each cookbook query through eventkg.store.query (rows materialised): first and median time."""
    from eventkg.cli import _with_prefixes
    from eventkg.store import open_store, query

    store = open_store(store_dir)
    out: dict[str, float] = {}
    for q in QUERIES:
        text = _with_prefixes(q.read_text())
        times, cpu = [], []
        for _ in range(repeat):
            t, c = time.perf_counter(), time.process_time()
            rows = len(query(store, text).rows)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        out[q.stem] = times[0]
        out[q.stem + ":median"] = statistics.median(times)
        out[q.stem + ":cpu"] = statistics.median(cpu)
        out[q.stem + ":rows"] = rows
    return out


def _validate(store_dir: Path, jobs: int) -> dict[str, float]:
    from eventkg.pipeline import validate_source
    from eventkg.store import open_store

    t = time.perf_counter()
    report = validate_source(open_store(store_dir), jobs=jobs)
    return {"seconds": time.perf_counter() - t, "results": len(report.results), "conforms": report.conforms}


def _step(argv: list[str]) -> None:
    name, *args = argv
    if name == "template":
        res: dict[str, float] = {"path": str(_template(Path(args[0]), int(args[1])))}  # type: ignore[dict-item]
    elif name == "generate":
        res = _generate(Path(args[0]), int(args[1]), Path(args[2]))
    elif name == "ingest":
        res = _ingest(Path(args[0]), Path(args[1]), args[2])
    elif name == "queries":
        res = _queries(Path(args[0]), int(args[1]))
    elif name == "validate":
        res = _validate(Path(args[0]), int(args[1]))
    else:
        raise SystemExit(f"unknown step {name}")
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    # KiB on Linux; with --jobs the workers are the forkserver's children, not counted here
    res["peak_mb"] = (own.ru_maxrss + workers.ru_maxrss) / 1024
    # CPU seconds of the step and its workers: on a shared machine, what the wall time would
    # be with the cores to itself (divided by the workers that ran at once)
    res["cpu_s"] = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
    print(json.dumps(res))


# --------------------------------------------------------------------------- driver
def _run(*argv: str) -> dict[str, float]:
    """One step in a fresh process: its JSON answer, with ``peak_mb`` (max RSS of the step)."""
    proc = subprocess.run(
        [sys.executable, __file__, "_step", *argv], check=True, capture_output=True, text=True
    )
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"  {argv[0]} {' '.join(a for a in argv[1:] if not a.startswith('/'))}: {res}", file=sys.stderr)
    return res


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if n >= 100 else f"{n:.2f}"


def _table(title: str, header: list[str], rows: list[list[str]]) -> str:
    out = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_step":
        _step(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    ap.add_argument("--validate", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--per-article", type=int, default=1_000_000, help="size for the per-article ingest")
    ap.add_argument("--template-articles", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker processes for validation")
    ap.add_argument("--work", default=None, help="scratch folder [default: a temporary one]")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "scale.md"))
    args = ap.parse_args()

    work = Path(args.work or tempfile.mkdtemp(prefix="eventkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    template = Path(str(_run("template", str(work), str(args.template_articles))["path"]))
    sizes = sorted(set(args.sizes) | set(args.validate) | {args.per_article})
    data = {n: work / f"data-{n}.nq" for n in sizes}
    for n in sizes:
        if not data[n].exists():
            _run("generate", str(template), str(n), str(data[n]))

    report = [f"Generated from {template.name} ({sum(1 for _ in template.open('rb'))} quads); "
              f"{os.cpu_count()} CPUs; load average at the start {_load()}.\n"]  # fmt: skip
    ingest_rows = []
    stores: dict[int, Path] = {}
    for n in sorted(set(args.sizes) | set(args.validate)):
        stores[n] = work / f"store-{n}"
        if not stores[n].exists():
            r = _run("ingest", str(data[n]), str(stores[n]), "bulk")
            if n in args.sizes:
                ingest_rows.append(["bulk load (`pyoxigraph.Store.bulk_load`)", f"{n:,}", _fmt(r["seconds"]),
                                    _fmt(r["quads"] / r["seconds"]), _fmt(r["peak_mb"])])  # fmt: skip
    r = _run("ingest", str(data[args.per_article]), str(work / "store-per-article"), "article")
    ingest_rows.append(["per article graph (`extract --store`: `StoreWriter.write`)", f"{args.per_article:,}",
                        _fmt(r["seconds"]), _fmt(r["quads"] / r["seconds"]), _fmt(r["peak_mb"])])  # fmt: skip
    report.append(_table("Store ingest", ["how", "triples", "seconds", "triples/s", "peak MB"], ingest_rows))
    _write(args.out, report)

    q_results = {n: _run("queries", str(stores[n]), str(args.repeat)) for n in args.sizes}
    q_rows = []
    for q in QUERIES:
        row = [f"`{q.name}`"]
        for n in args.sizes:
            res = q_results[n]
            row += [f"{res[q.stem + k]:.3f}" for k in ("", ":median", ":cpu")]
            row.append(f"{int(res[q.stem + ':rows']):,}")
        q_rows.append(row)
    q_rows.append(["peak MB", *[x for n in args.sizes for x in (_fmt(q_results[n]["peak_mb"]), "", "", "")]])
    header = ["query"] + [h for n in args.sizes for h in (f"{n:,}: first s", "median s", "CPU s", "rows")]
    report.append(_table("SPARQL latency in the embedded store (`eventkg query --store`)", header, q_rows))
    _write(args.out, report)

    v_rows: list[list[str]] = []
    report.append("")
    for n in args.validate:
        for jobs in args.jobs:
            r = _run("validate", str(stores[n]), str(jobs))
            # worker processes are the forkserver's children: their CPU time is not counted
            cpu = _fmt(r["cpu_s"]) if jobs == 1 else ""
            times = [_fmt(r["seconds"]), cpu, _fmt(n / r["seconds"])]
            v_rows.append([f"{n:,}", str(jobs), *times, _fmt(r["peak_mb"])])
            header = ["triples", "jobs", "seconds", "CPU s", "triples/s", "peak MB"]
            report[-1] = _table("Validation (`eventkg validate --store DIR --jobs N`)", header, v_rows)
            _write(args.out, report)
    report.append(f"Load average at the end {_load()}.\n")
    _write(args.out, report)
    print("\n".join(report))


def _load() -> str:
    """The machine's load averages (1, 5, 15 minutes): how busy the cores were."""
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def _write(out: str, report: list[str]) -> None:
    """The tables so far (a long run leaves what it measured even if stopped)."""
    command = "    python benchmarks/scale.py " + " ".join(sys.argv[1:])
    Path(out).write_text("# Scale benchmark\n\n" + command + "\n\n" + "\n".join(report))


if __name__ == "__main__":
    main()
