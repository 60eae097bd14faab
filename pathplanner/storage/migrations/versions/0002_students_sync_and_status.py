"""students: sync hash, cached A-G status; local_id required

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A students without an SIS id had NULL; the app now uses "" for "none". The column change
    # makes batch mode rebuild ``students`` (copy, drop, rename): Database.open runs this with
    # foreign keys off, or dropping the old table would cascade into every child table.
    op.execute("UPDATE students SET local_id = '' WHERE local_id IS NULL")
    with op.batch_alter_table('students', schema=None) as batch_op:
        batch_op.add_column(sa.Column('synced_hash', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('ag_status', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('ag_status_at', sa.String(), nullable=True))
        batch_op.alter_column('local_id',
               existing_type=sa.VARCHAR(),
               server_default='',
               nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('students', schema=None) as batch_op:
        batch_op.alter_column('local_id',
               existing_type=sa.VARCHAR(),
               server_default=None,
               nullable=True)
        batch_op.drop_column('ag_status_at')
        batch_op.drop_column('ag_status')
        batch_op.drop_column('synced_hash')
