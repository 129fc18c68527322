"""One unit's year in the demo's registers, in the order it happened.

What takes a number goes in time order, so the registers' numbers follow their days: papers
arriving from outside (registered, assigned, mostly closed by their handler), documents that
came from another unit of the store (``register.incoming.receive.receive_from_unit``: the
province's to the wards, the wards' reports and replies to the province), registered by the
văn thư some hours later, and, for a ward, its own releases (``demo.outgoing_plan.ward_plan``)
and the replies that close what it was asked: released to whoever asked (to the province,
where they arrive in turn) and linked to the entry they answer. The steps that take no number
(assignment, progress, closing) are made at their own later moments as each entry is taken up.

The cascade board's document (the province's last one to the wards): the first ward registers
it, assigns it and answers it; the second has not registered it yet. What the province asked
by a date is assigned with that date as its deadline (the copy's own); the province's latest
earlier request whose date has passed (``late_id``) the first ward answers within days and
the second leaves in hand, late.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from demo.outgoing import Desk, release_at
from demo.outgoing_plan import MARGIN, next_work_moment, ward_plan
from demo.outgoing_text import Cited, body, reply_body
from demo.progress import DemoSteps
from store.clock import VN_TZ, FixedClock

if TYPE_CHECKING:
    from documents.intake.process import IntakeWorker
    from register.incoming.records import IncomingInfo
    from store.engine import Store

INSTRUCTIONS = ["Giao {who} chủ trì tham mưu, báo cáo kết quả.", "Đề nghị {who} nghiên cứu, đề xuất xử lý.",
                "Chuyển {who} theo dõi, triển khai theo chức năng.", "{who} tổng hợp, dự thảo văn bản trả lời."]
#: The verbs of papers from outside a ward answers in writing (and how often): opinions asked, reports chased.
ANSWERED = {"Về việc góp ý dự thảo": 0.85, "Về việc đôn đốc thực hiện": 0.6, "Về việc triển khai": 0.25}


@dataclass
class UnitYear:
    """Who works a unit's register, and what its year asks of it."""

    unit_id: int
    code: str
    name: str  # its official name, as its papers say it
    clerk: int
    leader: int | None
    officers: list[int]
    ward: int | None = None  # 0 or 1 for the wards, None for the province
    desk: Desk | None = None  # a ward that releases (and answers) in writing
    board_id: int | None = None  # the province's document on the cascade board
    late_id: int | None = None  # the province's request the second ward has not answered by its date
    reported: frozenset[str] = frozenset()  # subjects of the province's documents that ask for a report
    short_name: str = ""  # "UBND phường Đồng Hới": how the progress names it
    made: int = 0
    released: int = 0


