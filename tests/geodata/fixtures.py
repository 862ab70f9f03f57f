"""Builders of deterministic spatial test data for the geodata tests.

Not a conftest: test modules import what they need from here.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import Point, Polygon, box

from geodata.adminunits import load_admin_units
from geodata.approximate import approximate_unit_polygons

PROVINCE = "40"
"""Nghệ An, the example province."""

NEAR_VINH = (105.60, 18.60)
"""A (lon, lat) inside Nghệ An, away from any border, for tiny hand-made shapes."""


def two_squares(order: str = "AB") -> gpd.GeoDataFrame:
    """Two 0.01° squares near Vinh sharing their vertical edge at lon = x0 + 0.01.

    Unit 'A' is the western square, 'B' the eastern one; ``order`` sets the row order,
    which decides who gets a point on the shared edge.
    """
    x0, y0 = NEAR_VINH
    shapes = {
        "A": box(x0, y0, x0 + 0.01, y0 + 0.01),
        "B": box(x0 + 0.01, y0, x0 + 0.02, y0 + 0.01),
    }
    return gpd.GeoDataFrame(
        {"code": list(order)}, geometry=[shapes[c] for c in order], crs="EPSG:4326"
    )


def bow_tie() -> Polygon:
    """An invalid self-intersecting square near Vinh (a bow-tie), repairable."""
    x0, y0 = NEAR_VINH
    return Polygon([(x0, y0), (x0 + 0.01, y0 + 0.01), (x0 + 0.01, y0), (x0, y0 + 0.01)])


def small_twist() -> Polygon:
    """A 0.01° square near Vinh whose bottom edge twists over itself for a few
    metres: invalid, repaired at a cost of well under 1 % of its area."""
    x0, y0 = NEAR_VINH
    return Polygon(
        [
            (x0, y0),
            (x0 + 0.005, y0),
            (x0 + 0.0055, y0 - 0.0004),
            (x0 + 0.0055, y0 + 0.0001),
            (x0 + 0.005, y0 - 0.0002),
            (x0 + 0.01, y0),
            (x0 + 0.01, y0 + 0.01),
            (x0, y0 + 0.01),
        ]
    )


def commune_features(edition: str = "2025-06") -> gpd.GeoDataFrame:
    """Approximate commune polygons dressed as a department's boundary file.

    Columns: ``MaXa`` (int codes), ``Ten_Xa`` (full names), ``Ten_Huyen`` (district
    name, legacy edition only), in a shuffled but deterministic row order.
    """
    polygons = approximate_unit_polygons(PROVINCE, edition)
    communes = polygons[polygons["level"] == "commune"].reset_index(drop=True)
    order = list(range(len(communes)))
    random.Random(42).shuffle(order)
    communes = communes.iloc[order].reset_index(drop=True)
    units = load_admin_units(PROVINCE, edition).set_index("code")
    columns = {
        "MaXa": communes["code"].astype(int).to_numpy(),
        "Ten_Xa": communes["name"].to_numpy(),
    }
    if edition == "2025-06":
        columns["Ten_Huyen"] = [units.loc[p, "name"] for p in communes["parent_code"]]
    return gpd.GeoDataFrame(columns, geometry=communes.geometry.values, crs="EPSG:4326")


def zip_shapefile(gdf: gpd.GeoDataFrame, folder: Path, name: str, *, prj=True) -> Path:
    """Write ``gdf`` as a zipped Shapefile; leave out the .prj if ``prj`` is False."""
    shp = folder / f"{name}.shp"
    gdf.to_file(shp)
    target = folder / f"{name}.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for part in sorted(folder.glob(f"{name}.*")):
            if part.suffix in (".zip",) or (part.suffix == ".prj" and not prj):
                continue
            archive.write(part, part.name)
    return target


def random_points(n: int, bounds, seed: int = 42) -> tuple[np.ndarray, np.ndarray]:
    """``n`` uniform (lat, lon) in ``bounds = (min_lon, min_lat, max_lon, max_lat)``."""
    rng = np.random.default_rng(seed)
    lon = rng.uniform(bounds[0], bounds[2], n)
    lat = rng.uniform(bounds[1], bounds[3], n)
    return lat, lon


def random_cells(n: int, outline: Polygon, seed: int = 42) -> gpd.GeoDataFrame:
    """``n`` Thiessen cells of random points tiling ``outline`` (WGS 84), codes c0..."""
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = outline.bounds
    xy = rng.uniform([minx, miny], [maxx, maxy], (n * 4, 2))
    xy = xy[shapely.contains_xy(outline, xy[:, 0], xy[:, 1])][:n]
    cells = shapely.get_parts(
        shapely.voronoi_polygons(
            shapely.multipoints(xy), extend_to=outline, ordered=True
        )
    )
    cells = shapely.intersection(cells, outline)
    return gpd.GeoDataFrame(
        {"code": [f"c{i}" for i in range(len(cells))]}, geometry=cells, crs="EPSG:4326"
    )


def far_point() -> Point:
    """A point in the Gulf of Tonkin, well outside Nghệ An."""
    return Point(107.5, 19.5)
