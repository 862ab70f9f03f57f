"""Refusals of area reports (codes, English)."""

from registry.kernel.errors import load_messages

# The codes of reports/messages.toml as constants: reports.kind -> REPORT_KIND.
globals().update(load_messages(__package__))
