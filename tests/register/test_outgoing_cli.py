"""`nghisu outgoing …` end to end on an embedded store: the JSON shapes the issue fixes, the file
as released, and bad input as one plain line, exit 2, nothing changed."""

from __future__ import annotations

import json

import pytest

from register.outgoing.generate import DocumentContent, render_document, sample_paragraphs
from store.engine import open_store
from store.location import StoreLocation
from tests.register.conftest import build_office
from tests.register.outgoing_world import PASSWORD, make_keys, register_keys
from ui.cli import main


@pytest.fixture(scope="module")
def keys():
    return make_keys()


@pytest.fixture
def cli(tmp_path, keys, capsys):
    home = tmp_path / "store"
    store = open_store(StoreLocation(home=home), create=True)
    office = build_office(store)
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    store.close()
    for role, data in keys.p12.items():
        (tmp_path / f"{role}.p12").write_bytes(data)
    (tmp_path / "pw").write_bytes(PASSWORD + b"\n")
    pdf, _ = render_document(DocumentContent(
        agency="Ủy ban nhân dân tỉnh Quảng Trị", type_name="Quyết định", subject="Phê duyệt kế hoạch chuyển đổi số",
        paragraphs=tuple(sample_paragraphs("kế hoạch chuyển đổi số")), block_lines=("CHỦ TỊCH",),
        signer_name="Nguyễn Văn Minh"))
    (tmp_path / "draft.pdf").write_bytes(pdf)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--store", str(home), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    run.office, run.tmp = office, tmp_path  # type: ignore[attr-defined]
    return run


def test_the_whole_path_on_the_command_line_with_the_issues_json(cli):
    o, tmp = cli.office, cli.tmp
    code, out, err = cli("outgoing", "draft", str(tmp / "draft.pdf"), "--type", "QĐ", "--subject",
                         "Phê duyệt kế hoạch chuyển đổi số", "--drafting-unit", str(o.office), "--signer",
                         str(o.leader), "--recipients", "VG", "Sở Tài chính", "--as", str(o.drafter))
    assert code == 0, err
    assert "Văn bản đi #1" in out
    key = ["--p12", str(tmp / "leader.p12"), "--password-file", str(tmp / "pw")]
    assert cli("outgoing", "approve", "1", "--as", str(o.leader))[0] == 0
    assert cli("outgoing", "sign", "1", "--as", str(o.leader), *key)[0] == 0
    code, out, err = cli("outgoing", "release", "1", "--as", str(o.clerk), "--p12", str(tmp / "clerk.p12"),
                         "--password-file", str(tmp / "pw"))
    assert code == 0, err
    code, out, _ = cli("outgoing", "list", "--json")
    entries = json.loads(out)
    assert list(entries[0]) == ["id", "number", "symbol", "type", "subject", "status", "released_on", "unit_id"]
    entry = entries[0]
    assert (entry["id"], entry["number"], entry["symbol"], entry["type"], entry["status"], entry["unit_id"]) == (
        1, 1, "01/QĐ-UBND", "quyet_dinh", "released", o.province)
    assert isinstance(entry["number"], int) and entry["released_on"]
    code, out, _ = cli("outgoing", "show", "1", "--json")
    shown = json.loads(out)
    assert shown["symbol"] == "01/QĐ-UBND" and [v["kind"] for v in shown["versions"]] == [
        "draft", "fields", "signed", "numbered", "released"]
    assert [d["recipient"] for d in shown["dispatches"]] == ["Ủy ban nhân dân xã Vĩnh Giang", "Sở Tài chính"]
    code, out, _ = cli("outgoing", "show", "1")  # for a person: where it went, in words, not status codes
    assert "Gửi Ủy ban nhân dân xã Vĩnh Giang: đã chuyển tới đơn vị nhận" in out
    assert "Gửi Sở Tài chính: chờ gửi" in out and "delivered" not in out and "waiting" not in out
    code, out, _ = cli("outgoing", "export", "1", "-o", str(tmp / "sent.pdf"))
    assert code == 0 and (tmp / "sent.pdf").read_bytes().startswith(b"%PDF-")
    code, out, _ = cli("verify", str(tmp / "sent.pdf"), "--json")
    report = json.loads(out)
    assert code == 0 and report["verdict"] == "valid" and len(report["signatures"]) == 3


