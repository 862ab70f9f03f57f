"""Refusals of the cell-observation imports and findings."""

from registry.kernel.errors import load_messages

# The codes of cells/messages.toml as constants: cells.no_rows -> NO_ROWS.
globals().update(load_messages(__package__))
