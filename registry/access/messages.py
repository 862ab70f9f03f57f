"""Refusals of users and permissions (codes and English templates)."""

from registry.kernel.errors import load_messages

# The codes of access/messages.toml as constants: access.role -> ROLE.
globals().update(load_messages(__package__))
