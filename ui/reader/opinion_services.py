"""The core calls of the reader's written-opinion sheet, run in the task runner."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meetings.live.member_polls import MemberPoll
    from store.engine import Store


def my_open_polls(store: Store, person_id: int) -> list[MemberPoll]:
    from meetings.live.member_polls import open_polls_for  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return open_polls_for(s, person_id, store.clock.now())


def answer(store: Store, person_id: int, poll_id: int, option: str, comment: str) -> str:
    """Enter the person's answer; returns the option as recorded."""
    from meetings.live.opinions import answer_opinion  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(person_id) as uow:
        answer_opinion(uow, poll_id, person_id, option, comment)
        uow.commit()
    return option
