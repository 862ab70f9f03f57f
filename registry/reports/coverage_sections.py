"""Report sections from the coverage model: shares per commune and technology,
4G (or the gap technology) per operator, gaps, sharing of infrastructure and the
growth of the network year by year.

Inputs are the reports of :mod:`registry.coverage.model`,
:mod:`registry.coverage.sharing` and
:mod:`registry.maps.growth_report`, already limited to the area's communes.
"""

from __future__ import annotations

import pandas as pd

from registry.coverage.model import CoverageReport, gap_reason_label
from registry.kernel.vocabulary import OPERATORS, TECHNOLOGIES
from registry.reports.tables import ReportTable, table

_TECH = tuple(t.lower() for t in TECHNOLOGIES)


def area_coverage(units: pd.DataFrame) -> dict[str, float | None]:
    """Share of the area's surface (and people, when known) covered per technology.

    Communes partition the area, so the area's share is covered km² over km².
    """
    area = float(units["area_km2"].sum())
    shares: dict[str, float | None] = {}
    for tech in _TECH:
        covered = float(units[f"covered_km2_{tech}"].sum())
        shares[f"share_{tech}"] = covered / area if area else None
        people = units["population"].dropna()
        if people.empty or float(people.sum()) == 0:
            shares[f"population_share_{tech}"] = None
        else:
            known = units[units["population"].notna()]
            covered_people = float(known[f"covered_population_{tech}"].sum())
            shares[f"population_share_{tech}"] = covered_people / float(people.sum())
    return shares


def coverage_by_unit(
    cov: CoverageReport, district_names: dict[str, str]
) -> ReportTable:
    """One row per commune: area, sites, density, operators, shares per technology
    and, where a population was imported, the share of people covered by 4G."""
    units = cov.units
    frame = pd.DataFrame(
        {
            "Mã": units["code"],
            "Xã, phường": units["name"],
        }
    )
    if cov.edition == "2025-06":
        frame["Huyện"] = units["parent_code"].map(district_names)
    frame["Diện tích (km²)"] = units["area_km2"]
    frame["Số trạm"] = units["sites"]
    frame["Trạm/km²"] = units["sites_per_km2"]
    frame["Số nhà mạng"] = units["operators"]
    formats = {
        "Diện tích (km²)": "dec",
        "Số trạm": "int",
        "Trạm/km²": "dec",
        "Số nhà mạng": "int",
    }
    for tech, label in zip(_TECH, TECHNOLOGIES, strict=True):
        frame[f"Phủ {label}"] = units[f"share_{tech}"]
        formats[f"Phủ {label}"] = "pct"
    if units["population"].notna().any():
        frame["Dân số"] = units["population"]
        frame["Dân được phủ 4G"] = units["population_share_4g"]
        formats.update({"Dân số": "int", "Dân được phủ 4G": "pct"})
    return table(
        "coverage",
        "Tỷ lệ diện tích được phủ sóng theo xã",
        frame,
        formats,
        note=f"Phủ sóng ước tính ngày {cov.as_of:%d/%m/%Y} từ bán kính giả định.",
    )


def coverage_by_operator(cov: CoverageReport) -> ReportTable:
    """Share of each commune covered by each operator, for the report's technology."""
    long = cov.by_operator
    names = dict(zip(cov.units["code"], cov.units["name"], strict=True))
    wide = long.pivot_table(
        index="code", columns="network_code", values="share", aggfunc="first"
    )
    operators = [c for c in OPERATORS if c in wide.columns]
    frame = pd.DataFrame({"Xã, phường": [names.get(c, c) for c in wide.index]})
    formats = {}
    for code in operators:
        label = OPERATORS[code].name
        frame[label] = wide[code].to_numpy()
        formats[label] = "pct"
    return table(
        "coverage_operators",
        f"Tỷ lệ diện tích được phủ sóng {cov.technology} theo nhà mạng",
        frame,
        formats,
    )


def gap_table(cov: CoverageReport) -> ReportTable:
    """The gap communes ('vùng lõm sóng') with their share and why they are gaps."""
    gaps = cov.gaps
    threshold = round(cov.gap_min_share * 100)
    frame = pd.DataFrame(
        {
            "Mã": gaps["code"],
            "Xã, phường": gaps["name"],
            f"Phủ {cov.gap_technology}": gaps["share"],
            "Lý do": [
                gap_reason_label(
                    reason, "vi", technology=cov.gap_technology, threshold=threshold
                )
                for reason in gaps["reason"]
            ],
        }
    )
    return table(
        "gaps",
        "Vùng lõm sóng",
        frame,
        {f"Phủ {cov.gap_technology}": "pct"},
        note=f"Xã không có sóng {cov.gap_technology} hoặc dưới {threshold} % "
        "diện tích được phủ.",
    )


def sharing_by_unit(sharing) -> ReportTable:
    """Shared structures and sharing candidates per commune."""
    units = sharing.units
    frame = pd.DataFrame(
        {
            "Xã, phường": units["name"],
            "Số trạm": units["sites"],
            "Trạm dùng chung": units["co_located"],
            "Tỷ lệ dùng chung": units["co_located_share"],
            "Cặp trạm có thể dùng chung": units["candidate_pairs"],
        }
    )
    formats = {
        "Số trạm": "int",
        "Trạm dùng chung": "int",
        "Tỷ lệ dùng chung": "pct",
        "Cặp trạm có thể dùng chung": "int",
    }
    return table("sharing", "Dùng chung hạ tầng theo xã", frame, formats)


def sharing_pairs(sharing) -> ReportTable:
    """Pairs of sites of different operators closer than the sharing distance."""
    pairs = sharing.pairs

    def operator(codes):
        return [OPERATORS[c].name if c in OPERATORS else c for c in codes]

    frame = pd.DataFrame(
        {
            "Trạm A": pairs["site_code_a"],
            "Nhà mạng A": operator(pairs["network_a"]),
            "Trạm B": pairs["site_code_b"],
            "Nhà mạng B": operator(pairs["network_b"]),
            "Khoảng cách (m)": pairs["distance_m"],
            "Xã, phường": pairs["commune_name"],
        }
    )
    distance = round(float(sharing.distance_m))
    return table(
        "sharing_pairs",
        "Cặp trạm khác nhà mạng có thể dùng chung",
        frame,
        {"Khoảng cách (m)": "int"},
        note=f"Hai trạm của hai nhà mạng cách nhau dưới {distance} m.",
    )


def growth_table(growth) -> ReportTable:
    """Sites on the air at each year's end, the change, and each technology."""
    years = growth.years.reset_index()
    frame = pd.DataFrame(
        {
            "Năm": years[years.columns[0]].astype(str),
            "Số trạm": years["sites"],
            "Tăng so với năm trước": years["change"],
            "Tỷ lệ tăng": years["change_pct"],
        }
    )
    formats = {"Số trạm": "int", "Tăng so với năm trước": "int", "Tỷ lệ tăng": "pct"}
    for tech, label in zip(_TECH, TECHNOLOGIES, strict=True):
        frame[f"Trạm có {label}"] = years[f"sites_{tech}"]
        formats[f"Trạm có {label}"] = "int"
    frame["Tỷ lệ trạm có 5G"] = years["share_5g"]
    formats["Tỷ lệ trạm có 5G"] = "pct"
    return table(
        "growth",
        "Tăng trưởng mạng lưới theo năm",
        frame,
        formats,
        note="Số trạm đang phát sóng vào ngày cuối mỗi năm (năm cuối: ngày cuối kỳ).",
    )
