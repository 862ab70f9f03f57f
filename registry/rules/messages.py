"""Refusals of rule-set files and of rule-set lookups (codes, English)."""

from __future__ import annotations

from registry.kernel.errors import Message

# -- a malformed rule-set file (the reason after "Rule set file '…', rule '…': ")
MISSING_TEXT = Message("rules.missing_text", "{name} is missing or empty")
THRESHOLD_TABLE = Message(
    "rules.threshold_table", "threshold should be a table like {{metres = 200}}"
)
THRESHOLD_SHAPE = Message(
    "rules.threshold_shape", "check {check} takes {shapes}; got {{{given}}}"
)
THRESHOLD_TIME = Message(
    "rules.threshold_time", "threshold {name} = {value!r}: expected a time like '08:00'"
)
THRESHOLD_SETTING = Message(
    "rules.threshold_setting",
    "threshold {name} = {value!r}: expected one of {settings}",
)
THRESHOLD_YEARS = Message(
    "rules.threshold_years",
    "threshold {name} = {value!r}: expected a whole number of years > 0",
)
THRESHOLD_NUMBER = Message(
    "rules.threshold_number", "threshold {name} = {value!r}: expected a number > 0"
)
THRESHOLD_HOURS = Message(
    "rules.threshold_hours", "threshold closes should come after opens"
)
RULE_NOT_TABLE = Message("rules.rule_not_table", "rule #{number} is not a table")
RULE_ID = Message(
    "rules.rule_id",
    "rule #{number}: id {given_id!r} should be lower-case letters, digits, '.', '_' "
    "or '-', like 'game.hours'",
)
RULE_ID_TWICE = Message("rules.rule_id_twice", "the id is used by two rules")
UNKNOWN_FIELDS = Message("rules.unknown_fields", "unknown field(s) {fields}")
UNKNOWN_CHECK = Message(
    "rules.unknown_check", "unknown check {check!r}; known checks: {checks}"
)
APPLIES_TO = Message(
    "rules.applies_to",
    "applies_to = {kinds!r}: expected a list of point kinds from {known}",
)
AUTOMATIC = Message("rules.automatic", "automatic should be true or false")
ON_SITE_ONLY = Message(
    "rules.on_site_only", "check {check} is made on site: it cannot be automatic"
)
DATE = Message("rules.date", "{name} = {value!r}: expected a date like 2024-12-25")
NOT_TOML = Message("rules.not_toml", "not valid TOML (UTF-8): {detail}")
KEY_NOT_FILE_NAME = Message(
    "rules.key_not_file_name", "key {key!r} should be the file name {stem!r}"
)
VERSION = Message("rules.version", "version = {version!r}: expected a whole number ≥ 1")
PERIOD = Message("rules.period", "effective_to {end} is before effective_from {start}")
NO_RULES = Message("rules.no_rules", "no rules: add [[rules]] tables")
OVERLAP = Message(
    "rules.overlap",
    "its period {period} overlaps the period {other_period} of '{other_file}'; one "
    "rule set must end before the next begins",
)
EMPTY_FOLDER = Message(
    "rules.empty_folder", "the folder holds no rule-set files (*.toml)"
)

# -- lookups -------------------------------------------------------------------
DAY = Message("rules.day", "a date (without a time)")
NO_RULESET = Message(
    "rules.no_ruleset",
    "No rule set is in force on {day:%d/%m/%Y}; the rule sets cover: {covered}",
)
RULE_NOT_FOUND = Message(
    "rules.rule_not_found", "rule of rule set {ruleset} {key!r} does not exist"
)
RULESET_VERSION_NOT_FOUND = Message(
    "rules.ruleset_version_not_found",
    "version of rule set {ruleset} (the file is at version {current}) {key!r} does "
    "not exist",
)
RULESET_NOT_FOUND = Message(
    "rules.ruleset_not_found", "rule set {key!r} does not exist"
)
POINT_NOT_FOUND = Message(
    "rules.point_not_found", "public point {key!r} does not exist"
)
