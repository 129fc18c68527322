"""`nghisu verify`: exit codes, human lines in Vietnamese and English, and the JSON contract."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from signing.keys.trust_list import read_store_roots
from signing.keys.truststore import add_trust_roots
from store.engine import open_store
from store.location import StoreLocation
from tests.signing import attack_pdfs as A
from ui import cli
from ui.commands import verify as verify_cmd

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("verify-cli")
    ca = A.make_ca()
    alice = A.make_person(ca, "Nguyễn Văn An")
    blank = A.add_signature_fields(A.make_pdf(1), ["Signature1"])
    signed = A.sign(blank, alice)
    out = {
        "root": d / "root.pem",
        "signed": d / "signed.pdf",
        "tampered": d / "tampered.pdf",
        "unsigned": d / "unsigned.pdf",
        "garbage": d / "garbage.pdf",
    }
    out["root"].write_bytes(ca.cert_pem)
    out["signed"].write_bytes(signed)
    out["tampered"].write_bytes(A.add_page_after_signing(signed))
    out["unsigned"].write_bytes(A.make_pdf(1))
    out["garbage"].write_bytes(b"this is not a pdf at all")
    return out


def nghisu(*args, store=None):
    # The default store lives in the user data folder: point that at an empty folder, so a
    # store on the machine running the tests plays no part unless a test names one.
    env = {k: v for k, v in os.environ.items() if k not in ("NGHISU_HOME", "NGHISU_DATABASE_URL")}
    env["XDG_DATA_HOME"] = str(Path(tempfile.gettempdir()) / "nghisu-verify-cli-no-store")
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *(["--store", str(store)] if store else []), "verify", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=env,
    )


def run_handler(capsys, *argv):
    parser = argparse.ArgumentParser()
    verify_cmd.register(parser.add_subparsers())
    args = parser.parse_args(["verify", *map(str, argv)])
    code = args.handler(args, None)
    return code, capsys.readouterr().out


def test_a_valid_file_exits_0_and_says_so_in_both_languages(files):
    r = nghisu(files["signed"], "--trust", files["root"])
    assert r.returncode == 0, r.stderr
    assert "hợp lệ" in r.stdout and "valid" in r.stdout and "Nguyễn Văn An" in r.stdout


def test_json_follows_the_contract(files):
    r = nghisu(files["signed"], "--trust", files["root"], "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["verdict"] == "valid" and isinstance(doc["warnings"], list)
    (s,) = doc["signatures"]
    assert {"field", "signer", "verdict", "reasons", "coverage", "modification", "trusted", "signed_at"} <= s.keys()
    assert s["trusted"] is True and s["coverage"] == "entire_file"
    assert all({"code", "vi", "en"} <= r.keys() for r in s["reasons"])


def test_exit_codes_for_invalid_unverifiable_unsigned_and_garbage(files, capsys):
    assert run_handler(capsys, files["tampered"], "--trust", files["root"])[0] == 1
    code, out = run_handler(capsys, files["signed"])  # nobody trusted
    assert code == 2 and "không kiểm tra được" in out
    assert run_handler(capsys, files["unsigned"])[0] == 3
    code, out = run_handler(capsys, files["garbage"], "--json")
    assert code == 2 and json.loads(out)["reasons"][0]["code"] == "not_pdf"


def test_no_switch_lets_a_file_vouch_for_itself(tmp_path, capsys):
    """Issue 11, hole 9: a hidden ``--trust-embedded`` called a self-signed forgery in a
    minister's name valid (exit 0) and the JSON did not say why. The switch is gone from the
    command line: the forgery cannot be verified (exit 2) in text and JSON alike."""
    from ui.cli import main

    minister = A.make_person(None, "Bộ trưởng Nguyễn Văn Minh")  # self-signed: it vouches for itself
    forged = tmp_path / "quyet-dinh.pdf"
    forged.write_bytes(A.sign(A.add_signature_fields(A.make_pdf(1), ["Signature1"]), minister))
    with pytest.raises(SystemExit) as refused:
        main(["verify", str(forged), "--trust-embedded"])
    assert refused.value.code == 2 and "--trust-embedded" in capsys.readouterr().err
    code, out = run_handler(capsys, forged)
    assert code == 2 and "hợp lệ —" not in out and "không kiểm tra được" in out
    code, out = run_handler(capsys, forged, "--json")
    report = json.loads(out)
    assert code == 2 and report["verdict"] == "cannot_verify"
    assert [s["trusted"] for s in report["signatures"]] == [False]
    assert "trusted_embedded" not in out


@pytest.mark.slow
def test_subprocess_exit_codes_match(files):
    assert nghisu(files["tampered"], "--trust", files["root"]).returncode == 1
    assert nghisu(files["garbage"]).returncode == 2
    assert nghisu(files["unsigned"]).returncode == 3


def test_a_missing_file_or_bad_root_is_one_plain_line_and_exit_2(files, tmp_path):
    r = nghisu(tmp_path / "missing.pdf")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    bad = tmp_path / "bad.pem"
    bad.write_bytes(b"not a certificate")
    r = nghisu(files["signed"], "--trust", bad)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def run_with_store(capsys, store, *argv):
    args = cli.build_parser().parse_args(["verify", *map(str, argv)])
    ctx = cli.CliContext(args)
    ctx._store = store  # the command line's context, holding the test's store (schema included)
    code = args.handler(args, ctx)
    return code, capsys.readouterr().out


def test_with_a_store_its_trusted_roots_are_used_and_named(files, store, capsys):
    code, out = run_with_store(capsys, store, files["signed"])
    assert code == 2 and "chưa tin cậy chứng thư gốc nào" in out  # the store trusts nobody yet
    with store.uow() as uow:
        add_trust_roots(uow, files["root"].read_bytes(), note="CA thử nghiệm")
        uow.commit()
    code, out = run_with_store(capsys, store, files["signed"])
    assert code == 0, out
    assert "Chứng thư gốc tin cậy (1)" in out and "CN=CA Thử Nghiệm" in out and "kho dữ liệu" in out
    code, out = run_with_store(capsys, store, files["signed"], "--json", "--trust", files["root"])
    doc = json.loads(out)
    assert code == 0 and doc["verdict"] == "valid"
    assert doc["trust"]["store"] == store.location.describe()
    # the same root from the store and from a file: both named, trusted once
    assert [r["source"] for r in doc["trust"]["roots"]] == ["store", "file"]
    assert doc["trust"]["roots"][0]["sha256"] == doc["trust"]["roots"][1]["sha256"]


def test_the_trust_list_is_read_without_opening_the_store_the_usual_way(files, store):
    with store.uow() as uow:
        add_trust_roots(uow, files["root"].read_bytes())
        uow.commit()
    (root,) = read_store_roots(store.location)
    assert root.subject.endswith("CN=CA Thử Nghiệm") and root.der.startswith(b"\x30")
    # a store this program does not know (a newer version) is not read this way
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    assert read_store_roots(store.location) is None


@pytest.mark.slow
def test_the_command_uses_the_store_named_with_store_and_never_creates_one(files, tmp_path):
    home = tmp_path / "kho"
    st = open_store(StoreLocation(home=home), create=True)
    try:
        with st.uow() as uow:
            add_trust_roots(uow, files["root"].read_bytes())
            uow.commit()
    finally:
        st.close()
    r = nghisu(files["signed"], store=home)
    assert r.returncode == 0, r.stderr
    assert "kho dữ liệu" in r.stdout and "CN=CA Thử Nghiệm" in r.stdout
    missing = tmp_path / "khong-co"
    r = nghisu(files["signed"], store=missing)
    assert r.returncode == 2 and "Không có kho dữ liệu" in r.stderr and "Traceback" not in r.stderr
    assert not missing.exists()


def test_the_command_imports_no_other_commands_code(files):
    """`nghisu verify` is run file after file from scripts: its start-up loads the verify
    command alone, not every command's modules, nor the store's engine and the window's
    launcher when no store is asked for; `nghisu verify --help` and `nghisu --help` still
    describe it."""
    probe = ("import sys; from ui import cli; code = cli.main(['verify', sys.argv[1], '--trust', sys.argv[2]]); "
             "print(code, sorted(m for m in sys.modules if m.startswith(('ui.commands.', 'meetings', 'register', "
             "'mail', 'demo', 'sqlalchemy', 'alembic', 'store.engine', 'store.blobs', 'PySide6'))))")
    r = subprocess.run([sys.executable, "-c", probe, str(files["signed"]), str(files["root"])], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.stdout.strip().splitlines()[-1] == "0 ['ui.commands.verify']", r.stdout + r.stderr
    assert cli.command_modules(["--store", "verify", "verify", "x.pdf"]) == ("verify",)  # a store folder named verify
    assert cli.command_modules(["--debug", "meetings", "list"]) == cli.COMMAND_MODULES
    assert cli.command_modules(["--help", "verify"]) == cli.COMMAND_MODULES
    for argv in (["verify", "--help"], ["--help"]):
        shown = subprocess.run([sys.executable, "-m", "ui.cli", *argv], cwd=ROOT, capture_output=True, text=True,
                               timeout=120)
        assert shown.returncode == 0 and "verify" in shown.stdout, shown.stderr
