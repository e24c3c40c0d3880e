"""Memory while extraction streams many articles: resident size every N articles.

    python benchmarks/memory.py [--articles 20000] [--every 1000] [--modes store nq] [--jobs 1]

Streams ``--articles`` short real articles (the MUC-4 training messages, each cut to its
first ``--chars`` characters at a sentence end, cycled under new ids) through the same
library call ``eventkg extract JSONL --store DIR`` and ``eventkg extract JSONL -o out.nq``
make (:func:`eventkg.pipeline.run`), one fresh process per mode. Every ``--every``
articles it samples the resident size (RSS) of that process and its worker processes.
Prints a table of RSS against articles processed, with the slope (MB per 1,000 articles)
fitted after the first quarter (model loading and warm-up), and writes it to
``benchmarks/memory.md``. Nothing is asserted.

Cycling the messages repeats their words, so spaCy's string store (which grows with every
new word, by design) stops growing after the first cycle; a real stream of new text grows
it slowly. Everything else (reading, extraction, graph building, writing) sees a new
article each time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "eval" / "data" / "muc4_train.jsonl"


def _articles(source: Path, out: Path, n: int, chars: int) -> None:
    """``n`` JSONL articles: ``source``'s texts cut to about ``chars`` characters, cycled with new ids."""
    texts = []
    for line in source.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        cut = text[:chars]
        end = max(cut.rfind(". "), cut.rfind(".\n"))
        texts.append(cut[: end + 1] if end > chars // 3 else cut)
    with out.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"m{i:06d}", "text": texts[i % len(texts)]}) + "\n")


def _rss_mb(proc: psutil.Process) -> float:
    """Resident size of ``proc`` and its children, in MB."""
    total = proc.memory_info().rss
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):  # a worker that just ended
            total += child.memory_info().rss
    return total / 1e6


def _stream(data: Path, target: Path, mode: str, every: int, jobs: int) -> None:
    """In a child process: run the extraction, print one JSON line per sample."""
    from eventkg.pipeline import run

    me = psutil.Process()
    start = time.perf_counter()
    done = 0

    def sample(_article: object) -> None:
        nonlocal done
        done += 1
        if done % every == 0:
            row = {"articles": done, "seconds": time.perf_counter() - start, "rss_mb": _rss_mb(me)}
            print(json.dumps(row), flush=True)

    if mode == "store":
        run(data, store=target, jobs=jobs, on_article=sample, on_error=lambda e: None)
    else:
        run(data, target, jobs=jobs, on_article=sample, on_error=lambda e: None)


def _slope(rows: list[dict[str, float]]) -> float:
    """MB per 1,000 articles, least squares over the samples after the first quarter."""
    tail = rows[len(rows) // 4 :]
    if len(tail) < 2:
        return float("nan")
    return (
        statistics.linear_regression([r["articles"] for r in tail], [r["rss_mb"] for r in tail]).slope * 1000
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_stream":
        source, out, how, every, jobs = sys.argv[2:7]
        _stream(Path(source), Path(out), how, int(every), int(jobs))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--every", type=int, default=1_000)
    ap.add_argument("--chars", type=int, default=500, help="cut each message to about this many characters")
    ap.add_argument("--modes", nargs="+", choices=["store", "nq"], default=["store", "nq"])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--source", default=str(TRAIN), help="a JSONL file of articles [default: %(default)s]")
    ap.add_argument("--work", default=None, help="scratch folder [default: a temporary one]")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "memory.md"))
    args = ap.parse_args()

    work = Path(args.work or tempfile.mkdtemp(prefix="eventkg-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / f"articles-{args.articles}.jsonl"
    if not data.exists():
        _articles(Path(args.source), data, args.articles, args.chars)
    results: dict[str, list[dict[str, float]]] = {}
    for mode in args.modes:
        target = work / ("store" if mode == "store" else "out.nq")
        cmd = [
            sys.executable,
            __file__,
            "_stream",
            str(data),
            str(target),
            mode,
            str(args.every),
            str(args.jobs),
        ]
        rows = results.setdefault(mode, [])
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                rows.append(json.loads(line))
                print(f"  {mode}: {rows[-1]}", file=sys.stderr, flush=True)
                _write(args, data, results)
        if proc.returncode:
            raise SystemExit(f"{mode}: the run failed (exit {proc.returncode})")
    print(_write(args, data, results))


def _write(args: argparse.Namespace, data: Path, results: dict[str, list[dict[str, float]]]) -> str:
    """The table so far, also written to ``args.out`` (a long run keeps what it measured)."""
    modes = list(results)
    what = {"store": "`--store DIR`", "nq": "`-o out.nq`"}
    header = ["articles"] + [h for m in modes for h in (f"{what[m]} RSS MB", "s")]
    by_n: dict[int, dict[str, dict[str, float]]] = {}
    for m in modes:
        for r in results[m]:
            by_n.setdefault(int(r["articles"]), {})[m] = r
    lines = ["| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    for n in sorted(by_n):
        cells = [f"{n:,}"]
        for m in modes:
            row = by_n[n].get(m)
            cells += [f"{row['rss_mb']:,.0f}", f"{row['seconds']:,.0f}"] if row else ["", ""]
        lines.append("| " + " | ".join(cells) + " |")
    slopes = ", ".join(f"{what[m]} {_slope(results[m]):+.2f} MB" for m in modes)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    size = re.sub(r"\.jsonl$", "", data.name)
    text = (
        f"    python benchmarks/memory.py {' '.join(sys.argv[1:])}\n\n"
        f"{size}: short MUC-4 training messages (about {args.chars} characters) cycled with new ids; "
        f"--jobs {args.jobs}; {os.cpu_count()} CPUs, load average at the end {load}.\n\n"
        + "\n".join(lines)
        + f"\n\nSlope after the first quarter, per 1,000 articles: {slopes}.\n"
    )
    Path(args.out).write_text("# Memory while streaming articles\n\n" + text)
    return text


if __name__ == "__main__":
    main()
