"""Sharing: co-located sites and close pairs of different operators, both databases."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from geodata.distance import close_pairs
from registry.access.users import create_user
from registry.coverage.sharing import sharing_report
from registry.kernel.errors import FieldError
from registry.records.by_kind import SITES
from tests.factories import commune_centroid, site_values

DAY = date(2026, 6, 30)
METRE = 1 / 110_700  # degrees of latitude per metre near 18.7° N (roughly)


def add(registry, admin, code, network, north_m=0.0, commune="Hưng Dũng", **extra):
    values = site_values(registry, commune, site_code=code, network_code=network)
    values["latitude"] += north_m * METRE
    values.update(extra)
    return SITES.create(registry, admin, values)["id"]


def test_close_pairs_finds_each_pair_once_with_its_distance():
    lat = np.array([18.7, 18.7 + 50 * METRE, 18.7 + 500 * METRE, np.nan])
    lon = np.full(4, 105.6)
    first, second, metres = close_pairs(lat, lon, 100.0)
    assert first.tolist() == [0] and second.tolist() == [1]
    assert metres[0] == pytest.approx(50, abs=1)
    first, second, _ = close_pairs(lat, lon, 600.0)
    assert list(zip(first, second, strict=True)) == [(0, 1), (0, 2), (1, 2)]


def test_sites_of_different_operators_closer_than_the_distance_are_candidates(
    registry, admin
):
    a = add(registry, admin, "A", "04")
    b = add(registry, admin, "B", "02", north_m=60)
    add(registry, admin, "C", "04", north_m=-40)  # same operator as A: not a pair
    add(registry, admin, "D", "01", north_m=400)  # too far at 100 m
    report = sharing_report(registry, admin, as_of=DAY)
    assert report.distance_m == 100
    pairs = report.pairs
    assert len(pairs) == 2  # A-B (60 m) and C-B (100 m)
    first = pairs.iloc[0]
    assert {first["site_id_a"], first["site_id_b"]} == {a, b}
    assert first["distance_m"] == pytest.approx(60, abs=2)
    assert first["commune_name"] == "Phường Hưng Dũng"
    assert first["district_name"] == "Thành phố Vinh"
    wider = sharing_report(registry, admin, as_of=DAY, distance_m=500)
    assert len(wider.pairs) == 5  # D is now near A, B and C
    _, _, ward = commune_centroid(registry, "Hưng Dũng")
    unit = wider.units.set_index("code").loc[ward]
    assert unit["sites"] == 4 and unit["candidate_pairs"] == 5


def test_co_located_sites_are_counted_per_unit(registry, admin):
    add(registry, admin, "A", "04", co_located="02,01")
    add(registry, admin, "B", "02", north_m=300)
    add(registry, admin, "C", "01", commune="Hưng Bình", co_located="04")
    communes = sharing_report(registry, admin, as_of=DAY).units.set_index("name")
    assert communes.loc["Phường Hưng Dũng", "co_located"] == 1
    assert communes.loc["Phường Hưng Dũng", "co_located_share"] == pytest.approx(1 / 2)
    assert communes.loc["Phường Hưng Bình", "co_located"] == 1
    districts = sharing_report(registry, admin, as_of=DAY, level="district").units
    vinh = districts.set_index("name").loc["Thành phố Vinh"]
    assert vinh["sites"] == 3 and vinh["co_located"] == 2


def test_only_sites_on_the_air_on_the_date_count(registry, admin):
    add(registry, admin, "A", "04")
    add(
        registry,
        admin,
        "B",
        "02",
        north_m=30,
        on_air_2g="2020-01-01",
        on_air_4g="2020-01-01",
        status_since="2020-01-01",
    )
    assert len(sharing_report(registry, admin, as_of=date(2019, 12, 31)).pairs) == 0
    assert len(sharing_report(registry, admin, as_of=DAY).pairs) == 1


def test_operators_see_their_side_and_not_the_other_sites_details(registry, admin):
    add(registry, admin, "A", "04")
    b = add(registry, admin, "B", "02", north_m=50)
    vina = create_user(
        registry,
        admin,
        username="vn",
        display_name="VinaPhone",
        role="operator",
        network_code="02",
    )
    pairs = sharing_report(registry, vina, as_of=DAY).pairs
    assert len(pairs) == 1
    pair = pairs.iloc[0]
    assert pair["site_id_a"] == b and pair["network_a"] == "02"
    assert pair["network_b"] == "04" and pair["site_code_b"] is None
    units = sharing_report(registry, vina, as_of=DAY).units
    assert units["sites"].sum() == 1


def test_units_narrow_the_tables(registry, admin):
    add(registry, admin, "A", "04")
    add(registry, admin, "B", "02", north_m=50)
    add(registry, admin, "C", "04", commune="Châu Khê")
    add(registry, admin, "D", "01", commune="Châu Khê", north_m=50)
    _, _, ward = commune_centroid(registry, "Hưng Dũng")
    report = sharing_report(registry, admin, as_of=DAY, units=[ward])
    assert report.units["code"].tolist() == [ward]
    assert report.pairs["commune_code"].tolist() == [ward]


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"edition": "2025-07", "level": "district"}, "level"),
        ({"distance_m": -5}, "distance_m"),
    ],
)
def test_bad_choices_are_refused(registry, admin, arguments, field):
    with pytest.raises(FieldError) as raised:
        sharing_report(registry, admin, **arguments)
    assert raised.value.field == field
