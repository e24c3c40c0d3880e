"""The docs stay in step with the code: the ontology reference, and the README's commands."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from rdflib import Graph

from eventkg.rdf.namespace import EKG

ROOT = Path(__file__).resolve().parents[1]


def _gen():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_ontology", ROOT / "docs" / "gen_ontology.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_ontology_reference_is_up_to_date() -> None:
    g = Graph().parse(data=(ROOT / "ontology" / "eventkg.ttl").read_text(encoding="utf-8"), format="turtle")
    assert (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8") == _gen().render(g), (
        "docs/ontology.md is stale: run python docs/gen_ontology.py"
    )


def test_every_term_is_documented() -> None:
    text = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    for name in EKG.__annotations__:
        assert f"`ekg:{name}`" in text, name


def test_readme_first_screen_has_the_two_commands() -> None:
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:40])
    assert re.search(r"^make demo\b", first_screen, re.M)
    assert re.search(r"^make test\b", first_screen, re.M)


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_robustness_page_lists_every_shape() -> None:
    shapes = re.findall(
        r"^ekgsh:(\w+)$", (ROOT / "ontology" / "shapes.ttl").read_text(encoding="utf-8"), re.M
    )
    text = (ROOT / "docs" / "robustness.md").read_text(encoding="utf-8")
    assert shapes
    assert [s for s in shapes if f"`{s}`" not in text] == []
