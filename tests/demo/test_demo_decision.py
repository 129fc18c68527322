"""The demo's released decision is the year's 15th of the province's ordinary outgoing series,
"Số: 15/QĐ-UBND" and its date on its first page, valid for our verifier and for poppler, though
signed back in the year with certificates the demo made today; the registers' numbers follow
their days; the wards it was sent to find it in their registers, the first answers the board's
document in writing and the second has not registered it; a second run releases nothing.

A demo made on 5 January (the year's first days: the sixteen squeezed in), with a handful of
papers: the December year is ``test_demo_plan``'s and `nghisu demo`'s (``tests/ui``)."""

from __future__ import annotations

import subprocess
from datetime import datetime

import pytest

from demo.outgoing_plan import board_subject
from demo.register import create_demo_registers
from demo.store import create_demo
from register.incoming.cascade import cascade_board
from register.numbering import Series, list_numbers
from register.outgoing.queries import outgoing_detail, released_version
from signing.keys.truststore import trust_roots
from signing.stamp_library import StampKind, get_stamp_image
from signing.verify.service import verify_pdf
from store.clock import VN_TZ, FixedClock
from store.directory import find_person_by_email, find_unit_by_code
from store.engine import open_store
from tests.signing.pki import pdfsig, pdfsig_blocks

NOW = datetime(2027, 1, 5, 14, 0, tzinfo=VN_TZ)


#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


@pytest.mark.slow
def test_the_demo_releases_decision_15_in_january_once(store_location, tmp_path):
    store = open_store(store_location, clock=FixedClock(NOW), create=True)
    try:
        decision = create_demo(store, with_materials=False, outgoing_year=True).decision
        assert decision is not None and decision.symbol == "15/QĐ-UBND" and decision.released_now == 16
        made = create_demo_registers(store, province_entries=6, ward_entries=4, ward_outgoing=True)
        with store.read() as s:
            province = find_unit_by_code(s, "QT")
            detail = outgoing_detail(s, decision.outgoing_id)
            data = store.blobs.get(released_version(s, decision.outgoing_id).sha256)
            roots = trust_roots(s)
            numbers = list_numbers(s, unit_id=province.id, year=2027, series=Series.DI)
            board = cascade_board(s, made.cascade_outgoing_id)
            signer = find_person_by_email(s, "minh.nv@quangtri.gov.vn").id
            assert get_stamp_image(s, StampKind.SEAL, province.id) is not None
            assert get_stamp_image(s, StampKind.SIGNATURE, signer) is not None
        assert [n.number for n in numbers] == list(range(1, 17))
        moments = [n.taken_at for n in numbers]
        assert moments == sorted(moments) and moments[0].year == 2027 and moments[-1] < NOW
        path = tmp_path / "qd.pdf"
        path.write_bytes(data)
        page = subprocess.run(["pdftotext", "-l", "1", str(path), "-"], capture_output=True, text=True).stdout
        day = numbers[14].taken_at.astimezone(VN_TZ)
        assert "Số: 15/QĐ-UBND" in page and f"Quảng Trị, ngày {day:%d} tháng 01 năm 2027" in page
        report = verify_pdf(data, trust=roots)
        assert report.verdict == "valid", report.to_dict()
        assert all(s.signed_at and s.signed_at.startswith("2027-01-0") for s in report.signatures)
        blocks = pdfsig_blocks(pdfsig(data))
        assert len(blocks) == 3 and all("Signature is Valid." in b for b in blocks), blocks
        assert [d.status for d in detail.dispatches] == ["delivered", "delivered", "waiting"]
        # The board: the first ward registered, assigned and answered in writing; the second has not registered it.
        assert detail.info.subject != board_subject(2027)
        rows = {r.unit_name: r for r in board.rows}
        assert rows["Phường Đồng Hới"].answered and rows["Phường Đồng Hới"].reply_outgoing_id is not None
        assert not rows["Xã Vĩnh Linh"].registered
        assert board.reply_by is not None and board.reply_by > NOW.date()  # the date the letter asks for
        assert made.released["QT-DHOI"] >= 1
        with store.read() as s:
            reply = outgoing_detail(s, rows["Phường Đồng Hới"].reply_outgoing_id).info
        assert reply.symbol is not None and reply.symbol.endswith("/BC-UBND") and reply.released_on <= NOW.date()
        again = create_demo(store, with_materials=False, outgoing_year=True).decision
        assert again is not None and (again.outgoing_id, again.released_now) == (decision.outgoing_id, 0)
        assert create_demo_registers(store, ward_outgoing=True).entries == {}
    finally:
        store.close()



def test_the_demos_documents_leave_room_for_a_larger_seal_the_province_keeps(tmp_path, clock):
    """A province whose seal is 40 mm (kept before the demo releases): the demo's documents
    (``release_at``) leave the space that seal needs between the title and the name, and are
    released with it at 40 mm, over no words, every signature valid."""
    from datetime import timedelta

    from demo.outgoing import DRAFTER_EMAIL, SIGNER_EMAIL, open_desk, release_at
    from documents.intake.service import IntakeWorker
    from register.outgoing.queries import load_outgoing
    from signing.pdf.appearance import demo_seal_png
    from signing.pdf.page_words import clear_of_text
    from signing.pdf.stamp_images import MM, signature_space_pt
    from signing.stamp_library import set_stamp_image
    from store.location import StoreLocation
    from tests.register.test_seal_size import SEAL, widgets

    store = open_store(StoreLocation(home=tmp_path / "store"), clock=clock, create=True)
    try:
        create_demo(store, with_materials=False)
        with store.read() as s:
            clerk = find_person_by_email(s, DRAFTER_EMAIL).id
            signer = find_person_by_email(s, SIGNER_EMAIL).id
            province = find_unit_by_code(s, "QT").id
        with store.uow(clerk) as uow:
            set_stamp_image(uow, StampKind.SEAL, province, demo_seal_png("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", 40))
            uow.commit()
        desk = open_desk(store, province, signer_id=signer, clerk_id=clerk)
        assert desk.seal_mm == pytest.approx(40, abs=0.1)
        with IntakeWorker() as intake:
            info = release_at(store, desk, clock.now() - timedelta(hours=1), "quyet_dinh", "Quy chế làm việc",
                              ("Điều 1. Ban hành Quy chế làm việc.", "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
                              drafter_id=clerk, intake=intake, recipients=("Các sở, ban, ngành",))
        with store.read() as s:
            layout = load_outgoing(s, info.id).layout
            data = store.blobs.get(released_version(s, info.id).sha256)
            roots = trust_roots(s)
        _x1, y1, _x2, y2 = layout["signature"]
        assert y2 - y1 == pytest.approx(signature_space_pt(40), abs=1.0)
        page, seal = widgets(data)[SEAL]
        assert seal[2] - seal[0] == pytest.approx(40 * MM, abs=0.6) == seal[3] - seal[1]
        assert clear_of_text(data, page, [seal])
        assert verify_pdf(data, trust=roots).verdict == "valid"
        blocks = pdfsig_blocks(pdfsig(data))
        assert len(blocks) == 3 and all("Signature is Valid." in b for b in blocks), blocks
    finally:
        store.close()
