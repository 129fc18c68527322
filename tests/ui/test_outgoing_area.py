"""The outgoing path from the "Văn bản" tab's buttons, without the command line: a drafter picks a
PDF and names the signer and a reviewer; the reviewer comments on version 1; the leader's
approval is refused while the comment is open; a new version answers it; the reviewer agrees;
the leader approves and signs with their .p12 file; the văn thư numbers and releases it with the
organisation's key; the released file is exported, shows its number on page 1 and verifies
valid; the commune asked to report by a date shows late on its board once the date has passed;
then the release is cancelled with its reason. Real store (both backends), real keys,
real PDFs, offscreen Qt."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QFileDialog

from register.incoming.handling import mark_done
from register.incoming.receive import register_received
from register.numbering import Series, list_numbers
from register.outgoing.generate import DocumentContent, render_document, sample_paragraphs
from register.outgoing.queries import outgoing_detail
from signing.keys.trust_roots import TrustRoots
from signing.verify.service import verify_pdf
from store.directory import create_person
from tests.register.conftest import build_office
from tests.register.outgoing_world import PASSWORD, make_keys, register_keys
from ui.register_area.outgoing_dialogs import (
    CancelDialog,
    CommentDialog,
    DraftDialog,
    ReviseDialog,
    StampKeyDialog,
)

#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


@pytest.fixture(scope="module")
def keys():
    return make_keys()


def decision(path, subject: str) -> str:
    """A decision made by another program: the signature block is found from its text."""
    data, _where = render_document(DocumentContent(
        agency="Ủy ban nhân dân tỉnh Quảng Trị", type_name="Quyết định", subject=subject,
        paragraphs=tuple(sample_paragraphs(subject)), block_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        signer_name="Nguyễn Văn Minh", recipients=("Như Điều 3", "Lưu: VT, VP")))
    path.write_bytes(data)
    return str(path)


def act_as(window, person_id: int) -> None:
    window.settings.person_id = person_id
    window.register_area.refresh()


def choose(area, outgoing_id: int) -> None:
    row = next(i for i, r in enumerate(area.outgoing.rows()) if r["id"] == outgoing_id)
    area.outgoing_view.selectRow(row)
    assert area.outgoing_actions.page.detail.info.id == outgoing_id


def filled(fill):
    """A dialog's ``exec`` that fills the real form as a person would and presses OK."""
    def exec_(dialog) -> QDialog.DialogCode:
        fill(dialog)
        return QDialog.DialogCode.Accepted
    return exec_


