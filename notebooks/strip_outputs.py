"""Strip outputs, execution counts and run metadata from notebooks before committing them.

Usage, from the repository root::

    python notebooks/strip_outputs.py                # every notebook in notebooks/
    python notebooks/strip_outputs.py a.ipynb b.ipynb

Code cells lose their outputs and execution counts, every cell its ``execution`` timing
metadata, and the notebook's ``language_info`` is reduced to the language name (running a
notebook records the interpreter's version there). Sources and other metadata are kept.
``tests/test_notebooks.py`` fails on a committed notebook with outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent


def strip(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` without outputs, execution counts or run metadata."""
    clean = nbformat.from_dict(notebook)
    for cell in clean.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    if "language_info" in clean.metadata:
        clean.metadata["language_info"] = {"name": clean.metadata["language_info"].get("name")}
    return clean


def strip_file(path: Path) -> bool:
    """Strip the notebook at ``path`` in place; True when the file changed."""
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    clean = strip(notebook)
    if nbformat.writes(clean) == nbformat.writes(notebook):
        return False
    nbformat.write(clean, path)
    return True


def main(argv: list[str] | None = None) -> int:
    """Strip the notebooks given (default: every ``*.ipynb`` next to this script)."""
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] or sorted(HERE.glob("*.ipynb"))
    for path in paths:
        print(f"{'stripped' if strip_file(path) else 'clean   '} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
