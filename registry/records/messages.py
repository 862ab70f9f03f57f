"""Refusals of records and what their fields expect (codes and English templates).

The interface translates each code (``ui/refusals/records.py``); the English is what
the command line and the import reports show.
"""

from registry.kernel.errors import load_messages

# The codes of records/messages.toml as constants: records.date -> DATE.
globals().update(load_messages(__package__))