def test_a_decision_goes_from_draft_to_release_and_cancellation_from_the_buttons(
        make_window, store, keys, tmp_path, monkeypatch):
    office = build_office(store)
    with store.uow() as uow:
        reviewer = create_person(uow, full_name="Trần Quốc Toản", position="Phó Chánh Văn phòng",
                                 unit_id=office.office).id
        uow.commit()
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    p12 = {}
    for role in ("leader", "clerk"):
        p12[role] = tmp_path / f"{role}.p12"
        p12[role].write_bytes(keys.p12[role])

    window = make_window(store, person_id=office.drafter)
    area = window.register_area
    actions = area.outgoing_actions
    area.lists.setCurrentWidget(area.outgoing_view)
    assert not actions.isHidden() and area.receive_button.isHidden()  # the outgoing buttons replace the incoming
    assert actions.draft_button.isEnabled() and not actions.approve_button.isEnabled()

    # The drafter: a PDF, the type, subject, drafting unit, signer (TM.), recipients and a reviewer.
    def fill_draft(d: DraftDialog) -> None:
        d.path_edit.setText(decision(tmp_path / "qd-bao-lu.pdf", "Kế hoạch phòng chống bão lũ năm 2027"))
        d.type_combo.setCurrentIndex(d.type_combo.findData("quyet_dinh"))
        d.subject_edit.setPlainText("Kế hoạch phòng chống bão lũ năm 2027")
        d.unit_combo.setCurrentIndex(d.unit_combo.findData(office.office))
        d.signer_combo.setCurrentIndex(d.signer_combo.findData(office.leader))
        d.authority_combo.setCurrentIndex(d.authority_combo.findData("TM"))
        d.recipients_edit.setText("VG; Bộ Nội vụ")
        assert not d.reply_edit.isEnabled() and d.reply_edit.minimumDate() == QDate(2026, 11, 28)  # the store's day
        d.reply_check.setChecked(True)  # the recipients are asked to report by 8 December
        d.reply_edit.setDate(QDate(2026, 12, 8))
        from ui.register_area.outgoing_dialogs import check
        check(d.reviewer_list, [reviewer])

    monkeypatch.setattr(DraftDialog, "exec", filled(fill_draft))
    actions.draft_button.click()
    assert not window.errors, window.errors
    [row] = area.outgoing.rows()
    oid = row["id"]
    assert row["symbol"] is None and area.outgoing.data(area.outgoing.index(0, 4)) == "đang xin ý kiến"
    page = area.page_view.toPlainText()
    assert "Kế hoạch phòng chống bão lũ năm 2027" in page and "TM. Nguyễn Văn Minh" in page
    assert "Trần Quốc Toản" in page and "Ủy ban nhân dân xã Vĩnh Giang; Bộ Nội vụ" in page
    assert "Hạn báo cáo, trả lời\n08/12/2026" in page, page

    # The reviewer comments on version 1; the page keeps it under that version.
    act_as(window, reviewer)
    choose(area, oid)
    assert actions.comment_button.isEnabled() and not actions.revise_button.isEnabled()
    monkeypatch.setattr(CommentDialog, "exec", filled(
        lambda d: d.text_edit.setPlainText("Bổ sung căn cứ Luật Phòng, chống thiên tai.")))
    actions.comment_button.click()
    page = area.page_view.toPlainText()
    assert "Về phiên bản 1" in page and "Bổ sung căn cứ Luật Phòng, chống thiên tai. [chưa tiếp thu]" in page

    # The leader cannot approve while a comment is open: one line in the window's one place.
    act_as(window, office.leader)
    choose(area, oid)
    actions.approve_button.click()
    assert len(window.errors) == 1 and "chưa được tiếp thu" in str(window.errors[0])

    # The drafter answers it with version 2; the reviewer agrees.
    act_as(window, office.drafter)
    choose(area, oid)

    def fill_revision(d: ReviseDialog) -> None:
        d.path_edit.setText(decision(tmp_path / "qd-v2.pdf", "Kế hoạch phòng chống bão lũ năm 2027"))
        d.answer_edit.setPlainText("Đã bổ sung căn cứ.")

    monkeypatch.setattr(ReviseDialog, "exec", filled(fill_revision))
    actions.revise_button.click()
    assert "đã tiếp thu ở phiên bản 2: Đã bổ sung căn cứ." in area.page_view.toPlainText()
    act_as(window, reviewer)
    choose(area, oid)
    monkeypatch.setattr(CommentDialog, "exec", filled(lambda d: d.agree_check.setChecked(True)))
    actions.comment_button.click()
    assert "Về phiên bản 2" in area.page_view.toPlainText()

    # The leader approves (the block is found in the page text) and signs with their .p12.
    act_as(window, office.leader)
    choose(area, oid)
    actions.approve_button.click()
    assert len(window.errors) == 1, window.errors[1:]
    assert actions.page.detail.info.status == "approved" and actions.placement_dialog is None
    assert actions.sign_button.isEnabled()

    def key(role: str):
        def fill(d: StampKeyDialog) -> None:
            d.use_p12.setChecked(True)
            d.p12_path.setCurrentText(str(p12[role]))
            d.password.setText(PASSWORD.decode())
        return fill

    monkeypatch.setattr(StampKeyDialog, "exec", filled(key("leader")))
    actions.sign_button.click()
    assert not window.errors[1:], window.errors[1:]
    assert actions.page.detail.info.status == "signed" and actions.progress.isHidden()
    assert "Chữ ký số của phiên bản 4: hợp lệ" in area.page_view.toPlainText()  # verified in the background

    # The văn thư releases it: the number is taken, the header and the seal signed.
    act_as(window, office.clerk)
    choose(area, oid)
    assert actions.release_button.isEnabled() and not actions.sign_button.isEnabled()
    monkeypatch.setattr(StampKeyDialog, "exec", filled(key("clerk")))
    actions.release_button.click()
    assert not window.errors[1:], window.errors[1:]
    info = actions.page.detail.info
    assert (info.status, info.number, info.symbol) == ("released", 1, "01/QĐ-UBND")
    assert area.outgoing.rows()[0]["symbol"] == "01/QĐ-UBND"
    assert [area.outgoing.data(area.outgoing.index(0, c)) for c in range(3)] == ["01/QĐ-UBND", "28/11/2026", "Quyết định"]
    page = area.page_view.toPlainText()
    assert "Chữ ký số của phiên bản 6: hợp lệ" in page  # the leader's, then the organisation's two (Decree 30 §5)
    assert ("Nguyễn Văn Minh — chữ ký của người có thẩm quyền: hợp lệ\n"
            "Ủy ban nhân dân tỉnh Quảng Trị (văn thư Lê Thị Thu) — số và ngày ban hành: hợp lệ\n"
            "Ủy ban nhân dân tỉnh Quảng Trị (văn thư Lê Thị Thu) — chữ ký số của cơ quan, kèm hình con dấu: hợp lệ"
            in page), page
    assert "Lê Thị Thu: hợp lệ" not in page  # the văn thư never reads as a signer of their own
    assert "cấp số, phát hành" in page and "Ủy ban nhân dân xã Vĩnh Giang (trong kho): đã vào sổ đến" in page

    # The current version opens in the app's viewer.
    before = window.tabs.count()
    actions.open_button.click()
    assert window.tabs.count() == before + 1
    assert window.tabs.tabToolTip(window.tabs.currentIndex()) == "Kế hoạch phòng chống bão lũ năm 2027 (v6)"

    # Export: the file as sent, read back.
    out = tmp_path / "out" / "qd-01.pdf"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "Tệp PDF (*.pdf)"))
    actions.export_button.click()
    assert actions.last_export == str(out)
    first_page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(out), "-"], capture_output=True,
                                text=True, timeout=60, check=True).stdout
    assert "Số: 01/QĐ-UBND" in first_page and "Quảng Trị, ngày 28 tháng 11 năm 2026" in first_page
    report = verify_pdf(out.read_bytes(), trust=TrustRoots.from_pem_or_der(keys.ca_pem))
    assert report.verdict == "valid", report.to_json()
    assert [(s.field, s.verdict) for s in report.signatures] == [
        ("ChuKy_NguoiKy", "valid"), ("SoVaNgay_CoQuan", "valid"), ("ChuKy_CoQuan", "valid")]

    # The board under the page: the commune asked to report by 8 December, late once it has passed.
    assert "Hạn báo cáo, trả lời: 08/12/2026" in page and "quá hạn" not in page
    store.clock.advance(days=11)
    act_as(window, office.clerk)
    choose(area, oid)
    page = area.page_view.toPlainText()
    assert "Hạn báo cáo, trả lời: 08/12/2026 — quá hạn 1 đơn vị" in page and "Xã Vĩnh Giang" in page, page
    # The commune answers that day, 9 December (closes its copy, nothing asked back in writing): a day late, kept.
    with store.read() as s:
        entry_id = next(d.incoming_id for d in outgoing_detail(s, oid).dispatches if d.incoming_id)
    with store.uow(office.commune_clerk) as uow:
        register_received(uow, entry_id)
        mark_done(uow, entry_id, note="Đã báo cáo")
        uow.commit()
    act_as(window, office.clerk)
    choose(area, oid)
    page = area.page_view.toPlainText()
    assert "Hạn báo cáo, trả lời: 08/12/2026 — trả lời muộn 1 đơn vị" in page and "quá hạn" not in page, page
    assert "Xã Vĩnh Giang\n✓\n✓\n✓\n✓\ntrả lời muộn 1 ngày" in page, page
    store.clock.advance(days=-11)

    # Cancelled with its reason: the number stays taken, recorded as cancelled.
    monkeypatch.setattr(CancelDialog, "exec", filled(lambda d: d.reason_edit.setText("Sai thẩm quyền ban hành")))
    actions.cancel_button.click()
    assert actions.page.detail.info.status == "cancelled" and "hủy phát hành" in area.page_view.toPlainText()
    with store.read() as s:
        [number] = list_numbers(s, unit_id=office.province, year=2026, series=Series.DI)
    assert number.cancelled and number.cancel_reason == "Sai thẩm quyền ban hành"
    assert actions.export_button.isEnabled() and not actions.cancel_button.isEnabled()


