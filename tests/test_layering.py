"""Import rules between layers, checked by parsing every module (ast)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# package/folder -> top-level modules it must never import
FORBIDDEN = {
    "registry": {"streamlit", "folium", "streamlit_folium", "branca"},
    "geodata": {"registry", "streamlit", "sqlalchemy", "alembic", "streamlit_folium"},
    "pages": {"sqlalchemy", "alembic", "shapely", "geopandas"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_no_module_imports_across_its_layer(folder):
    violations = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules(folder)
        for name in sorted(_imports(path) & FORBIDDEN[folder])
    ]
    assert violations == []


def test_the_layer_checker_notices_a_violation(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("import streamlit as st\nfrom registry.db import x\n")
    assert {"streamlit", "registry"} <= _imports(module)


def test_the_layers_exist():
    for folder in ("registry", "geodata"):
        assert _modules(folder), folder
