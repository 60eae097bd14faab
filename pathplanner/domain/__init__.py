"""Frozen domain values shared by every layer: no I/O, no Qt, no SQLAlchemy."""
