"""Refusals of the demo loader (codes, English)."""

from __future__ import annotations

from registry.kernel.errors import Message

NOT_EMPTY = Message(
    "demo.not_empty",
    "the registry already holds {existing} records; the demo data set is only loaded "
    "into an empty registry",
)
