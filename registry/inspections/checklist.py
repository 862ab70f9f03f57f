"""The checklist of an inspection, made from the rule set in force on its date.

The rules themselves live in :mod:`registry.rules.compliance` (versioned rule-set
files). An inspection takes the rules that apply to its point's kind, in the file's
order, copies their wording (so the record reads the same if a file changes later) and
pre-fills the automatic ones with what the registry's own data says that day.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from registry.access.permissions import Actor
from registry.inspections import messages as msg
from registry.inspections.vocabulary import ItemResult
from registry.kernel.db import Registry
from registry.kernel.errors import FieldError, RegistryError
from registry.kernel.models import PublicPoint
from registry.rules import compliance as rules

# The check of the game-point rule on the distance to school gates.
SCHOOL_DISTANCE_CHECK = "school_distance_min"
_DECIDED = frozenset(r.value for r in ItemResult)


def ruleset_in_force(day: date):
    """The rule set in force on ``day``; a :class:`FieldError` when there is none."""
    try:
        return rules.ruleset_on(day)
    except rules.NoRuleSetError:
        rulesets = rules.load_rulesets()
        raise FieldError(
            "inspected_on",
            day,
            msg.NO_RULESET,
            covered="; ".join(f"{r.key} {r.period}" for r in rulesets),
            rulesets=[r.key for r in rulesets],
        ) from None


def ruleset_key_on(day: date) -> str:
    """Key of the rule set in force on ``day``."""
    return ruleset_in_force(day).key


def ruleset_facts(ruleset) -> dict[str, Any]:
    """What a page shows about a rule set: key, version, titles, dates, source."""
    return {
        "key": ruleset.key,
        "version": ruleset.version,
        "title_vi": ruleset.title_vi,
        "title_en": ruleset.title_en,
        "effective_from": ruleset.effective_from,
        "effective_to": ruleset.effective_to,
        "source": ruleset.source,
    }


def stored_ruleset(key: str) -> dict[str, Any]:
    """Facts of the rule set stored under ``key`` (only the key if it is gone)."""
    try:
        return ruleset_facts(rules.ruleset_by_key(key))
    except RegistryError:
        return {"key": key}


def checklist_items(
    registry: Registry, actor: Actor, point: PublicPoint, day: date
) -> tuple[Any, list[dict[str, Any]]]:
    """(rule set, checklist rows) for inspecting ``point`` on ``day``.

    Automatic rules are pre-filled with the outcome of the registry's own check
    (pass, fail or not applicable); the inspector confirms or changes them on site.
    Rules the registry cannot decide are left empty.
    """
    ruleset = ruleset_in_force(day)
    found, results = rules.evaluate_point(registry, actor, point.id, on=day)
    if found.key != ruleset.key:  # both read the same files: a defect if they differ
        raise RegistryError(
            msg.RULESET_MISMATCH, day=day, found=found.key, in_force=ruleset.key
        )
    by_rule = {result.rule_id: result for result in results}
    items = []
    for position, rule in enumerate(ruleset.rules_for(point.kind), start=1):
        result = by_rule.get(rule.id)
        outcome = getattr(result, "outcome", None)
        items.append(
            {
                "rule_id": rule.id,
                "position": position,
                "title_vi": rule.message_vi,
                "title_en": rule.message_en,
                "automatic": bool(rule.automatic),
                "auto_outcome": outcome,
                "auto_detail_vi": getattr(result, "detail_vi", None),
                "auto_detail_en": getattr(result, "detail_en", None),
                "result": outcome if rule.automatic and outcome in _DECIDED else None,
                "note": None,
            }
        )
    return ruleset, items


def school_rule_ids(ruleset) -> list[str]:
    """Ids of the rule set's rules on the distance to school gates (maybe none)."""
    return [rule.id for rule in ruleset.rules if rule.check == SCHOOL_DISTANCE_CHECK]
