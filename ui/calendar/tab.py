"""The "Lịch họp" tab: a day, a week or a month of meetings across every unit, and a search box
that finds a meeting from anywhere. Double-click (or Enter) opens the meeting."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from meetings.calendar_records import CalendarEntry, CalendarSpan, span_around
from store.clock import VN_TZ
from ui.calendar.model import CalendarModel
from ui.icons import icon
from ui.models.meetings import MEETING_ID_ROLE

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def load_span(store, first: date, last: date) -> list[CalendarEntry]:
    from meetings.calendar import meetings_between  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return meetings_between(s, first, last)


def search(store, query: str, today: date) -> list[CalendarEntry]:
    from meetings.calendar import find_meetings  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return find_meetings(s, query, today=today)


def today_in_vietnam() -> date:
    return datetime.now(VN_TZ).date()


def _bar_button(text: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setMinimumWidth(button.fontMetrics().horizontalAdvance("M") * 2)
    return button


class CalendarTab(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.day = today_in_vietnam()
        self.span = CalendarSpan.WEEK
        self.model = CalendarModel(self)

        self.month = QCalendarWidget()
        self.month.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.month.setGridVisible(True)
        self.month.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.month.clicked.connect(lambda d: self.show_day(d.toPython()))
        self.month.currentPageChanged.connect(lambda *_: self._mark_month())

        # Tool buttons, not push buttons: a push button is at least 80 points wide whatever its
        # text, and six of them made the tab 800 points wide, more than 1366×768 at 150 % leaves
        # beside the unit tree (the window then took the width from the tree, down to a sliver).
        self.span_buttons: dict[CalendarSpan, QToolButton] = {}
        group = QButtonGroup(self)
        spans = QHBoxLayout()
        for span, text in ((CalendarSpan.DAY, self.tr("Ngày")), (CalendarSpan.WEEK, self.tr("Tuần")),
                           (CalendarSpan.MONTH, self.tr("Tháng"))):
            button = self.span_buttons[span] = _bar_button(text)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, s=span: self.set_span(s))
            group.addButton(button)
            spans.addWidget(button)
        self.span_buttons[self.span].setChecked(True)
        self.prev_button = _bar_button("‹")
        self.prev_button.setToolTip(self.tr("Trước"))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = _bar_button("›")
        self.next_button.setToolTip(self.tr("Sau"))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button = _bar_button(self.tr("Hôm nay"))
        self.today_button.clicked.connect(lambda: self.show_day(today_in_vietnam()))
        self.range_label = QLabel()
        self.range_label.setStyleSheet("font-size: 13pt; font-weight: bold;")

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Tìm cuộc họp theo tên, ngày (10/12), đơn vị hoặc nơi họp…"))
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)  # search once typing pauses, not on every letter
        self._search_timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _: self._search_timer.start())

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        for col in (0, 1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(3, 130)
        header.resizeSection(4, 150)
        self.view.activated.connect(self.open_meeting)
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: #566573;")

        bar = QHBoxLayout()
        bar.addLayout(spans)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.range_label, 1)
        bar.addWidget(self.search_edit, 1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.view, 1)
        rv.addWidget(self.empty_label)
        split = QSplitter()
        split.addWidget(self.month)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([250, 1000])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._marked: list[QDate] = []
        self.refresh()

    # -- navigation -------------------------------------------------------------------------------
    def set_span(self, span: CalendarSpan) -> None:
        self.span = span
        self.span_buttons[span].setChecked(True)
        self.refresh()

    def show_day(self, day: date) -> None:
        self.day = day
        self.refresh()

    def step(self, direction: int) -> None:
        first, last = span_around(self.day, self.span)
        self.day = last + timedelta(days=1) if direction > 0 else first - timedelta(days=1)
        self.refresh()

    # -- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        store = self.window_.store
        if store is None:
            return
        query = self.search_edit.text().strip()
        if query:
            self.range_label.setText(self.tr("Kết quả tìm “{q}”").format(q=query))
            self.window_.runner.run("calendar.search", search, store, query, today_in_vietnam(),
                                    on_result=lambda found, q=query: self._show(found, searched=q))
            return
        first, last = span_around(self.day, self.span)
        self.month.setSelectedDate(QDate(self.day))
        if self.span == CalendarSpan.DAY:
            label = f"{self.tr('Ngày')} {first:%d/%m/%Y}"
        elif self.span == CalendarSpan.WEEK:
            label = f"{self.tr('Tuần')} {first:%d/%m} – {last:%d/%m/%Y}"
        else:
            label = f"{self.tr('Tháng')} {first:%m/%Y}"
        self.range_label.setText(label)
        self.window_.runner.run("calendar.load", load_span, store, first, last, on_result=self._show)
        self._mark_month()

    def _show(self, entries: list[CalendarEntry], searched: str | None = None) -> None:
        if searched is not None and searched != self.search_edit.text().strip():
            return  # an older search answering after a newer one was typed
        self.model.set_entries(entries)
        if entries:
            self.empty_label.setText(self.tr("{n} cuộc họp.").format(n=len(entries)))
        elif searched:
            self.empty_label.setText(self.tr("Không tìm thấy cuộc họp nào. Thử ngày (10/12), tên đơn vị hoặc "
                                             "vài chữ trong tên cuộc họp, có dấu hoặc không dấu."))
        else:
            self.empty_label.setText(self.tr("Không có cuộc họp nào trong khoảng này."))

    def _mark_month(self) -> None:
        """Days of the shown month that hold a meeting are bold in the small calendar."""
        store = self.window_.store
        if store is None:
            return
        year, month = self.month.yearShown(), self.month.monthShown()
        first, last = span_around(date(year, month, 1), CalendarSpan.MONTH)
        self.window_.runner.run("calendar.marks", load_span, store, first, last, on_result=self._marks)

    def _marks(self, entries: list[CalendarEntry]) -> None:
        for day in self._marked:
            self.month.setDateTextFormat(day, QTextCharFormat())
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        bold.setForeground(Qt.GlobalColor.darkBlue)
        self._marked = [QDate(e.day) for e in entries]
        for day in self._marked:
            self.month.setDateTextFormat(day, bold)

    def open_meeting(self, index) -> None:
        meeting_id = index.data(MEETING_ID_ROLE)
        if meeting_id is not None:
            self.window_.open_meeting(int(meeting_id))


def open_calendar(window: MainWindow) -> CalendarTab:
    """The calendar tab, opened once and brought to the front afterwards."""
    for index in range(window.tabs.count()):
        widget = window.tabs.widget(index)
        if isinstance(widget, CalendarTab):
            window.tabs.setCurrentIndex(index)
            widget.refresh()
            return widget
    tab = CalendarTab(window)
    window.tabs.addTab(tab, icon("meeting"), QCoreApplication.translate("MainWindow", "Lịch họp"))
    window.tabs.setCurrentWidget(tab)
    return tab
