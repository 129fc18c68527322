"""The secret ballot box of the shared store (PostgreSQL).

Desktops may not write ``secret_ballots`` or ``secret_voters`` themselves: a ballot goes in
only through ``nghisu_cast_secret_ballot``, a SECURITY DEFINER function that checks the voter
and rewrites the vote's ballots in a fresh random order where no desktop can interfere
(migration 0006_ballot_box says how and why). Embedded mode (SQLite) has no logins and keeps
doing the same rewrite in Python (``meetings.live.votes``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from typing import TYPE_CHECKING

from store.errors import InvalidInput, NotFound, PermissionDenied

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session


@contextmanager
def _refusals(vote_id: int) -> Iterator[None]:
    """The function's refusals as messages a person can act on (the service checked the same
    things first; these arrive only on a race or from a login casting for someone else)."""
    from sqlalchemy.exc import DBAPIError  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    try:
        yield
    except DBAPIError as exc:
        state = getattr(exc.orig, "sqlstate", None)
        if state == "42501":
            raise PermissionDenied(
                "Chỉ chính thành viên có quyền biểu quyết mới bỏ phiếu kín được, bằng tài khoản của mình.",
                "Only a member who may vote casts a secret ballot, with their own login.",
            ) from exc
        if state == "23505":
            raise InvalidInput(
                "Người này đã bỏ phiếu; mỗi người chỉ một phiếu.",
                "This person has already voted; one ballot each.",
            ) from exc
        if state == "55000":
            raise InvalidInput(
                "Cuộc biểu quyết đã kết thúc; không ghi thêm được.",
                "The vote is closed; nothing more can be recorded.",
            ) from exc
        if state == "22023":
            raise InvalidInput(
                "Phương án không có trong cuộc bỏ phiếu kín này.",
                "This option is not offered in this secret ballot.",
            ) from exc
        if state == "P0002":
            raise NotFound(f"Không có cuộc biểu quyết số {vote_id}.", f"There is no vote {vote_id}.") from exc
        raise


def cast_secret_ballot(session: Session, vote_id: int, person_id: int, option: str) -> str:
    """Cast through the database's ballot box; returns the receipt code (stored only hashed)."""
    from sqlalchemy import text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    with _refusals(vote_id):
        return session.execute(
            text("SELECT nghisu_cast_secret_ballot(:v, :p, :o)"), {"v": vote_id, "p": person_id, "o": option}
        ).scalar_one()


def close_secret_ballot(session: Session, vote_id: int, at: datetime) -> dict:
    """Close and count through the database (chair, secretary, organisers): returns
    ``{"counts", "eligible", "voted", "receipts"}``. The ballots become readable to desktops
    only once the closing transaction has committed (migration 0010)."""

    from sqlalchemy import text  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    with _refusals(vote_id):
        return session.execute(text("SELECT nghisu_close_secret_vote(:v, :at)"),
                               {"v": vote_id, "at": at.astimezone(UTC).replace(tzinfo=None)}).scalar_one()
