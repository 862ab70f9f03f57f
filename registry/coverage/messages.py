"""Refusals of the coverage model and the sharing report (codes, English)."""

from __future__ import annotations

from registry.kernel.errors import Message

TECHNOLOGY = Message("coverage.technology", "one of {technologies}")
OPERATOR = Message("coverage.operator", "a network code such as 04")
OTHER_OPERATOR = Message(
    "coverage.other_operator", "operators see only their own network ({own})"
)
SHARING_DISTANCE = Message(
    "coverage.sharing_distance", "metres, more than 0, at most 10000"
)
