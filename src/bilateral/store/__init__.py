"""Storage of the record (SQLite today; the interface is what the rest of the code sees)."""

from bilateral.store.sqlite import SearchHit, Store, StoreError

__all__ = ["SearchHit", "Store", "StoreError"]
