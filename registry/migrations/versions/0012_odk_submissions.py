"""odk submissions: instanceID of each imported ODK submission, its GPS point and flag

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 04:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('odk_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.String(length=100), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('submitter', sa.String(length=60), nullable=False),
    sa.Column('form_id', sa.String(length=120), nullable=True),
    sa.Column('form_version', sa.String(length=60), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('accuracy_m', sa.Float(), nullable=True),
    sa.Column('distance_m', sa.Float(), nullable=True),
    sa.Column('gps_far', sa.Boolean(), nullable=False),
    sa.Column('imported_by', sa.String(length=60), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('instance_id')
    )
    with op.batch_alter_table('odk_submissions', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_odk_submissions_inspection_id'),
            ['inspection_id'],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table('odk_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_odk_submissions_inspection_id'))
    op.drop_table('odk_submissions')
