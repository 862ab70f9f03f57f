"""REGISTRY_DEFAULT_EDITION: ``auto`` follows the clock's day; a fixed key stays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from geodata.editions import EDITIONS, edition_on
from registry.kernel.clock import living_on
from registry.kernel.errors import ConfigurationError
from registry.kernel.settings import (
    EDITIONS_IN_FORCE,
    edition_in_force,
    load_config,
)


def test_auto_is_the_default_and_means_the_edition_in_force_today():
    config = load_config({})
    assert config.edition_setting == "auto"
    assert config.default_edition == "2025-07"  # since 1/7/2025
    with living_on(date(2025, 6, 30)):
        assert config.default_edition == "2025-06"
    with living_on(date(2025, 7, 1)):
        assert config.default_edition == "2025-07"


@pytest.mark.parametrize("key", ["2025-06", "2025-07"])
def test_a_fixed_edition_does_not_follow_the_date(key):
    config = load_config({"REGISTRY_DEFAULT_EDITION": key})
    for day in (date(2020, 1, 1), date(2025, 7, 1)):
        with living_on(day):
            assert config.default_edition == key


@pytest.mark.parametrize("value", ["2025", "AUTO ", "2025-07;drop", "huyen"])
def test_a_bad_edition_is_refused_naming_the_choices(value):
    with pytest.raises(ConfigurationError) as refused:
        load_config({"REGISTRY_DEFAULT_EDITION": value})
    assert "auto, 2025-06 or 2025-07" in str(refused.value.context)


def test_the_kernel_dates_agree_with_the_geodata_editions():
    """The kernel repeats the switch days; they must be geodata's."""
    assert [key for _, key in EDITIONS_IN_FORCE] == list(EDITIONS)
    for start, key in EDITIONS_IN_FORCE[1:]:
        for day in (start - timedelta(days=1), start, start + timedelta(days=400)):
            assert edition_in_force(day) == edition_on(day).key
        assert EDITIONS[key].valid_from == start
