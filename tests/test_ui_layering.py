"""The Streamlit side (ui/, pages/, app.py) never touches SQL or geometry itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {"sqlalchemy", "alembic", "shapely", "geopandas"}
FILES = sorted([ROOT / "app.py", *(ROOT / "ui").rglob("*.py")])


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_streamlit_side_imports_no_sql_or_geometry_library(path):
    assert _imports(path) & FORBIDDEN == set()
