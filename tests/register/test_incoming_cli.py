"""`nghisu incoming …` end to end on an embedded store: receive, list --json in the issue's
shape, assign, done, show; bad input is one line, exit 2, nothing changed."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from register.incoming.handling import assign
from register.incoming.receive import receive_file, receive_from_unit
from register.incoming.records import IncomingMeta
from store.clock import VN_TZ, FixedClock
from store.engine import open_store
from store.location import StoreLocation
from tests.conftest import START
from tests.register.incoming_fixtures import TODAY, build_office, signed_pdf
from tests.signing.pki import make_pdf
from ui.cli import main


def _place(folder, *, with_entry: bool):
    store = open_store(StoreLocation(home=folder / "store"), clock=FixedClock(START), create=True)
    office = build_office(store)
    if with_entry:  # entry #1, registered and waiting to be assigned
        receive_file(store, office.province, make_pdf(1, "Công văn chờ giao"),
                     IncomingMeta("Sở Y tế", "Về việc tiêm chủng mở rộng"), actor_id=office.clerk)
    store.close()
    pdf = folder / "cv-1234.pdf"
    pdf.write_bytes(signed_pdf())
    return folder, office, pdf


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    return _place(tmp_path_factory.mktemp("cli"), with_entry=False)


@pytest.fixture(scope="module")
def waiting(tmp_path_factory):
    return _place(tmp_path_factory.mktemp("cli-bad"), with_entry=True)


def nghisu(place, *args: str) -> int:
    return main(["--store", str(place[0] / "store"), *args])


def test_receive_list_assign_done_through_the_command_line(place, capsys):
    _, office, pdf = place
    code = nghisu(place, "incoming", "receive", str(pdf), "--from", "Bộ Nội vụ", "--subject", "Về công tác văn thư",
                  "--symbol", "1234/BNV-VP", "--type", "CV", "--date", "20/11/2026", "--as", str(office.clerk), "--json")
    received = json.loads(capsys.readouterr().out)
    assert code == 0 and received["number"] == 1 and received["verdict"] == "valid" and not received["duplicate"]

    assert nghisu(place, "incoming", "receive", str(pdf), "--from", "Bộ Nội vụ", "--subject", "Gửi lại",
                  "--as", str(office.clerk)) == 0
    said = capsys.readouterr().out
    assert "đã có trong sổ" in said and f"trùng với văn bản đến #{received['id']}" in said
    assert len(said.strip().splitlines()) == 1
    scan = place[0] / "cv-1234-ban-quet.pdf"  # another file of the same paper, typed again without --date
    scan.write_bytes(make_pdf(1, "Bản quét công văn 1234/BNV-VP"))
    assert nghisu(place, "incoming", "receive", str(scan), "--from", "Bộ Nội vụ", "--subject", "Về công tác văn thư",
                  "--symbol", "1234/BNV-VP", "--as", str(office.clerk)) == 0
    said = capsys.readouterr().out
    assert f"trùng với văn bản đến #{received['id']}" in said and len(said.strip().splitlines()) == 1

    assert nghisu(place, "incoming", "list", "--json") == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert set(entry) == {"id", "number", "received_at", "sender", "symbol", "subject", "status", "due_on", "handler_id",
                          "needs_handler"}
    assert (entry["number"], entry["sender"], entry["symbol"], entry["status"]) == (1, "Bộ Nội vụ", "1234/BNV-VP",
                                                                                    "registered")
    due = "2099-12-31"
    assert nghisu(place, "incoming", "assign", str(entry["id"]), "--to", str(office.officer), "--co",
                  str(office.officer2), "--due", due, "--note", "Đề nghị chủ trì tham mưu", "--as",
                  str(office.leader)) == 0
    assert nghisu(place, "incoming", "done", str(entry["id"]), "--as", str(office.officer)) == 0
    capsys.readouterr()
    assert nghisu(place, "incoming", "show", str(entry["id"]), "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == "done" and shown["verification"]["verdict"] == "valid"
    assert [h["kind"] for h in shown["history"]] == ["received", "registered", "duplicate", "duplicate", "assigned",
                                                    "done"]

    book = place[0] / "so-den-2026.xlsx"
    assert nghisu(place, "register", "book", "--year", "2026", "--series", "den", "-o", str(book), "--as",
                  str(office.clerk)) == 0
    assert book.read_bytes().startswith(b"PK") and "1 văn bản" in capsys.readouterr().out


@pytest.mark.parametrize("args, words", [
    (["incoming", "assign", "1", "--to", "{officer}", "--due", "01/01/2020", "--as", "{leader}"], "đã qua"),
    (["incoming", "assign", "1", "--to", "{outsider}", "--due", "2099-01-01", "--as", "{leader}"], "không thuộc"),
    (["incoming", "receive", "{pdf}", "--from", "Bộ Nội vụ", "--subject", "X", "--type", "ZZ", "--as", "{clerk}"],
     "loại văn bản"),
    (["incoming", "list", "--status", "lost"], "Trạng thái"),
    (["incoming", "assign", "1", "--to", "{officer}", "--due", "2099-01-01", "--note", "Giao xử lý. " * 400, "--as",
      "{leader}"], "quá 4000"),  # a bút phê too long for the register is refused, not cut
    (["register", "book", "--series", "den", "-o", "{pdf}.docx", "--as", "{clerk}"], ".pdf hoặc .xlsx"),
    (["incoming", "list", "--overdue", "--due-soon"], "không dùng cùng"),  # due soon = not overdue yet
])
def test_bad_input_is_one_line_and_exit_2(waiting, capsys, args, words):
    place = waiting
    _, office, pdf = place
    values = {"officer": office.officer, "leader": office.leader, "outsider": office.commune_officers[0],
              "clerk": office.clerk, "pdf": pdf}
    nghisu(place, "incoming", "list", "--json")
    before = capsys.readouterr().out
    code = nghisu(place, *(a.format(**values) for a in args))
    err = capsys.readouterr().err
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    nghisu(place, "incoming", "list", "--json")
    assert capsys.readouterr().out == before  # nothing changed


def test_due_soon_lists_what_deadlines_counts_and_no_overdue_document(tmp_path, capsys):
    """`incoming list --due-soon` and `incoming deadlines` follow one rule: due soon is not yet
    overdue and due within three days. The command reads the machine's clock, so the deadlines
    are set from it: one passed (the register's day, 28/11/2026), one tomorrow, one far away."""
    place = _place(tmp_path, with_entry=False)
    _, office, _ = place
    tomorrow = datetime.now(VN_TZ).date() + timedelta(days=1)
    store = open_store(StoreLocation(home=tmp_path / "store"), clock=FixedClock(START))
    try:
        ids = [receive_file(store, office.province, make_pdf(1, subject), IncomingMeta("Sở Y tế", subject),
                            actor_id=office.clerk).entry.id
               for subject in ("Về tiêm chủng", "Về phòng dịch", "Về y tế học đường")]
        with store.uow(office.leader) as uow:
            for entry_id, due in zip(ids, (TODAY, tomorrow, date(2099, 12, 31)), strict=True):
                assign(uow, entry_id, handler_id=office.officer, due_on=due)
            uow.commit()
    finally:
        store.close()
    late, soon, _far = ids

    def listed(*flags: str) -> list[int]:
        assert nghisu(place, "incoming", "list", *flags, "--json") == 0
        return [e["id"] for e in json.loads(capsys.readouterr().out)]

    assert listed("--overdue") == [late]
    assert listed("--due-soon") == [soon]
    assert nghisu(place, "incoming", "deadlines", "--unit", str(office.province), "--as", str(office.clerk),
                  "--json") == 0
    counts = {c["person_id"]: (c["overdue"], c["due_soon"]) for c in json.loads(capsys.readouterr().out)}
    assert counts[office.officer] == (1, 1)


def test_what_a_commune_clerk_reads_is_vietnamese_not_codes(tmp_path, capsys):
    """A document the province delivered through the store, received again from its file by the
    commune's clerk before registering it: the line says it waits to be registered (not 'số đến
    None'), and `incoming show` words the signatures' verdict as `nghisu verify` does."""
    place = _place(tmp_path, with_entry=False)
    _, office, pdf = place
    store = open_store(StoreLocation(home=tmp_path / "store"), clock=FixedClock(START))
    try:
        (sent,) = receive_from_unit(store, from_unit_id=office.province, to_unit_ids=[office.communes[0]],
                                    data=pdf.read_bytes(), meta=IncomingMeta("", "Về công tác văn thư", "15/KH-UBND"),
                                    actor_id=office.clerk)
    finally:
        store.close()
    clerk = str(office.commune_clerks[0])
    assert nghisu(place, "incoming", "receive", str(pdf), "--from", "Bộ Nội vụ", "--subject", "Gửi lại",
                  "--as", clerk) == 0
    said = capsys.readouterr().out
    assert f"đang chờ vào sổ: nghisu incoming register {sent.entry_id}" in said and "None" not in said

    assert nghisu(place, "incoming", "show", str(sent.entry_id)) == 0
    shown = capsys.readouterr().out
    assert "Chữ ký số khi nhận: hợp lệ" in shown and ": valid" not in shown

    unsigned = tmp_path / "cv-khong-ky.pdf"
    unsigned.write_bytes(make_pdf(1, "Công văn chưa ký"))
    assert nghisu(place, "incoming", "receive", str(unsigned), "--from", "Sở Y tế", "--subject", "Về tiêm chủng",
                  "--as", clerk) == 0
    said = capsys.readouterr().out
    assert "chữ ký số: chưa được ký." in said and "unsigned" not in said
