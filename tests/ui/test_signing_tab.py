"""Signing through the window, as a secretary and a chair would: ask for signatures in order,
sign with a .p12 file in the dialog, see the badge turn green; a file changed after signing
shows red with its reason; signing out of turn, or with the wrong password, is refused in
plain words in the window's one error place; the "Chờ ký" column counts what is waiting."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.test_workspace import answer_next_dialog

PASSWORD = "mat-khau-ky-so"
DEMO_MEETING = "Phiên họp UBND tỉnh thường kỳ tháng 12 năm 2026"


@pytest.fixture(scope="module", autouse=True)
def _verification_workers():
    """Verification runs in worker processes: stop them when this module is done."""
    yield
    from signing.verify.service import shutdown_workers

    shutdown_workers()


@pytest.fixture(autouse=True)
def _no_message_left_open():
    """Refusals are shown in (non-blocking) message boxes; none may outlive its test."""
    yield
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.isVisible():
            w.close()


def shown_messages(window) -> list[str]:
    return [w.text() for w in window.findChildren(QMessageBox) if w.isVisible()]


@dataclass(frozen=True)
class Office:
    meeting_id: int
    document_id: int  # the Tờ trình of item 3.1, not signed yet
    secretary: int
    chair: int
    p12: dict[int, Path]


@pytest.fixture
def office(demo_store, tmp_path) -> Office:
    """The demo store (it has the office test CA) with a fresh .p12 for the secretary and the chair."""
    from documents.library import list_documents
    from meetings.lifecycle import list_meetings
    from signing.keys.office_ca import issue_certificate
    from store.directory import find_person_by_email

    with demo_store.read() as s:
        meeting = next(m for m in list_meetings(s) if m.title == DEMO_MEETING)
        doc = next(d for d in list_documents(s, meeting.id) if d.doc_type == "to_trinh")
        secretary = find_person_by_email(s, "anh.ptn@quangtri.gov.vn").id
        chair = find_person_by_email(s, "minh.nv@quangtri.gov.vn").id
    files = {}
    with demo_store.uow() as uow:
        for person in (secretary, chair):
            issued = issue_certificate(uow, person, key="ec-p256").issued
            files[person] = tmp_path / f"nguoi-{person}.p12"
            files[person].write_bytes(issued.to_pkcs12(PASSWORD.encode()))
        uow.commit()
    return Office(meeting.id, doc.id, secretary, chair, files)


def open_signing_tab(window, office: Office):
    ws = window.open_meeting(office.meeting_id)
    tab = ws.pages["signing"]
    ws.tabs.setCurrentWidget(tab)
    assert tab.select_document(office.document_id)
    return ws, tab


def entry_of(tab, document_id: int):
    return tab.docs.entry(tab.docs.row_of(document_id))


def waiting_in_table(window, meeting_id: int) -> str:
    from ui.models.meetings import MeetingTableModel

    window.load_meetings()
    model = window.meetings
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    col = header.index("Chờ ký")
    assert col >= MeetingTableModel.FIXED
    return model.index(model.row_of(meeting_id), col).data()


def fill_p12(path: Path, password: str):
    def fill(d) -> None:
        d.use_p12.setChecked(True)
        d.p12_path.setCurrentText(str(path))
        d.password.setText(password)

    return fill


def request_in_order(tab, office: Office) -> None:
    answer_next_dialog(lambda d: d.choose([office.secretary, office.chair]))
    tab.request_button.click()


def test_the_tab_sits_between_materials_and_book(make_window, demo_store, office):
    window = make_window(demo_store, person_id=office.secretary)
    ws, _tab = open_signing_tab(window, office)
    keys = list(ws.pages)
    assert keys.index("materials") < keys.index("signing") < keys.index("book")
    assert ws.tabs.tabText(keys.index("signing")) == "Ký số"


def test_request_then_sign_with_the_p12_and_the_badge_turns_green(make_window, demo_store, office, tmp_path):
    from signing.errors import WrongPassword
    from ui.models.signing import VERDICT_ROLE, SigningDocumentsModel

    window = make_window(demo_store, person_id=office.secretary)
    ws, tab = open_signing_tab(window, office)
    assert entry_of(tab, office.document_id).request is None
    assert tab.request_button.isEnabled() and not tab.sign_button.isEnabled()
    assert waiting_in_table(window, office.meeting_id) == "0"

    # 1. "Yêu cầu ký…": the secretary first, then the chair.
    request_in_order(tab, office)
    entry = entry_of(tab, office.document_id)
    assert [s.person_id for s in entry.request.slots] == [office.secretary, office.chair]
    assert entry.turn.person_id == office.secretary
    assert tab.slots.index(0, 3).data() == "đến lượt bạn" and tab.slots.index(1, 3).data() == "chờ người trước"
    assert "Đến lượt bạn ký" in tab.hint.text()
    assert tab.sign_button.isEnabled() and not tab.request_button.isEnabled()
    assert waiting_in_table(window, office.meeting_id) == "2"

    # 2. A wrong password is refused in plain words; nothing is signed.
    answer_next_dialog(fill_p12(office.p12[office.secretary], "sai-mat-khau"))
    tab.sign_button.click()
    assert isinstance(window.errors[-1], WrongPassword)
    assert shown_messages(window) == ["Mật khẩu của tệp chứng thư số không đúng; hãy nhập lại."]
    assert not entry_of(tab, office.document_id).request.slots[0].signed

    # 3. The right password: signed, verified, green.
    answer_next_dialog(fill_p12(office.p12[office.secretary], PASSWORD))
    tab.sign_button.click()
    entry = entry_of(tab, office.document_id)
    assert entry.request.slots[0].signed and entry.turn.person_id == office.chair
    assert entry.document.current_version.source == "signature"
    assert entry.verdict == "valid", entry.verification.report.to_json() if entry.verification else None
    row = tab.docs.row_of(office.document_id)
    assert tab.docs.index(row, SigningDocumentsModel.BADGE).data(VERDICT_ROLE) == "valid"
    assert tab.docs.index(row, SigningDocumentsModel.BADGE).data() == "Hợp lệ"
    assert tab.badge.verdict == "valid" and tab.badge.isVisible()
    assert not tab.sign_button.isEnabled()
    assert "Nguyễn Văn Minh" in tab.hint.text()
    assert tab.slots.index(0, 3).data() == "đã ký" and tab.slots.index(1, 3).data() == "đến lượt"
    assert waiting_in_table(window, office.meeting_id) == "1"
    # The last .p12 file is remembered; the password never is.
    settings_text = (Path(window.settings.q.fileName())).read_text(encoding="utf-8")
    assert str(office.p12[office.secretary]) in settings_text and PASSWORD not in settings_text

    # 4. The badge opens the report; "Mở tài liệu" opens the viewer with its signature panel.
    dialog = tab.show_report(entry)
    text = dialog.browser.toPlainText()
    assert "Phạm Thị Ngọc Ánh" in text and "Mọi chữ ký đều hợp lệ" in text and "giờ Việt Nam" in text
    dialog.open_button.click()
    viewer = tab.last_viewer
    assert viewer is not None and window.tabs.currentWidget() is viewer
    assert viewer.signature_panel.isVisible()
    assert viewer.signature_panel.verdict == "valid"


def test_a_file_changed_after_signing_shows_red_with_its_reason(make_window, demo_store, office):
    from documents.intake.service import inspect_pdf
    from documents.library import add_version
    from signing.keys.signing_keys import load_pkcs12
    from signing.workflow import request_signatures, sign_request

    with demo_store.uow(office.secretary) as uow:
        req = request_signatures(uow, office.document_id, [office.secretary, office.chair])
        uow.commit()
    key = load_pkcs12(office.p12[office.secretary].read_bytes(), PASSWORD.encode())
    signed = sign_request(demo_store, req.id, office.secretary, key).document
    data = demo_store.blobs.get(signed.current_version.sha256)
    at = data.index(b"ReportLab")  # inside the first revision, which the signature covers
    tampered = data[:at] + b"ReportLax" + data[at + 9:]
    with demo_store.uow(office.secretary) as uow:
        add_version(uow, office.document_id, inspect_pdf(tampered), source="replace", note="sửa sau khi ký")
        uow.commit()

    window = make_window(demo_store, person_id=office.secretary)
    _ws, tab = open_signing_tab(window, office)
    entry = entry_of(tab, office.document_id)  # verified by the tab as soon as it saw it
    assert entry.verdict == "invalid"
    assert tab.badge.verdict == "invalid"
    reasons = [r for s in entry.verification.report.signatures for r in s.reasons if r.severity == "invalid"]
    assert reasons
    text = tab.show_report(entry).browser.toPlainText()
    assert "Không hợp lệ" in text and reasons[0].vi in text


def test_signing_out_of_turn_is_refused_in_plain_words(make_window, demo_store, office):
    from signing.workflow import request_signatures
    from signing.workflow_records import NotYourTurn

    with demo_store.uow(office.secretary) as uow:
        request_signatures(uow, office.document_id, [office.secretary, office.chair])
        uow.commit()
    window = make_window(demo_store, person_id=office.chair)
    _ws, tab = open_signing_tab(window, office)
    assert not tab.sign_button.isEnabled()
    assert "Đang chờ Phạm Thị Ngọc Ánh ký" in tab.hint.text() and "Bạn ký sau" in tab.hint.text()
    tab.sign()  # Ctrl+K or a stale screen: the same refusal the service gives
    assert isinstance(window.errors[-1], NotYourTurn)
    assert window.errors[-1].vi.startswith("Chưa đến lượt bạn ký: đang chờ Phạm Thị Ngọc Ánh")
    assert any("Chưa đến lượt bạn ký" in text for text in shown_messages(window))
    assert not entry_of(tab, office.document_id).request.slots[1].signed


def test_a_signature_made_meanwhile_elsewhere_is_a_conflict_and_nothing_is_lost(make_window, demo_store, office):
    from signing.keys.signing_keys import load_pkcs12
    from signing.workflow import request_signatures, sign_request
    from store.errors import ConflictError

    with demo_store.uow(office.secretary) as uow:
        req = request_signatures(uow, office.document_id, [office.secretary, office.chair])
        uow.commit()
    window = make_window(demo_store, person_id=office.secretary)
    _ws, tab = open_signing_tab(window, office)
    assert tab.sign_button.isEnabled()
    # The same secretary signs on her laptop while this screen still shows her turn.
    sign_request(demo_store, req.id, office.secretary,
                 load_pkcs12(office.p12[office.secretary].read_bytes(), PASSWORD.encode()))
    answer_next_dialog(fill_p12(office.p12[office.secretary], PASSWORD))
    tab.sign_button.click()
    assert isinstance(window.errors[-1], ConflictError)
    entry = entry_of(tab, office.document_id)  # reloaded: her first signature is there, once
    assert entry.request.slots[0].signed and entry.turn.person_id == office.chair
    assert not tab.sign_button.isEnabled()


def test_the_models_pass_the_model_tester(qtmodeltester, demo_store, office):
    from signing.workflow import request_signatures
    from ui.models.signing import SignerSlotsModel, SigningDocumentsModel, load_signing

    with demo_store.uow(office.secretary) as uow:
        request_signatures(uow, office.document_id, [office.secretary, office.chair])
        uow.commit()
    rows = load_signing(demo_store, office.meeting_id)
    docs = SigningDocumentsModel()
    docs.set_rows(rows, office.secretary)
    qtmodeltester.check(docs)
    slots = SignerSlotsModel()
    slots.set_request(next(r for r in rows if r.document.id == office.document_id).request, office.secretary)
    qtmodeltester.check(slots)
    assert slots.turn_row() == 0
    empty = SignerSlotsModel()
    qtmodeltester.check(empty)


def test_settings_trust_roots_are_the_store_s_and_a_p12_registers_to_who_i_am(qtbot, demo_store, office, tmp_path):
    from signing.keys.ca import create_office_ca
    from signing.keys.certificates import list_certificates
    from signing.keys.office_ca import issue_certificate
    from signing.keys.truststore import list_trust_roots
    from store.directory import find_person_by_email
    from tests.conftest import START
    from ui.settings import AppSettings, SettingsDialog
    from ui.tasks import SyncTaskRunner

    settings = AppSettings()
    settings.person_id = office.secretary
    runner = SyncTaskRunner()
    dialog = SettingsDialog(settings, runner, demo_store)
    qtbot.addWidget(dialog)
    with demo_store.read() as s:
        before = [r.id for r in list_trust_roots(s)]
    assert dialog.roots.roots() == before and len(before) == 1  # the office test CA
    assert "CA THỬ NGHIỆM" in dialog.roots.list.item(0).text()

    # A licensed provider's root, as a PEM file: trusted at once, for every desktop of the store.
    root = tmp_path / "vnpt-ca.pem"
    root.write_bytes(create_office_ca("VNPT-CA thử nghiệm", organization="VNPT", now=START, key="ec-p256").cert_pem)
    dialog.roots.add_files([str(root)])
    with demo_store.read() as s:
        after = list_trust_roots(s)
    assert len(after) == 2 and dialog.roots.roots() == [r.id for r in after]
    assert "Đã thêm 1 chứng thư gốc" in dialog.roots.status.text()
    dialog.roots.list.setCurrentRow(1)
    dialog.roots.remove_selected(ask=False)
    with demo_store.read() as s:
        assert [r.id for r in list_trust_roots(s)] == before

    # A .p12 for "who I am": its certificate is registered to that person.
    with demo_store.read() as s:
        person = find_person_by_email(s, "ha.ttt@quangtri.gov.vn").id
    dialog.person.setCurrentIndex(dialog.person.findData(person))
    with demo_store.uow() as uow:  # issued, then rolled back: registering it is the dialog's job
        issued = issue_certificate(uow, person, key="ec-p256").issued
    p12 = tmp_path / "cua-toi.p12"
    p12.write_bytes(issued.to_pkcs12(PASSWORD.encode()))
    dialog.certificates.register(str(p12), "sai")
    assert "Mật khẩu" in dialog.certificates.status.text() and dialog.certificates.paths() == []
    dialog.certificates.register(str(p12), PASSWORD)
    assert dialog.certificates.paths() == [str(p12)]
    with demo_store.read() as s:
        assert issued.common_name in [c.subject for c in list_certificates(s, person)][-1]
    dialog.accept()
    assert AppSettings().certificates == [str(p12)]
    runner.shutdown()
