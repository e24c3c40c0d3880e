"""Score eventkg on the dev sets and write benchmarks/quality.md.

    python benchmarks/quality.py [--sets seed,muc4_dev,wikievents_dev]

Runs ``../shared/eval/score.py GOLD --run "eventkg extract {input} -o {output} --strict"``
for each set (the scorer writes the gold articles without their answers, runs the tool
and scores the graph) and records per-slot precision, recall and F1 (strict and head) with
the time the extraction took.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def _score(name: str) -> tuple[dict, float]:
    gold = EVAL / "data" / f"{name}.jsonl"
    eventkg = shutil.which("eventkg") or str(Path(sys.executable).with_name("eventkg"))
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        run = f"{eventkg} extract {{input}} -o {{output}} --strict -q"
        onto = str(ROOT / "ontology" / "eventkg.ttl")
        cmd = [
            sys.executable,
            str(EVAL / "score.py"),
            str(gold),
            "--run",
            run,
            "--ontology",
            onto,
            "--json",
            str(report),
        ]
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, text=True)
        return json.loads(report.read_text(encoding="utf-8")), time.perf_counter() - t


def _table(name: str, report: dict, seconds: float) -> list[str]:
    scores = report["scores"]
    lines = [
        f"### {name} ({report['n_gold_docs']} articles, {seconds:.0f} s end to end)",
        "",
        "| slot | gold | pred | match | P | R | F1 strict | F1 head |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    keys = [*report["slots"], *sorted(k for k in scores if k.startswith("family:")), "overall:all"]
    for key in keys:
        s, h = scores[key]["strict"], scores[key]["head"]
        label = f"**{key}**" if key.startswith("overall") else key
        counts = f"{s['gold']} | {s['pred']} | {s['matched']}"
        lines.append(f"| {label} | {counts} | {s['p']:.1f} | {s['r']:.1f} | {s['f1']:.1f} | {h['f1']:.1f} |")
    return [*lines, ""]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="seed,muc4_dev,wikievents_dev")
    ap.add_argument("-o", "--output", default=str(ROOT / "benchmarks" / "quality.md"))
    args = ap.parse_args()
    if not EVAL.exists():
        sys.exit(f"{EVAL} not found: the scorer and dev sets live beside the project in shared/eval")
    out = [
        "# Extraction quality on the dev sets",
        "",
        "Written by `python benchmarks/quality.py` (scorer: `../shared/eval/score.py`, document-level",
        "slot filling; strict = normalised exact string, head = last word). Each set is scored with",
        '`python ../shared/eval/score.py GOLD --run "eventkg extract {input} -o {output} --strict"',
        "--ontology ontology/eventkg.ttl`.",
        "",
    ]
    summary = []
    for name in args.sets.split(","):
        report, seconds = _score(name)
        overall = report["scores"]["overall:all"]
        summary.append(f"| {name} | {overall['strict']['f1']:.2f} | {overall['head']['f1']:.2f} |")
        out += _table(name, report, seconds)
    out[7:7] = ["| set | overall F1 strict | overall F1 head |", "|---|---:|---:|", *summary, ""]
    Path(args.output).write_text("\n".join(out), encoding="utf-8")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
