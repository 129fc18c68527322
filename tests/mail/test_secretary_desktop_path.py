"""Issue 15's "Done when", walked through the real (offscreen) window alone: the secretary
issues the giấy mời (numbered), the chair signs it at her desktop, the secretary mails it with
its calendar event (real SMTP, read back over real IMAP), publishes, starts and closes the
meeting, drafts, edits and finalises the minutes (numbered), which the secretary then the chair
sign; records a conclusion and a task, issues the conclusion notice (numbered), which the chair
signs; then follows the task to done. Every paper is a numbered PDF whose signatures verify
and whose fonts are all embedded."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from documents.library import list_documents
from mail.models import MailMessage
from mail.outbox import list_deliveries
from meetings.lifecycle import get_meeting
from meetings.papers.conclusions import list_tasks
from meetings.papers.minutes import get_minutes
from meetings.sites import add_participant
from signing.keys.certificates import register_certificate
from signing.keys.signing_keys import load_pkcs12
from signing.keys.trust_roots import TrustRoots
from signing.keys.truststore import add_trust_roots
from signing.verify.service import verify_pdf
from store.directory import create_person, grant_role
from tests.mail.conftest import COMMUNE, COMMUNE_B, embedded_store, received
from tests.register.incoming_fixtures import pki
from tests.signing.pki import P12_PASSWORD
from tests.ui.test_signing_tab import entry_of, fill_p12
from tests.ui.test_workspace import answer_next_dialog


@pytest.fixture
def store_location(tmp_path):
    """The embedded store: the services on this path are tested on PostgreSQL in their own modules."""
    return embedded_store(tmp_path)


@pytest.fixture(scope="module", autouse=True)
def _verification_workers():
    yield
    from signing.verify.service import shutdown_workers

    shutdown_workers()


@pytest.fixture
def desks(office, qtbot, tmp_path, monkeypatch):
    """The office of tests/mail with a chair, the secretary as the unit's văn thư, both with a
    registered certificate (.p12 files), and a window per person at their own desktop."""
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow
    from ui.settings import AppSettings
    from ui.tasks import SyncTaskRunner

    store = office.store
    with store.uow() as uow:
        chair = create_person(uow, full_name="Nguyễn Văn Hưng", position="Chủ tịch UBND tỉnh", unit_id=office.unit_id).id
        add_participant(uow, office.meeting_id, chair, "chair")
        grant_role(uow, office.secretary, office.unit_id, "van_thu", since=date(2026, 1, 1))
        add_trust_roots(uow, pki().ca.cert_pem)
        register_certificate(uow, office.secretary, load_pkcs12(pki().secretary.p12, P12_PASSWORD).certificate_der)
        register_certificate(uow, chair, load_pkcs12(pki().chair.p12, P12_PASSWORD).certificate_der)
        uow.commit()
    p12 = {office.secretary: tmp_path / "thu-ky.p12", chair: tmp_path / "chu-tich.p12"}
    p12[office.secretary].write_bytes(pki().secretary.p12)
    p12[chair].write_bytes(pki().chair.p12)
    folder = tmp_path / "settings"
    monkeypatch.setenv("NGHISU_SETTINGS_DIR", str(folder))
    monkeypatch.setenv("NGHISU_MAIL_SECRETS_DIR", str(office.secrets))
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / "qt"))
    asked: list[str] = []

    def confirm(box):
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", confirm)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    windows = {}
    for person in (office.secretary, chair):
        settings = AppSettings(QSettings(str(folder / f"nghisu-{person}.ini"), QSettings.Format.IniFormat))
        settings.person_id = person  # each person's own desktop
        w = MainWindow(settings, SyncTaskRunner(), work_dir=tmp_path / f"books-{person}")
        qtbot.addWidget(w)
        w.resize(1280, 800)
        w.show()
        w.use_store(store)
        windows[person] = w
    yield windows, chair, p12
    for w in windows.values():
        w.close()
        w.runner.shutdown()


def sign_at_desk(window, meeting_id: int, document_id: int, p12_path):
    """Open the meeting, the signing tab, choose the paper, sign with the .p12 in the dialog."""
    ws = window.open_meeting(meeting_id)
    window.reload_action.trigger()  # F5: what the others did meanwhile
    tab = ws.pages["signing"]
    ws.tabs.setCurrentWidget(tab)
    assert tab.select_document(document_id), f"document {document_id} not in the signing tab"
    assert tab.sign_button.isEnabled(), tab.hint.text()
    answer_next_dialog(fill_p12(p12_path, P12_PASSWORD.decode()))
    tab.sign_button.click()
    return entry_of(tab, document_id)


def fonts_all_embedded(data: bytes, tmp_path, name: str) -> bool:
    path = tmp_path / name
    path.write_bytes(data)
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=60,
                          check=True).stdout.splitlines()[2:]
    return bool(rows) and all(row.split()[-5] == "yes" for row in rows)


def papers_of(store, meeting_id: int) -> dict[str, object]:
    with store.read() as s:
        return {d.doc_type: d for d in list_documents(s, meeting_id)}


def test_from_the_desktop_alone_a_secretary_runs_the_meetings_papers(office, desks, mail_servers, tmp_path):
    windows, chair, p12 = desks
    store, mid, secretary = office.store, office.meeting_id, office.secretary
    desk = windows[secretary]

    # 1. Giấy mời: issued (numbered by the register, sent to its signer, the chair) from the papers tab.
    ws = desk.open_meeting(mid)
    papers = ws.pages["papers"]
    papers.issue_invitation_button.click()
    assert desk.errors == []
    invitation = papers_of(store, mid)["giay_moi"]
    assert invitation.number.endswith("/GM-UBND")
    papers.mail_invitation_button.click()  # not signed yet: refused in one line, nothing queued
    assert "chưa ký số xong" in str(desk.errors.pop())
    with store.read() as s:
        assert list_deliveries(s, unit_id=office.unit_id) == []

    entry = sign_at_desk(windows[chair], mid, invitation.id, p12[chair])
    assert entry.verdict == "valid" and entry.request.status == "completed"

    # 2. Mailed with its .ics from the papers tab, sent from Tệp → Thư công vụ….
    ws = desk.open_meeting(mid)
    papers = ws.pages["papers"]
    papers.mail_invitation_button.click()
    assert "Đã xếp 2 thư giấy mời" in papers.mail_invitation_button.last_message
    assert "Trần Văn Không Thư" in papers.mail_invitation_button.last_message  # no address: said, not lost
    desk.mail_action.trigger()
    from ui.mail.dialog import MailDialog

    mail = next(d for d in desk.findChildren(MailDialog) if d.isVisible())
    mail.send_button.click()
    assert "Đã gửi 2" in mail.outcome.text(), mail.outcome.text()
    mail.close()
    with store.read() as s:
        deliveries = list_deliveries(s, unit_id=office.unit_id)
        refs = {d.address: s.get(MailMessage, d.message_id).message_ref for d in deliveries}
        signed_invitation = store.blobs.get(papers_of(store, mid)["giay_moi"].current_version.sha256)
    assert {d.status for d in deliveries} == {"sent"} and set(refs) == {COMMUNE, COMMUNE_B}
    (msg,) = received(mail_servers, COMMUNE, refs[COMMUNE])
    parts = {p.get_content_type(): p for p in msg.iter_attachments()}
    assert parts["application/pdf"].get_content() == signed_invitation  # the signed file, unchanged
    assert "BEGIN:VEVENT" in parts["text/calendar"].get_content()

    # 3. The meeting is run: published, started, closed by the status actions.
    ws = desk.open_meeting(mid)
    for target in ("published", "in_progress", "closed"):
        ws.action_buttons[target].click()
        assert desk.errors == [], desk.errors
    with store.read() as s:
        assert get_meeting(s, mid).meeting.status == "closed"

    # 4. Minutes: drafted from the record, one section edited, finalised (numbered), signed in turn.
    papers = ws.pages["papers"]
    papers.draft_button.click()
    keys = [papers.sections.item(i).data(Qt.ItemDataRole.UserRole) for i in range(papers.sections.count())]
    papers.sections.setCurrentRow(keys.index("place"))
    papers.editor.setPlainText("Phòng họp số 1, Trụ sở UBND tỉnh Quảng Trị.")
    papers.save_minutes_button.click()
    papers.finalise_button.click()
    with store.read() as s:
        minutes = get_minutes(s, mid)
    assert minutes.status == "final" and minutes.section("place").text == "Phòng họp số 1, Trụ sở UBND tỉnh Quảng Trị."
    minutes_doc = papers_of(store, mid)["bien_ban"]
    assert minutes_doc.number.endswith("/BB-UBND")
    assert sign_at_desk(desk, mid, minutes_doc.id, p12[secretary]).verdict == "valid"
    assert sign_at_desk(windows[chair], mid, minutes_doc.id, p12[chair]).request.status == "completed"

    # 5. Conclusion and task, then the notice issued (numbered) and signed by the chair.
    ws = desk.open_meeting(mid)
    panel = ws.pages["papers"].conclusions
    panel.conclusion_text.setText("Giao Văn phòng tổng hợp ý kiến, hoàn thiện kế hoạch năm 2027.")
    panel.add_conclusion_button.click()
    panel.task_text.setText("Hoàn thiện dự thảo kế hoạch phát triển kinh tế - xã hội năm 2027")
    panel.deadline.setDate(QDate(2026, 12, 20))
    panel.add_task_button.click()
    assert panel.table.rowCount() == 1 and panel.table.item(0, 3).text() == "Đang thực hiện"
    panel.issue_button.click()
    notice = papers_of(store, mid)["thong_bao"]
    assert notice.number.endswith("/TB-UBND")
    assert sign_at_desk(windows[chair], mid, notice.id, p12[chair]).request.status == "completed"

    # 6. Following the task: marked done from the panel.
    ws = desk.open_meeting(mid)
    panel = ws.pages["papers"].conclusions
    panel.table.selectRow(0)
    panel.done_button.click()
    assert panel.table.item(0, 3).text() == "Đã xong"
    with store.read() as s:
        assert [t.status for t in list_tasks(s, meeting_id=mid)] == ["done"]

    # Every paper: numbered, its signatures valid, every font embedded.
    trust = TrustRoots.from_pem_or_der(pki().ca.cert_pem)
    for kind in ("giay_moi", "bien_ban", "thong_bao"):
        doc = papers_of(store, mid)[kind]
        data = store.blobs.get(doc.current_version.sha256)
        report = verify_pdf(data, trust=trust)
        assert report.verdict == "valid", (kind, report.to_json())
        assert fonts_all_embedded(data, tmp_path, f"{kind}.pdf"), kind
