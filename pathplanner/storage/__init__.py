"""Local storage: the SQLite database, its migrations, backups, SIS import and plan bundles.

Start at :class:`pathplanner.storage.database.Database` (``Database.open(path)``); its
repositories (``db.students``, ``db.plans`` ...) take and return domain objects. Nothing
outside this package imports SQLAlchemy or Alembic. See docs/storage.md.
"""
