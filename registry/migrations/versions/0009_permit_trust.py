"""permit trust: transfers between operators and their consent

Adds the receiving operator and its consent to permit applications, and a
bts_transfer row (decided by the department in 10 working days, nothing to verify)
for every BTS case to each stored delegation matrix version, as the presets now
have: a complete matrix has a row for every kind and case.

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-03 16:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0007'
branch_labels = None
depends_on = None

_CASES = ('ground_tower', 'building_pole', 'small_rooftop', 'high_or_protected')
_ROWS = sa.table(
    'delegation_rows',
    sa.column('matrix_id', sa.Integer),
    sa.column('kind', sa.String),
    sa.column('case_key', sa.String),
    sa.column('verify_level', sa.String),
    sa.column('verify_days', sa.Integer),
    sa.column('decide_level', sa.String),
    sa.column('decide_days', sa.Integer),
    sa.column('escalate_level', sa.String),
    sa.column('escalate_days', sa.Integer),
)


def upgrade() -> None:
    with op.batch_alter_table('permit_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('receiving_network', sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column('consented_by', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('consented_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_permit_applications_receiving_network'), ['receiving_network'], unique=False)
    bind = op.get_bind()
    matrices = [row[0] for row in bind.execute(sa.text('SELECT id FROM delegation_matrices'))]
    having = {
        row[0]
        for row in bind.execute(
            sa.text("SELECT DISTINCT matrix_id FROM delegation_rows WHERE kind = 'bts_transfer'")
        )
    }
    rows = [
        {
            'matrix_id': matrix_id,
            'kind': 'bts_transfer',
            'case_key': case,
            'verify_level': None,
            'verify_days': None,
            'decide_level': 'department',
            'decide_days': 10,
            'escalate_level': None,
            'escalate_days': None,
        }
        for matrix_id in matrices
        if matrix_id not in having
        for case in _CASES
    ]
    if rows:
        op.bulk_insert(_ROWS, rows)


def downgrade() -> None:
    op.execute("DELETE FROM delegation_rows WHERE kind = 'bts_transfer'")
    with op.batch_alter_table('permit_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_permit_applications_receiving_network'))
        batch_op.drop_column('consented_on')
        batch_op.drop_column('consented_by')
        batch_op.drop_column('receiving_network')
