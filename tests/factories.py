"""Deterministic test data: valid records placed at real commune centroids.

A commune's centroid lies inside its own (approximate) cell, so a record placed
there is assigned to that commune and its district in every test.
"""

from __future__ import annotations

from geodata.names import match_unit
from registry.kernel.db import Registry
from registry.units.divisions import boundaries_version, units_frame

# (database, boundaries version, edition, name) -> (lat, lon, code): matching a
# name builds the name indexes of every unit (a tenth of a second), and tests ask
# for the same few communes thousands of times.
_CENTROIDS: dict[tuple[str, int, str, str], tuple[float, float, str]] = {}


def commune_centroid(registry: Registry, name: str, edition: str = "2025-06"):
    """(lat, lon, code) of a commune of ``edition`` found by name."""
    with registry.reading() as session:
        key = (str(registry.engine.url), boundaries_version(session), edition, name)
        if key not in _CENTROIDS:
            communes = units_frame(session, edition, "commune")
            code = match_unit(name, communes)
            assert code is not None, f"no commune {name!r} in {edition}"
            row = communes[communes["code"] == code].iloc[0]
            _CENTROIDS[key] = float(row["lat"]), float(row["lon"]), code
    return _CENTROIDS[key]


def district_code(registry: Registry, name: str) -> str:
    """GSO code of a 2025-06 district found by name."""
    with registry.reading() as session:
        districts = units_frame(session, "2025-06", "district")
    code = match_unit(name, districts)
    assert code is not None, f"no district {name!r}"
    return code


def site_values(registry: Registry, commune: str = "Hưng Dũng", **overrides) -> dict:
    """A valid BTS site in a commune (Vinh's Hưng Dũng ward by default)."""
    lat, lon, _ = commune_centroid(registry, commune)
    values = {
        "network_code": "04",
        "site_code": "NAN-T0001",
        "name": "Trạm thử Hưng Dũng",
        "latitude": lat,
        "longitude": lon,
        "coord_source": "gps_survey",
        "coord_accuracy_m": 5,
        "address": "Số 1 đường Lê Duẩn",
        "declared_commune": commune,
        "structure_type": "ground_tower",
        "structure_height_m": 42,
        "on_air_2g": "2012-03-01",
        "on_air_4g": "2018-05-20",
        "status": "on_air",
        "status_since": "2012-03-01",
    }
    values.update(overrides)
    return values


def point_values(registry: Registry, commune: str = "Hưng Dũng", **overrides) -> dict:
    """A valid game-service point with a certificate, in a commune."""
    lat, lon, _ = commune_centroid(registry, commune)
    values = {
        "kind": "game_point",
        "name": "Phòng game Ánh Dương",
        "latitude": lat,
        "longitude": lon,
        "address": "Số 5 đường Nguyễn Du",
        "declared_commune": commune,
        "owner_name": "Nguyễn Văn An",
        "owner_phone": "0900 000 001",
        "computers": 30,
        "floor_area_m2": 60,
        "opens_at": "08:00",
        "closes_at": "22:00",
        "certificate_number": "012/GCN",
        "certificate_issuer": "UBND thành phố Vinh",
        "certificate_issued_on": "2024-03-01",
        "certificate_expires_on": "2027-03-01",
        "status": "operating",
        "status_since": "2024-03-01",
    }
    values.update(overrides)
    return values
