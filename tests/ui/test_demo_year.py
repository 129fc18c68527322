"""What `nghisu demo` made today reads like a year (whatever today is): in each register of the
province and the two wards the numbers follow their days, none after today; the decision
"15/QĐ-UBND" and every unit's first and last release verify valid; the November minutes took
the province's last number; the wards answered in their own series; the cascade board shows
the first ward's answer and the second ward's missing registration, with the date the letter
asks for; an earlier request whose date has passed shows the second ward late."""

from __future__ import annotations

import subprocess
from datetime import datetime

import pytest

from demo.outgoing_plan import board_subject
from register.incoming.cascade import cascade_board
from register.numbering import Series, list_numbers
from register.outgoing.queries import list_outgoing, released_version
from signing.keys.truststore import trust_roots
from signing.verify.service import verify_pdf
from store.clock import VN_TZ
from store.directory import find_unit_by_code
from store.engine import open_store
from store.location import StoreLocation
from tests.ui.test_cli_foundation import nghisu

#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


@pytest.mark.slow
def test_the_demos_registers_read_like_a_year(cli_demo, tmp_path):
    home = cli_demo(tmp_path / "store")
    store = open_store(StoreLocation(home=home))
    try:
        with store.read() as s:
            units = {c: find_unit_by_code(s, c) for c in ("QT", "QT-DHOI", "QT-VLINH")}
            roots = trust_roots(s)
            released = {c: sorted((o for o in list_outgoing(s, unit_id=u.id) if o.number is not None),
                                  key=lambda o: o.number) for c, u in units.items()}
            year = released["QT"][0].released_on.year
            numbers = {(c, series): list_numbers(s, unit_id=u.id, year=year, series=series)
                       for c, u in units.items() for series in (Series.DI, Series.DEN)}
            samples = {o.symbol: store.blobs.get(released_version(s, o.id).sha256)
                       for c in units for o in (released[c][:1] + [r for r in released[c] if r.number == 15][:1]
                                                + released[c][-1:])}
            board = next(o for o in released["QT"] if o.subject == board_subject(year))
            today = datetime.now(VN_TZ).date()
            entries = {r.unit_name: r for r in cascade_board(s, board.id, today=today).rows}
            # The latest earlier request whose date has passed (none in a demo of the first days of January).
            asked = [o for o in released["QT"] if o.reply_by is not None and o.reply_by < today and o.id != board.id]
            late = cascade_board(s, asked[-1].id, today=today) if asked else None
        now = datetime.now(VN_TZ)
        for (code, series), given in numbers.items():
            moments = [n.taken_at for n in given]
            assert moments == sorted(moments) and all(m <= now for m in moments), (code, series)
            assert [n.number for n in given] == list(range(1, len(given) + 1)), (code, series)
        province = numbers[("QT", Series.DI)]
        assert province[14].symbol == "15/QĐ-UBND" and province[14].taken_at.astimezone(VN_TZ).month == 1
        assert province[-1].symbol.endswith("/BB-UBND")  # the November minutes, numbered after the year's releases
        if now.month >= 6:  # the notice withdrawn in May, its number kept as cancelled
            assert sum(n.cancelled for n in province) == 1
        assert len(numbers[("QT", Series.DEN)]) >= 5 and numbers[("QT-DHOI", Series.DI)][0].symbol.startswith("01/")
        for symbol, data in samples.items():
            assert verify_pdf(data, trust=roots).verdict == "valid", symbol
        assert "15/QĐ-UBND" in samples
        assert entries["Phường Đồng Hới"].answered and not entries["Xã Vĩnh Linh"].registered
        # The board's letter asks for the report by the date its text names, still to come.
        assert board.reply_by is not None and board.reply_by >= now.date()
        assert entries["Xã Vĩnh Linh"].reply_due_on == board.reply_by and not entries["Xã Vĩnh Linh"].late(now.date())
        if late is not None:  # the first ward answered it, the second is late
            assert [r.unit_name for r in late.late()] == ["Xã Vĩnh Linh"] and late.rows[0].unit_name == "Xã Vĩnh Linh"
            assert [r.unit_name for r in late.rows if r.answered] == ["Phường Đồng Hới"]
        book = tmp_path / "so-di.pdf"
        nghisu("register", "book", "--year", str(year), "--series", "di", "--unit", str(units["QT"].id), "-o", str(book),
               store=home)
        text = subprocess.run(["pdftotext", "-layout", str(book), "-"], capture_output=True, text=True).stdout
        assert "15/QĐ-UBND" in text and f"/01/{year}" in text
    finally:
        store.close()
