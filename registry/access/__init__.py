"""Who the users are and what they may do, where.

Use cases: :func:`~registry.access.users.create_user`,
:func:`~registry.access.users.list_users`,
:func:`~registry.access.profile.actor_profile`; :mod:`.permissions` holds the rules
every other use case checks.

May import: ``kernel``, ``geodata``.
"""
