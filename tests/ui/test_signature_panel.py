"""The signature panel with real signatures: green when valid, red with a reason when the file was
changed after signing, grey when the signer cannot be trusted, and "show what was signed".

Signed here with the office CA (signing.ca), a .p12 (signing.keys) and PAdES (signing.pades);
verification runs in the real verification worker process.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from PySide6.QtCore import Qt

from demo.samples import SampleSpec, generate_pdf
from signing.keys.ca import create_office_ca, issue_person_certificate
from signing.keys.signing_keys import load_pkcs12
from signing.keys.trust_roots import TrustRoots
from signing.pdf.pades import SignerDisplay, SignRequest, sign_pdf
from signing.verify.service import shutdown_workers
from ui.tasks import SyncTaskRunner
from ui.viewer.signature_panel import ReasonListModel, SignatureListModel, format_vietnam_time
from ui.viewer.viewer import PdfViewer

SIGNED_AT = datetime(2026, 11, 28, 7, 30, 5, tzinfo=UTC)  # 14:30:05 in Hà Nội
ORG = "Ủy ban nhân dân tỉnh Thử Nghiệm"


@pytest.fixture(scope="module")
def signed():
    ca = create_office_ca("CA Văn phòng UBND tỉnh Thử Nghiệm", organization=ORG, now=SIGNED_AT - timedelta(days=30))
    person = issue_person_certificate(ca, full_name="Lê Thị Thu Hằng", email=None, organization=ORG,
                                      now=SIGNED_AT - timedelta(days=1))
    key = load_pkcs12(person.to_pkcs12(b"mat-khau"), b"mat-khau")
    plain = generate_pdf(SampleSpec(doc_type="TTr", number="45/TTr-UBND", pages=3))
    data = sign_pdf(plain, key, SignRequest(field_name="ThuKy", signer=SignerDisplay("Lê Thị Thu Hằng", "Thư ký"),
                                            at=SIGNED_AT, reason="Đã kiểm tra"))
    yield {"ca": ca, "plain": plain, "data": data}
    shutdown_workers()


def _tampered(data: bytes) -> bytes:
    """What an attacker's editor does: an incremental update that draws new text on page 1."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 600 Td (KHONG THONG QUA) Tj ET")
    w.add_stream_to_page(0, w.add_object(stream))
    out = BytesIO()
    w.write(out)
    return out.getvalue()


@pytest.fixture()
def viewer(qtbot, signed):
    v = PdfViewer()
    v.set_task_runner(SyncTaskRunner())
    v.set_trust(lambda: TrustRoots.from_pem_or_der(signed["ca"].cert_pem))
    qtbot.addWidget(v)
    v.resize(1300, 800)
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.close_document()


def _open_and_verify(qtbot, v: PdfViewer, data: bytes):
    with qtbot.waitSignal(v.signature_panel.reportReady, timeout=60000) as blocker:
        v.open_bytes(data, "Tờ trình 45/TTr-UBND")
        v.show_signature_panel(True)
    return blocker.args[0]


def _rows(model) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_valid_signature_is_green_with_signer_and_vietnam_time(qtbot, viewer, signed):
    report = _open_and_verify(qtbot, viewer, signed["data"])
    panel = viewer.signature_panel
    assert report.verdict == "valid"
    assert panel.badge.property("verdict") == "valid" and "#2e7d32" in panel.badge.styleSheet()
    assert panel.badge.text() == "Mọi chữ ký đều hợp lệ"
    (row,) = _rows(panel.signatures)
    assert "Lê Thị Thu Hằng" in row and "Hợp lệ" in row and "28/11/2026 14:30:05" in row
    assert viewer.toolbar.act_signatures.text() == "Chữ ký: Hợp lệ"
    assert panel.show_signed.isEnabled()


