"""The province's territory as the validator sees it: inside, on the border, outside."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from registry.kernel.errors import ValidationError
from registry.records.by_kind import SITES
from registry.records.province_checks import territory, validate_values
from tests.factories import site_values


def _westernmost_border_point(registry) -> tuple[float, float]:
    """(lat, lon) of the outline's westernmost vertex: on the province border."""
    coordinates = shapely.get_coordinates(territory(registry).outline.boundary)
    lon, lat = coordinates[np.argmin(coordinates[:, 0])]
    return float(lat), float(lon)


def test_a_site_exactly_on_the_province_border_is_accepted_and_assigned(
    registry, admin
):
    lat, lon = _westernmost_border_point(registry)
    values = site_values(registry, latitude=lat, longitude=lon)
    typed, _ = validate_values(registry, "site", values)
    assert (typed["latitude"], typed["longitude"]) == (lat, lon)
    site = SITES.create(registry, admin, values)
    units = SITES.get(registry, admin, site["id"])["units"]
    assert units["2025-06"][0] is not None and units["2025-07"][0] is not None


def test_a_site_just_across_the_border_is_refused(registry, admin):
    lat, lon = _westernmost_border_point(registry)
    values = site_values(registry, latitude=lat, longitude=lon - 0.001)
    with pytest.raises(ValidationError, match="Nghệ An"):
        validate_values(registry, "site", values)
