"""The command line: parses arguments, calls the library, prints. Errors go to stderr, one line.

Exit codes: 0 done; 1 done, but some inputs failed or the thing asked for is not there;
2 the command was used wrongly (bad flag, malformed query or date).
"""

from bilateral.cli import documents, record, workbench
from bilateral.cli.app import main

# Importing the command modules registers their commands on `main`.
__all__ = ["documents", "main", "record", "workbench"]
