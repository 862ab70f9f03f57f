"""Modelled coverage of the mobile network per unit on any date, sharing of
infrastructure, and the coverage dashboard.

Use cases: :func:`~registry.coverage.model.coverage_report`,
:func:`~registry.coverage.sharing.sharing_report`,
:func:`~registry.coverage.dashboard.coverage_dashboard`.

May import: ``kernel``, ``access``, ``units``, ``records``, ``reference``, ``maps``,
``geodata``.
"""
