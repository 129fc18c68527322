"""The Qt application: high-DPI policy, style, a font that covers Vietnamese, translations.

``run_gui`` is what ``nghisu`` / ``nghisu gui`` call. It shows the window first and opens the
store afterwards (see main_window). With ``NGHISU_STARTUP_PROBE=1`` it prints
``NGHISU_WINDOW_SHOWN <unix time>`` when the window is first exposed and quits: that is what
benchmarks/bench_startup.py measures.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from store.location import resolve_location
from ui.commands.gui import take_screenshots
from ui.desktop_log import install_error_hook, start_desktop_log
from ui.first_start import needs_first_start
from ui.main_window import MainWindow
from ui.settings import AppSettings

log = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"
#: Families that draw every Vietnamese letter well, best first (the first one installed wins).
UI_FONTS = ("Segoe UI", "Noto Sans", "Roboto", "DejaVu Sans", "Liberation Sans", "Arial")

STYLE = """
QToolBar { spacing: 4px; padding: 3px; }
QTableView, QTreeView { selection-background-color: #2e86c1; selection-color: white; }
QHeaderView::section { padding: 4px 6px; font-weight: bold; }
QTabBar::tab { padding: 6px 14px; }
QGroupBox { font-weight: bold; margin-top: 10px; }
QTreeView::item { min-height: 24px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }
"""


def install_translation(app: QApplication, language: str) -> QTranslator | None:
    """Load the translations for ``language``; the translator installed, or None when missing.

    Vietnamese is the source language of our own strings; any other language loads
    resources/translations/nghisu_<lang>.qm. Qt's own strings (file dialogs, standard buttons,
    context menus, wizards) are English in Qt, and Qt ships no Vietnamese, so in Vietnamese we load
    our resources/translations/qt_vi.qm for those."""
    name = "qt_vi" if language.startswith("vi") else f"nghisu_{language}"
    translator = QTranslator(app)
    if not translator.load(name, str(TRANSLATIONS)):
        log.warning("no translation %s in %s", name, TRANSLATIONS)
        return None
    app.installTranslator(translator)
    _INSTALLED.append(translator)  # a translator that is garbage-collected stops translating
    return translator


_INSTALLED: list[QTranslator] = []


def _pick_font() -> QFont:
    families = set(QFontDatabase.families())
    font = QApplication.font()
    for family in UI_FONTS:
        if family in families:
            font = QFont(family)
            break
    font.setPointSizeF(max(10.0, QApplication.font().pointSizeF()))
    return font


def create_application(argv: list[str] | None = None, language: str = "vi") -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName("Nghị Sự")
    app.setOrganizationName("NghiSu")
    app.setApplicationDisplayName("Nghị Sự")
    app.setStyle("Fusion")
    app.setFont(_pick_font())
    app.setStyleSheet(STYLE)
    QLocale.setDefault(QLocale(QLocale.Language.English if language.startswith("en") else QLocale.Language.Vietnamese,
                               QLocale.Country.AnyCountry))
    install_translation(app, language)
    return app


class _ExposeProbe(QObject):
    """Prints the moment the window is first really on screen, then quits (start-up benchmark)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.done = False

    def eventFilter(self, obj, event) -> bool:
        if not self.done and event.type() == QEvent.Type.Expose and obj.isExposed():
            self.done = True
            print(f"NGHISU_WINDOW_SHOWN {time.time():.6f}", flush=True)
            QTimer.singleShot(0, self.app.quit)
        return False


def run_gui(store_dir: str | None = None, database_url: str | None = None, *, screenshot: str | None = None,
            scratch: Path | None = None, open_file: str | None = None) -> int:
    """Open the main window on the configured store; ``screenshot``: render views to PNGs and exit."""
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    settings = AppSettings()
    app = create_application(language=settings.language)

    window = MainWindow(settings)
    if screenshot:
        assert scratch is not None
        return take_screenshots(app, window, Path(screenshot), store_dir, database_url, scratch)
    start_desktop_log()
    install_error_hook(window.show_error)
    probe = None
    if os.environ.get("NGHISU_STARTUP_PROBE") == "1":
        probe = _ExposeProbe(app)
    window.show()
    if probe is not None:
        window.windowHandle().installEventFilter(probe)
    location, automatic = _location(settings, store_dir, database_url)
    if automatic and probe is None and needs_first_start(settings):
        QTimer.singleShot(0, lambda: window.first_start(location))
    else:
        QTimer.singleShot(0, lambda: window.open_store(location, demo_if_empty=automatic))
    if open_file:
        QTimer.singleShot(0, lambda: window.open_file(open_file))
    code = app.exec()
    window.runner.shutdown()
    return code


def _location(settings, store_dir: str | None, database_url: str | None):
    """Command line first, then Settings, then the environment or the default folder.

    Returns the location and whether it is the automatic default embedded store (the only one
    that gets the demo data when empty: a store someone named is never filled behind their back).
    """

    if store_dir or database_url:
        return resolve_location(store_dir=store_dir, database_url=database_url), False
    chosen_dir, chosen_url = settings.store_arguments()
    if chosen_dir or chosen_url:
        return resolve_location(store_dir=chosen_dir, database_url=chosen_url), False
    automatic = not (os.environ.get("NGHISU_DATABASE_URL") or os.environ.get("NGHISU_HOME"))
    return resolve_location(), automatic
