"""Refusals of the demo loader (codes, English)."""

from registry.kernel.errors import load_messages

# The codes of demo/messages.toml as constants: demo.not_empty -> NOT_EMPTY.
globals().update(load_messages(__package__))
