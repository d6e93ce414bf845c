"""The error every query module raises for a query, filter or parameter the user got wrong: the CLI
and the web turn it into exit code 2 or HTTP 400 with its one-line message. Here, below the
modules that raise it, so that none of them imports another for it.
"""

from __future__ import annotations


class QueryError(ValueError):
    """A search query that cannot be understood; the message says how to fix it."""