def test_a_draft_is_checked_off_the_main_thread_with_progress_and_can_be_stopped(make_window, tmp_path, monkeypatch,
                                                                                 qtbot):
    import threading

    from store.clock import FixedClock
    from store.engine import open_store
    from store.location import StoreLocation
    from tests.conftest import START
    from ui.tasks import TaskRunner

    store = open_store(StoreLocation(home=tmp_path / "store"), clock=FixedClock(START), create=True)
    office = build_office(store)
    runner = TaskRunner()
    window = make_window(store, runner=runner, person_id=office.drafter)
    qtbot.waitUntil(lambda: runner.active_count() == 0, timeout=30000)
    area = window.register_area
    actions = area.outgoing_actions
    window.tabs.setCurrentWidget(area)
    area.lists.setCurrentWidget(area.outgoing_view)
    pdf = decision(tmp_path / "kh.pdf", "Kế hoạch cải cách hành chính năm 2027")

    def fill(d: DraftDialog) -> None:
        d.path_edit.setText(pdf)
        d.type_combo.setCurrentIndex(d.type_combo.findData("ke_hoach"))
        d.subject_edit.setPlainText("Kế hoạch cải cách hành chính năm 2027")
        d.signer_combo.setCurrentIndex(d.signer_combo.findData(office.leader))
        d.authority_combo.setCurrentIndex(d.authority_combo.findData("TM"))

    monkeypatch.setattr(DraftDialog, "exec", filled(fill))
    gate = threading.Event()
    runner.run("an earlier save", gate.wait, 30, write=True)  # the write queue is busy: the draft waits its turn
    actions.draft_button.click()
    qtbot.waitUntil(lambda: actions.busy, timeout=30000)
    # The window answers while the work waits: progress and Dừng shown, the other steps not offered.
    assert not actions.progress.isHidden() and not actions.stop_button.isHidden()
    assert actions.progress_label.text() == "Đang kiểm tra tệp PDF…" and not actions.draft_button.isEnabled()
    actions.stop_button.click()
    assert actions.progress_label.text() == "Đang dừng…"
    gate.set()
    qtbot.waitUntil(lambda: not actions.busy, timeout=60000)
    assert not window.errors and window.statusBar().currentMessage() == "Đã dừng; văn bản chưa được lưu."
    qtbot.waitUntil(lambda: runner.active_count() == 0, timeout=30000)
    assert area.outgoing.rows() == [] and actions.progress.isHidden()

    actions.draft_button.click()  # not stopped this time: stored, and the list shows it
    qtbot.waitUntil(lambda: actions.busy, timeout=30000)
    qtbot.waitUntil(lambda: not actions.busy and runner.active_count() == 0 and bool(area.outgoing.rows()),
                    timeout=60000)
    assert not window.errors and [r["subject"] for r in area.outgoing.rows()] == ["Kế hoạch cải cách hành chính năm 2027"]
    store.close()


