"""Refusals of records and what their fields expect (codes and English templates).

The interface translates each code (``ui/refusals/records.py``); the English is what
the command line and the import reports show.
"""

from __future__ import annotations

from registry.kernel.errors import Message

# -- one value ---------------------------------------------------------------
REQUIRED = Message("records.required", "a value: {label_en} ({label_vi}) is required")
TOO_LONG = Message("records.too_long", "at most {max} characters (this has {length})")
CHOICE = Message("records.choice", "one of {options}")
NETWORKS = Message(
    "records.networks",
    "operator codes or names separated by , ; / or spaces, like '01,02' or "
    "'MobiFone; VinaPhone' (one of {options}); {token!r} is not an operator",
)
NUMBER = Message("records.number", "a number like 12.5 or 12,5")
NUMBER_RANGE = Message("records.number_range", "a number from {low:g} to {high:g}")
WHOLE_NUMBER = Message("records.whole_number", "a whole number")
DATE = Message("records.date", "a date like 2024-03-31 or 31/03/2024 (day first)")
DATE_IN_CALENDAR = Message(
    "records.date_in_calendar",
    "a date that exists in the calendar: month {month} of {year} has no day {day} "
    "(a date like 2024-03-31 or 31/03/2024 (day first))",
)
DATE_RANGE = Message("records.date_range", "a date between {low} and {high}")
PAST_EVENT = Message(
    "records.past_event",
    "a date not after today ({today}): {label_en} is something that has already "
    "happened",
)
TIME = Message("records.time", "a time like 08:00, 8:00 or 8h00")
TIME_RANGE = Message(
    "records.time_range", "a time like 08:00, 8:00 or 8h00 (hours 0-23, minutes 0-59)"
)

# -- coordinates ---------------------------------------------------------------
_COORDINATE = (
    "a decimal number like 18.6789 or 18,6789, or degrees-minutes-seconds like "
    "18°40'12\"N"
)
COORDINATE = Message("records.coordinate", _COORDINATE)
COORDINATE_REQUIRED = Message(
    "records.coordinate_required", "a {column} (the column is required)"
)
COORDINATE_EMPTY = Message(
    "records.coordinate_empty", _COORDINATE + "; the cell is empty"
)
COORDINATE_TWO_HEMISPHERES = Message(
    "records.coordinate_two_hemispheres",
    "one hemisphere letter, not two; write " + _COORDINATE,
)
COORDINATE_SIGN_AND_HEMISPHERE = Message(
    "records.coordinate_sign_and_hemisphere",
    "a sign or a hemisphere letter, not both; write " + _COORDINATE,
)
COORDINATE_MINUTES = Message(
    "records.coordinate_minutes",
    "minutes and seconds below 60; write " + _COORDINATE,
)
COORDINATE_ORDER = Message(
    "records.coordinate_order",
    "degrees, then minutes, then seconds; write " + _COORDINATE,
)
COORDINATE_DECIMALS = Message(
    "records.coordinate_decimals",
    "decimals only in the last part; write " + _COORDINATE,
)
LATITUDE_RANGE = Message("records.latitude_range", "a latitude from -90 to 90")
LONGITUDE_RANGE = Message("records.longitude_range", "a longitude from -180 to 180")
SWAPPED = Message(
    "records.swapped",
    "latitude first, then longitude; ({lat}, {lon}) lies outside the bounding box "
    "of {province} but ({lon}, {lat}) inside it, so the two values were swapped",
)
OUTSIDE_PROVINCE = Message(
    "records.outside_province",
    "a location inside {province}; latitude {lat}, longitude {lon} lies outside the "
    "province",
)

# -- across fields and rows ----------------------------------------------------
BUILDING_HEIGHT = Message(
    "records.building_height",
    "a building height only for poles on buildings (rooftop_pole, rooftop_small); "
    "check the structure type",
)
NO_CERTIFICATE = Message(
    "records.no_certificate",
    "a certificate number: a game-service point needs an eligibility certificate; "
    "without one it is recorded as pending",
)
DUPLICATE_IN_FILE = Message(
    "records.duplicate_in_file",
    "a site code used once per network; row {first_row} has the same network "
    "{network} and site code",
)
CO_LOCATED_OWN = Message(
    "records.co_located_own",
    "other operators than the site's own network ({network}, {operator})",
)
DATE_ORDER = Message(
    "records.date_order", "a date on or after {start_label_en} ({start})"
)
TECHNOLOGY_YEAR = Message(
    "records.technology_year",
    "a date from {year} on: {technology} was not on air in Vietnam before {year}",
)

# -- forms and the record use cases ------------------------------------------
UNKNOWN_FIELD = Message("records.unknown_field", "a field of this record")
SITE_CODE_TAKEN = Message(
    "records.site_code_taken",
    "a code not yet used by network {network} (site #{taken} has it)",
)
STATUS_THROUGH_CHANGE = Message(
    "records.status_through_change", "a change through change status"
)
STATUS = Message("records.status", "{allowed}")
STATUS_REASON = Message("records.status_reason", "why the status changes")
RETIRE_REASON = Message("records.retire_reason", "why the record is retired")
NOT_FUTURE = Message("records.not_future", "a date not after today")
AFTER_STATUS_DATE = Message(
    "records.after_status_date",
    "a date on or after the current status date {status_since}",
)
SITE_NOT_FOUND = Message("records.site_not_found", "BTS site {key!r} does not exist")
POINT_NOT_FOUND = Message(
    "records.point_not_found", "public point {key!r} does not exist"
)
STALE_VERSION = Message(
    "records.stale_version",
    "record #{id} was changed by someone else (version {version}, you edited "
    "version {expected}); reload it",
)
RETIRED = Message(
    "records.retired",
    "record #{id} was retired on {retired_on}; retired records are kept as they were",
)
TRANSITION = Message(
    "records.transition",
    "record #{id} is {current}; it cannot become {new} (allowed: {allowed})",
)
ANOTHER_NETWORK = Message(
    "records.another_network", "their network is {own}, the site's is {network}"
)
NO_RECORDS_TO_READ = Message("records.no_records_to_read", "the role reads no records")
