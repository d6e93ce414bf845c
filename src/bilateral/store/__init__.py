"""Storage of the record (SQLite today; the interface is what the rest of the code sees)."""

from bilateral.store.sqlite import DocumentRow, SearchHit, Store, StoreError, document_row

__all__ = ["DocumentRow", "SearchHit", "Store", "StoreError", "document_row"]
