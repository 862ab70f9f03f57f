"""concurrency: one open inspection draft per point, kept by the database

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 16:10:00

Two people opening an inspection of the same point at once made two drafts; a
partial unique index (point_id where the state is 'draft') makes the database
refuse the second on SQLite and PostgreSQL. A registry that already holds two
drafts of one point keeps the oldest as the draft and marks the others
'rejected' with an audit entry, so the index can be created.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

INDEX = 'uq_inspections_one_draft_per_point'
DRAFT = sa.text("state = 'draft'")


def _close_extra_drafts() -> None:
    """Reject every draft of a point but its oldest (audited), so that the
    unique index can be built on a registry that raced before it existed."""
    bind = op.get_bind()
    extra = bind.execute(
        sa.text(
            "SELECT id, point_id FROM inspections WHERE state = 'draft' AND id > "
            "(SELECT MIN(o.id) FROM inspections o "
            "WHERE o.point_id = inspections.point_id AND o.state = 'draft')"
        )
    ).all()
    stamp = datetime.now(UTC).replace(tzinfo=None)
    for inspection_id, point_id in extra:
        bind.execute(
            sa.text(
                "UPDATE inspections SET state = 'rejected', version = version + 1, "
                "review_note = :note, updated_at = :at WHERE id = :id"
            ),
            {"id": inspection_id, "at": stamp, "note": f"second draft of point #{point_id}"},
        )
        bind.execute(
            sa.text(
                "INSERT INTO audit_log (at, actor, action, entity_type, entity_id, "
                "before, after, reason) VALUES (:at, 'migration', 'review', "
                "'inspection', :id, '{\"state\": \"draft\"}', "
                "'{\"state\": \"rejected\"}', :reason)"
            ),
            {
                "at": stamp,
                "id": str(inspection_id),
                "reason": f"second draft of point #{point_id} (migration 0006)",
            },
        )


def upgrade() -> None:
    _close_extra_drafts()
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.create_index(
            INDEX,
            ['point_id'],
            unique=True,
            sqlite_where=DRAFT,
            postgresql_where=DRAFT,
        )


def downgrade() -> None:
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.drop_index(INDEX)
