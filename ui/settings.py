"""What the desktop remembers between runs, and the dialog to change it.

Settings live in QSettings (the platform's usual place), or in ``$NGHISU_SETTINGS_DIR/nghisu.ini``
when that variable is set: tests, screenshots and benchmarks point it at a temporary folder so
a person's real settings are never read or touched.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from store.engine import open_store
from store.location import resolve_location
from ui.error_line import ErrorLine
from ui.icons import icon
from ui.screen_fit import open_size, scrolling

if TYPE_CHECKING:
    from store.location import StoreLocation
    from ui.tasks import TaskRunner

LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))


def open_settings() -> QSettings:
    folder = os.environ.get("NGHISU_SETTINGS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "nghisu.ini"), QSettings.Format.IniFormat)
    return QSettings("NghiSu", "nghisu")


class AppSettings:
    """Typed access to the few things the desktop remembers."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or open_settings()

    def _str(self, key: str) -> str:
        value = self.q.value(key, "")
        return str(value) if value is not None else ""

    def _list(self, key: str) -> list[str]:
        value = self.q.value(key, [])
        if value in (None, ""):
            return []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]

    # the store: "" (automatic: environment or the default folder), "folder" or "postgres"
    @property
    def store_mode(self) -> str:
        return self._str("store/mode")

    @property
    def store_dir(self) -> str:
        return self._str("store/dir")

    @property
    def database_url(self) -> str:
        return self._str("store/database_url")

    def set_store(self, mode: str, store_dir: str = "", database_url: str = "") -> None:
        self.q.setValue("store/mode", mode)
        self.q.setValue("store/dir", store_dir)
        self.q.setValue("store/database_url", database_url)

    def store_arguments(self) -> tuple[str | None, str | None]:
        """(store_dir, database_url) as the settings name them; (None, None): automatic."""
        if self.store_mode == "folder" and self.store_dir:
            return self.store_dir, None
        if self.store_mode == "postgres" and self.database_url:
            return None, self.database_url
        return None, None

    @property
    def person_id(self) -> int | None:
        value = self.q.value("me/person_id", None)
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    @person_id.setter
    def person_id(self, value: int | None) -> None:
        self.q.setValue("me/person_id", "" if value is None else int(value))

    @property
    def certificates(self) -> list[str]:
        return self._list("signing/certificates")

    @certificates.setter
    def certificates(self, paths: list[str]) -> None:
        self.q.setValue("signing/certificates", list(paths))

    @property
    def token_library(self) -> str:
        return self._str("signing/token_library")

    @token_library.setter
    def token_library(self, path: str) -> None:
        self.q.setValue("signing/token_library", path)

    @property
    def trusted_roots(self) -> list[str]:
        return self._list("signing/trusted_roots")

    @trusted_roots.setter
    def trusted_roots(self, paths: list[str]) -> None:
        self.q.setValue("signing/trusted_roots", list(paths))

    @property
    def language(self) -> str:
        return self._str("ui/language") or "vi"

    @language.setter
    def language(self, code: str) -> None:
        self.q.setValue("ui/language", code)

    def value(self, key: str, default: Any = None) -> Any:
        return self.q.value(key, default)

    def set_value(self, key: str, value: Any) -> None:
        self.q.setValue(key, value)

    def sync(self) -> None:
        self.q.sync()


def location_from(store_dir: str | None, database_url: str | None) -> StoreLocation:
    return resolve_location(store_dir=store_dir or None, database_url=database_url or None)


def probe_store(location: StoreLocation) -> str:
    """Open (and migrate) the store, count its units, close it: the "test connection" button."""
    from store.directory import list_units  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = open_store(location)
    try:
        with store.read() as s:
            return str(len(list_units(s)))
    finally:
        store.close()


def list_people(store) -> list:
    from store.directory import list_persons  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return [p for p in list_persons(s) if p.active]


def anyone_identified_in(store) -> bool:
    from store.directory import anyone_identified  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        return anyone_identified(s)


