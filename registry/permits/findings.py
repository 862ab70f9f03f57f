"""The rule checks run when an application is filed; stored as its findings.

- BTS: the case the structure falls in, and the operating sites of every operator
  within ``REGISTRY_PERMIT_NEARBY_M`` of the proposed position, nearest first, so
  that sharing an existing structure can be proposed (a warning, not a refusal).
  Staff read every site's code and name; an operator only its own network's, other
  operators' sites by technology and distance (:func:`shown_to`).
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
from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.models import BtsSite
from registry.kernel.numbers import vi_number
from registry.kernel.vocabulary import (
    OPERATORS,
    TECHNOLOGIES,
    PointKind,
    PointStatus,
    Role,
    SiteStatus,
)
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


def _technologies(row) -> list[str]:
    return [t for t in TECHNOLOGIES if pd.notna(row[f"on_air_{t.lower()}"])]


def nearby_sites(
    registry: Registry,
    lat: float,
    lon: float,
    *,
    network_code: str | None,
    exclude_site: int | None = None,
) -> Finding:
    """Standing sites within the configured distance, nearest first.

    The facts name every site (staff see them all); :func:`shown_to` hides what
    an operator may not read before the finding is shown to one."""
    radius = registry.config.permit_nearby_m
    on_air = [getattr(BtsSite, f"on_air_{t.lower()}") for t in TECHNOLOGIES]
    with registry.reading() as session:
        rows = session.execute(
            select(
                BtsSite.id,
                BtsSite.network_code,
                BtsSite.site_code,
                BtsSite.name,
                BtsSite.latitude,
                BtsSite.longitude,
                *on_air,
            ).where(
                BtsSite.retired_on.is_(None),
                BtsSite.status.in_([s.value for s in _STANDING]),
            )
        ).all()
    sites = pd.DataFrame(
        rows,
        columns=["id", "network_code", "site_code", "name", "lat", "lon"]
        + [f"on_air_{t.lower()}" for t in TECHNOLOGIES],
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
                    "technologies": _technologies(row),
                    "distance_m": round(float(metres[position]), 1),
                    "same_operator": row["network_code"] == network_code,
                }
            )
    return nearby_finding({"radius_m": radius, "sites": found})


def _site_text(site: dict, language: str) -> str:
    """One nearby site: who and which when its identity is shown, else its
    technologies only, then its distance."""
    metres = site["distance_m"]
    away = f"cách {_vi_metres(metres)} m" if language == "vi" else f"at {metres:.0f} m"
    if site.get("site_code"):
        return f"{site['operator']} {site['site_code']} {away}"
    technologies = "/".join(site.get("technologies") or [])
    if not technologies:
        technologies = "trạm" if language == "vi" else "site"
    hidden = "của doanh nghiệp khác" if language == "vi" else "of another operator"
    return f"{technologies} {hidden} {away}"


def nearby_finding(facts: dict) -> Finding:
    """The nearby-sites finding its facts make (its messages list the sites as
    the facts show them)."""
    radius, found = facts["radius_m"], facts["sites"]
    if not found:
        return Finding(
            "nearby_sites",
            Severity.INFO,
            f"Không có trạm đang tồn tại nào trong bán kính {_vi_metres(radius)} m",
            f"No standing site within {radius:g} m",
            facts,
        )
    others = sum(not s["same_operator"] for s in found)
    listed_vi = "; ".join(_site_text(s, "vi") for s in found)
    listed_en = "; ".join(_site_text(s, "en") for s in found)
    return Finding(
        "nearby_sites",
        Severity.WARNING,
        f"{len(found)} trạm trong bán kính {_vi_metres(radius)} m ({others} của "
        f"doanh nghiệp khác), đề nghị xem xét dùng chung hạ tầng: {listed_vi}",
        f"{len(found)} sites within {radius:g} m ({others} of other operators); "
        f"consider sharing a structure: {listed_en}",
        facts,
    )


# Who reads every nearby site's code and name: the staff that handle applications.
_SEES_EVERY_SITE = (Role.ADMIN, Role.DEPARTMENT, Role.DISTRICT, Role.COMMUNE)


def shown_to(actor: Actor, finding: Finding) -> Finding:
    """The finding as ``actor`` may read it: staff everything; anyone else (an
    operator) the code and name of their own network's sites only, other
    operators' sites by technology and distance (as the sharing report hides
    them)."""
    if finding.check != "nearby_sites" or actor.role in _SEES_EVERY_SITE:
        return finding
    own = actor.network_code if actor.role == Role.OPERATOR else None
    sites = []
    for site in finding.facts.get("sites", []):
        mine = own is not None and site.get("network_code") == own
        if mine:
            sites.append(site)
            continue
        sites.append(
            {
                "technologies": site.get("technologies") or [],
                "distance_m": site["distance_m"],
                "same_operator": False,
            }
        )
    return nearby_finding({**finding.facts, "sites": sites})


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
