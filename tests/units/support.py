"""Boundary layers shaped like the department's, built from a registry's polygons.

Each builder returns a GeoDataFrame in WGS 84 with the columns of the layer it
imitates; :func:`write_layer` writes it as GeoJSON (or GeoPackage, by suffix).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from registry.units.divisions import unit_polygons, units_frame

# Communes of the 2019 layer gone by 2025-06, each the namesake (or the namesake
# but for its diacritics) of a commune of another district: (name, its district).
GONE_BY_2025 = (
    ("Phường Hồng Sơn", "Thành phố Vinh"),  # Xã Hồng Sơn is in Đô Lương
    ("Xã Hùng Thành", "Huyện Yên Thành"),  # Xã Hưng Thành is in Hưng Nguyên
    ("Xã Hưng Tiến", "Huyện Hưng Nguyên"),  # Xã Hùng Tiến is in Nam Đàn
    ("Xã Nghi Hoa", "Huyện Nghi Lộc"),  # Phường Nghi Hòa is in Vinh
)


def communes(registry, edition: str, codes=None) -> gpd.GeoDataFrame:
    """The edition's commune polygons as a layer: ``ma_xa``, ``ten_xa``."""
    polygons = unit_polygons(registry, edition, "commune")
    if codes is not None:
        polygons = polygons[polygons["code"].isin(list(codes))]
    return gpd.GeoDataFrame(
        {"ma_xa": polygons["code"].to_numpy(), "ten_xa": polygons["name"].to_numpy()},
        geometry=polygons.geometry.to_numpy(),
        crs="EPSG:4326",
    )


def code_of(registry, edition: str, name: str, district: str | None = None) -> str:
    """The code of the commune called ``name`` (in ``district``, by name)."""
    with registry.reading() as session:
        units = units_frame(session, edition)
    rows = units[(units["name"] == name) & (units["level"] == "commune")]
    if district is not None:
        parent = units.loc[units["name"] == district, "code"].item()
        rows = rows[rows["parent_code"] == parent]
    return rows["code"].item()


def reshaped(frame: gpd.GeoDataFrame, east_deg: float = 0.003) -> gpd.GeoDataFrame:
    """The layer moved ``east_deg`` east (0.003° is about 300 m): an official
    outline that differs from the approximate one as real ones do."""
    return frame.assign(
        geometry=frame.geometry.translate(xoff=east_deg, yoff=0.0).to_numpy()
    )


def shifted_north(frame: gpd.GeoDataFrame, degrees: float = 1.0) -> gpd.GeoDataFrame:
    """The layer moved north by ``degrees`` (1° is about 111 km)."""
    return frame.assign(
        geometry=frame.geometry.translate(xoff=0.0, yoff=degrees).to_numpy()
    )


def layer_of_2019(registry) -> gpd.GeoDataFrame:
    """2025-06 communes as the 2019 layer names them: ``ten_xa`` and
    ``gso_district_name_2019`` (no code), plus the communes of
    :data:`GONE_BY_2025`, each drawn in its own district."""
    polygons = unit_polygons(registry, "2025-06", "commune")
    with registry.reading() as session:
        districts = units_frame(session, "2025-06", "district")
    district_name = dict(zip(districts["code"], districts["name"], strict=True))
    layer = gpd.GeoDataFrame(
        {
            "ten_xa": polygons["name"].to_numpy(),
            "gso_district_name_2019": polygons["parent_code"].map(district_name),
        },
        geometry=polygons.geometry.to_numpy(),
        crs="EPSG:4326",
    )
    # Each gone commune lies in its own district: a 2 km square at the centroid
    # of that district's first commune.
    district_code = {name: code for code, name in district_name.items()}
    first = polygons.groupby("parent_code").geometry.first()
    gone = gpd.GeoDataFrame(
        {
            "ten_xa": [n for n, _ in GONE_BY_2025],
            "gso_district_name_2019": [d for _, d in GONE_BY_2025],
        },
        geometry=[
            first[district_code[d]].representative_point().buffer(0.01, cap_style=3)
            for _, d in GONE_BY_2025
        ],
        crs="EPSG:4326",
    )
    return pd.concat([layer, gone], ignore_index=True)


def with_bow_tie(frame: gpd.GeoDataFrame, code: str) -> gpd.GeoDataFrame:
    """The layer with the outline of unit ``code`` crossed over itself: two of
    its corners swapped, as a mistyped vertex list does (a bow-tie)."""
    out = frame.copy()
    row = out.index[out["ma_xa"] == code][0]
    polygon = out.geometry[row]
    polygon = max(shapely.get_parts(polygon), key=lambda p: p.area)
    ring = list(polygon.exterior.coords)[:-1]
    ring[1], ring[3] = ring[3], ring[1]
    out.loc[row, "geometry"] = shapely.Polygon(ring)
    return out


def split_in_two(frame: gpd.GeoDataFrame, code: str) -> gpd.GeoDataFrame:
    """The layer with unit ``code`` drawn as two features (its west and east
    halves), as a layer that keeps an island or an enclave apart does."""
    row = frame[frame["ma_xa"] == code].iloc[0]
    minx, miny, maxx, maxy = row.geometry.bounds
    middle = (minx + maxx) / 2
    halves = [
        row.geometry.intersection(shapely.box(minx, miny, middle, maxy)),
        row.geometry.intersection(shapely.box(middle, miny, maxx, maxy)),
    ]
    parts = gpd.GeoDataFrame(
        {"ma_xa": [code, code], "ten_xa": [row["ten_xa"]] * 2},
        geometry=halves,
        crs=frame.crs,
    )
    rest = frame[frame["ma_xa"] != code]
    return pd.concat([rest, parts], ignore_index=True)


def write_layer(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """Write the layer (GeoJSON, or GeoPackage for ``.gpkg``) and return the path."""
    frame.to_file(path, driver="GPKG" if path.suffix == ".gpkg" else "GeoJSON")
    return path
