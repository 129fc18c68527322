"""Making the demo store from the window (the first-start assistant's "Nạp dữ liệu mẫu", the
automatic default folder): ``demo.build.build_demo_folder`` in the write queue, with a dialog
that names each real step on a determinate bar, and Cancel.

The demo is made in a temporary folder beside the store's and moved into place only when whole;
Cancel stops it at the next step (within a second or so) and the temporary folder is removed,
so the store's folder is exactly as before. The dialog stays, saying it is stopping, until the
work has stopped: what it then says is true.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from demo.progress import PERMILLE, DemoCancelled, DemoStep, DemoSteps
from ui.error_line import open_message_box

if TYPE_CHECKING:
    from demo.build import DemoFolder
    from store.location import StoreLocation
    from ui.main_window import MainWindow
    from ui.tasks import TaskContext, TaskHandle, TaskRunner


def make_demo_folder(location: StoreLocation, *, task: TaskContext) -> DemoFolder:
    """The task: the demo in ``location``'s folder, each step told to the dialog."""
    from demo.build import build_demo_folder  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy, reportlab

    assert location.home is not None
    return build_demo_folder(location.home, steps=DemoSteps(task.note, task.cancel_event))


class DemoProgressDialog(QDialog):
    """What the demo is doing now, how far it is, and Cancel (Esc and closing the window too)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tạo dữ liệu mẫu"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        intro = QLabel(self.tr("Đang tạo dữ liệu mẫu Quảng Trị: đơn vị, cán bộ, cuộc họp, một năm văn bản đi và "
                               "sổ văn bản đến của tỉnh và hai phường. Việc này mất khoảng một phút."))
        intro.setWordWrap(True)
        self.step = QLabel(self.tr("Đang chuẩn bị…"))
        self.step.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, PERMILLE)
        self.bar.setValue(0)
        self.bar.setFormat("%p%")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Hủy"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(self.step)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.handle: TaskHandle | None = None
        self.stopping = False

    def label(self, step: DemoStep) -> str:
        labels = {
            "directory": self.tr("Đơn vị hành chính và cán bộ…"),
            "meetings": self.tr("Tạo cuộc họp mẫu…"),
            "record": self.tr("Ghi phiên họp tháng 11: điểm danh, biểu quyết, kết luận…"),
            "materials": self.tr("Tài liệu cuộc họp, khóa ký và khóa mã hóa…"),
            "outgoing": self.tr("Phát hành văn bản đi của {unit}…"),
            "minutes": self.tr("Ký biên bản phiên họp tháng 11…"),
            "register-ward": self.tr("Sổ văn bản đến và đi của {unit}…"),
            "register-province": self.tr("Sổ văn bản đến của {unit}…"),
            "finish": self.tr("Đặt kho dữ liệu vào thư mục…"),
        }
        return labels.get(step.key, self.tr("Đang tạo dữ liệu mẫu…")).format(unit=step.unit)

    def show_step(self, step: DemoStep) -> None:
        self.bar.setValue(step.permille)
        if not self.stopping:
            self.step.setText(self.label(step))

    def reject(self) -> None:
        """Cancel: said at once, the dialog closes when the work has stopped (``finish``)."""
        if self.stopping:
            return
        self.stopping = True
        self.cancel_button.setEnabled(False)
        self.step.setText(self.tr("Đang dừng; phần đã tạo sẽ được xóa…"))
        if self.handle is not None:
            self.handle.cancel()

    def finish(self) -> None:
        self.done(QDialog.DialogCode.Accepted)
        self.deleteLater()


def run_demo(parent: QWidget, runner: TaskRunner, location: StoreLocation, *,
             on_made: Callable[[DemoFolder], None], on_stopped: Callable[[BaseException], None]) -> DemoProgressDialog:
    """Start making the demo in ``location``'s folder; ``on_stopped`` hears a Cancel
    (``DemoCancelled``) or a refusal, after the temporary folder is gone."""
    dialog = DemoProgressDialog(parent)

    def made(folder: DemoFolder) -> None:
        dialog.finish()
        on_made(folder)

    def stopped(exc: BaseException) -> None:
        dialog.finish()
        on_stopped(exc)

    dialog.handle = runner.run("demo.create", make_demo_folder, location, on_result=made, on_error=stopped,
                               on_note=dialog.show_step, write=True)
    if not dialog.handle.done:  # a synchronous runner (the tests') has already finished
        dialog.open()
    return dialog


def make_demo(window: MainWindow, location: StoreLocation, ready: Callable[[], None] | None) -> None:
    """The whole demo (as ``nghisu demo`` makes it) in the folder, then the window's store opened
    there. Cancelled or refused, the folder is as it was and the store opens empty."""
    window.set_store_state(QCoreApplication.translate("DemoProgressDialog", "Đang tạo dữ liệu mẫu…"))

    def made(folder: DemoFolder) -> None:
        if window.settings.person_id is None and folder.clerk_id is not None:
            window.settings.person_id = folder.clerk_id
        window.open_store(location, create=True, ready=ready)

    def stopped(exc: BaseException) -> None:
        if isinstance(exc, DemoCancelled):
            title = QCoreApplication.translate("DemoProgressDialog", "Tạo dữ liệu mẫu")
            text = QCoreApplication.translate(
                "DemoProgressDialog",
                "Đã hủy tạo dữ liệu mẫu: không phần nào được ghi vào {folder}; kho dữ liệu được mở, còn trống. "
                "Muốn có dữ liệu mẫu sau này: lệnh nghisu demo.")
            open_message_box(window, title, text.format(folder=location.describe()))
            window.open_store(location, create=True, ready=ready)
        else:  # one line for what went wrong; the store is opened (empty) if it can be, without a second
            window.show_error(exc)
            window.open_store(location, create=True, ready=ready, quiet=True)

    run_demo(window, window.runner, location, on_made=made, on_stopped=stopped)
