"""The matching rule, the clustering and the confidence of cell observations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geodata.cells import (
    cell_confidence,
    cluster_cells,
    match_cells,
    match_tolerance,
    summarise_clusters,
)
from geodata.distance import metric_xy
from geodata.errors import InvalidInputError


def test_the_tolerance_grows_with_range_shrinks_with_samples_and_is_capped():
    metres = match_tolerance([0, 1000, 1000, 100_000, np.nan], [1, 1, 100, 1, 0], 500)
    assert metres.tolist() == [500, 1500, 600, 2500, 500]
    with pytest.raises(InvalidInputError):
        match_tolerance([1], [1], 0)


def test_a_cell_matches_only_a_site_of_its_own_operator_within_its_tolerance():
    sites = pd.DataFrame(
        {"lat": [18.67, 18.67], "lon": [105.68, 105.70], "network_code": ["04", "01"]}
    )
    cells = pd.DataFrame(
        {
            # 100 m north of the Viettel site; then a MobiFone cell next to the
            # Viettel site (its own site is 2.1 km away); then a far cell.
            "lat": [18.6709, 18.6709, 18.80],
            "lon": [105.68, 105.68, 105.68],
            "network_code": ["04", "01", "04"],
            "range_m": [500, 500, 500],
            "samples": [25, 25, 25],
        }
    )
    found = match_cells(cells, sites, 500)
    assert found["site"].tolist() == [0, 1, 0]
    assert found["matched"].tolist() == [True, False, False]
    assert found["distance_m"].iloc[0] == pytest.approx(100, abs=2)


def test_twelve_sectors_of_one_tower_are_one_group_and_operators_stay_apart():
    rng = np.random.default_rng(1)
    lat = np.concatenate([18.7 + rng.normal(0, 0.001, 12), [18.72], [18.7]])
    lon = np.concatenate([105.6 + rng.normal(0, 0.001, 12), [105.6], [105.6]])
    networks = ["04"] * 13 + ["02"]
    x, y = metric_xy(lat, lon)
    labels = cluster_cells(x, y, networks, 500)
    assert len(set(labels[:12])) == 1
    assert len(set(labels)) == 3  # the tower, a cell 2 km north, another network
    centres = summarise_clusters(x, y, np.ones(14), labels)
    assert centres.loc[labels[0], "lat"] == pytest.approx(lat[:12].mean(), abs=1e-4)
    assert 0 < centres.loc[labels[0], "spread_m"] < 500
    assert centres.loc[labels[12], "spread_m"] == 0


def test_confidence_rises_with_samples_and_falls_with_range():
    values = cell_confidence([0, 0, 3000, 0], [1, 20, 20, 0])
    assert values[0] < 0.2 < 0.9 < values[1]
    assert values[2] == pytest.approx(values[1] / 2)
    assert values[3] == 0
