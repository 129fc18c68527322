"""Tệp → Chữ ký và con dấu…, as an office's administrator would use it: set the secretary's
signature and the province's seal from PNG files, see them back (the seal at the size it is
stamped: its scan's, or the diameter given for a PNG that does not say it), have a JPEG and a PNG
without transparency refused in one line (nothing kept), remove one; then the secretary signs in the
signing tab without giving any image and the signed PDF draws her kept signature."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from signing.pdf.appearance import demo_seal_png, demo_signature_png
from signing.stamp_library import StampKind, get_stamp_image
from tests.register.test_seal_size import without_resolution
from tests.register.test_stamp_images_kept import png, stamped_images
from tests.ui.test_signing_tab import PASSWORD, entry_of, fill_p12, office, open_signing_tab, request_in_order
from tests.ui.test_workspace import answer_next_dialog

__all__ = ["office"]  # the fixture, shared with the signing tab's tests


@pytest.fixture(scope="module", autouse=True)
def _verification_workers():
    yield
    from signing.verify.service import shutdown_workers

    shutdown_workers()


@pytest.fixture(autouse=True)
def _no_message_left_open():
    yield
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.isVisible():
            w.close()


def open_dialog(window):
    window.stamps_action.trigger()
    from ui.stamps.dialog import StampsDialog

    return next(w for w in window.findChildren(StampsDialog) if w.isVisible())


def test_set_see_refuse_and_remove_images_in_the_dialog(make_window, demo_store, office, tmp_path):
    window = make_window(demo_store, person_id=office.secretary)
    dialog = open_dialog(window)
    sig, seal = dialog.signature, dialog.seal
    assert sig.owner.currentData() == office.secretary  # the person at the desk first
    assert sig.preview.text() == "(chưa có ảnh)" and not sig.remove_button.isEnabled()

    signature_file = tmp_path / "chu-ky.png"
    signature_file.write_bytes(demo_signature_png("Phạm Thị Ngọc Ánh"))
    sig.set_from_file(signature_file)
    assert dialog.status.text().startswith("Đã lưu ảnh chữ ký của Phạm Thị Ngọc Ánh")
    assert sig.remove_button.isEnabled() and sig.set_button.text() == "Thay ảnh…"
    assert not sig.preview.pixmap().isNull() and sig.details.text() == "600×240 điểm ảnh"

    province = seal.owner.findText("Tỉnh Quảng Trị")
    seal.owner.setCurrentIndex(province)
    seal_file = tmp_path / "con-dau.png"
    seal_file.write_bytes(demo_seal_png("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"))
    seal.set_from_file(seal_file)
    unit_id = seal.owner.currentData()
    with demo_store.read() as s:
        assert get_stamp_image(s, StampKind.SIGNATURE, office.secretary).png == signature_file.read_bytes()
        assert get_stamp_image(s, StampKind.SEAL, unit_id).png == seal_file.read_bytes()
    # The demo seal records its resolution: stamped at the scan's size, no diameter needed.
    assert "Đóng dấu rộng 36.0 mm (theo độ phân giải của ảnh quét)" in seal.details.text()
    assert seal.diameter.text() == "theo ảnh quét"

    # A seal PNG that does not say its size, with the diameter measured on the seal.
    bare = tmp_path / "con-dau-khong-dpi.png"
    bare.write_bytes(without_resolution(seal_file.read_bytes()))
    seal.diameter.setValue(34)
    seal.set_from_file(bare)
    assert "Đóng dấu rộng 34.0 mm (đường kính đã nhập)" in seal.details.text()
    seal.diameter.setValue(38)
    seal.diameter_changed()  # the same image kept with its new diameter
    with demo_store.read() as s:
        kept = get_stamp_image(s, StampKind.SEAL, unit_id)
        assert kept.png == bare.read_bytes() and kept.seal_mm == 38
    seal.set_from_file(seal_file)  # a scan at 100 % whose size disagrees with the diameter: refused
    assert "khác đường kính 38 mm đã nhập" in dialog.status.text()

    # A JPEG and a PNG with a white background are refused in one line; the kept image stays.
    jpeg = tmp_path / "anh.jpg"
    jpeg.write_bytes(png(fmt="JPEG", mode="RGB"))
    sig.set_from_file(jpeg)
    assert dialog.status.text().startswith("Không dùng được ảnh chữ ký này: tệp không phải ảnh PNG")
    assert "\n" not in dialog.status.text()
    white = tmp_path / "nen-trang.png"
    white.write_bytes(png(mode="RGB"))
    seal.set_from_file(white)
    assert "không có nền trong suốt" in dialog.status.text()
    with demo_store.read() as s:
        assert get_stamp_image(s, StampKind.SIGNATURE, office.secretary).png == signature_file.read_bytes()
        assert get_stamp_image(s, StampKind.SEAL, unit_id).png == bare.read_bytes()
    sig.set_from_file(tmp_path / "khong-co.png")
    assert "Không đọc được tệp" in dialog.status.text()

    # Remove the seal; a fresh dialog shows what is kept.
    seal.remove_button.click()
    assert dialog.status.text().startswith("Đã xóa ảnh con dấu của Tỉnh Quảng Trị")
    with demo_store.read() as s:
        assert get_stamp_image(s, StampKind.SEAL, unit_id) is None
    dialog.close()
    again = open_dialog(window)
    assert again.signature.remove_button.isEnabled() and again.signature.image is not None


def test_the_secretary_signs_in_the_app_and_her_kept_signature_is_drawn(make_window, demo_store, office, tmp_path):
    window = make_window(demo_store, person_id=office.secretary)
    dialog = open_dialog(window)
    signature_file = tmp_path / "chu-ky.png"
    signature_file.write_bytes(demo_signature_png("Phạm Thị Ngọc Ánh"))
    dialog.signature.set_from_file(signature_file)
    dialog.close()

    ws, tab = open_signing_tab(window, office)
    request_in_order(tab, office)
    answer_next_dialog(fill_p12(office.p12[office.secretary], PASSWORD))
    tab.sign_button.click()
    entry = entry_of(tab, office.document_id)
    assert entry.request.slots[0].signed and entry.verdict == "valid"
    signed = demo_store.blobs.get(entry.document.current_version.sha256)
    drawn = stamped_images(signed)
    mine = entry.request.slots[0].field_name
    assert len(drawn[mine]) == 1 and drawn[mine][0][2]  # her signature image, transparent
    assert drawn[entry.request.slots[1].field_name] == []  # the chair has not signed yet
