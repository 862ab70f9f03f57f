"""Refusals of the map and growth use cases (codes, English)."""

from __future__ import annotations

from registry.kernel.errors import Message

FIRST_YEAR = Message("maps.first_year", "{low} to {high}")
LEVEL = Message("maps.level", "one of {levels}")
