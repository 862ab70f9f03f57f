"""The registry's error hierarchy: one root, specific subclasses that carry context.

Pages and the command line catch :class:`RegistryError` only and show its message.
"""

from __future__ import annotations


class RegistryError(Exception):
    """Root of every error the registry raises on purpose."""


class NotFoundError(RegistryError):
    """A record, user or unit that was asked for does not exist."""

    def __init__(self, what: str, key: object):
        self.what = what
        self.key = key
        super().__init__(f"{what} {key!r} does not exist")


class PermissionDeniedError(RegistryError):
    """The acting user may not do this, or not in this area."""

    def __init__(self, user: str, action: str, reason: str):
        self.user = user
        self.action = action
        self.reason = reason
        super().__init__(f"User {user!r} may not {action}: {reason}")


class FieldError(RegistryError):
    """One field of one record (or one row of a file) is wrong."""

    def __init__(
        self, field: str, value: object, expected: str, row: int | None = None
    ):
        self.field = field
        self.value = value
        self.expected = expected
        self.row = row
        where = f"row {row}, " if row is not None else ""
        super().__init__(f"{where}{field} = {value!r}: expected {expected}")


class ValidationError(RegistryError):
    """One or more field errors; nothing was written."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        shown = "; ".join(str(e) for e in self.errors[:5])
        more = f" (and {len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__(f"{len(self.errors)} invalid field(s): {shown}{more}")


class ConflictError(RegistryError):
    """The change contradicts what is stored (duplicate code, illegal transition)."""


class ImportFileError(RegistryError):
    """A file to import cannot be read at all (format, encoding, missing columns)."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"Cannot import {path}: {reason}")


class ConfigurationError(RegistryError):
    """A setting has a value the registry cannot use."""
