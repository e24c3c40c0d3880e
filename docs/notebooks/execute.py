"""Execute a notebook with nbclient, as the tests do; with --save, write it back with its outputs.

    python docs/notebooks/execute.py docs/notebooks/quickstart.ipynb --save   (make notebook)
"""

from __future__ import annotations

import argparse
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path, *, timeout: int = 600) -> nbformat.NotebookNode:
    """Run every cell of ``path`` in a fresh python3 kernel, in the notebook's folder.

    Raises nbclient's ``CellExecutionError`` on the first cell that fails.
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    return nb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--save", action="store_true", help="write the executed notebook back")
    args = parser.parse_args()
    nb = execute(args.notebook)
    if args.save:
        nbformat.write(nb, args.notebook)
        print(f"wrote {args.notebook}")


if __name__ == "__main__":
    main()
