"""The demo's released decision is the year's 15th of the province's ordinary outgoing series,
"Số: 15/QĐ-UBND" on its first page, valid for our verifier; the wards it was sent to find it in
their incoming registers; a second run releases nothing."""

from __future__ import annotations

import subprocess

import pytest

from demo.outgoing import release_demo_decision
from demo.store import create_demo
from register.numbering import Series, take_number
from register.outgoing.queries import outgoing_detail, released_version
from signing.keys.truststore import trust_roots
from signing.stamp_library import StampKind, get_stamp_image
from signing.verify.service import verify_pdf
from store.directory import find_person_by_email, find_unit_by_code
from store.engine import open_store
from store.location import StoreLocation


@pytest.fixture(scope="module", autouse=True)
def _verification_workers():
    from signing.verify.service import shutdown_workers, start_workers

    start_workers(n=1)
    yield
    shutdown_workers()


def test_the_demo_releases_decision_15_once(tmp_path, clock):
    store = open_store(StoreLocation(home=tmp_path / "store"), clock=clock, create=True)
    try:
        create_demo(store, with_materials=False)
        with store.read() as s:
            clerk = find_person_by_email(s, "anh.ptn@quangtri.gov.vn").id
            province = find_unit_by_code(s, "QT").id
        with store.uow(clerk) as uow:  # the year so far: thirteen numbers (the demo fills the 14th itself)
            for _ in range(13):
                take_number(uow, unit_id=province, series=Series.DI, doc_type="cong_van")
            uow.commit()
        decision = release_demo_decision(store)
        assert decision is not None and decision.symbol == "15/QĐ-UBND" and decision.released_now == 2
        with store.read() as s:
            detail = outgoing_detail(s, decision.outgoing_id)
            data = store.blobs.get(released_version(s, decision.outgoing_id).sha256)
            roots = trust_roots(s)
        path = tmp_path / "qd.pdf"
        path.write_bytes(data)
        page = subprocess.run(["pdftotext", "-l", "1", str(path), "-"], capture_output=True, text=True).stdout
        assert "Số: 15/QĐ-UBND" in page and "Quảng Trị, ngày 28 tháng 11 năm 2026" in page
        assert verify_pdf(data, trust=roots).verdict == "valid"
        assert [d.status for d in detail.dispatches] == ["delivered", "delivered", "waiting"]
        with store.read() as s:  # kept, so what is released after the demo is sealed as the decision is
            signer = find_person_by_email(s, "minh.nv@quangtri.gov.vn").id
            assert get_stamp_image(s, StampKind.SEAL, province) is not None
            assert get_stamp_image(s, StampKind.SIGNATURE, signer) is not None
        assert release_demo_decision(store).released_now == 0
    finally:
        store.close()
