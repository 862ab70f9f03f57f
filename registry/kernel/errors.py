"""The registry's error hierarchy: one root, refusals that carry a code and context.

Every refusal names a :class:`Message`: a stable code (``"records.stale_version"``)
and the English template its text is written from. The context (ids, names, dates,
limits) travels with the error as data, so the interface translates the code through
its own table and never parses the English text. Each package declares its messages
in ``registry/<package>/messages.toml`` (code -> English template), and its
``messages`` module makes each one a constant (:func:`load_messages`); the English
table is the set of those declarations (:func:`english_table`).

The classes say what kind of refusal it is (not found, not allowed, conflicting with
what is stored, a wrong field, a file that cannot be read, a bad setting); callers
catch :class:`RegistryError` and show it through the interface's translator.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any, ClassVar

MESSAGES_FILE = "messages.toml"


class Message:
    """A stable code and the English template of one refusal or expectation.

    Parameters
    ----------
    code : str
        Dotted, lower case, unique in the registry (``"<package>.<what>"``).
    english : str
        A :meth:`str.format` template over the context's keys.
    """

    _registered: ClassVar[dict[str, Message]] = {}

    def __init__(self, code: str, english: str):
        if code in Message._registered:
            raise ValueError(f"message code {code!r} is declared twice")
        self.code = code
        self.english = english
        Message._registered[code] = self

    def text(self, context: Mapping[str, Any]) -> str:
        """The English text with the context filled in."""
        values = {key: english_value(value) for key, value in context.items()}
        try:
            return self.english.format(**values)
        except (KeyError, IndexError, ValueError) as missing:
            # A template and its call disagree: say so rather than fail the refusal.
            return f"{self.code} {dict(values)!r} (template: {missing!r})"

    def __call__(self, **context: Any) -> Expected:
        """This message bound to its context (what one value expected)."""
        return Expected(self, context)

    def __repr__(self) -> str:
        return f"Message({self.code!r})"


class Expected(str):
    """A message with its context: what one value, cell or field expected.

    A string (the English text), so it reads as the old prose did; ``code`` and
    ``context`` say the same as data for the translations.
    """

    message: Message
    context: dict[str, Any]

    def __new__(cls, message: Message, context: Mapping[str, Any]) -> Expected:
        context = dict(context)
        text = super().__new__(cls, message.text(context))
        text.message = message
        text.context = context
        return text

    @property
    def code(self) -> str:
        return self.message.code

    def __repr__(self) -> str:
        return f"Expected({self.code!r}, {self.context!r})"


class ValueExpectedError(ValueError):
    """A value parser's refusal of one value, saying what it expected.

    A :class:`ValueError` (parsers are plain functions); the validators turn it
    into a row problem or a :class:`FieldError`.
    """

    def __init__(self, expected: Expected):
        self.expected = expected
        super().__init__(f"expected {expected}")


def load_messages(package: str) -> dict[str, Message]:
    """The messages ``registry/<package>/messages.toml`` declares, by constant name.

    Parameters
    ----------
    package : str
        The dotted package name (``"registry.permits"``).

    Returns
    -------
    dict[str, Message]
        Constant name -> message, in the file's order; each message is registered.
    """
    text = resources.files(package).joinpath(MESSAGES_FILE).read_text(encoding="utf-8")
    return {
        name: Message(code, english)
        for name, (code, english) in message_declarations(package, text).items()
    }


def message_declarations(package: str, text: str) -> dict[str, tuple[str, str]]:
    """Constant name -> (code, English) of a package's ``messages.toml`` text.

    The file maps each code (``"permits.application_not_found"``) to its English
    template; the constant is the code's part after the package, in capitals
    (``APPLICATION_NOT_FOUND``). Where an older constant name differs from the code,
    the entry is a table naming it: ``{ name = "...", english = "..." }``. A code
    outside the package (its last part), a malformed entry or a constant named
    twice raise :class:`ValueError`.
    """
    prefix = package.rpartition(".")[2] + "."
    where = f"{package.replace('.', '/')}/{MESSAGES_FILE}"
    declared: dict[str, tuple[str, str]] = {}
    for code, entry in tomllib.loads(text).items():
        if not code.startswith(prefix):
            raise ValueError(f"{where}: code {code!r} should start with {prefix!r}")
        if isinstance(entry, str):
            name, english = code.removeprefix(prefix).upper(), entry
        elif isinstance(entry, dict) and set(entry) == {"name", "english"}:
            name, english = entry["name"], entry["english"]
        else:
            raise ValueError(
                f"{where}: {code!r} should be an English template or a table "
                f"{{ name = ..., english = ... }}, got {entry!r}"
            )
        if not (isinstance(name, str) and name.isidentifier() and name.isupper()):
            raise ValueError(f"{where}: {code!r} gives no constant name ({name!r})")
        if not isinstance(english, str):
            raise ValueError(f"{where}: the English of {code!r} should be a string")
        if name in declared:
            raise ValueError(f"{where}: constant {name} is named by two codes")
        declared[name] = (code, english)
    return declared


def english_table() -> dict[str, str]:
    """Code -> English template of every message declared so far."""
    return {code: m.english for code, m in sorted(Message._registered.items())}


def english_value(value: Any) -> Any:
    """A context value as the English text shows it (lists joined; dates stay
    dates, so a template may format them, and print as ISO)."""
    if isinstance(value, str | bytes | dt.date):
        return value
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return ", ".join(str(english_value(v)) for v in value)
    return value


class RegistryError(Exception):
    """Root of every error the registry raises on purpose.

    ``code`` and ``context`` say what was refused; ``str(error)`` is the English.
    """

    def __init__(self, message: Message, /, **context: Any):
        if not isinstance(message, Message):
            raise TypeError(f"'message' should be a Message, got {message!r}")
        self.message = message
        self.code = message.code
        self.context = context
        super().__init__(self._english())

    def _english(self) -> str:
        return self.message.text(self.context)


class ProblemError(RegistryError):
    """A refusal that names its ``problem``: the message is the one a subclass
    declares for it in ``_MESSAGES``; ``problem`` and ``value`` are kept."""

    _MESSAGES: dict[str, Message] = {}

    def __init__(self, problem: str, value: object):
        self.problem = problem
        self.value = value
        super().__init__(self._MESSAGES[problem], value=value)


class NotFoundError(RegistryError):
    """A record, user or unit that was asked for does not exist."""


class ConflictError(RegistryError):
    """The change contradicts what is stored (duplicate code, illegal transition,
    a record changed by someone else)."""


class ConfigurationError(RegistryError):
    """A setting has a value the registry cannot use."""


class PermissionDeniedError(RegistryError):
    """The acting user may not do this, or not in this area.

    The message is the reason; ``user`` and ``action`` say who was refused what.
    """

    def __init__(self, message: Message, /, *, user: str, action: str, **context):
        self.user = user
        self.action = action
        super().__init__(message, **context)

    @property
    def reason(self) -> str:
        """Why, in English."""
        return self.message.text(self.context)

    def _english(self) -> str:
        return f"User {self.user!r} may not {self.action}: {self.reason}"


class ImportFileError(RegistryError):
    """A file to import cannot be read at all (format, encoding, missing columns).

    The message is the reason; ``path`` names the file.
    """

    def __init__(self, message: Message, /, *, path: str, **context):
        self.path = str(path)
        super().__init__(message, **context)

    @property
    def reason(self) -> str:
        """What is wrong with the file, in English."""
        return self.message.text(self.context)

    def _english(self) -> str:
        return f"Cannot import {self.path}: {self.reason}"


class FieldError(RegistryError):
    """One field of one record (or one row of a file) is wrong.

    The message says what the field expected (``"a number from {low} to {high}"``).
    """

    def __init__(
        self,
        field: str,
        value: object,
        expected: Message | Expected,
        /,
        row: int | None = None,
        **context: Any,
    ):
        self.field = field
        self.value = value
        self.row = row
        if isinstance(expected, Expected):
            expected, context = expected.message, {**expected.context, **context}
        super().__init__(expected, **context)

    @property
    def expected(self) -> str:
        """What the field expected, in English."""
        return self.message.text(self.context)

    def _english(self) -> str:
        where = f"row {self.row}, " if self.row is not None else ""
        return f"{where}{self.field} = {self.value!r}: expected {self.expected}"


VALIDATION = Message("kernel.validation", "{count} invalid field(s): {shown}{more}")


class ValidationError(RegistryError):
    """One or more field errors; nothing was written."""

    def __init__(self, errors: Iterable[FieldError]):
        self.errors = list(errors)
        shown = "; ".join(str(e) for e in self.errors[:5])
        extra = len(self.errors) - 5
        more = f" (and {extra} more)" if extra > 0 else ""
        super().__init__(VALIDATION, count=len(self.errors), shown=shown, more=more)
