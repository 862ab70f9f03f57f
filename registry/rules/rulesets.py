"""Rule sets as data: the files, their checking, and the rule set in force on a day.

One TOML file per legal regime in ``registry/rules/sets/`` (the format is described in
``nd72-2013-nd27-2018.toml``). :func:`load_rulesets` reads and checks them all and
refuses, naming the file and the rule, anything it could misread: unknown fields or
checks, thresholds a check does not take, missing messages, overlapping periods.
The public names are re-exported by :mod:`registry.rules.compliance`.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from registry.kernel.errors import (
    FieldError,
    Message,
    NotFoundError,
    RegistryError,
    ValidationError,
)
from registry.kernel.vocabulary import PointKind
from registry.rules import messages as msg

RULESETS_DIR = Path(__file__).parent / "sets"
OUTCOMES = ("pass", "fail", "not_applicable", "manual")
POINT_KINDS = tuple(kind.value for kind in PointKind)
# Thresholds that name a setting instead of a value: setting -> Config attribute.
SETTING_THRESHOLDS = {"REGISTRY_INTERNET_HOURS": "internet_hours"}
# check -> (decided from the registry?, accepted threshold key sets)
CHECKS: dict[str, tuple[bool, tuple[frozenset[str], ...]]] = {
    "certificate_valid": (True, (frozenset({"years"}),)),
    "hours_within": (True, (frozenset({"opens", "closes"}), frozenset({"setting"}))),
    "floor_area_min_by_urban_class": (
        True,
        (frozenset({"class_I_III", "class_IV_V", "other"}),),
    ),
    "school_distance_min": (True, (frozenset({"metres"}),)),
    "business_registered": (True, (frozenset(),)),
    "agent_contract": (True, (frozenset(),)),
    "sign_posted": (False, (frozenset(),)),
    "rules_posted": (False, (frozenset(),)),
    "games_list_posted": (False, (frozenset(),)),
    "fire_equipment": (False, (frozenset(),)),
    "lighting_adequate": (False, (frozenset(),)),
}
_TOP_KEYS = {"key", "version", "title_vi", "title_en", "effective_from"}
_TOP_KEYS |= {"effective_to", "source", "rules"}
_RULE_KEYS = {"id", "applies_to", "check", "threshold", "automatic", "basis"}
_RULE_KEYS |= {"message_vi", "message_en"}
_RULE_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")
_HHMM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


class RuleSetError(RegistryError):
    """A rule-set file is malformed; names the file and, where known, the rule."""

    def __init__(
        self, path: Path, message: Message, rule_id: str | None = None, **context
    ):
        self.path = Path(path)
        self.rule_id = rule_id
        super().__init__(message, file=self.path.name, rule_id=rule_id, **context)

    @property
    def reason(self) -> str:
        """What is wrong with the file, in English."""
        return self.message.text(self.context)

    def _english(self) -> str:
        where = f", rule {self.rule_id!r}" if self.rule_id else ""
        return f"Rule set file '{self.path.name}'{where}: {self.reason}"


class NoRuleSetError(NotFoundError):
    """No rule set is in force on the day asked for."""

    def __init__(self, day: date, rulesets: tuple[RuleSet, ...]):
        covered = "; ".join(f"{r.key} {r.period}" for r in rulesets) or "none"
        self.what = "rule set in force on"
        self.key = day.isoformat()
        super().__init__(msg.NO_RULESET, day=day, covered=covered)


@dataclass(frozen=True)
class Rule:
    """One rule of a rule set."""

    id: str
    applies_to: tuple[str, ...]
    check: str
    threshold: Mapping[str, Any] = field(hash=False)
    automatic: bool
    message_vi: str
    message_en: str
    basis: str | None = None

    def message(self, language: str = "vi") -> str:
        """What the rule requires, in Vietnamese (default) or English."""
        return self.message_en if language == "en" else self.message_vi


@dataclass(frozen=True)
class RuleSet:
    """The rules of one legal regime and the period it is in force."""

    key: str
    version: int
    title_vi: str
    title_en: str
    effective_from: date
    effective_to: date | None
    source: str
    rules: tuple[Rule, ...]
    path: Path
    sha256: str

    @property
    def period(self) -> str:
        """'2018-03-01 – 2024-12-24' or '2024-12-25 –' (open-ended)."""
        end = self.effective_to.isoformat() if self.effective_to else ""
        return f"{self.effective_from.isoformat()} – {end}".rstrip()

    def in_force_on(self, day: date) -> bool:
        """True when ``day`` lies in the rule set's period (both ends included)."""
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id; :class:`NotFoundError` when the set has none."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise NotFoundError(msg.RULE_NOT_FOUND, ruleset=self.key, key=rule_id)

    def rules_for(self, kind: str) -> tuple[Rule, ...]:
        """The rules that apply to a kind of point, in file order."""
        return tuple(rule for rule in self.rules if kind in rule.applies_to)


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one rule for one point, with the facts it was decided on."""

    rule_id: str
    outcome: str  # one of OUTCOMES
    detail_vi: str
    detail_en: str
    facts: dict[str, Any] = field(default_factory=dict, hash=False)


# -- reading and checking the files ---------------------------------------------


def _text(path: Path, raw: Mapping, name: str, rule_id: str | None = None) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise RuleSetError(path, msg.MISSING_TEXT, rule_id, name=name)
    return unicodedata.normalize("NFC", " ".join(value.split()))


def _threshold(path: Path, check: str, raw: object, rule_id: str) -> Mapping:
    threshold = {} if raw is None else raw
    if not isinstance(threshold, dict):
        raise RuleSetError(path, msg.THRESHOLD_TABLE, rule_id)
    accepted = CHECKS[check][1]
    if frozenset(threshold) not in accepted:
        shapes = " or ".join(
            "{" + ", ".join(sorted(keys)) + "}" if keys else "no threshold"
            for keys in accepted
        )
        raise RuleSetError(
            path,
            msg.THRESHOLD_SHAPE,
            rule_id,
            check=check,
            shapes=shapes,
            given=", ".join(sorted(threshold)),
        )
    for name, value in threshold.items():
        if name in ("opens", "closes"):
            ok = isinstance(value, str) and _HHMM.fullmatch(value)
            expected = msg.THRESHOLD_TIME
        elif name == "setting":
            ok = isinstance(value, str) and value in SETTING_THRESHOLDS
            expected = msg.THRESHOLD_SETTING
        elif name == "years":
            ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
            expected = msg.THRESHOLD_YEARS
        else:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            ok = ok and value > 0
            expected = msg.THRESHOLD_NUMBER
        if not ok:
            raise RuleSetError(
                path,
                expected,
                rule_id,
                name=name,
                value=value,
                settings=list(SETTING_THRESHOLDS),
            )
    if "opens" in threshold and threshold["closes"] <= threshold["opens"]:
        raise RuleSetError(path, msg.THRESHOLD_HOURS, rule_id)
    return MappingProxyType(dict(threshold))


def _rule(path: Path, number: int, raw: object, seen: set[str]) -> Rule:
    if not isinstance(raw, dict):
        raise RuleSetError(path, msg.RULE_NOT_TABLE, number=number)
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.fullmatch(rule_id):
        raise RuleSetError(path, msg.RULE_ID, number=number, given_id=rule_id)
    if rule_id in seen:
        raise RuleSetError(path, msg.RULE_ID_TWICE, rule_id)
    seen.add(rule_id)
    unknown = sorted(set(raw) - _RULE_KEYS)
    if unknown:
        raise RuleSetError(path, msg.UNKNOWN_FIELDS, rule_id, fields=unknown)
    check = raw.get("check")
    if check not in CHECKS:
        raise RuleSetError(
            path, msg.UNKNOWN_CHECK, rule_id, check=check, checks=list(CHECKS)
        )
    kinds = raw.get("applies_to")
    if not isinstance(kinds, list) or not kinds or set(kinds) - set(POINT_KINDS):
        raise RuleSetError(
            path, msg.APPLIES_TO, rule_id, kinds=kinds, known=list(POINT_KINDS)
        )
    automatic = raw.get("automatic")
    if not isinstance(automatic, bool):
        raise RuleSetError(path, msg.AUTOMATIC, rule_id)
    if automatic and not CHECKS[check][0]:
        raise RuleSetError(path, msg.ON_SITE_ONLY, rule_id, check=check)
    return Rule(
        id=rule_id,
        applies_to=tuple(kinds),
        check=check,
        threshold=_threshold(path, check, raw.get("threshold"), rule_id),
        automatic=automatic,
        message_vi=_text(path, raw, "message_vi", rule_id),
        message_en=_text(path, raw, "message_en", rule_id),
        basis=_text(path, raw, "basis", rule_id) if "basis" in raw else None,
    )


def _day(path: Path, raw: Mapping, name: str) -> date | None:
    value = raw.get(name)
    if value is None and name == "effective_to":
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise RuleSetError(path, msg.DATE, name=name, value=value)
    return value


def _read_ruleset(path: Path) -> RuleSet:
    data = path.read_bytes()
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RuleSetError(path, msg.NOT_TOML, detail=str(error)) from None
    unknown = sorted(set(raw) - _TOP_KEYS)
    if unknown:
        raise RuleSetError(path, msg.UNKNOWN_FIELDS, fields=unknown)
    key = _text(path, raw, "key")
    if key != path.stem:
        raise RuleSetError(path, msg.KEY_NOT_FILE_NAME, key=key, stem=path.stem)
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise RuleSetError(path, msg.VERSION, version=version)
    start, end = _day(path, raw, "effective_from"), _day(path, raw, "effective_to")
    if end is not None and end < start:
        raise RuleSetError(path, msg.PERIOD, end=end, start=start)
    rules = raw.get("rules")
    if not isinstance(rules, list) or not rules:
        raise RuleSetError(path, msg.NO_RULES)
    seen: set[str] = set()
    return RuleSet(
        key=key,
        version=version,
        title_vi=_text(path, raw, "title_vi"),
        title_en=_text(path, raw, "title_en"),
        effective_from=start,
        effective_to=end,
        source=_text(path, raw, "source"),
        rules=tuple(_rule(path, n, r, seen) for n, r in enumerate(rules, start=1)),
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _check_periods(rulesets: list[RuleSet]) -> None:
    for earlier, later in zip(rulesets, rulesets[1:], strict=False):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise RuleSetError(
                later.path,
                msg.OVERLAP,
                period=later.period,
                other_period=earlier.period,
                other_file=earlier.path.name,
            )


@lru_cache(maxsize=8)
def _load(directory: Path, stamps: tuple) -> tuple[RuleSet, ...]:
    rulesets = sorted(
        (_read_ruleset(directory / name) for name, _ in stamps),
        key=lambda r: r.effective_from,
    )
    _check_periods(rulesets)
    return tuple(rulesets)


def load_rulesets(directory: str | Path | None = None) -> tuple[RuleSet, ...]:
    """Read and check every rule-set file of a folder, oldest period first.

    Parameters
    ----------
    directory : path, optional
        Folder of ``*.toml`` rule sets; default ``registry/rules/sets``.

    Raises
    ------
    RuleSetError
        Naming the file (and the rule) that is wrong: invalid TOML, missing or
        unknown fields, an unknown check, a threshold the check does not take, a
        missing message, periods that overlap.

    Notes
    -----
    Results are cached until a file in the folder changes.
    """
    folder = Path(directory or RULESETS_DIR).resolve()
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise RuleSetError(folder, msg.EMPTY_FOLDER)
    return _load(folder, tuple((f.name, f.stat().st_mtime_ns) for f in files))


def check_day(day: object) -> date:
    """``day`` itself when it is a date (not a datetime); else a ValidationError."""
    if not isinstance(day, date) or isinstance(day, datetime):
        raise ValidationError([FieldError("on", day, msg.DAY)])
    return day


def ruleset_on(day: date, *, directory: str | Path | None = None) -> RuleSet:
    """The rule set in force on ``day``; :class:`NoRuleSetError` when none is."""
    check_day(day)
    rulesets = load_rulesets(directory)
    for ruleset in rulesets:
        if ruleset.in_force_on(day):
            return ruleset
    raise NoRuleSetError(day, rulesets)


def ruleset_by_key(
    key: str, version: int | None = None, *, directory: str | Path | None = None
) -> RuleSet:
    """The rule set stored under ``key`` (and ``version``, when given)."""
    for ruleset in load_rulesets(directory):
        if ruleset.key == key:
            if version is not None and ruleset.version != version:
                raise NotFoundError(
                    msg.RULESET_VERSION_NOT_FOUND,
                    ruleset=key,
                    current=ruleset.version,
                    key=version,
                )
            return ruleset
    raise NotFoundError(msg.RULESET_NOT_FOUND, key=key)
