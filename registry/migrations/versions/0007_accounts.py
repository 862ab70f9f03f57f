"""accounts: demo accounts marked, sign-in throttle

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'demo_account',
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
            )
        )
    op.create_table('sign_in_throttle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failed_at', sa.DateTime(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('scope', 'subject', name='uq_sign_in_throttle_subject')
    )
    # The demo loader's users, made before this column existed: the demo data set
    # (DatasetInfo demo_data = true) and their shared password are the demo's.
    op.execute(
        "UPDATE users SET demo_account = "
        + ("1" if op.get_bind().dialect.name == "sqlite" else "true")
        + " WHERE username IN ('so.tttt', 'huyen.vinh', 'huyen.nghiloc', "
        "'xa.hungdung', 'xa.truongvinh', 'viettel', 'khach') AND EXISTS "
        "(SELECT 1 FROM dataset_info WHERE key = 'demo_data' AND value = 'true')"
    )


def downgrade() -> None:
    op.drop_table('sign_in_throttle')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('demo_account')
