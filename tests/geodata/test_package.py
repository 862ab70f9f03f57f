"""The geodata package as a whole: layering, import-time behaviour, errors, docs."""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

import geodata
from geodata.crs import UTM48N, WGS84, to_metric, to_wgs84
from geodata.errors import (
    BoundaryFileError,
    GeodataError,
    InvalidInputError,
    UnknownEditionError,
    UnknownProvinceError,
)

PACKAGE_DIR = Path(geodata.__file__).parent
MODULES = sorted(
    f"geodata.{p.stem}" for p in PACKAGE_DIR.glob("*.py") if p.stem != "__init__"
)
FORBIDDEN = {"registry", "streamlit", "sqlalchemy", "folium_app"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", sorted(PACKAGE_DIR.glob("*.py")), ids=lambda p: p.name)
def test_geodata_never_imports_registry_streamlit_or_sqlalchemy(path):
    assert not imported_roots(path) & FORBIDDEN


def test_importing_every_module_reads_no_data_file_and_opens_no_database():
    code = f"""
import sys
events = []
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and not args[0].endswith(
        (".py", ".pyc", ".so", ".pth")
    ) and "vietnamadminunits" in args[0]:
        events.append(args[0])
    if event.startswith(("sqlite3.connect", "socket.")):
        events.append(event)
sys.addaudithook(hook)
for name in {MODULES!r}:
    __import__(name)
assert "vietnamadminunits" not in sys.modules, "package imported at import time"
assert not events, events
print("clean")
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=PACKAGE_DIR.parent,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"


@pytest.mark.parametrize("module_name", MODULES)
def test_public_functions_and_classes_have_docstrings(module_name):
    module = importlib.import_module(module_name)
    assert module.__doc__, module_name
    for name in getattr(module, "__all__", []):
        member = getattr(module, name)
        if inspect.isfunction(member) or inspect.isclass(member):
            assert inspect.getdoc(member), f"{module_name}.{name}"
            if inspect.isfunction(member) and inspect.signature(member).parameters:
                assert "Parameters" in inspect.getdoc(member) or (
                    member.__module__ != module_name  # documented where defined
                ), f"{module_name}.{name}"


@pytest.mark.parametrize(
    ("error", "fragments"),
    [
        (
            UnknownProvinceError("99", edition="2025-07", known=["01", "40"]),
            ["'99'", "2025-07", "01, 40"],
        ),
        (UnknownEditionError("2030", known=["2025-06"]), ["'2030'", "2025-06"]),
        (
            BoundaryFileError(
                "xa.gpkg", "geodata.boundary.no_polygon_layer", described="roads"
            ),
            ["xa.gpkg", "no polygon layer"],
        ),
        (
            InvalidInputError("lat", [1, 2], "an array of numbers"),
            ["'lat'", "[1, 2]", "list"],
        ),
    ],
)
def test_every_error_is_a_geodata_error_whose_message_names_the_culprit(
    error, fragments
):
    assert isinstance(error, GeodataError)
    for fragment in fragments:
        assert fragment in str(error)


def test_errors_keep_their_context_as_attributes():
    error = BoundaryFileError(
        Path("a/b.zip"), "geodata.boundary.zip_without_shapefile", listed="a.txt"
    )
    assert (error.path, error.reason) == (
        str(Path("a/b.zip")),
        "holds no Shapefile (.shp); it holds a.txt",
    )
    assert (error.code, error.context["listed"]) == (
        "geodata.boundary.zip_without_shapefile",
        "a.txt",
    )
    error = InvalidInputError("snap_m", -1, "a distance in metres >= 0")
    assert (error.parameter, error.got, error.expected) == (
        "snap_m",
        -1,
        "a distance in metres >= 0",
    )


def test_to_metric_returns_a_new_frame_in_utm48n_and_refuses_frames_without_crs():
    frame = gpd.GeoDataFrame(geometry=[Point(105.6, 18.6)], crs=WGS84)
    metric = to_metric(frame)
    assert metric.crs == UTM48N and frame.crs == WGS84
    assert metric.geometry.iloc[0].x == pytest.approx(563_000, abs=1_000)
    assert to_wgs84(metric).geometry.iloc[0].equals_exact(Point(105.6, 18.6), 1e-9)
    with pytest.raises(
        InvalidInputError, match="'gdf' should be a GeoDataFrame with a"
    ):
        to_metric(gpd.GeoDataFrame(geometry=[Point(0, 0)]))
    with pytest.raises(InvalidInputError, match="'gdf' should be a GeoDataFrame"):
        to_metric([Point(0, 0)])
