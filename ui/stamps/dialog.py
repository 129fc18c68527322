"""The signature-and-seal screen: one panel for people's signatures, one for units' seals; each
shows the kept image on a checkerboard (so its transparency shows) and sets, replaces or
removes it. A refused PNG is said in one line under the panels; nothing is kept then.

The seal's panel also takes the seal's diameter, measured on the seal, for a PNG that does not
record its resolution (a scan at 100 % does, and is drawn at that size): the release stamps the
seal at its real size, 36 mm when neither says it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from signing.pdf.stamp_images import DEFAULT_SEAL_MM
from signing.stamp_library import MAX_BYTES, SEAL_MM_RANGE, StampImage, StampKind
from store.errors import InvalidInput, NghisuError
from ui.screen_fit import fit_combo
from ui.stamps import jobs

if TYPE_CHECKING:
    from ui.main_window import MainWindow

_PREVIEW = (280, 140)
#: The diameter box's lowest value, shown as "theo ảnh quét": no diameter given.
NO_DIAMETER = SEAL_MM_RANGE[0] - 0.5


def _checkered(image: StampImage) -> QPixmap:
    """The PNG over a light checkerboard, as image editors show transparency."""
    w, h = _PREVIEW
    canvas = QPixmap(w, h)
    canvas.fill(QColor("white"))
    painter = QPainter(canvas)
    painter.fillRect(0, 0, w, h, QBrush(QColor("#e4e4e4"), Qt.BrushStyle.Dense4Pattern))
    pix = QPixmap()
    pix.loadFromData(image.png, "PNG")
    pix = pix.scaled(w, h, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    painter.drawPixmap((w - pix.width()) // 2, (h - pix.height()) // 2, pix)
    painter.end()
    return canvas


class StampPanel(QGroupBox):
    """One kind of image: whose it is, the image, set/replace and remove."""

    message = Signal(str)
    changed = Signal()

    def __init__(self, window: MainWindow, kind: StampKind, title: str, owner_label: str) -> None:
        super().__init__(title)
        self.window_ = window
        self.kind = kind
        self.image: StampImage | None = None
        self.owner = QComboBox()
        fit_combo(self.owner, 18)  # two panels side by side on a 1366×768 screen at 150 %
        self.preview = QLabel()
        self.preview.setFixedSize(*_PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.set_button = QPushButton(self.tr("Đặt ảnh…"))
        self.remove_button = QPushButton(self.tr("Xóa ảnh"))
        self.set_button.clicked.connect(self.choose_file)
        self.remove_button.clicked.connect(self.remove)
        #: The seal's diameter in mm (seals only); its lowest value means "not given".
        self.diameter = QDoubleSpinBox()
        self.diameter.setRange(NO_DIAMETER, SEAL_MM_RANGE[1])
        self.diameter.setSingleStep(0.5)
        self.diameter.setDecimals(1)
        self.diameter.setSuffix(" mm")
        self.diameter.setSpecialValueText(self.tr("theo ảnh quét"))
        self.diameter.setToolTip(self.tr("Đo trên con dấu thật; dùng khi ảnh PNG không ghi độ phân giải "
                                         "(ảnh quét ở 100 % thì đã ghi). Không nhập: {mm:g} mm.").format(mm=DEFAULT_SEAL_MM))
        self.diameter.editingFinished.connect(self.diameter_changed)
        self.owner.currentIndexChanged.connect(lambda *_: self.refresh())
        row = QHBoxLayout()
        row.addWidget(QLabel(owner_label))
        row.addWidget(self.owner, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.preview)
        layout.addWidget(self.details)
        if kind is StampKind.SEAL:
            size_row = QHBoxLayout()
            size_row.addWidget(QLabel(self.tr("Đường kính con dấu:")))
            size_row.addWidget(self.diameter)
            size_row.addStretch(1)
            layout.addLayout(size_row)
        layout.addLayout(buttons)
        self._show(None)

    def set_owners(self, owners: list[tuple[int, str]], wanted: int | None) -> None:
        self.owner.blockSignals(True)
        self.owner.clear()
        for owner_id, label in owners:
            self.owner.addItem(label, owner_id)
        self.owner.setCurrentIndex(max(self.owner.findData(wanted), 0))
        self.owner.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        owner_id = self.owner.currentData()
        if owner_id is None:
            self._show(None)
            return
        w = self.window_
        w.runner.run("stamps.load", jobs.load_image, w.store, self.kind, owner_id,
                     on_result=self._show, on_error=self._failed)

    def _show(self, image: StampImage | None) -> None:
        self.image = image
        self.remove_button.setEnabled(image is not None)
        self.set_button.setText(self.tr("Thay ảnh…") if image is not None else self.tr("Đặt ảnh…"))
        if image is None:
            self.preview.clear()
            self.preview.setText(self.tr("(chưa có ảnh)"))
            self.details.setText(self.tr("Khi ký sẽ không có ảnh, chỉ có chữ ký số và dòng chữ."))
            return
        self.preview.setPixmap(_checkered(image))
        size = self.tr("{w}×{h} điểm ảnh").format(w=image.width, h=image.height)
        if image.real_mm is not None and self.kind is StampKind.SIGNATURE:
            size += self.tr(", {dpi:.0f} dpi, rộng {mm:.0f} mm").format(dpi=image.dpi, mm=image.real_mm)
        elif image.dpi:
            size += self.tr(", {dpi:.0f} dpi").format(dpi=image.dpi)
        if self.kind is StampKind.SEAL:
            self.diameter.setValue(image.diameter_mm or NO_DIAMETER)
            size += "\n" + self._seal_size(image)
        self.details.setText(size)

    def _seal_size(self, image: StampImage) -> str:
        """How large the release stamps this seal, and why."""
        seal_mm = image.seal_mm
        if seal_mm is None:
            return self.tr("Đóng dấu rộng {mm:g} mm (mặc định: ảnh không ghi độ phân giải, chưa nhập đường kính).").format(
                mm=DEFAULT_SEAL_MM)
        if image.diameter_mm is not None and seal_mm == image.diameter_mm:
            return self.tr("Đóng dấu rộng {mm:.1f} mm (đường kính đã nhập).").format(mm=seal_mm)
        return self.tr("Đóng dấu rộng {mm:.1f} mm (theo độ phân giải của ảnh quét).").format(mm=seal_mm)

    def _diameter_mm(self) -> float | None:
        value = self.diameter.value()
        return None if self.kind is not StampKind.SEAL or value <= NO_DIAMETER else value

    def diameter_changed(self) -> None:
        """A new diameter for the kept seal: kept with the same image (checked again)."""
        image = self.image
        if image is None or self._diameter_mm() == image.diameter_mm:
            return
        self._keep(image.png)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn ảnh PNG nền trong suốt"), "",
                                              self.tr("Ảnh PNG (*.png)"))
        if name:
            self.set_from_file(Path(name))

    def set_from_file(self, path: Path) -> None:
        """Read the chosen file (at most what may be kept, plus one byte) and keep it."""
        try:
            with path.open("rb") as f:
                data = f.read(MAX_BYTES + 1)
        except OSError:
            self._failed(InvalidInput(f"Không đọc được tệp “{path}”; hãy chọn lại.",
                                      f"The file “{path}” cannot be read; choose it again."))
            return
        self._keep(data)

    def _keep(self, data: bytes) -> None:
        owner_id = self.owner.currentData()
        if owner_id is None:
            return
        w = self.window_

        def kept(image: StampImage) -> None:
            self._show(image)
            self.message.emit(self.tr("Đã lưu {what} của {who}.").format(what=self._what(), who=self.owner.currentText()))
            self.changed.emit()

        w.runner.run("stamps.set", jobs.set_image, w.store, w.actor_id, self.kind, owner_id, data, self._diameter_mm(),
                     on_result=kept, on_error=self._failed, write=True)

    def remove(self) -> None:
        owner_id = self.owner.currentData()
        if owner_id is None:
            return
        w = self.window_

        def removed(_: bool) -> None:
            self._show(None)
            self.message.emit(self.tr("Đã xóa {what} của {who}.").format(what=self._what(), who=self.owner.currentText()))
            self.changed.emit()

        w.runner.run("stamps.remove", jobs.remove_image, w.store, w.actor_id, self.kind, owner_id,
                     on_result=removed, on_error=self._failed, write=True)

    def _what(self) -> str:
        return self.tr("ảnh chữ ký") if self.kind is StampKind.SIGNATURE else self.tr("ảnh con dấu")

    def _failed(self, exc: BaseException) -> None:
        self.message.emit(str(exc) if isinstance(exc, NghisuError) else self.tr("Lỗi không mong đợi."))


class StampsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Chữ ký và con dấu"))
        self.signature = StampPanel(window, StampKind.SIGNATURE, self.tr("Ảnh chữ ký của người ký"), self.tr("Người"))
        self.seal = StampPanel(window, StampKind.SEAL, self.tr("Ảnh con dấu của đơn vị"), self.tr("Đơn vị"))
        hint = QLabel(self.tr("Ảnh PNG nền trong suốt, quét ở 300 dpi. Ảnh chữ ký được đặt giữa chức vụ và họ tên "
                              "khi người đó ký; ảnh con dấu được đóng đúng kích thước thật khi văn thư phát hành."))
        hint.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        panels = QWidget()
        row = QHBoxLayout(panels)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.signature)
        row.addWidget(self.seal)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(panels)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for panel in (self.signature, self.seal):
            panel.message.connect(self.status.setText)
        window.runner.run("stamps.owners", jobs.load_owners, window.store, on_result=self._owners)

    def _owners(self, owners: jobs.StampOwners) -> None:
        self.signature.set_owners(owners.people, self.window_.actor_id)
        self.seal.set_owners(owners.units, self.window_.current_unit_id())
