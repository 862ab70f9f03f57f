"""Refusals of the reference layers' imports: schools and population."""

from __future__ import annotations

from registry.kernel.errors import Message

# -- population ------------------------------------------------------------------
POPULATION_COLUMNS = Message(
    "reference.population_columns", "missing column(s) {missing}; found {found}"
)
COMMUNE_CODE = Message("reference.commune_code", "a commune code")
ONE_ROW_PER_COMMUNE = Message(
    "reference.one_row_per_commune", "one row per commune (also row {other_row})"
)
POPULATION = Message(
    "reference.population", "a whole number of people from 0 to {max:,}"
)
YEAR = Message("reference.year", "a year from {low} to {high}")
NO_ROWS = Message("reference.no_rows", "the file has no rows of data")

# -- schools -------------------------------------------------------------------
SCHOOL_COLUMN_TWICE = Message(
    "reference.school_column_twice",
    "two columns mean {target!r}; keep one (the second is {column!r})",
)
SCHOOL_COLUMNS = Message(
    "reference.school_columns",
    "missing column(s) {missing}; a school file needs name, level, latitude and "
    "longitude (address is optional)",
)
NOT_GEOJSON = Message("reference.not_geojson", "not valid GeoJSON ({detail})")
NO_FEATURES = Message(
    "reference.no_features", "a GeoJSON FeatureCollection with features needed"
)
GEOJSON_CRS = Message(
    "reference.geojson_crs",
    "declares the CRS {crs!r}; GeoJSON school files must be in WGS 84 "
    "longitude/latitude (RFC 7946)",
)
SCHOOL_EXTENSION = Message(
    "reference.school_extension",
    "unsupported file extension {extension!r}; use .csv, .txt, .xlsx or .geojson",
)
SCHOOL_NAME = Message("reference.school_name", "the school's name")
TOO_LONG = Message("reference.too_long", "at most {limit} characters")
SCHOOL_LEVEL = Message(
    "reference.school_level",
    "one of {levels} (or Tiểu học, THCS, THPT, liên cấp)",
)
SCHOOL_SWAPPED = Message(
    "reference.school_swapped",
    "latitude first, then longitude; the two values were swapped",
)
SCHOOL_NEAR_BORDER = Message(
    "reference.school_near_border",
    "a school inside {province}; this one lies just outside its outline and is kept "
    "(it counts for points near the border)",
)
SCHOOL_OUTSIDE = Message(
    "reference.school_outside",
    "a location inside {province} or within about 2 km of it",
)
SCHOOL_TWICE_IN_FILE = Message(
    "reference.school_twice_in_file",
    "a school listed once; row {first_row} has the same name and place",
)
SCHOOL_STORED = Message(
    "reference.school_stored",
    "a school not yet stored (school #{id} has this name and place)",
)
POINT_GEOMETRY = Message("reference.point_geometry", "a Point geometry")
