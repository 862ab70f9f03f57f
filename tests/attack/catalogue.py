"""What the reach attacks are made of: the kinds of attack, the detector of
outside records in a result, and the helpers the attacks of
``tests/attack/reach_*.py`` share (see tests/attack/services.py)."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import inspect
import io
import pkgutil
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import pandas as pd

import registry as registry_package
from registry.kernel.models import PublicPoint
from registry.records import places
from registry.records.by_kind import SITES
from tests.attack.reach_world import (
    INSIDE_POINTS,
    INSIDE_SITES,
    MARK,
    OUTSIDE,
    ReachWorld,
)
from tests.factories import commune_centroid, site_values

ACTS, SHOWS = "acts", "shows"


def public_services() -> list[str]:
    """``module.function`` of every public service of the registry."""
    found = []
    for info in pkgutil.walk_packages(registry_package.__path__, "registry."):
        if info.name.startswith(("registry.migrations", "registry.__main__")):
            continue
        module = importlib.import_module(info.name)
        for name, function in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(function):
                continue
            if function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:2] == ["registry", "actor"]:
                found.append(f"{info.name.removeprefix('registry.')}.{name}")
    return sorted(found)


@dataclasses.dataclass(frozen=True)
class Attack:
    """How to call one service on what lies outside, and what a leak is.

    ``call(registry, actor, world, tmp_path)`` makes the call; ``check(result,
    registry, world, actor)``, for ``SHOWS``, returns what leaked (empty: nothing), by
    default the outside names found in the result.
    """

    kind: str
    call: Callable[..., Any]
    check: Callable[..., list[str]] | None = None
    # An id of another's record handed to a use case on one's own: refused as
    # not one of its own (a validation error) is right too.
    cross: bool = False


def texts_in(value: Any, seen: set[int] | None = None) -> list[str]:
    """Every text a result holds: fields, keys, cells, files written, bytes."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, str):
        return [value]
    if isinstance(value, bytes | bytearray):
        return [bytes(value).decode("utf-8", "ignore")]
    if isinstance(value, Path):
        return [value.read_bytes().decode("utf-8", "ignore")] if value.exists() else []
    if isinstance(value, Enum):
        return [str(value.value)]
    if isinstance(value, pd.DataFrame):
        frame = value.drop(columns="geometry", errors="ignore")
        return [frame.to_csv(), *map(str, frame.columns), *map(str, frame.index)]
    if isinstance(value, pd.Series):
        return [value.to_csv()]
    if isinstance(value, dict):
        return [
            t for k, v in value.items() for t in texts_in(k, seen) + texts_in(v, seen)
        ]
    if isinstance(value, list | tuple | set | frozenset):
        return [t for item in value for t in texts_in(item, seen)]
    if dataclasses.is_dataclass(value):
        return [
            t
            for f in dataclasses.fields(value)
            for t in texts_in(getattr(value, f.name), seen)
        ]
    if hasattr(value, "__dict__") and not callable(value):
        return texts_in(vars(value), seen)
    return [str(value)]


def outside_names(result: Any, registry=None, world=None, actor=None) -> list[str]:
    """The outside mark wherever it appears in ``result`` (one entry per text)."""
    return [t[:120] for t in texts_in(result) if MARK.lower() in t.lower()]


def printed(run: Callable[[], Any]) -> str:
    """What a command-line run printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run()
    return out.getvalue()


def _outside_site_row(registry) -> bytes:
    values = site_values(
        registry, OUTSIDE, network_code="01", site_code=f"{MARK}-IMPORT", name=MARK
    )
    frame = pd.DataFrame([values])
    return frame.to_csv(index=False).encode("utf-8")


def _imported(result, registry, world, actor=None) -> list[str]:
    """An import stored an outside row (or said it would)."""
    stored = SITES.list(registry, world.people.admin)
    made = stored[stored["site_code"] == f"{MARK}-IMPORT"]
    return [f"stored site #{i}" for i in made["id"]] + (
        [f"{result.stored} rows stored"] if getattr(result, "stored", 0) else []
    )


def _preview(result, registry, world, actor=None) -> list[str]:
    return _imported(result.report, registry, world) + outside_names(
        [result.report.stored, [e.expected for e in result.report.errors]]
    )


def _operator_network(result, registry, world, actor=None) -> list[str]:
    """An operator's coverage holds its own network only."""
    found = outside_names(result)
    report = getattr(result, "coverage", result)  # the dashboard holds the report
    network = report.operator
    if actor is not None and actor.network_code and network != actor.network_code:
        found.append(f"network {network}")
    return found


def _point_row(registry, world):
    with registry.reading() as session:
        point = session.get(PublicPoint, world.point)
        session.expunge(point)
    return point


def _report_args(tmp_path: Path, **area) -> argparse.Namespace:
    return argparse.Namespace(
        cluster=area.get("cluster"),
        district=area.get("district"),
        commune=area.get("commune"),
        start=date(2026, 1, 1),
        end=None,
        edition=None,
        xlsx=tmp_path / "report.xlsx",
        html=tmp_path / "report.html",
    )


def _cli_applications(what: str, **options) -> argparse.Namespace:
    defaults = {"state": None, "kind": None, "on": None, "district": None}
    return argparse.Namespace(what=what, **{**defaults, **options})


def _other_units(result, registry, world, actor) -> list[str]:
    """Units outside the area offered to staff of a 2025-06 area. Unit names are
    public geography: operators (whose network spans the province) and staff of
    another edition get every unit of the edition asked for."""
    if actor.area_edition != "2025-06":
        return []
    return [name for name in texts_in(result) if name == f"Xã {OUTSIDE}"]


YEAR = (date(2026, 1, 1), date(2026, 12, 31))
# A day when everything filed or due in the world is overdue.
LATER = date(2027, 9, 1)


def _move_out(registry, actor, world: ReachWorld):
    """An operator hands its own site to another network; area staff move their
    own point to Nghi Văn."""
    if actor.network_code:
        return places.update_record(
            registry, actor, "site", world.inside_site, {"network_code": "01"}
        )
    lat, lon, _ = commune_centroid(registry, OUTSIDE)
    return places.update_record(
        registry,
        actor,
        "point",
        world.inside_point,
        {"latitude": lat, "longitude": lon, "declared_commune": OUTSIDE},
    )


def _counted_outside(stats) -> list[str]:
    """The caller's counts hold no more than what lies inside."""
    found = []
    if sum(stats.sites_by_operator.values()) > INSIDE_SITES:
        found.append(f"sites {stats.sites_by_operator}")
    if sum(stats.points_by_kind.values()) > INSIDE_POINTS:
        found.append(f"points {stats.points_by_kind}")
    if "Huyện Nghi Lộc" in stats.sites_by_district:
        found.append(f"districts {stats.sites_by_district}")
    return found
