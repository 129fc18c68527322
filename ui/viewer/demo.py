"""A demo of the viewer for screenshots (``nghisu gui --screenshot``) and for looking at it by hand.

Signs a generated Vietnamese document with a throw-away office CA, opens it, verifies it with
that CA trusted, shows the signature panel, and optionally "what was signed" beside it.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from signing.keys.trust_roots import TrustRoots
from ui.tasks import TaskRunner
from ui.viewer.viewer import PdfViewer

log = logging.getLogger(__name__)


def wait_ms(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds.

    Not QTest.qWait: in PySide6 6.12 it keeps Python's GIL while it sleeps, so task-runner
    threads running Python code (search, verification) stall until it returns.
    """
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(predicate, timeout_ms: int = 20000) -> bool:
    end = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < end:
        if predicate():
            return True
        wait_ms(30)
    return predicate()


def signed_demo_pdf(*, tamper: bool = False) -> tuple[bytes, bytes]:
    """(signed PDF bytes, CA certificate PEM): a Tờ trình signed by the secretary."""
    from demo.samples import SampleSpec, generate_pdf  # noqa: PLC0415 -- deferred for start-up: brings in reportlab
    from signing.keys.ca import create_office_ca, issue_person_certificate  # noqa: PLC0415 -- deferred for start-up: brings in cryptography
    from signing.keys.signing_keys import load_pkcs12  # noqa: PLC0415 -- deferred for start-up: brings in cryptography
    from signing.pdf.pades import SignerDisplay, SignRequest, sign_pdf  # noqa: PLC0415 -- deferred for start-up: brings in cryptography

    at = datetime(2026, 11, 28, 7, 30, 5, tzinfo=UTC)
    org = "Ủy ban nhân dân tỉnh Quảng Trị"
    ca = create_office_ca("CA Văn phòng UBND tỉnh Quảng Trị", organization=org, now=at - timedelta(days=30))
    person = issue_person_certificate(ca, full_name="Lê Thị Thu Hằng", email=None, organization=org,
                                      unit="Văn phòng", now=at - timedelta(days=1))
    key = load_pkcs12(person.to_pkcs12(b"demo"), b"demo")
    plain = generate_pdf(SampleSpec(doc_type="TTr", number="45/TTr-UBND", pages=4))
    data = sign_pdf(plain, key, SignRequest(field_name="ThuKy", signer=SignerDisplay("Lê Thị Thu Hằng", "Thư ký",
                                                                                     "Văn phòng UBND tỉnh"),
                                            at=at, reason="Trình họp UBND tỉnh", page=0))
    if tamper:
        from pyhanko.pdf_utils import generic  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

        w = IncrementalPdfFileWriter(BytesIO(data), strict=False)
        stream = generic.StreamObject(stream_data=b"q 1 0 0 rg BT /F1 28 Tf 120 420 Td (KHONG THONG QUA) Tj ET Q")
        w.add_stream_to_page(0, w.add_object(stream))
        out = BytesIO()
        w.write(out)
        data = out.getvalue()
    return data, ca.cert_pem


def render_demo_screenshot(path: str | Path, *, tamper: bool = False, show_signed: bool = False,
                           size: tuple[int, int] = (1400, 860)):
    """Render the viewer with a signed document and its signature panel open to ``path`` (PNG).

    Needs a QApplication. Returns the viewer's verdict ("valid", "invalid", ...).
    """

    assert QApplication.instance() is not None, "create the QApplication first"
    data, ca_pem = signed_demo_pdf(tamper=tamper)
    runner = TaskRunner()
    viewer = PdfViewer()
    try:
        viewer.set_task_runner(runner)
        viewer.set_trust(lambda: TrustRoots.from_pem_or_der(ca_pem))
        viewer.resize(*size)
        viewer.show()
        viewer.open_bytes(data, "Tờ trình số 45/TTr-UBND (đã ký số)", page=1)
        viewer.show_signature_panel(True)
        wait_until(lambda: viewer.signature_panel.report is not None, 60000)
        if show_signed:
            viewer.show_signed_revision("ThuKy", "Lê Thị Thu Hằng")
            wait_until(lambda: viewer.compare_pane.page_count() > 0, 30000)
        wait_until(lambda: viewer.thumbnail_model.rendered_count >= 3, 5000)
        wait_ms(400)  # QPdfView renders asynchronously: let the pages arrive before grabbing
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        viewer.grab().save(str(path))
        return viewer.signature_panel.verdict
    finally:
        viewer.shutdown()
        runner.shutdown()
        viewer.close()
        viewer.deleteLater()


if __name__ == "__main__":  # python -m ui.viewer.demo /tmp/viewer-look
    import os
    import sys

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/viewer-look")
    print(render_demo_screenshot(out / "viewer-valid.png"))
    print(render_demo_screenshot(out / "viewer-tampered-compare.png", tamper=True, show_signed=True))
    from signing.verify.service import shutdown_workers

    shutdown_workers()