def test_a_draft_issued_by_an_advisory_board_is_listed_with_the_body(make_window, tmp_path, monkeypatch):
    """An advisory board under the UBND (Decree 30 §2: its own series) is offered as the issuing
    body in the draft form; its documents are listed with the UBND's."""
    from store.clock import FixedClock
    from store.directory import create_unit
    from store.engine import open_store
    from store.location import StoreLocation
    from tests.conftest import START

    store = open_store(StoreLocation(home=tmp_path / "store"), clock=FixedClock(START), create=True)
    office = build_office(store)
    with store.uow() as uow:
        board = create_unit(uow, code="QT-BCD", name="Ban Chỉ đạo phòng, chống thiên tai tỉnh", kind="board",
                            parent_id=office.province, abbreviation="BCĐ").id
        head = create_person(uow, full_name="Võ Văn Hưng", position="Trưởng ban", unit_id=board).id
        uow.commit()
    window = make_window(store, person_id=office.drafter)
    area = window.register_area
    area.lists.setCurrentWidget(area.outgoing_view)
    offered = {}

    def fill(d: DraftDialog) -> None:
        offered["issuers"] = [d.issuer_combo.itemText(i) for i in range(d.issuer_combo.count())]
        d.path_edit.setText(decision(tmp_path / "bcd.pdf", "Kế hoạch ứng phó bão số 3"))
        d.type_combo.setCurrentIndex(d.type_combo.findData("ke_hoach"))
        d.subject_edit.setPlainText("Kế hoạch ứng phó bão số 3")
        d.issuer_combo.setCurrentIndex(d.issuer_combo.findData(board))
        d.signer_combo.setCurrentIndex(d.signer_combo.findData(head))

    monkeypatch.setattr(DraftDialog, "exec", filled(fill))
    area.outgoing_actions.draft_button.click()
    assert not window.errors, window.errors
    assert offered["issuers"] == ["Cơ quan của đơn vị soạn thảo", "Ban Chỉ đạo phòng, chống thiên tai tỉnh"]
    [row] = area.outgoing.rows()
    assert row["unit_id"] == board and row["subject"] == "Kế hoạch ứng phó bão số 3"
    area.outgoing_view.selectRow(0)
    assert "Ban Chỉ đạo phòng, chống thiên tai tỉnh" in area.page_view.toPlainText()
    store.close()


