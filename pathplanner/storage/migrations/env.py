"""Alembic environment: runs on the connection ``pathplanner.storage.database`` hands over.

Foreign keys are off on that connection (a batch migration rebuilds a table by copying it, and
with foreign keys on, dropping the old parent table would cascade deletes into its children).
``render_as_batch`` makes autogenerate write SQLite-safe ``batch_alter_table`` blocks.
"""

from __future__ import annotations

from alembic import context

from pathplanner.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or "sqlite://",
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("PathPlanner migrations run on a connection from Database.open")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
