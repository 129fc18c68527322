"""Tabs whose pages scroll instead of pushing the window off a small screen.

A meeting's pages (the live console, the agenda editor) need more room than an office PC's
1366×768 screen has at Windows' 150 % scaling (911×512 points). Without this, Qt grows the
window to the largest page's minimum size and the status bar and the bottom of every page
end up below the screen's edge. Here each page sits in a scroll area: it gets all the room
there is, and scroll bars only when there is less room than it needs.

Code keeps talking about pages, not scroll areas: ``setCurrentWidget(page)``, ``indexOf(page)``,
``currentWidget()`` and ``widget(i)`` map between the two.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget


class FittingTabWidget(QTabWidget):
    def addTab(self, page: QWidget, *args, scrolls: bool = True) -> int:  # type: ignore[override]
        if not scrolls:
            return super().addTab(page, *args)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)
        return super().addTab(area, *args)

    def _area(self, widget: QWidget | None) -> QWidget | None:
        parent = widget.parentWidget() if widget is not None else None
        # QScrollArea puts the page into its viewport: page → viewport → scroll area.
        area = parent.parentWidget() if parent is not None else None
        if isinstance(area, QScrollArea) and area.widget() is widget and super().indexOf(area) >= 0:
            return area
        return widget

    def indexOf(self, widget: QWidget) -> int:  # type: ignore[override]
        return super().indexOf(self._area(widget))

    def setCurrentWidget(self, widget: QWidget) -> None:  # type: ignore[override]
        super().setCurrentWidget(self._area(widget))

    def widget(self, index: int) -> QWidget | None:  # type: ignore[override]
        area = super().widget(index)
        return area.widget() if isinstance(area, QScrollArea) else area

    def currentWidget(self) -> QWidget | None:  # type: ignore[override]
        return self.widget(self.currentIndex())
