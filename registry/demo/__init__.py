"""The demo province: a deterministic, clearly labelled data set for Nghệ An.

Use cases: :func:`~registry.demo.load.load_demo`,
:func:`~registry.demo.remove.remove_demo` (the registry leaves the demo for good).

May import: ``kernel``, ``access``, ``units``, ``records``, ``reference``,
``rules``, ``inspections`` (the demo's inspection history), ``permits``, ``geodata``.
"""