def test_the_draft_form_offers_the_issuing_bodys_people_who_may_sign_first(make_window, tmp_path, monkeypatch):
    """Under the 2025 map the wards sit directly under the province: the signer and reviewer
    lists hold the people of the UBND, its Văn phòng, Sở and boards (store.directory.belonging),
    the leaders first, never a ward's people nor someone whose role in the province has ended."""
    from store.clock import FixedClock
    from store.directory import create_unit, grant_role
    from store.engine import open_store
    from store.location import StoreLocation
    from tests.conftest import START
    from tests.register.incoming_fixtures import build_body

    store = open_store(StoreLocation(home=tmp_path / "store"), clock=FixedClock(START), create=True)
    b = build_body(store)
    with store.uow() as uow:
        board = create_unit(uow, code="QT-BCD", name="Ban Chỉ đạo phòng, chống thiên tai tỉnh", kind="board",
                            parent_id=b.province, abbreviation="BCĐ").id
        deputy = create_person(uow, full_name="Hồ Sĩ Phó", position="Phó Chủ tịch UBND tỉnh", unit_id=b.province).id
        chief = create_person(uow, full_name="Trương Văn Chánh", position="Chánh Văn phòng", unit_id=b.office).id
        member = create_person(uow, full_name="Đinh Thị Ban", position="Chủ tịch UBND phường",
                               unit_id=b.ward).id  # of the ward, a member of the province's board
        grant_role(uow, member, board, "thanh_vien")
        grant_role(uow, b.ward_officer, b.ward, "chuyen_vien")
        uow.commit()
    window = make_window(store, person_id=b.vp_officer)
    area = window.register_area
    area.lists.setCurrentWidget(area.outgoing_view)
    offered = {}

    def look(d: DraftDialog) -> QDialog.DialogCode:
        offered["signers"] = [d.signer_combo.itemData(i) for i in range(d.signer_combo.count())]
        offered["reviewers"] = [d.reviewer_list.item(i).data(0x0100) for i in range(d.reviewer_list.count())]
        offered["units"] = [d.unit_combo.itemData(i) for i in range(d.unit_combo.count())]
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(DraftDialog, "exec", look)
    area.outgoing_actions.draft_button.click()
    assert not window.errors, window.errors
    signers = offered["signers"]
    # Who may sign first: the UBND's Chủ tịch and Phó Chủ tịch, then the Văn phòng's Chánh.
    assert signers[:3] == [b.leader, deputy, chief]
    assert set(signers) == {b.leader, deputy, chief, b.clerk, b.vp_officer, b.agency_officer, member}
    assert b.ward_officer not in signers and b.former not in signers
    assert offered["reviewers"] == [p for p in signers if p != b.vp_officer]  # the same set, without the drafter
    assert offered["units"] == [b.office, b.province]  # their own unit first, then the body they work for
    store.close()
