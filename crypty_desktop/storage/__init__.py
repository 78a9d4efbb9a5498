"""SQLite storage through SQLModel: tables, schema versioning and the Store the app calls."""

from crypty_desktop.storage.store import Store

__all__ = ["Store"]
