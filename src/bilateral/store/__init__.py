"""Storage of the record: SQLite or PostgreSQL behind one interface (``Store``)."""

from bilateral.store.connection import StoreError, is_postgres
from bilateral.store.core import DocumentRow, SearchHit, Store, document_row

__all__ = ["DocumentRow", "SearchHit", "Store", "StoreError", "document_row", "is_postgres"]
