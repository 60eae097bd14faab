"""Alembic migrations for the counselor's database, shipped inside the package.

``pathplanner.storage.database`` runs them on open; there is no alembic.ini. To write a new
revision during development: ``python -m pathplanner.storage.migrations revision "message"``.
"""
