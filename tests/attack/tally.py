"""Counts the attack suite prints at the end of a run.

Each attack test records what it tried and how it ended under a named measure
("calls outside the area", "races", "payloads x sinks", "uploads"), with the
outcomes counted by name (``refused``, ``leaked``, ``lost``, ``executed`` ...).
Under pytest-xdist every worker hands its counts to the controller when it ends
(``workeroutput``), which adds them up and prints one table
(:func:`summary_lines`); ``tests/conftest.py`` wires the hooks.

The outcomes named in :data:`MUST_BE_ZERO` are the failures the issue counts:
a test that records one also fails on its own assertion.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

MUST_BE_ZERO = ("leaked", "lost", "executed", "unexplained")
WORKER_KEY = "attack_tally"

_COUNTS: dict[str, Counter] = defaultdict(Counter)


def record(measure: str, **outcomes: int) -> None:
    """Add ``outcomes`` (name -> count) to ``measure``, e.g.
    ``record("uploads", tried=1, refused=1)``."""
    _COUNTS[measure].update({name: int(count) for name, count in outcomes.items()})


def dumps() -> str:
    """This process's counts as JSON (what a worker hands to the controller)."""
    return json.dumps({measure: dict(counts) for measure, counts in _COUNTS.items()})


def merge(dumped: str) -> None:
    """Add a worker's :func:`dumps` to this process's counts."""
    for measure, counts in json.loads(dumped).items():
        record(measure, **counts)


def summary_lines() -> list[str]:
    """One line per measure, outcomes in a stable order; empty when nothing ran."""
    lines = []
    for measure in sorted(_COUNTS):
        counts = _COUNTS[measure]
        order = ["tried"] + sorted(name for name in counts if name != "tried")
        shown = ", ".join(f"{name} {counts[name]}" for name in order if name in counts)
        lines.append(f"{measure}: {shown}")
    return lines
