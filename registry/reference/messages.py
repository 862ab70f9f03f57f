"""Refusals of the reference layers' imports: schools and population."""

from registry.kernel.errors import load_messages

# The codes of reference/messages.toml as constants: reference.year -> YEAR.
globals().update(load_messages(__package__))
