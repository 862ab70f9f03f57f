"""Refusals of the coverage model and the sharing report (codes, English)."""

from registry.kernel.errors import load_messages

# The codes of coverage/messages.toml as constants: coverage.operator -> OPERATOR.
globals().update(load_messages(__package__))