def test_tampered_file_is_red_with_the_reason_in_vietnamese_and_english(qtbot, viewer, signed):
    report = _open_and_verify(qtbot, viewer, _tampered(signed["data"]))
    panel = viewer.signature_panel
    assert report.verdict == "invalid"
    assert panel.badge.property("verdict") == "invalid" and "#c62828" in panel.badge.styleSheet()
    assert "Không hợp lệ" in _rows(panel.signatures)[0]
    reasons = panel.reasons
    invalid = [reasons.index(r, 0) for r in range(reasons.rowCount())
               if reasons.index(r, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
               and reasons.index(r, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"]
    assert invalid, _rows(reasons)
    assert "sau khi ký" in invalid[0].data()  # "... bị sửa/thay đổi sau khi ký ..."
    assert "after signing" in invalid[0].data(Qt.ItemDataRole.ToolTipRole)


def test_untrusted_signer_is_grey_cannot_verify(qtbot, viewer, signed):
    viewer.set_trust(lambda: TrustRoots())  # no root installed: nobody can be trusted
    report = _open_and_verify(qtbot, viewer, signed["data"])
    assert report.verdict == "cannot_verify"
    panel = viewer.signature_panel
    assert panel.badge.property("verdict") == "cannot_verify" and "#757575" in panel.badge.styleSheet()
    assert any("nguồn tin cậy" in text for text in _rows(panel.reasons))


def test_unsigned_file_says_so(qtbot, viewer, signed):
    report = _open_and_verify(qtbot, viewer, signed["plain"])
    assert report.verdict == "unsigned"
    panel = viewer.signature_panel
    assert panel.badge.text() == "Tài liệu không có chữ ký số"
    assert panel.signatures.rowCount() == 0 and not panel.show_signed.isEnabled()


def test_show_what_was_signed_opens_the_revision_beside_and_scrolls_with_it(qtbot, viewer, signed):
    tampered = _tampered(signed["data"])
    _open_and_verify(qtbot, viewer, tampered)
    assert not viewer.compare_pane.isVisible()
    qtbot.mouseClick(viewer.signature_panel.show_signed, Qt.MouseButton.LeftButton)
    pane = viewer.compare_pane
    assert pane.isVisible() and pane.field == "ThuKy"
    assert pane.page_count() == viewer.page_count()
    assert "Lê Thị Thu Hằng" in pane.title.text()
    # Beside the current file: to its left, both with room to read.
    assert pane.geometry().right() < viewer.view.geometry().left()
    assert pane.width() > 200 and viewer.view.width() > 200
    # Both scroll together, page for page.
    viewer.nav.go_to_page(3)
    qtbot.waitUntil(lambda: pane.view.position()[0] == 2, timeout=3000)
    pane.close_pane()
    assert not pane.isVisible()


def test_time_is_shown_in_vietnam_time():
    assert format_vietnam_time("2026-11-28T07:30:05+00:00") == "28/11/2026 14:30:05"
    assert format_vietnam_time("2026-12-31T23:59:59+07:00") == "31/12/2026 23:59:59"
    assert format_vietnam_time(None) == ""


def test_models_pass_the_model_tester(qtmodeltester, qtbot, viewer, signed):
    _open_and_verify(qtbot, viewer, _tampered(signed["data"]))
    qtmodeltester.check(viewer.signature_panel.signatures)
    qtmodeltester.check(viewer.signature_panel.reasons)
    qtmodeltester.check(SignatureListModel())
    qtmodeltester.check(ReasonListModel())


def _dark_pixels(data: bytes, qapp) -> int:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    doc, buf = QPdfDocument(), QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    image = doc.render(doc.pageCount() - 1, QSize(600, 850))
    # QtPdf renders onto a transparent background: count opaque, dark pixels (ink).
    return sum(1 for y in range(0, 850, 2) for x in range(0, 600, 2)
               if (c := image.pixelColor(x, y)).alpha() > 128 and c.lightness() < 128)


def test_the_signature_stamp_is_drawn_on_screen(qapp, signed):
    """QtPdf leaves form widgets out; the viewer's display copy draws the stamp into the page."""
    from documents.display import display_copy

    data = signed["data"]
    assert _dark_pixels(display_copy(data), qapp) > _dark_pixels(data, qapp)
