"""bundle sync history

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('sync_history',
    sa.Column('student_id', sa.String(), nullable=False),
    sa.Column('content_hash', sa.String(), nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_sync_history_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('student_id', 'content_hash', name=op.f('pk_sync_history'))
    )



def downgrade() -> None:

    op.drop_table('sync_history')