@pytest.mark.parametrize("argv, said", [
    (["outgoing", "draft", "{tmp}/draft.pdf", "--type", "Sắc lệnh", "--subject", "X", "--drafting-unit", "{office}",
      "--signer", "{leader}", "--as", "{drafter}"], "Không rõ loại văn bản"),
    (["outgoing", "draft", "{tmp}/draft.pdf", "--type", "QĐ", "--subject", "X", "--drafting-unit", "{office}",
      "--signer", "{leader}", "--authority", "XYZ", "--as", "{drafter}"], "Hình thức ký"),
    (["outgoing", "draft", "{tmp}/draft.pdf", "--type", "QĐ", "--subject", "X", "--drafting-unit", "{office}",
      "--signer", "{drafter}", "--as", "{drafter}"], "Khối chữ ký 'CHỦ TỊCH'"),
    (["outgoing", "release", "1", "--as", "{clerk}", "--p12", "{tmp}/clerk.p12", "--password-file", "{tmp}/pw"],
     "chỉ phát hành văn bản đã được ký"),
    (["outgoing", "show", "99"], "Không có văn bản đi số 99"),
    (["outgoing", "draft", "{tmp}/draft.pdf", "--type", "QĐ", "--subject", "Về việc " + "rất dài " * 130,
      "--drafting-unit", "{office}", "--signer", "{leader}", "--as", "{drafter}"], "quá 1000"),  # refused, not cut
])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(cli, argv, said):
    o, tmp = cli.office, cli.tmp
    fill = {"tmp": str(tmp), "office": str(o.office), "leader": str(o.leader), "drafter": str(o.drafter),
            "clerk": str(o.clerk)}
    if argv[1] == "release":
        assert cli("outgoing", "draft", str(tmp / "draft.pdf"), "--type", "QĐ", "--subject", "Y", "--drafting-unit",
                   str(o.office), "--signer", str(o.leader), "--as", str(o.drafter))[0] == 0
    before = cli("outgoing", "list", "--json")[1]
    code, out, err = cli(*[a.format(**fill) for a in argv])
    assert code == 2 and said in err and err.count("\n") == 1 and "Traceback" not in err
    assert cli("outgoing", "list", "--json")[1] == before
    if argv[1] == "release":
        assert cli("outgoing", "show", "1", "--json")[1].count('"numbered"') == 0


def test_a_place_that_covers_text_is_refused_with_the_option_to_place_it_elsewhere(cli):
    o, tmp = cli.office, cli.tmp
    assert cli("outgoing", "draft", str(tmp / "draft.pdf"), "--type", "QĐ", "--subject", "Y", "--drafting-unit",
               str(o.office), "--signer", str(o.leader), "--as", str(o.drafter))[0] == 0
    # Over the heading (the agency's name, top left of page 1): refused, naming the covered words.
    code, _, err = cli("outgoing", "approve", "1", "--as", str(o.leader), "--signature-at", "1:40,700,320,820")
    assert code == 2 and "sẽ che chữ ở trang 1" in err and err.count("\n") == 1
    assert "--signature-at TRANG:X1,Y1,X2,Y2" in err  # what to do, on the command line
    assert json.loads(cli("outgoing", "show", "1", "--json")[1])["status"] != "approved"


def test_the_reply_deadline_on_the_command_line(cli):
    """--reply-by with the draft, shown in words and in --json; moved or taken away until the
    release; a day in the past is one line, exit 2, and the document keeps its date."""
    from datetime import date, timedelta

    o, tmp = cli.office, cli.tmp
    soon, later = date.today() + timedelta(days=10), date.today() + timedelta(days=20)
    code, out, err = cli("outgoing", "draft", str(tmp / "draft.pdf"), "--type", "QĐ", "--subject", "V/v báo cáo",
                         "--drafting-unit", str(o.office), "--signer", str(o.leader), "--recipients", "VG",
                         "--reply-by", soon.isoformat(), "--as", str(o.drafter))
    assert code == 0, err
    assert f"Hạn báo cáo, trả lời: {soon:%d/%m/%Y}" in out
    assert json.loads(cli("outgoing", "show", "1", "--json")[1])["reply_by"] == soon.isoformat()
    assert "reply_by" not in json.loads(cli("outgoing", "list", "--json")[1])[0]  # the list's shape stays
    past = (date.today() - timedelta(days=1)).isoformat()
    for argv in (["outgoing", "reply-by", "1", past, "--as", str(o.drafter)],
                 ["outgoing", "reply-by", "1", later.isoformat(), "--none", "--as", str(o.drafter)],
                 ["outgoing", "reply-by", "1", later.isoformat(), "--as", str(o.clerk)]):
        code, out, err = cli(*argv)
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, (argv, err)
    code, out, err = cli("outgoing", "draft", str(tmp / "draft.pdf"), "--type", "QĐ", "--subject", "V/v khác",
                         "--drafting-unit", str(o.office), "--signer", str(o.leader), "--reply-by", past,
                         "--as", str(o.drafter))
    assert code == 2 and "đã qua" in err and "in the past" in err and err.count("\n") == 1
    shown = json.loads(cli("outgoing", "list", "--json")[1])
    assert [d["id"] for d in shown] == [1]  # nothing written
    assert json.loads(cli("outgoing", "show", "1", "--json")[1])["reply_by"] == soon.isoformat()
    code, out, err = cli("outgoing", "reply-by", "1", later.isoformat(), "--as", str(o.drafter))
    assert code == 0 and f"{later:%d/%m/%Y}" in out, err
    assert cli("outgoing", "reply-by", "1", "--none", "--as", str(o.drafter))[0] == 0
    assert json.loads(cli("outgoing", "show", "1", "--json")[1])["reply_by"] is None
