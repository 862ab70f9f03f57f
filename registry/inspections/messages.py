"""Refusals of inspections and what their fields expect (codes and English templates).

The interface translates each code (``ui/refusals/inspections.py``); the English is
what the command line and the tests read. Rule sets are named in the context by
their keys (the interface shows their titles), states and results by their values.
A field of one checklist item is named ``result:<rule id>`` or ``note:<rule id>``
and carries the item's ``position``; ``hide_value`` marks a value that is not what
the person typed (a rule id, a stored result) or that the label already shows (a
photo's file name).
"""

from registry.kernel.errors import load_messages

# The codes of inspections/messages.toml as constants: inspections.date -> DATE.
globals().update(load_messages(__package__))
