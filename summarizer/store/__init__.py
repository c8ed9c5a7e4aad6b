"""Persistence: SQLite by default, any SQLAlchemy URL (PostgreSQL for teams)."""
