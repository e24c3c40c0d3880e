"""docs/notebooks/quickstart.ipynb runs from top to bottom, and the committed copy has its outputs."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "docs" / "notebooks"
QUICKSTART = NOTEBOOKS / "quickstart.ipynb"


def _outputs(nb: nbformat.NotebookNode) -> str:
    return json.dumps([c.get("outputs", []) for c in nb.cells if c.cell_type == "code"])


@pytest.mark.model
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # jupyter_client / zmq internals
def test_quickstart_executes_without_errors() -> None:
    spec = importlib.util.spec_from_file_location("execute", NOTEBOOKS / "execute.py")
    assert spec and spec.loader
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    nb = runner.execute(QUICKSTART)  # raises CellExecutionError on the first failing cell
    out = _outputs(nb)
    assert '"output_type": "error"' not in out
    for seen in ("conforms: True", "Islamic State", "Suicide bombing in Kerman", "vnd.plotly.v1+json"):
        assert seen in out, seen
    assert "application/vnd.jupyter.widget-view+json" in out  # the ipysigma widget
    assert "leaflet" in out  # the folium map


def test_committed_notebook_has_its_outputs() -> None:
    nb = nbformat.read(QUICKSTART, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "run make notebook and commit the result"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert '"output_type": "error"' not in _outputs(nb)
