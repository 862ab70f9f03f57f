"""Findings of a snapshot against the registered sites (no storage here).

- **unregistered**: cells with no site of their operator within their tolerance,
  clustered (one candidate per group of cells, see :func:`geodata.cells.cluster_cells`);
  the nearest registered site of the operator and its distance are given.
- **unseen**: on-air sites of an operator present in the snapshot that no cell of
  that operator was matched to (off the air, or registered at the wrong place).
- **technology**: sites whose matched cells use a technology the site is not
  registered as on the air with (an LTE cell on a site registered 2G/3G only).

Confidence: a candidate's is ``1 - prod(1 - c)`` over its cells' confidences
(:func:`geodata.cells.cell_confidence`), so several good cells make a sure
candidate; a mismatch's is the same over the cells of the missing technology; an
unseen site's is ``1 - exp(-n / 5)`` with ``n`` the cells of its operator within
5 km (no cells around means nobody measured there, not that the site is off).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geodata.cells import (
    cell_confidence,
    cells_around,
    cluster_cells,
    summarise_clusters,
)

FINDING_KINDS = ("unregistered", "unseen", "technology")
# Around an unseen site, cells of its operator within this distance count as
# evidence that the area was measured.
UNSEEN_EVIDENCE_M = 5000.0
_TECHNOLOGY_COLUMNS = {"2G": "on_air_2g", "3G": "on_air_3g", "4G": "on_air_4g",
                       "5G": "on_air_5g"}  # fmt: skip


def _combined(confidences: pd.Series) -> float:
    return float(1.0 - np.prod(1.0 - confidences.to_numpy(dtype=float)))


def _technologies(values) -> str:
    return ",".join(sorted(set(values)))


def unregistered(
    cells: pd.DataFrame, match: pd.DataFrame, sites: pd.DataFrame, link_m: float
) -> pd.DataFrame:
    """Candidate stations: the unmatched cells, clustered per operator."""
    lost = np.flatnonzero(~match["matched"].to_numpy())
    if not len(lost):
        return pd.DataFrame()
    part = cells.iloc[lost].reset_index(drop=True)
    where = match.iloc[lost].reset_index(drop=True)
    labels = cluster_cells(where["x"], where["y"], part["network_code"], link_m)
    centres = summarise_clusters(where["x"], where["y"], part["samples"], labels)
    part["label"] = labels
    part["confidence"] = cell_confidence(part["range_m"], part["samples"])
    part["site"] = where["site"].to_numpy()
    part["distance_m"] = where["distance_m"].to_numpy()
    groups = part.groupby("label")
    nearest = part.loc[
        part["distance_m"].fillna(np.inf).groupby(part["label"]).idxmin()
    ].set_index("label")
    site_ids = sites["id"].to_numpy()
    found = pd.DataFrame(
        {
            "kind": "unregistered",
            "network_code": groups["network_code"].first(),
            "technology": groups["technology"].agg(_technologies),
            "longitude": centres["lon"],
            "latitude": centres["lat"],
            "spread_m": centres["spread_m"].round(0),
            "cells": groups.size(),
            "samples": groups["samples"].sum(),
            "confidence": groups["confidence"].agg(_combined).round(2),
        }
    )
    site = nearest["site"].reindex(found.index)
    found["site_id"] = [int(site_ids[s]) if s >= 0 else None for s in site]
    found["site_distance_m"] = nearest["distance_m"].reindex(found.index).round(0)
    return found.reset_index(drop=True)


def _site_technologies(sites: pd.DataFrame) -> pd.Series:
    """The technologies each site is registered as on the air with, e.g. {2G, 4G}."""
    registered = [
        sites[column].notna().map({True: tech, False: ""})
        for tech, column in _TECHNOLOGY_COLUMNS.items()
    ]
    joined = pd.concat(registered, axis=1).agg(",".join, axis=1)
    return joined.map(lambda text: {t for t in text.split(",") if t})


def technology(
    cells: pd.DataFrame, match: pd.DataFrame, sites: pd.DataFrame
) -> pd.DataFrame:
    """Sites whose matched cells (of the site's own operator) use a technology the
    site is not registered for: one row per site, naming the missing ones."""
    matched = match["matched"].to_numpy()
    part = cells.loc[matched, ["network_code", "technology", "samples", "range_m"]]
    part = part.assign(
        site=match.loc[matched, "site"].to_numpy(),
        distance_m=match.loc[matched, "distance_m"].to_numpy(),
    )
    owner = sites["network_code"].to_numpy()[part["site"].to_numpy()]
    part = part[part["network_code"].to_numpy() == owner]
    if part.empty:
        return pd.DataFrame()
    registered = _site_technologies(sites).to_numpy()
    missing = np.array(
        [
            t not in registered[s]
            for s, t in zip(part["site"], part["technology"], strict=True)
        ],
        dtype=bool,
    )
    part = part[missing]
    if part.empty:
        return pd.DataFrame()
    part = part.assign(confidence=cell_confidence(part["range_m"], part["samples"]))
    groups = part.groupby("site")
    index = groups.size().index.to_numpy()
    return pd.DataFrame(
        {
            "kind": "technology",
            "network_code": sites["network_code"].to_numpy()[index],
            "technology": groups["technology"].agg(_technologies).to_numpy(),
            "longitude": sites["lon"].to_numpy()[index],
            "latitude": sites["lat"].to_numpy()[index],
            "spread_m": 0.0,
            "cells": groups.size().to_numpy(),
            "samples": groups["samples"].sum().to_numpy(),
            "confidence": groups["confidence"].agg(_combined).round(2).to_numpy(),
            "site_id": sites["id"].to_numpy()[index],
            "site_distance_m": groups["distance_m"].median().round(0).to_numpy(),
        }
    )


def unseen(
    cells: pd.DataFrame, match: pd.DataFrame, sites: pd.DataFrame
) -> pd.DataFrame:
    """On-air sites of the snapshot's operators with no cell matched to them."""
    seen = np.zeros(len(sites), dtype=bool)
    matched = match["matched"].to_numpy()
    seen[match["site"].to_numpy()[matched]] = True
    present = set(cells["network_code"])
    on_air = sites["on_air"].to_numpy(dtype=bool)
    chosen = np.flatnonzero(
        on_air & ~seen & sites["network_code"].isin(present).to_numpy()
    )
    if not len(chosen):
        return pd.DataFrame()
    site_net = sites["network_code"].to_numpy(dtype=object)[chosen]
    evidence, nearest_m = cells_around(
        sites.iloc[chosen],
        pd.DataFrame(
            {"x": match["x"], "y": match["y"], "network_code": cells["network_code"]}
        ),
        UNSEEN_EVIDENCE_M,
    )
    registered = _site_technologies(sites).to_numpy()[chosen]
    return pd.DataFrame(
        {
            "kind": "unseen",
            "network_code": site_net,
            "technology": [_technologies(t) for t in registered],
            "longitude": sites["lon"].to_numpy()[chosen],
            "latitude": sites["lat"].to_numpy()[chosen],
            "spread_m": 0.0,
            "cells": 0,
            "samples": 0,
            "confidence": np.round(1.0 - np.exp(-evidence / 5.0), 2),
            "site_id": sites["id"].to_numpy()[chosen],
            # The distance to the nearest cell of the operator.
            "site_distance_m": np.round(nearest_m, 0),
        }
    )
