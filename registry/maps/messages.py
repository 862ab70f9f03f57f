"""Refusals of the map and growth use cases (codes, English)."""

from registry.kernel.errors import load_messages

# The codes of maps/messages.toml as constants: maps.level -> LEVEL.
globals().update(load_messages(__package__))
