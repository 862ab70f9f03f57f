"""Refusals of permit applications and of the delegation matrix (codes and English
templates).

The interface translates each code (``ui/refusals/permits.py``); the English is what
the command line shows. Refusals that mean the same as another package's reuse its
message (a missing site or point, another operator's network).
"""

from registry.kernel.errors import load_messages

# The codes of permits/messages.toml as constants: permits.kind -> KIND.
globals().update(load_messages(__package__))
