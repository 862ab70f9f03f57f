"""Refusals of rule-set files and of rule-set lookups (codes, English)."""

from registry.kernel.errors import load_messages

# The codes of rules/messages.toml as constants: rules.day -> DAY.
globals().update(load_messages(__package__))
