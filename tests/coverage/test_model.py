"""Coverage services on both databases, with a few sites placed by hand.

Radii are the defaults (km, urban/rural): 2G 1.5/5, 3G 1.2/3.5, 4G 1/3, 5G 0.3/0.8.
Sites stand at commune centroids, well inside the province, so the whole disc is
counted somewhere: the covered area summed over all communes is π r².
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import pandas as pd
import pytest

from registry.access.users import create_user
from registry.coverage.cache import commune_coverage
from registry.coverage.model import coverage_report, gap_reason_label
from registry.kernel.db import Registry
from registry.kernel.errors import FieldError, PermissionDeniedError
from registry.maps.growth_report import growth_report
from registry.records.by_kind import SITES
from registry.reference.population import import_population
from registry.units.divisions import units_frame
from tests.factories import commune_centroid, district_code, site_values

DAY = date(2026, 6, 30)
RURAL = "Châu Khê"  # a large xã of Con Cuông (about 300 km²)


def add_site(registry, admin, commune="Hưng Dũng", **overrides):
    values = site_values(registry, commune, **overrides)
    return SITES.create(registry, admin, values)["id"]


def row(report, name_part):
    rows = report.units[report.units["name"].str.contains(name_part)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_an_urban_site_covers_pi_r_squared_of_urban_radius(registry, admin):
    add_site(registry, admin, site_code="U1")
    report = coverage_report(registry, admin, as_of=DAY)
    units = report.units
    assert units["covered_km2_4g"].sum() == pytest.approx(math.pi * 1.0**2, rel=2e-3)
    assert units["covered_km2_2g"].sum() == pytest.approx(math.pi * 1.5**2, rel=2e-3)
    assert units["covered_km2_3g"].sum() == 0  # no 3G date on the site
    ward = row(report, "Hưng Dũng")
    assert ward["urban"] and ward["sites"] == 1 and ward["operators"] == 1
    assert ward["share_4g"] == pytest.approx(ward["covered_km2_4g"] / ward["area_km2"])
    assert ward["sites_per_km2"] == pytest.approx(1 / ward["area_km2"])


def test_a_rural_site_serves_the_rural_radius(registry, admin):
    add_site(registry, admin, RURAL, site_code="R1", on_air_5g="2025-01-01")
    report = coverage_report(registry, admin, as_of=DAY)
    assert report.units["covered_km2_4g"].sum() == pytest.approx(9 * math.pi, rel=2e-3)
    assert report.units["covered_km2_5g"].sum() == pytest.approx(
        0.64 * math.pi, rel=2e-3
    )
    commune = row(report, RURAL)
    assert not commune["urban"]
    assert commune["covered_km2_4g"] == report.units["covered_km2_4g"].max()


def test_coverage_follows_the_on_air_dates_and_the_status_history(registry, admin):
    site = add_site(registry, admin, site_code="H1")  # 2G 2012, 4G 2018-05-20
    SITES.change_status(
        registry,
        admin,
        site,
        "suspended",
        effective_on=date(2021, 1, 1),
        reason="power",
    )
    SITES.change_status(
        registry, admin, site, "on_air", effective_on=date(2022, 1, 1), reason="back"
    )

    def covered(day):
        units = coverage_report(registry, admin, as_of=day).units
        return units["covered_km2_2g"].sum(), units["covered_km2_4g"].sum()

    assert covered(date(2011, 12, 31)) == (0, 0)  # not built yet
    two, four = covered(date(2017, 12, 31))
    assert two > 0 and four == 0  # 2G only
    assert covered(date(2021, 6, 30)) == (0, 0)  # suspended
    assert all(value > 0 for value in covered(DAY))


def test_shares_per_operator_and_one_operators_view(registry, admin):
    add_site(registry, admin, site_code="V1", network_code="04")
    add_site(registry, admin, RURAL, site_code="P1", network_code="02")
    report = coverage_report(registry, admin, as_of=DAY, technology="4G")
    table = report.by_operator.pivot(
        index="code", columns="network_code", values="share"
    )
    _, _, ward = commune_centroid(registry, "Hưng Dũng")
    _, _, rural = commune_centroid(registry, RURAL)
    assert table.loc[ward, "04"] > 0 and table.loc[ward, "02"] == 0
    assert table.loc[rural, "02"] > 0 and table.loc[rural, "04"] == 0
    vina = coverage_report(registry, admin, as_of=DAY, operator="02")
    assert vina.operator == "02"
    assert vina.units["covered_km2_4g"].sum() == pytest.approx(9 * math.pi, rel=2e-3)
    assert vina.units.set_index("code").loc[ward, "sites"] == 0


def test_operators_see_only_their_own_network(registry, admin):
    add_site(registry, admin, site_code="V1", network_code="04")
    add_site(registry, admin, RURAL, site_code="P1", network_code="02")
    viettel = create_user(
        registry,
        admin,
        username="vt",
        display_name="Viettel",
        role="operator",
        network_code="04",
    )
    own = coverage_report(registry, viettel, as_of=DAY)
    assert own.operator == "04"
    assert own.units["covered_km2_4g"].sum() == pytest.approx(math.pi, rel=2e-3)
    assert set(own.by_operator["network_code"]) == {"04"}
    with pytest.raises(PermissionDeniedError):
        coverage_report(registry, viettel, as_of=DAY, operator="02")


def test_district_figures_add_up_their_communes_and_mark_the_officers_area(
    registry, admin
):
    add_site(registry, admin, site_code="V1")
    add_site(registry, admin, "Hưng Bình", site_code="V2", network_code="01")
    vinh = district_code(registry, "Vinh")
    officer = create_user(
        registry,
        admin,
        username="hv",
        display_name="Vinh",
        role="district",
        area_edition="2025-06",
        area_code=vinh,
    )
    communes = coverage_report(registry, officer, as_of=DAY).units
    districts = coverage_report(registry, officer, as_of=DAY, level="district").units
    assert len(districts) == 20 and len(communes) == 412  # whole province
    mine = districts.set_index("code").loc[vinh]
    of_vinh = communes[communes["parent_code"] == vinh]
    assert mine["sites"] == 2 and mine["operators"] == 2
    assert mine["area_km2"] == pytest.approx(of_vinh["area_km2"].sum())
    assert mine["covered_km2_4g"] == pytest.approx(of_vinh["covered_km2_4g"].sum())
    assert districts["in_area"].sum() == 1 and mine["in_area"]
    assert communes["in_area"].sum() == len(of_vinh)


def write_populations(registry, edition, people) -> bytes:
    with registry.reading() as session:
        codes = units_frame(session, edition, "commune")["code"]
    lines = ["ma_xa;dan_so;nam"] + [f"{c};{people(c)};2024" for c in codes]
    return "\n".join(lines).encode("utf-8-sig")


def test_population_share_assumes_people_spread_evenly(registry, admin):
    add_site(registry, admin, site_code="V1")
    data = write_populations(registry, "2025-06", lambda code: 10_000)
    import_population(registry, admin, data, edition="2025-06", filename="p.csv")
    report = coverage_report(registry, admin, as_of=DAY)
    ward = row(report, "Hưng Dũng")
    assert report.population_year == 2024
    assert ward["population"] == 10_000
    assert ward["population_share_4g"] == pytest.approx(ward["share_4g"])
    assert ward["covered_population_4g"] == pytest.approx(10_000 * ward["share_4g"])
    districts = coverage_report(registry, admin, as_of=DAY, level="district").units
    vinh_code = district_code(registry, "Vinh")
    vinh = districts.set_index("code").loc[vinh_code]
    of_vinh = report.units[report.units["parent_code"] == vinh_code]
    assert vinh["population"] == 10_000 * len(of_vinh)
    assert vinh["population_share_4g"] == pytest.approx(
        of_vinh["covered_population_4g"].sum() / vinh["population"]
    )
    province = report.province.set_index("technology")
    assert province.loc["4G", "population"] == 412 * 10_000


def test_without_population_the_population_columns_are_empty(registry, admin):
    add_site(registry, admin, site_code="V1")
    report = coverage_report(registry, admin, as_of=DAY)
    assert report.population_year is None
    assert report.units["population_share_4g"].isna().all()


def with_settings(registry: Registry, **changes) -> Registry:
    config = dataclasses.replace(registry.config, **changes)
    return Registry(config=config, engine=registry.engine)


def test_gaps_list_units_without_4g_or_below_the_share(registry, admin):
    add_site(registry, admin, site_code="V1")
    strict = with_settings(registry, gap_min_share=0.99)
    report = coverage_report(strict, admin, as_of=DAY)
    gaps = report.gaps.set_index("code")
    _, _, ward = commune_centroid(registry, "Hưng Dũng")
    _, _, rural = commune_centroid(registry, RURAL)
    assert gaps.loc[rural, "reason"] == "no_service"
    assert gaps.loc[ward, "reason"] == "below_share"
    assert 0 < gaps.loc[ward, "share"] < 0.99
    assert gaps.loc[ward, "parent_name"] == "Thành phố Vinh"
    assert len(gaps) == 412  # nothing is 99 % covered by one site
    lenient = coverage_report(with_settings(registry, gap_min_share=0.01), admin)
    assert ward not in set(lenient.gaps["code"])
    assert gap_reason_label("below_share", technology="4G", threshold="50 %") == (
        "Sóng 4G phủ dưới 50 % diện tích"
    )


def test_a_cached_result_is_reused_until_the_data_changes(registry, admin):
    add_site(registry, admin, site_code="V1")
    first = coverage_report(registry, admin, as_of=DAY)
    cached = commune_coverage(registry, DAY, "2025-06", None)
    again = coverage_report(registry, admin, as_of=DAY)
    assert commune_coverage(registry, DAY, "2025-06", None) is cached
    pd.testing.assert_frame_equal(first.units, again.units)
    add_site(registry, admin, RURAL, site_code="V2")
    changed = coverage_report(registry, admin, as_of=DAY)
    assert commune_coverage(registry, DAY, "2025-06", None) is not cached
    assert changed.units["sites"].sum() == 2
    assert changed.units["covered_km2_4g"].sum() > first.units["covered_km2_4g"].sum()


def test_the_layers_are_wgs84_polygons_inside_the_province(registry, admin):
    add_site(registry, admin, site_code="V1")
    report = coverage_report(registry, admin, as_of=DAY, edition="2025-07")
    layer = report.layers["4G"]
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    minx, miny, maxx, maxy = layer.bounds
    assert minx < lon < maxx and miny < lat < maxy
    assert maxx - minx < 0.05  # degrees: a 1 km disc, not metres
    assert report.layers["3G"].is_empty
    assert len(report.units) == 130


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"edition": "2025-07", "level": "district"}, "level"),
        ({"edition": "2024-01"}, "edition"),
        ({"technology": "6G"}, "technology"),
        ({"operator": "99"}, "operator"),
    ],
)
def test_bad_choices_are_refused_naming_the_field(registry, admin, arguments, field):
    with pytest.raises(FieldError) as raised:
        coverage_report(registry, admin, as_of=DAY, **arguments)
    assert raised.value.field == field


# -- growth year by year ------------------------------------------------------


def test_growth_counts_sites_and_technologies_at_each_year_end(registry, admin):
    add_site(registry, admin, site_code="G1", on_air_2g="2012-03-01")
    add_site(
        registry,
        admin,
        RURAL,
        site_code="G2",
        on_air_2g="2014-06-01",
        on_air_4g="2019-01-01",
        on_air_5g="2025-02-01",
        status_since="2014-06-01",
    )
    report = growth_report(registry, admin, level="commune", until=DAY, first_year=2011)
    years = report.years
    assert years.loc[2011, "sites"] == 0 and years.loc[2012, "sites"] == 1
    assert years.loc[2014, "sites"] == 2 and years.loc[2014, "change"] == 1
    assert years.loc[2014, "change_pct"] == pytest.approx(1.0)
    assert years.loc[2018, "sites_4g"] == 1  # G1's 4G from 2018-05-20
    assert years.loc[2019, "sites_4g"] == 2
    assert years.loc[2024, "sites_5g"] == 0 and years.loc[2026, "sites_5g"] == 1
    assert years.loc[2026, "share_5g"] == pytest.approx(0.5)
    fiveg = report.fiveg.set_index("name")
    assert fiveg.loc["Xã Châu Khê", "first_5g_year"] == 2025
    assert pd.isna(fiveg.loc["Phường Hưng Dũng", "first_5g_year"])
    assert report.units.set_index("name").loc["Phường Hưng Dũng", 2013] == 1


def test_growth_of_some_communes_counts_only_their_sites(registry, admin):
    add_site(registry, admin, site_code="G1")
    add_site(registry, admin, RURAL, site_code="G2")
    _, _, ward = commune_centroid(registry, "Hưng Dũng")
    report = growth_report(registry, admin, until=DAY, units=[ward])
    assert report.years.loc[2026, "sites"] == 1
    assert report.units["name"].tolist() == ["Thành phố Vinh"]


def test_units_keep_only_some_communes_in_every_table(registry, admin):
    add_site(registry, admin, site_code="V1", network_code="04")
    add_site(registry, admin, RURAL, site_code="P1", network_code="02")
    _, _, ward = commune_centroid(registry, "Trường Vinh", "2025-07")
    report = coverage_report(
        registry, admin, as_of=DAY, edition="2025-07", units=[ward]
    )
    assert report.units["code"].tolist() == [ward]
    assert set(report.by_operator["code"]) == {ward}
    assert set(report.by_operator["network_code"]) == {"02", "04"}
    assert set(report.gaps["code"]) <= {ward}
    assert report.province.set_index("technology").loc["4G", "covered_km2"] > (
        report.units["covered_km2_4g"].sum()
    )
