"""Every table the lower layers' tables name in their foreign keys, in SQLAlchemy's registry.

The document and signing tables point at meeting tables (``documents.meeting_id`` and the
like), but ``documents`` and ``signing`` sit below ``meetings`` and cannot import them. A
caller that uses only those layers (the ``nghisu ca`` and ``nghisu signing`` commands) calls
``load_tables()`` first, so SQLAlchemy can resolve those keys.
"""

from __future__ import annotations

from meetings import models


def load_tables() -> tuple[str, ...]:
    """The names of the tables now known (the meeting tables among them)."""
    return tuple(models.Meeting.metadata.tables)
