"""bilateral: official diplomatic documents in, a cited, queryable record of relations out."""

from bilateral.model import (
    Agreement,
    Claim,
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Role,
    TimeExpr,
)

__all__ = [
    "Agreement",
    "Claim",
    "Document",
    "Entity",
    "Event",
    "Evidence",
    "Extraction",
    "Mention",
    "Role",
    "TimeExpr",
]
__version__ = "0.1.0"
