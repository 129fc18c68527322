"""How far the demo is, step by step, and its Cancel.

``build_demo`` (``demo.build``) walks a fixed plan of steps; each part of the demo says where it
is (``begin`` a step, ``within`` it: documents released, the register's year gone by) and the
caller hears one ``DemoStep`` at a time: the step, the unit it is about and the whole demo's
progress in thousandths, which only goes up. Both calls raise ``DemoCancelled`` once the
caller's ``cancel`` is set: a part stops between two of its writes (each in its own unit of
work), and the caller decides what becomes of what was made (the first-start assistant throws
its temporary folder away).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from store.errors import NghisuError

#: The demo's steps in order, with their weights: roughly the seconds each takes (measured on a
#: 2-core machine): the province's year of releases and the three registers are nearly all of it.
PLAN: tuple[tuple[str, float], ...] = (
    ("directory", 0.5),  # units, people
    ("meetings", 0.5),
    ("record", 0.5),  # the November session's attendance, votes, conclusions and draft minutes
    ("materials", 3.0),  # clearances and keys, the meetings' papers
    ("outgoing", 15.0),  # the province's year of released documents
    ("minutes", 0.5),  # November's minutes numbered and signed
    ("register-ward", 9.0),  # a ward's registers: what arrives, and what it releases and answers
    ("register-ward", 8.5),
    ("register-province", 6.5),  # the province's incoming register
    ("finish", 0.3),  # the store closed and moved into place
)

PERMILLE = 1000


class DemoCancelled(NghisuError):
    """The person pressed Cancel while the demo was being made."""

    def __init__(self) -> None:
        super().__init__("Đã hủy tạo dữ liệu mẫu.", "Making the demo was cancelled.")


@dataclass(frozen=True)
class DemoStep:
    key: str  # one of PLAN's
    unit: str  # the unit it is about (a register's, the releasing province's), or ""
    permille: int  # the whole demo, 0-1000


Report = Callable[[DemoStep], None]
Cancel = Callable[[], bool] | threading.Event | None


class DemoSteps:
    """The plan's position; ``report`` hears each move, ``cancel`` stops at the next one."""

    def __init__(self, report: Report | None = None, cancel: Cancel = None,
                 plan: Sequence[tuple[str, float]] = PLAN) -> None:
        self._report = report
        self._cancelled = cancel.is_set if isinstance(cancel, threading.Event) else cancel
        self._plan = list(plan)
        self._total = sum(w for _, w in self._plan) or 1.0
        self._at = -1  # index of the current step in the plan
        self._unit = ""
        self._last = -1

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise DemoCancelled()

    def begin(self, key: str, unit: str = "") -> None:
        """The next step of the plan named ``key`` (steps not taken on the way are passed over)."""
        self.check()
        for i in range(self._at + 1, len(self._plan)):
            if self._plan[i][0] == key:
                self._at, self._unit = i, unit
                break
        self._say(0.0)

    def within(self, done: float, total: float) -> None:
        """How far into the current step: ``done`` of ``total``."""
        self.check()
        self._say(min(max(done / total, 0.0), 1.0) if total > 0 else 1.0)

    def finished(self) -> None:
        """The whole demo is made (said without looking at Cancel: there is nothing left to stop)."""
        self._at = len(self._plan) - 1
        self._say(1.0)

    def _say(self, fraction: float) -> None:
        if self._at < 0:
            return
        before = sum(w for _, w in self._plan[: self._at])
        permille = int(PERMILLE * (before + self._plan[self._at][1] * fraction) / self._total)
        permille = max(permille, self._last)  # never backwards
        if self._report is not None and (permille != self._last or fraction == 0.0):
            self._report(DemoStep(self._plan[self._at][0], self._unit, permille))
        self._last = permille