@dataclass
class _Timeline:
    store: Store
    unit: UnitYear
    rnd: random.Random
    now: datetime
    worker: IntakeWorker
    paper: Callable[[datetime], tuple[Any, Any, str]]  # a paper from outside arriving then: (meta, checked, verb)
    steps: DemoSteps = field(default_factory=DemoSteps)  # told how far into the year, between two events
    events: list[tuple[datetime, int, str, Any]] = field(default_factory=list)
    last_release: datetime | None = None
    _order: itertools.count = field(default_factory=itertools.count)  # same moment: first pushed first

    def push(self, at: datetime, kind: str, data: Any) -> None:
        heapq.heappush(self.events, (at, next(self._order), kind, data))

    @property
    def today(self) -> date:
        return self.now.astimezone(VN_TZ).date()

    def past(self, at: datetime) -> bool:
        return at < self.now - MARGIN

    def run(self, arrivals: list[datetime], received: list[IncomingInfo]) -> None:
        for at in arrivals:
            self.push(at, "paper", None)
        for entry in received:
            self.push(self._later(entry.received_at, (1, 6), 0.2, squeeze=self._board(entry)), "arrived", entry)
        if self.unit.desk is not None and self.unit.ward is not None:
            for planned in ward_plan(self.now, self.unit.desk.floor, self.unit.ward):
                self.push(planned.at, "own", planned)
        start = self.events[0][0] if self.events else self.now
        while self.events:
            at, _, kind, data = heapq.heappop(self.events)
            # The events come in time order: the year gone by is how far the register is.
            self.steps.within((at - start).total_seconds(), (self.now - start).total_seconds())
            getattr(self, f"_{kind}")(at, data)

    def _board(self, entry: IncomingInfo) -> bool:
        """The cascade board's document, in the first ward (which answers it)."""
        return self.unit.ward == 0 and entry.source_outgoing_id is not None and entry.source_outgoing_id == self.unit.board_id

    def _later(self, after: datetime, hours: tuple[int, int], share: float, *, squeeze: bool = False) -> datetime:
        """Some working hours after ``after``; with ``squeeze``, when that is still to come (a demo
        of the first days of January), ``share`` of the time left instead."""
        at = next_work_moment(after, self.rnd, hours=hours)
        return after + (self.now - MARGIN - after) * share if squeeze and not self.past(at) else at

    # -- what arrives

    def _paper(self, at: datetime, _: None) -> None:
        from register.incoming.receive import register_checked  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        meta, checked, verb = self.paper(at)
        u = self.unit
        with self.store.uow(u.clerk, clock=FixedClock(at)) as uow:
            entry = register_checked(uow, u.unit_id, checked, meta, filename=f"{meta.doc_symbol.replace('/', '-')}.pdf").entry
            uow.commit()
        u.made += 1
        age = (self.today - at.astimezone(VN_TZ).date()).days
        if u.leader is None or not u.officers or (age < 3 and self.rnd.random() < 0.6):
            return  # the newest wait for the leader
        handler, assigned = self._assign(entry.id, at + timedelta(hours=self.rnd.randint(2, 30)), co=True)
        if assigned is None:
            return
        if self.rnd.random() < 0.35 and self.past(assigned + timedelta(days=1, hours=3)):
            from register.incoming.handling import record_progress  # noqa: PLC0415 -- deferred for start-up

            with self.store.uow(handler, clock=FixedClock(assigned + timedelta(days=1, hours=3))) as uow:
                record_progress(uow, entry.id, "Đã xây dựng dự thảo, đang lấy ý kiến các phòng liên quan.")
                uow.commit()
        finished = assigned + timedelta(days=self.rnd.randint(1, 16))
        recent = age < 25  # the last weeks' papers are still in hand more often
        if self.past(finished) and self.rnd.random() < (0.45 if recent else 0.93):
            if u.desk is not None and self.rnd.random() < ANSWERED.get(verb, 0.0):
                self.push(next_work_moment(finished, self.rnd, hours=(0, 3)), "reply", (entry, handler))
            else:
                self._done(entry.id, handler, finished, "Đã tham mưu xử lý, lưu hồ sơ.")

    def _arrived(self, at: datetime, entry: IncomingInfo) -> None:
        """A document from another unit of the store, registered by the văn thư some hours later."""
        from register.incoming.receive import register_received  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        u = self.unit
        board = entry.source_outgoing_id is not None and entry.source_outgoing_id == u.board_id
        if not self.past(at) or (board and u.ward == 1):  # the second ward has not registered the board's yet
            return
        with self.store.uow(u.clerk, clock=FixedClock(at)) as uow:
            register_received(uow, entry.id)
            uow.commit()
        u.made += 1
        if u.ward is None:  # the province files what the wards report
            done = next_work_moment(at, self.rnd, hours=(2, 30))
            if (self.today - at.astimezone(VN_TZ).date()).days > 3 and self.past(done):
                self._done(entry.id, u.clerk, done, "Đã chuyển Văn phòng tổng hợp chung; lưu hồ sơ.")
            return
        asks = board or entry.subject in u.reported
        late = entry.source_outgoing_id is not None and entry.source_outgoing_id == u.late_id
        asked_by = entry.due_on or at.astimezone(VN_TZ).date() + timedelta(days=9)  # the province's date
        handler, assigned = self._assign(entry.id, self._later(at, (2, 30), 0.3, squeeze=board), co=False,
                                         due=asked_by if asks else None)
        if assigned is None or (late and u.ward == 1):  # the second ward has it in hand, past the date
            return
        if board:  # answered these last days, before the deadline
            answer = next_work_moment(self.now - timedelta(days=2), self.rnd, hours=(0, 4))
            if not assigned + timedelta(hours=2) < answer < self.now - MARGIN:
                answer = assigned + (self.now - MARGIN - assigned) * 0.5
            self.push(answer, "reply", (entry, handler))
        elif asks and u.desk is not None:  # the late one's first answer comes within a day or so, in time
            self.push(next_work_moment(assigned, self.rnd, hours=(4, 30) if late else (48, 200)), "reply",
                      (entry, handler))
        else:
            finished = next_work_moment(assigned, self.rnd, hours=(20, 120))
            if self.past(finished):
                self._done(entry.id, handler, finished, "Đã triển khai thực hiện; lưu hồ sơ.")

    def _assign(self, entry_id: int, assigned: datetime, *, co: bool, due: date | None = None
                ) -> tuple[int, datetime | None]:
        """The leader gives it to an officer then (not if that is still to come)."""
        from register.incoming.handling import assign  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        u = self.unit
        handler = self.rnd.choice(u.officers)
        others = [o for o in u.officers if o != handler][: self.rnd.choice([0, 0, 1])] if co else []
        due = due or assigned.astimezone(VN_TZ).date() + timedelta(days=self.rnd.choice([5, 7, 10, 15]))
        if u.leader is None or not self.past(assigned):
            return handler, None
        who = "Văn phòng" if len(u.officers) > 2 else "công chức chuyên môn"
        with self.store.uow(u.leader, clock=FixedClock(assigned)) as uow:
            assign(uow, entry_id, handler_id=handler, co_handler_ids=others,
                   due_on=max(due, assigned.astimezone(VN_TZ).date()), instruction=self.rnd.choice(INSTRUCTIONS).format(who=who))
            uow.commit()
        return handler, assigned

    def _done(self, entry_id: int, person: int, at: datetime, note: str, reply_id: int | None = None) -> None:
        from register.incoming.handling import mark_done  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

        with self.store.uow(person, clock=FixedClock(at)) as uow:
            mark_done(uow, entry_id, reply_outgoing_id=reply_id, note=note)
            uow.commit()

    # -- what the ward releases

    def _release(self, at: datetime, doc_type: str, subject: str, paragraphs: tuple[str, ...], *, drafter: int,
                 recipients: tuple[str, ...], shown: tuple[str, ...] = ()) -> Any:
        desk = self.unit.desk
        assert desk is not None
        at = max(at, (self.last_release or at) + timedelta(minutes=1))
        if not self.past(at):
            return None
        info = release_at(self.store, desk, at, doc_type, subject, paragraphs, drafter_id=drafter,
                          intake=self.worker, recipients=recipients, shown=shown)
        self.last_release = at
        self.unit.released += 1
        return info

    def _own(self, at: datetime, planned: Any) -> None:
        u = self.unit
        if planned.to_province:
            recipients, shown = ("QT",), ("UBND tỉnh Quảng Trị",)
        elif planned.doc_type == "cong_van":
            recipients = shown = ("Sở Nội vụ tỉnh Quảng Trị",)
        else:
            recipients = shown = ("Các bộ phận chuyên môn", "Các thôn, tổ dân phố")
        self._release(at, planned.doc_type, planned.subject, body(planned.doc_type, planned.subject, u.name,
                                                                    province=False),
                      drafter=self.rnd.choice(u.officers), recipients=recipients, shown=shown)

    def _reply(self, at: datetime, data: tuple[IncomingInfo, int]) -> None:
        """The handler's answer, signed by the Chủ tịch and released to whoever asked; it closes the entry."""
        entry, handler = data
        u = self.unit
        if not self.past(at):
            return
        if u.desk is None:  # a ward that does not release in this demo: closed with a note
            self._done(entry.id, handler, at, "Đã tham mưu báo cáo; lưu hồ sơ.")
            return
        asker = "Ủy ban nhân dân tỉnh" if entry.sender_unit_id is not None else entry.sender_name
        cited = Cited(entry.doc_type, entry.doc_symbol, entry.doc_date or entry.received_on, asker)
        topic = entry.subject.removeprefix("V/v ").removeprefix("Về việc ")
        if topic.startswith("góp ý"):
            subject = f"V/v {topic}"
            doc_type, paragraphs = "cong_van", reply_body(subject, u.name, cited)
        else:
            topic = topic.removeprefix("đôn đốc thực hiện ").removeprefix("triển khai ").removeprefix("tập trung ")
            subject = f"Báo cáo {topic[len('báo cáo '):]}" if topic.startswith("báo cáo ") else \
                f"Báo cáo kết quả thực hiện {topic[0].lower()}{topic[1:]}"
            doc_type, paragraphs = "bao_cao", body("bao_cao", subject, u.name, province=False, cites=cited)
        to = ("QT",) if entry.sender_unit_id is not None else (entry.sender_name,)
        info = self._release(at, doc_type, subject, paragraphs, drafter=handler, recipients=to,
                             shown=("UBND tỉnh Quảng Trị",) if to == ("QT",) else to)
        if info is not None:
            self._done(entry.id, handler, at + timedelta(minutes=10),
                       f"Đã trả lời bằng văn bản số {info.symbol}.", reply_id=info.id)
