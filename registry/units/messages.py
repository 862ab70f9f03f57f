"""Refusals about administrative units, boundaries, urban classes and clusters."""

from registry.kernel.errors import load_messages

# The codes of units/messages.toml as constants: units.level -> LEVEL.
globals().update(load_messages(__package__))
