"""Import rules between layers and between the registry's packages, checked by
parsing every module (ast).

Each package of ``registry/`` names, in its docstring, its use cases and what it may
import; :data:`REGISTRY_MAY_IMPORT` is the same rule as data, and the tests below
hold the code to it. The order is a stack: a package may import only packages
listed before it (and ``geodata``), so there is no cycle between concerns.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# folder -> top-level modules it must never import
FORBIDDEN = {
    "registry": {"streamlit", "folium", "streamlit_folium", "branca", "ui"},
    "geodata": {
        "registry",
        "ui",
        "streamlit",
        "sqlalchemy",
        "alembic",
        "streamlit_folium",
    },
    "pages": {"sqlalchemy", "alembic", "shapely", "geopandas"},
}

# Geometry libraries: the registry hands coordinates, WKB and frames to geodata and
# gets plain values or geodata's frames back; it never computes geometry itself.
GEOMETRY_LIBRARIES = {"shapely", "geopandas", "pyproj"}

# registry package -> the registry packages it may import (besides itself)
_STACK = (
    "kernel",
    "access",
    "units",
    "records",
    "files",
    "reference",
    "rules",
    "maps",
    "coverage",
    "inspections",
    "permits",
    "reports",
    "demo",
    "cells",
)
REGISTRY_MAY_IMPORT: dict[str, set[str]] = {
    "kernel": set(),
    "access": {"kernel"},
    "units": {"kernel", "access"},
    "records": {"kernel", "access", "units"},
    "files": {"kernel", "access", "units", "records"},
    "reference": {"kernel", "access", "units", "records", "files"},
    "rules": {"kernel", "access", "units", "records", "reference"},
    "maps": {"kernel", "access", "units", "records"},
    "coverage": {"kernel", "access", "units", "records", "reference", "maps"},
    "inspections": {"kernel", "access", "units", "records", "files", "rules", "maps"},
    "permits": {"kernel", "access", "units", "records", "files", "rules"},
    "reports": set(_STACK[: _STACK.index("reports")]),
    "demo": {
        "kernel",
        "access",
        "units",
        "records",
        "reference",
        "rules",
        "inspections",
        "permits",
    },
    "cells": {"kernel", "access", "units", "records", "files"},
    "bootstrap": {"kernel", "access", "units", "permits", "demo"},
    "cli": set(_STACK) | {"bootstrap"},
}
# registry packages that may not use geodata either (the kernel stands on nothing)
NO_GEODATA = {"kernel"}
TOP_LEVEL_MODULES = {"__init__.py", "__main__.py", "bootstrap.py"}


def _imported_modules(path: Path) -> set[str]:
    """Every absolute module an import statement of ``path`` names, in full."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _imports(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _imported_modules(path)}


def _modules(folder: str) -> list[Path]:
    return sorted(
        path
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def _registry_package(path: Path) -> str:
    """'permits' for registry/permits/steps.py, 'bootstrap' for
    registry/bootstrap.py."""
    parts = path.relative_to(ROOT / "registry").parts
    return parts[0] if len(parts) > 1 else Path(parts[0]).stem


def _registry_packages_used(path: Path) -> set[str]:
    used = set()
    for name in _imported_modules(path):
        parts = name.split(".")
        if parts[0] == "registry" and len(parts) > 1:
            candidate = parts[1]
            if (ROOT / "registry" / candidate).is_dir() or candidate == "bootstrap":
                used.add(candidate)
    return used


def _package_violations(paths: list[Path]) -> list[str]:
    violations = []
    for path in paths:
        package = _registry_package(path)
        if package in ("__init__", "__main__"):
            continue
        allowed = REGISTRY_MAY_IMPORT[package] | {package}
        for used in sorted(_registry_packages_used(path) - allowed):
            violations.append(f"{path.relative_to(ROOT)} imports registry.{used}")
        if package in NO_GEODATA and "geodata" in _imports(path):
            violations.append(f"{path.relative_to(ROOT)} imports geodata")
    return violations


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_no_module_imports_across_its_layer(folder):
    violations = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules(folder)
        for name in sorted(_imports(path) & FORBIDDEN[folder])
    ]
    assert violations == []


def test_no_registry_module_imports_a_geometry_library():
    """Buffers, unions, reprojection and containment live in geodata/."""
    violations = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules("registry")
        for name in sorted(_imports(path) & GEOMETRY_LIBRARIES)
    ]
    assert violations == []


def test_the_geometry_rule_notices_a_lazy_import(tmp_path):
    module = tmp_path / "lazy.py"
    module.write_text("def f():\n    import shapely.ops\n    from pyproj import CRS\n")
    assert _imports(module) & GEOMETRY_LIBRARIES == {"shapely", "pyproj"}


@pytest.mark.parametrize("package", sorted(REGISTRY_MAY_IMPORT))
def test_each_registry_package_imports_only_the_packages_below_it(package):
    folder = ROOT / "registry" / package
    paths = (
        sorted(folder.rglob("*.py"))
        if folder.is_dir()
        else [ROOT / "registry" / f"{package}.py"]
    )
    assert paths, package
    assert _package_violations(paths) == []


def test_the_package_rules_form_a_stack_without_cycles():
    order = {name: position for position, name in enumerate(_STACK)}
    for package in _STACK:
        for used in REGISTRY_MAY_IMPORT[package]:
            assert order[used] < order[package], (package, used)


def test_every_registry_package_has_its_rule_and_no_loose_modules():
    folders = {
        path.name
        for path in (ROOT / "registry").iterdir()
        if path.is_dir() and (path / "__init__.py").exists()
    }
    assert folders == set(REGISTRY_MAY_IMPORT) - {"bootstrap"}
    loose = {path.name for path in (ROOT / "registry").glob("*.py")}
    assert loose == TOP_LEVEL_MODULES


@pytest.mark.parametrize("package", sorted(set(REGISTRY_MAY_IMPORT) - {"bootstrap"}))
def test_each_registry_package_docstring_names_its_use_cases_and_imports(package):
    init = ROOT / "registry" / package / "__init__.py"
    docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    assert "Use cases:" in docstring
    assert "May import:" in docstring
    may_import = docstring.split("May import:", 1)[1]
    for used in REGISTRY_MAY_IMPORT[package] & set(_STACK):
        assert f"``{used}``" in may_import or "every" in may_import, (package, used)


def test_nothing_below_the_interface_imports_the_interface():
    violations = [
        f"{path.relative_to(ROOT)} imports ui"
        for folder in ("registry", "geodata")
        for path in _modules(folder)
        if "ui" in _imports(path)
    ]
    assert violations == []


def test_the_layer_checker_notices_a_violation(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("import streamlit as st\nfrom registry.kernel.db import x\n")
    assert {"streamlit", "registry"} <= _imports(module)


def test_the_package_checker_notices_an_upward_import(tmp_path, monkeypatch):
    fake_root = tmp_path
    (fake_root / "registry" / "kernel").mkdir(parents=True)
    (fake_root / "registry" / "permits").mkdir()
    bad = fake_root / "registry" / "kernel" / "clock.py"
    bad.write_text("from registry.permits.steps import verify_application\n")
    monkeypatch.setattr(f"{__name__}.ROOT", fake_root)
    assert _package_violations([bad]) == [
        "registry/kernel/clock.py imports registry.permits"
    ]


def test_the_layers_exist():
    for folder in ("registry", "geodata"):
        assert _modules(folder), folder
