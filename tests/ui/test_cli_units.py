"""`nghisu units add|edit|merge|move|dissolve` and `nghisu people add|edit|role`: the map
entered from the command line; bad input is one line, exit 2, and nothing changes."""

from __future__ import annotations

import json

import pytest

from tests.ui.test_cli_foundation import nghisu

NQ = "Nghị quyết số 1680/NQ-UBTVQH15"


def units(home) -> list[dict]:
    return json.loads(nghisu("units", "--json", store=home).stdout)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("units") / "store"
    nghisu("--create", "units", "add", "--code", "QT", "--name", "Tỉnh Quảng Trị", "--level", "province",
           "--official-name", "Ủy ban nhân dân tỉnh Quảng Trị", "--place-name", "Quảng Trị",
           "--identifier", "000.00.00.h48", store=home)
    for code, name, place in (("DH", "Phường Đồng Hới", "Đồng Hới"), ("CC", "Đặc khu Cồn Cỏ", "Cồn Cỏ"),
                              ("VG", "Xã Vĩnh Giang", "Vĩnh Giang"), ("VT", "Xã Vĩnh Thái", "Vĩnh Thái"),
                              ("VH", "Xã Vĩnh Hoàng", "Vĩnh Hoàng")):
        nghisu("units", "add", "--code", code, "--name", name, "--level", "commune", "--parent", "QT",
               "--official-name", f"Ủy ban nhân dân {name[0].lower()}{name[1:]}", "--place-name", place, store=home)
    nghisu("units", "add", "--code", "STC", "--name", "Sở Tài chính", "--kind", "agency", "--parent", "QT",
           "--abbreviation", "STC", store=home)
    return home


def test_units_json_carries_the_maps_particulars(home):
    by_code = {u["code"]: u for u in units(home)}
    qt, cc, stc = by_code["QT"], by_code["CC"], by_code["STC"]
    assert (qt["kind"], qt["place_name"], qt["abbreviation"], qt["identifier"]) == (
        "administrative", "Quảng Trị", "UBND", "000.00.00.H48")
    assert (cc["level"], cc["parent_id"], cc["place_name"], cc["valid_from"], cc["valid_to"]) == (
        "commune", qt["id"], "Cồn Cỏ", None, None)
    assert (stc["kind"], stc["level"], stc["abbreviation"], stc["place_name"]) == ("agency", "province", "STC", "Quảng Trị")


@pytest.mark.parametrize("args, says", [
    (("units", "add", "--code", "X1", "--name", "Xã Một", "--level", "commune", "--parent", "DH",
      "--official-name", "Ủy ban nhân dân xã Một", "--place-name", "Một"), "không thể trực thuộc"),
    (("units", "merge", "VG", "--into", "VG", "--effective", "2027-07-01", "--decision", NQ), "chính nó"),
    (("units", "add", "--code", "X2", "--name", "Phường Đồng Hới", "--level", "commune", "--parent", "QT",
      "--official-name", "Ủy ban nhân dân phường Đồng Hới", "--place-name", "Đồng Hới"), "Đã có đơn vị tên"),
    (("units", "add", "--code", "X3", "--name", "Huyện Một", "--level", "district", "--parent", "QT",
      "--official-name", "x", "--place-name", "Một"), "không có trong hệ thống"),
    (("units", "move", "DH", "--parent", "CC", "--effective", "2027-07-01", "--decision", NQ), "không thể trực thuộc"),
    (("units", "merge", "VG", "--into", "VH", "--effective", "31/02/2027", "--decision", NQ), "không hợp lệ"),
    (("units", "dissolve", "NOPE", "--effective", "2027-07-01", "--decision", NQ), "Không có đơn vị mã"),
    (("people", "role", "1", "--unit", "QT", "--role", "boss"), "Vai trò 'boss' không hợp lệ"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_changes(home, args, says):
    before = units(home)
    proc = nghisu(*args, store=home, check=False)
    assert proc.returncode == 2, proc.stderr
    assert says in proc.stderr and len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert units(home) == before


def test_people_are_entered_given_roles_and_follow_a_merger(tmp_path):
    home = tmp_path / "store"
    nghisu("--create", "units", "add", "--code", "QT", "--name", "Tỉnh Quảng Trị", "--level", "province",
           "--official-name", "Ủy ban nhân dân tỉnh Quảng Trị", "--place-name", "Quảng Trị", store=home)
    for code, name in (("VG", "Xã Vĩnh Giang"), ("VT", "Xã Vĩnh Thái"), ("VH", "Xã Vĩnh Hoàng")):
        nghisu("units", "add", "--code", code, "--name", name, "--level", "commune", "--parent", "QT",
               "--official-name", f"Ủy ban nhân dân {name.lower()}", "--place-name", name[3:], store=home)
    person = json.loads(nghisu("people", "add", "--name", "Nguyễn Hữu Phước", "--position", "Chủ tịch UBND xã",
                               "--unit", "VG", "--json", store=home).stdout)
    role = json.loads(nghisu("people", "role", str(person["id"]), "--unit", "VG", "--role", "thanh_vien",
                             "--since", "01/01/2026", "--json", store=home).stdout)
    assert (role["role"], role["since"]) == ("thanh_vien", "2026-01-01")
    edited = json.loads(nghisu("people", "edit", str(person["id"]), "--position", "Bí thư, Chủ tịch UBND xã",
                               "--json", store=home).stdout)
    assert edited["position"] == "Bí thư, Chủ tịch UBND xã"
    out = nghisu("units", "merge", "VG", "VT", "--into", "VH", "--effective", "01/07/2027", "--decision", NQ,
                 store=home).stdout
    assert "Xã Vĩnh Giang, Xã Vĩnh Thái vào Xã Vĩnh Hoàng từ 01/07/2027" in out
    by_code = {u["code"]: u for u in units(home)}
    assert by_code["VG"]["valid_to"] == "2027-07-01" and by_code["VG"]["successor_id"] == by_code["VH"]["id"]
    people = json.loads(nghisu("people", "--unit", str(by_code["VH"]["id"]), "--json", store=home).stdout)
    assert [p["full_name"] for p in people] == ["Nguyễn Hữu Phước"]
    renamed = json.loads(nghisu("units", "edit", "VH", "--name", "Phường Vĩnh Hoàng", "--official-name",
                                "Ủy ban nhân dân phường Vĩnh Hoàng", "--effective", "2027-08-01", "--decision", NQ,
                                "--json", store=home).stdout)
    assert renamed["name"] == "Phường Vĩnh Hoàng"
    audit = nghisu("audit", "verify", store=home, check=False)
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_the_default_demo_is_todays_map_and_its_minutes_are_signed(tmp_path, cli_demo):
    home = cli_demo(tmp_path / "store")  # what `nghisu demo` (no --scheme) made
    by_code = {u["code"]: u for u in units(home)}
    assert by_code["QT"]["scheme"] == "2025" and by_code["QT-CONCO"]["name"] == "Đặc khu Cồn Cỏ"
    meetings = json.loads(nghisu("meetings", "list", "--json", store=home).stdout)
    november = next(m["id"] for m in meetings if "tháng 11" in m["title"])
    docs = nghisu("documents", "list", "--meeting", str(november), store=home).stdout
    minutes = next(line for line in docs.splitlines() if "Biên bản" in line).split()[0].lstrip("#")
    verified = nghisu("signing", "verify", minutes, store=home, check=False)
    assert verified.returncode == 0 and "Nguyễn Văn Minh" in verified.stdout, verified.stdout + verified.stderr
