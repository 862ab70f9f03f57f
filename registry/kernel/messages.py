"""The kernel's refusals: settings, database URLs, working days.

Each :class:`~registry.kernel.errors.Message` is a stable code and its English
template; the interface translates the code (``ui/refusals/kernel.py``).
"""

from registry.kernel.errors import load_messages

# The codes of kernel/messages.toml as constants: kernel.database_url -> DATABASE_URL.
globals().update(load_messages(__package__))
