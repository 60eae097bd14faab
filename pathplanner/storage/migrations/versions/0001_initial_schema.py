"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.Column('os_user', sa.String(), nullable=False),
    sa.Column('counselor', sa.String(), server_default='', nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('target', sa.Text(), server_default='', nullable=False),
    sa.Column('detail', sa.Text(), server_default='', nullable=False),
    sa.Column('student_count', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('students',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('local_id', sa.String(), nullable=True),
    sa.Column('first_name', sa.String(), nullable=False),
    sa.Column('last_name', sa.String(), nullable=False),
    sa.Column('preferred_name', sa.String(), server_default='', nullable=False),
    sa.Column('graduation_year', sa.Integer(), nullable=False),
    sa.Column('grade_level', sa.Integer(), nullable=False),
    sa.Column('school', sa.String(), server_default='', nullable=False),
    sa.Column('counselor', sa.String(), server_default='', nullable=False),
    sa.Column('family_language', sa.String(), server_default='en', nullable=False),
    sa.Column('residency', sa.String(), server_default='resident', nullable=False),
    sa.Column('english_learner', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('iep', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('email', sa.String(), server_default='', nullable=False),
    sa.Column('notes', sa.Text(), server_default='', nullable=False),
    sa.Column('revision', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.String(), nullable=False),
    sa.Column('updated_at', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_students'))
    )
    with op.batch_alter_table('students', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_students_local_id'), ['local_id'], unique=False)
        batch_op.create_index('ix_students_sort', ['last_name', 'first_name'], unique=False)

    op.create_table('audit_log_students',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['audit_log.id'], name=op.f('fk_audit_log_students_entry_id_audit_log'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('entry_id', 'student_id', name=op.f('pk_audit_log_students'))
    )
    with op.batch_alter_table('audit_log_students', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_students_student_id'), ['student_id'], unique=False)

    op.create_table('course_records',
    sa.Column('student_id', sa.String(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.String(), nullable=True),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(), nullable=False),
    sa.Column('grade_level', sa.Integer(), nullable=False),
    sa.Column('mark', sa.String(), server_default='', nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('course_json', sa.Text(), nullable=True),
    sa.Column('summer', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('college_units', sa.Float(), nullable=True),
    sa.Column('repeat_of', sa.String(), nullable=True),
    sa.Column('school', sa.String(), server_default='', nullable=False),
    sa.Column('source', sa.String(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_course_records_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('student_id', 'id', name=op.f('pk_course_records'))
    )
    op.create_table('plans',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('student_id', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('template_id', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('is_current', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('catalog_id', sa.String(), server_default='', nullable=False),
    sa.Column('catalog_version', sa.String(), server_default='', nullable=False),
    sa.Column('pathway_id', sa.String(), nullable=True),
    sa.Column('career_id', sa.String(), nullable=True),
    sa.Column('created_at', sa.String(), nullable=False),
    sa.Column('updated_at', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_plans_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans'))
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_student_id'), ['student_id'], unique=False)
        batch_op.create_index('uq_plans_one_current', ['student_id'], unique=True, sqlite_where=sa.text('is_current = 1'))

    op.create_table('test_scores',
    sa.Column('student_id', sa.String(), nullable=False),
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_test_scores_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('student_id', 'key', name=op.f('pk_test_scores'))
    )
    op.create_table('activities',
    sa.Column('plan_id', sa.String(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('grade_level', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_activities_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', 'id', name=op.f('pk_activities'))
    )
    op.create_table('meetings',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('student_id', sa.String(), nullable=False),
    sa.Column('plan_id', sa.String(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('decisions', sa.Text(), server_default='', nullable=False),
    sa.Column('notes', sa.Text(), server_default='', nullable=False),
    sa.Column('next_review', sa.Date(), nullable=True),
    sa.Column('acknowledged_on', sa.Date(), nullable=True),
    sa.Column('plan_snapshot', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_meetings_plan_id_plans'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_meetings_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index('ix_meetings_student_held', ['student_id', 'held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_student_id'), ['student_id'], unique=False)

    op.create_table('overrides',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('plan_id', sa.String(), nullable=False),
    sa.Column('path', sa.String(), nullable=False),
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('author', sa.String(), server_default='', nullable=False),
    sa.Column('created_at', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_overrides_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_overrides')),
    sa.UniqueConstraint('plan_id', 'path', 'code', name=op.f('uq_overrides_plan_id'))
    )
    with op.batch_alter_table('overrides', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_overrides_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_entry_points',
    sa.Column('plan_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('entry_point_id', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_entry_points_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', 'position', name=op.f('pk_plan_entry_points'))
    )
    op.create_table('planned_items',
    sa.Column('plan_id', sa.String(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.String(), nullable=False),
    sa.Column('grade_level', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('course_json', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_planned_items_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', 'id', name=op.f('pk_planned_items'))
    )
    op.create_table('postsecondary_steps',
    sa.Column('plan_id', sa.String(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('year_index', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('entry_point_id', sa.String(), nullable=True),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_postsecondary_steps_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', 'id', name=op.f('pk_postsecondary_steps'))
    )
    op.create_table('meeting_acknowledgments',
    sa.Column('meeting_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_acknowledgments_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'position', name=op.f('pk_meeting_acknowledgments'))
    )
    op.create_table('meeting_attendees',
    sa.Column('meeting_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_attendees_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'position', name=op.f('pk_meeting_attendees'))
    )
    op.create_table('meeting_next_steps',
    sa.Column('meeting_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('owner', sa.String(), server_default='', nullable=False),
    sa.Column('done', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_next_steps_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'position', name=op.f('pk_meeting_next_steps'))
    )



def downgrade() -> None:

    op.drop_table('meeting_next_steps')
    op.drop_table('meeting_attendees')
    op.drop_table('meeting_acknowledgments')
    op.drop_table('postsecondary_steps')
    op.drop_table('planned_items')
    op.drop_table('plan_entry_points')
    with op.batch_alter_table('overrides', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_overrides_plan_id'))

    op.drop_table('overrides')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_student_id'))
        batch_op.drop_index('ix_meetings_student_held')
        batch_op.drop_index(batch_op.f('ix_meetings_plan_id'))

    op.drop_table('meetings')
    op.drop_table('activities')
    op.drop_table('test_scores')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index('uq_plans_one_current', sqlite_where=sa.text('is_current = 1'))
        batch_op.drop_index(batch_op.f('ix_plans_student_id'))

    op.drop_table('plans')
    op.drop_table('course_records')
    with op.batch_alter_table('audit_log_students', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_students_student_id'))

    op.drop_table('audit_log_students')
    with op.batch_alter_table('students', schema=None) as batch_op:
        batch_op.drop_index('ix_students_sort')
        batch_op.drop_index(batch_op.f('ix_students_local_id'))

    op.drop_table('students')
    op.drop_table('settings')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))
        batch_op.drop_index(batch_op.f('ix_audit_log_action'))

    op.drop_table('audit_log')

