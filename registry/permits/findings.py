"""The rule checks run when an application is filed; stored as its findings.

- BTS: the case the structure falls in, and the operating sites of every operator
  within ``REGISTRY_PERMIT_NEARBY_M`` of the proposed position, nearest first, so
  that sharing an existing structure can be proposed (a warning, not a refusal).
- Game points: the automatic rules of the rule set in force on the filing date
  (:mod:`registry.rules.compliance`), the school distance among them where that rule set
  has it; a failed school distance is a ground for refusal, other failures warnings.
Findings inform the deciding officer; they never decide by themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import select

from geodata.distance import distances_from
from registry.kernel.db import Registry
from registry.kernel.models import BtsSite
from registry.kernel.numbers import vi_number
from registry.kernel.vocabulary import OPERATORS, PointKind, PointStatus, SiteStatus
from registry.permits.vocabulary import CaseDerivation, Severity
from registry.rules.checks import evaluate_frame
from registry.rules.rulesets import NoRuleSetError, ruleset_on

NEARBY_LIMIT = 10
# Sites that stand (or may be built) where they are: candidates for sharing.
_STANDING = (SiteStatus.LICENSED, SiteStatus.ON_AIR, SiteStatus.SUSPENDED)


@dataclass(frozen=True)
class Finding:
    """One result of a check at filing."""

    check: str
    severity: str
    message_vi: str
    message_en: str
    facts: dict = field(default_factory=dict)


def _vi_metres(value: float) -> str:
    return vi_number(value)


def case_finding(derived: CaseDerivation) -> Finding:
    """The BTS case and why it was derived so (information)."""
    return Finding(
        "case",
        Severity.INFO,
        derived.why_vi,
        derived.why_en,
        {"case": derived.case.value},
    )


def nearby_sites(
    registry: Registry,
    lat: float,
    lon: float,
    *,
    network_code: str | None,
    exclude_site: int | None = None,
) -> Finding:
    """Standing sites within the configured distance, nearest first."""
    radius = registry.config.permit_nearby_m
    with registry.reading() as session:
        rows = session.execute(
            select(
                BtsSite.id,
                BtsSite.network_code,
                BtsSite.site_code,
                BtsSite.name,
                BtsSite.latitude,
                BtsSite.longitude,
            ).where(
                BtsSite.retired_on.is_(None),
                BtsSite.status.in_([s.value for s in _STANDING]),
            )
        ).all()
    sites = pd.DataFrame(
        rows, columns=["id", "network_code", "site_code", "name", "lat", "lon"]
    )
    if exclude_site is not None:
        sites = sites[sites["id"] != exclude_site]
    found: list[dict] = []
    if not sites.empty:
        metres = distances_from(
            lat, lon, sites["lat"].to_numpy(), sites["lon"].to_numpy()
        )
        order = np.argsort(metres, kind="stable")
        near = order[metres[order] <= radius][:NEARBY_LIMIT]
        for position in near:
            row = sites.iloc[position]
            found.append(
                {
                    "site_id": int(row["id"]),
                    "network_code": row["network_code"],
                    "operator": OPERATORS[row["network_code"]].name
                    if row["network_code"] in OPERATORS
                    else row["network_code"],
                    "site_code": row["site_code"],
                    "name": row["name"],
                    "distance_m": round(float(metres[position]), 1),
                    "same_operator": row["network_code"] == network_code,
                }
            )
    facts = {"radius_m": radius, "sites": found}
    if not found:
        return Finding(
            "nearby_sites",
            Severity.INFO,
            f"Không có trạm đang tồn tại nào trong bán kính {_vi_metres(radius)} m",
            f"No standing site within {radius:g} m",
            facts,
        )
    others = sum(not s["same_operator"] for s in found)
    listed_vi = "; ".join(
        f"{s['operator']} {s['site_code']} cách {_vi_metres(s['distance_m'])} m"
        for s in found
    )
    listed_en = "; ".join(
        f"{s['operator']} {s['site_code']} at {s['distance_m']:.0f} m" for s in found
    )
    return Finding(
        "nearby_sites",
        Severity.WARNING,
        f"{len(found)} trạm trong bán kính {_vi_metres(radius)} m ({others} của "
        f"doanh nghiệp khác), đề nghị xem xét dùng chung hạ tầng: {listed_vi}",
        f"{len(found)} sites within {radius:g} m ({others} of other operators); "
        f"consider sharing a structure: {listed_en}",
        facts,
    )


def game_point_findings(
    registry: Registry, values: dict, commune_2025_06: str | None, filed_on: date
) -> list[Finding]:
    """The automatic rules of the rule set in force on ``filed_on`` for a proposed
    game point (school distance, floor area, hours, business registration)."""
    try:
        ruleset = ruleset_on(filed_on)
    except NoRuleSetError:
        return [
            Finding(
                "ruleset",
                Severity.WARNING,
                f"Không có bộ quy tắc nào có hiệu lực ngày {filed_on:%d/%m/%Y}: "
                "kiểm tra điều kiện bằng tay",
                f"No rule set is in force on {filed_on}: check the conditions by hand",
            )
        ]
    row = {
        **values,
        "kind": PointKind.GAME_POINT.value,
        "status": PointStatus.PENDING.value,
        "retired_on": None,
        "commune_2025_06": commune_2025_06,
    }
    findings = [
        Finding(
            "ruleset",
            Severity.INFO,
            f"Kiểm tra theo {ruleset.title_vi} (phiên bản {ruleset.version})",
            f"Checked under {ruleset.title_en} (version {ruleset.version})",
            {"ruleset": ruleset.key, "version": ruleset.version},
        )
    ]
    points = pd.DataFrame([row], dtype=object)
    for _, result in evaluate_frame(registry, points, ruleset, filed_on):
        rule = ruleset.rule(result.rule_id)
        school = rule.check == "school_distance_min"
        if result.outcome == "fail":
            severity = Severity.REFUSE if school else Severity.WARNING
        elif school:
            severity = Severity.INFO if result.outcome == "pass" else Severity.WARNING
        else:
            continue
        findings.append(
            Finding(
                rule.check,
                severity,
                result.detail_vi,
                result.detail_en,
                {"rule_id": result.rule_id, "outcome": result.outcome, **result.facts},
            )
        )
    return findings
