"""Compliance rules as versioned data: the rule set in force on a day and how a point
fares against it.

Use cases: :func:`~registry.rules.compliance.evaluate_point`,
:func:`~registry.rules.compliance.evaluate_points`.

May import: ``kernel``, ``access``, ``units``, ``records``, ``reference``,
``geodata``.
"""
