"""Who the users are and what they may do, where.

Use cases: :func:`~registry.access.users.create_user`,
:func:`~registry.access.users.list_users`,
:func:`~registry.access.profile.actor_profile`,
:func:`~registry.access.signin.sign_in` (password check behind a per-name and
per-client throttle), :func:`~registry.access.accounts.disable_user`,
:func:`~registry.access.accounts.enable_user`,
:func:`~registry.access.accounts.set_password`,
:func:`~registry.access.accounts.set_role`,
:func:`~registry.access.accounts.set_area`,
:func:`~registry.access.sessions.open_session`,
:func:`~registry.access.sessions.claim_session`,
:func:`~registry.access.sessions.resume_session`,
:func:`~registry.access.sessions.check_session`,
:func:`~registry.access.sessions.set_session_language`,
:func:`~registry.access.sessions.sign_out` (every session of the user);
:func:`~registry.access.sessions.end_user_sessions` and
:func:`~registry.access.demo_accounts.leave_demo` run inside the use cases that
disable a user or take a registry out of the demo. :mod:`.permissions` holds the
rules every other use case checks.

May import: ``kernel``, ``geodata``.
"""
