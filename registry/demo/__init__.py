"""The demo province: a deterministic, clearly labelled data set for Nghệ An.

Use cases: :func:`~registry.demo.load.load_demo`.

May import: ``kernel``, ``access``, ``units``, ``records``, ``reference``,
``permits``, ``geodata``.
"""
