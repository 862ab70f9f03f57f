"""The kernel's refusals: settings, database URLs, working days.

Each :class:`~registry.kernel.errors.Message` is a stable code and its English
template; the interface translates the code (``ui/refusals/kernel.py``).
"""

from __future__ import annotations

from registry.kernel.errors import Message

SETTING_BOOLEAN = Message(
    "kernel.setting_boolean", "{name} = {value!r}: expected true or false"
)
SETTING_WHOLE_NUMBER = Message(
    "kernel.setting_whole_number", "{name} = {value!r}: expected a whole number ≥ 0"
)
SETTING_WHOLE_NUMBER_RANGE = Message(
    "kernel.setting_whole_number_range",
    "{name} = {value!r}: expected a whole number from {low} to {high}",
)
SETTING_NUMBER_RANGE = Message(
    "kernel.setting_number_range",
    "{name} = {value!r}: expected a number from {low:g} to {high:g}",
)
SETTING_POSITIVE_UP_TO = Message(
    "kernel.setting_positive_up_to",
    "{name} = {value!r}: expected a number > 0, ≤ {high:g}",
)
SETTING_CHOICE = Message(
    "kernel.setting_choice", "{name} = {value!r}: expected {choices}"
)
SETTING_BASEMAP = Message(
    "kernel.setting_basemap",
    "REGISTRY_BASEMAP = {value!r}: expected openstreetmap, none, or a tile URL "
    "with {{z}}, {{x}} and {{y}}",
)
SETTING_HOURS = Message(
    "kernel.setting_hours",
    "{name} = {value!r}: expected opening and closing times like 06:00-23:00 "
    "(24-hour clock, closing after opening on the same day)",
)
SETTING_RADIUS = Message(
    "kernel.setting_radius",
    "{name}: {part!r} should look like 4G=1/3 (urban/rural km, 0-50)",
)
SETTING_RADIUS_MISSING = Message(
    "kernel.setting_radius_missing", "{name} = {value!r}: no radius for {missing}"
)
DATABASE_URL = Message(
    "kernel.database_url",
    "REGISTRY_DATABASE_URL = {value!r} is not a database URL: {detail}",
)
DATABASE_BACKEND = Message(
    "kernel.database_backend",
    "REGISTRY_DATABASE_URL: backend {backend!r} is not supported; use "
    "sqlite:///FILE or postgresql+psycopg://USER@HOST/DB",
)
WORKING_DAYS = Message("kernel.working_days", "a whole number of working days from 0")
OTHER_PROVINCE = Message(
    "kernel.other_province",
    "The database holds province {stored}, but REGISTRY_PROVINCE_CODE is {code}; use "
    "another database",
)