class _PathList(QWidget):
    """A list of files with Add/Remove buttons (certificates, trusted roots)."""

    def __init__(self, paths: list[str], filter_text: str, title: str, parent=None) -> None:
        super().__init__(parent)
        self._filter, self._title = filter_text, title
        self.list = QListWidget()
        self.list.addItems(paths)
        add = QPushButton(icon("add"), self.tr("Thêm tệp…"))
        remove = QPushButton(icon("remove"), self.tr("Bỏ"))
        add.clicked.connect(self._add)
        remove.clicked.connect(lambda: [self.list.takeItem(self.list.row(i)) for i in self.list.selectedItems()])
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.setMinimumHeight(70)

    def _add(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self._title, "", self._filter)
        self.add_paths(paths)

    def add_paths(self, paths: list[str]) -> None:
        existing = set(self.paths())
        self.list.addItems([p for p in paths if p not in existing])

    def paths(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class SettingsDialog(QDialog):
    """Store, who I am, my certificates and token, trusted roots, language."""

    def __init__(self, settings: AppSettings, runner: TaskRunner, store=None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cài đặt"))
        self.setWindowIcon(icon("settings"))
        self.settings, self.runner, self.store = settings, runner, store
        body = QWidget()  # scrolls on a short screen (1366×768 at 150 %); the buttons stay in view
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)

        box = QGroupBox(self.tr("Kho dữ liệu"))
        form = QVBoxLayout(box)
        self.auto = QRadioButton(self.tr("Tự động (biến môi trường hoặc thư mục mặc định trên máy này)"))
        self.folder = QRadioButton(self.tr("Thư mục trên máy này"))
        self.postgres = QRadioButton(self.tr("Kho dùng chung PostgreSQL"))
        group = QButtonGroup(self)
        for b in (self.auto, self.folder, self.postgres):
            group.addButton(b)
        self.dir_edit = QLineEdit(settings.store_dir)
        browse = QPushButton(icon("open"), self.tr("Chọn…"))
        browse.clicked.connect(self._browse_dir)
        self.url_edit = QLineEdit(settings.database_url)
        self.url_edit.setPlaceholderText("postgresql://người_dùng@máy_chủ:5432/nghisu")
        row = QHBoxLayout()
        row.addWidget(self.dir_edit, 1)
        row.addWidget(browse)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Kiểm tra kết nối"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = ErrorLine()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        form.addWidget(self.auto)
        form.addWidget(self.folder)
        form.addLayout(row)
        form.addWidget(self.postgres)
        form.addWidget(self.url_edit)
        form.addLayout(test_row)
        {"folder": self.folder, "postgres": self.postgres}.get(settings.store_mode, self.auto).setChecked(True)
        layout.addWidget(box)

        me = QGroupBox(self.tr("Người dùng và chữ ký số"))
        mform = QFormLayout(me)
        self.person = QComboBox()
        self.person.addItem(self.tr("(chưa chọn)"), None)
        mform.addRow(self.tr("Tôi là:"), self.person)
        from ui.workspace.sign_dialog import CertificateList  # noqa: PLC0415 -- import cycle: ui.workspace.sign_dialog imports this module
        from ui.workspace.verification_badge import TrustRootsBox  # noqa: PLC0415 -- import cycle: ui.workspace.verification_badge imports this module

        self.certificates = CertificateList(settings, runner, store, self.person.currentData)
        mform.addRow(self.tr("Chứng thư số của tôi:"), self.certificates)
        mform.addRow("", self.certificates.status)
        self.token_edit = QLineEdit(settings.token_library)
        self.token_edit.setPlaceholderText("/usr/lib/…/libpkcs11.so")
        token_browse = QPushButton(icon("open"), self.tr("Chọn…"))
        token_browse.clicked.connect(self._browse_token)
        trow = QHBoxLayout()
        trow.addWidget(self.token_edit, 1)
        trow.addWidget(token_browse)
        mform.addRow(self.tr("Thư viện USB ký số (PKCS#11):"), trow)
        self.roots = TrustRootsBox(settings, runner, store)
        mform.addRow(self.tr("Chứng thư gốc tin cậy:"), self.roots)
        layout.addWidget(me)

        lang = QGroupBox(self.tr("Ngôn ngữ"))
        lform = QFormLayout(lang)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, [c for c, _ in LANGUAGES].index(settings.language)
                                          if settings.language in dict(LANGUAGES) else 0))
        lform.addRow(self.tr("Ngôn ngữ giao diện (có hiệu lực khi mở lại):"), self.language)
        layout.addWidget(lang)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scrolling(body), 1)
        outer.addWidget(buttons)
        open_size(self, 720, body.sizeHint().height() + buttons.sizeHint().height() + 40)
        if store is not None:
            runner.run("settings.people", list_people, store, on_result=self._fill_people)
            if not store.location.shared:  # a shared store knows each person by their login
                runner.run("settings.identified", anyone_identified_in, store, on_result=self._lock_person)

    def _fill_people(self, people: list) -> None:
        for p in people:
            self.person.addItem(f"{p.full_name} — {p.position}", p.id)
        at = self.person.findData(self.settings.person_id)
        if at >= 0:
            self.person.setCurrentIndex(at)

    def _lock_person(self, identified: bool) -> None:
        if identified:  # people prove who they are here: a change of person needs their PIN or account
            self.person.setEnabled(False)
            self.person.setToolTip(self.tr("Đổi người trong Tệp → Tôi là… (cần mã PIN hoặc tài khoản máy)"))

    def _browse_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục kho dữ liệu"), self.dir_edit.text())
        if folder:
            self.dir_edit.setText(folder)
            self.folder.setChecked(True)

    def _browse_token(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn thư viện PKCS#11"), "", "*.so *.dll *.dylib")
        if path:
            self.token_edit.setText(path)

    def chosen_mode(self) -> str:
        return "folder" if self.folder.isChecked() else "postgres" if self.postgres.isChecked() else ""

    def chosen_location(self) -> StoreLocation:
        mode = self.chosen_mode()
        return location_from(self.dir_edit.text().strip() if mode == "folder" else None,
                             self.url_edit.text().strip() if mode == "postgres" else None)

    def test_connection(self) -> None:
        self.test_button.setEnabled(False)
        self.test_result.say(self.tr("Đang kết nối…"))

        def ok(units: str) -> None:
            self.test_button.setEnabled(True)
            self.test_result.say_ok(self.tr("Kết nối được; kho có {n} đơn vị.").format(n=units))

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.test_result.say_error(exc, self.settings.language, otherwise=self.tr("Không kết nối được."))

        try:
            location = self.chosen_location()
        except Exception as exc:  # a malformed URL: said in the dialog, like any refusal
            failed(exc)
            return
        self.runner.run("settings.test", probe_store, location, on_result=ok, on_error=failed)

    def accept(self) -> None:
        s = self.settings
        s.set_store(self.chosen_mode(), self.dir_edit.text().strip(), self.url_edit.text().strip())
        s.person_id = self.person.currentData()
        s.certificates = self.certificates.paths()
        s.token_library = self.token_edit.text().strip()
        s.language = self.language.currentData()
        s.sync()
        super().accept()


