"""The frame the directory's edit dialogs share: their form, a part below it that takes the spare
height (a person's roles), one error line for a refusal, and Save beside Cancel or Close, wired to
the dialog's ``save`` and ``reject``."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from ui.error_line import ErrorLine


def frame_edit_form(dialog: QWidget, form: QFormLayout, *, below: QWidget | None = None,
                    leave: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Cancel) -> ErrorLine:
    """Lay the dialog out and return its error line."""
    error = ErrorLine()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | leave)
    buttons.accepted.connect(dialog.save)  # type: ignore[attr-defined]
    buttons.rejected.connect(dialog.reject)  # type: ignore[attr-defined]
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    if below is not None:
        layout.addWidget(below, 1)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error
