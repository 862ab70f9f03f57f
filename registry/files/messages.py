"""Refusals of files read, imported, exported and uploaded (codes, English)."""

from registry.kernel.errors import load_messages

# The codes of files/messages.toml as constants: files.empty -> EMPTY.
globals().update(load_messages(__package__))
