"""Where demo records go: commune weights and how many records each commune gets.

The random positions inside the communes are drawn by
:func:`geodata.sampling.random_points_in_polygons`. Deterministic for a given
seed. Nothing here claims to be real: the weights only make the demo look like a
province (dense in Vinh and the coastal plain, sparse in the western mountains).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

URBAN_TYPES = ("Phường", "Thị trấn")


def commune_weights(communes: pd.DataFrame, *, urban: float, town: float) -> np.ndarray:
    """Relative density of demo records per commune.

    ``communes`` needs columns unit_type, lon, area_km2 and parent_code; ``urban``
    and ``town`` weigh phường and thị trấn against a rural xã (weight 1).
    """
    kind = communes["unit_type"].map({"Phường": urban, "Thị trấn": town}).fillna(1.0)
    lon = communes["lon"].to_numpy()
    # The coastal plain lies east of ~105.3°E; the mountains west of ~104.8°E.
    geography = np.where(lon >= 105.3, 2.5, np.where(lon < 104.8, 0.35, 1.0))
    size = 0.5 + np.sqrt(communes["area_km2"].fillna(20).to_numpy()) / 10
    return kind.to_numpy() * geography * size


def allocate(total: int, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Split ``total`` records over communes: at least one each, the rest by weight."""
    count = len(weights)
    if total < count:
        picked = rng.choice(count, size=total, replace=False, p=weights / weights.sum())
        return np.bincount(picked, minlength=count)
    return 1 + rng.multinomial(total - count, weights / weights.sum())
