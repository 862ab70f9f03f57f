"""audit log append-only: the database refuses UPDATE and DELETE on audit_log

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 16:10:00
"""

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# Matched by the code that explains the refusal: keep the words.
REFUSAL = 'audit_log is append-only'

_SQLITE_TRIGGERS = {
    'audit_log_no_update': 'UPDATE',
    'audit_log_no_delete': 'DELETE',
}

_POSTGRESQL = [
    f"""
    CREATE FUNCTION audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{REFUSAL}: % refused', TG_OP
            USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    """
    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
    """,
    """
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
    """,
]


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for statement in _POSTGRESQL:
            op.execute(statement)
        return
    for name, event in _SQLITE_TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}: {event} refused'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log')
        op.execute('DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log')
        op.execute('DROP FUNCTION IF EXISTS audit_log_append_only()')
        return
    for name in _SQLITE_TRIGGERS:
        op.execute(f'DROP TRIGGER IF EXISTS {name}')
