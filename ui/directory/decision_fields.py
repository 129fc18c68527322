"""The two rows every reorganisation asks for: the day it takes effect and the decision behind
it (số, ngày, cơ quan ban hành). The core refuses an empty decision; the date is the person's."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLineEdit

from ui.directory.reorganise_jobs import Decision


class DecisionFields:
    """Adds its rows to a form; ``value()`` is what was typed, checked by the core."""

    def __init__(self, form: QFormLayout, today: date) -> None:
        self.effective = QDateEdit(QDate(today.year, today.month, today.day))
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("dd/MM/yyyy")
        self.decision = QLineEdit()
        self.decision.setPlaceholderText(QCoreApplication.translate("DecisionFields", "Nghị quyết số 1680/NQ-UBTVQH15 ngày 16/6/2025"))
        form.addRow(QCoreApplication.translate("DecisionFields", "Có hiệu lực từ ngày:"), self.effective)
        form.addRow(QCoreApplication.translate("DecisionFields", "Theo quyết định:"), self.decision)

    def set_day(self, day: date) -> None:
        self.effective.setDate(QDate(day.year, day.month, day.day))

    def value(self) -> Decision:
        d = self.effective.date()
        return Decision(date(d.year(), d.month(), d.day()), self.decision.text().strip())

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.effective, self.decision):
            widget.setEnabled(enabled)
