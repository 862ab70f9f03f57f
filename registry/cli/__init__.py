"""The command line, ``python -m registry``: one module per command group.

Use cases: :func:`~registry.cli.main.main` dispatches to the services of the other
packages; :func:`~registry.cli.applications.run_applications` and
:func:`~registry.cli.report.run_report` and :func:`~registry.cli.users.run_users`
run their groups.

May import: every package of the registry and ``geodata``.
"""
