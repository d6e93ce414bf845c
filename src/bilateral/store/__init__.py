"""Storage of the record: SQLite or PostgreSQL behind one interface (``Store``)."""

from bilateral.store.connection import StoreError, is_postgres
from bilateral.store.core import SearchHit, Store

__all__ = ["SearchHit", "Store", "StoreError", "is_postgres"]
