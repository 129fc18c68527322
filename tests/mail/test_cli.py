"""`nghisu mail …` end to end on the real servers: set the account, keep the password on this
computer (0600, never in the store), queue a document, send the queue, read the status; bad
input is one plain line and exit 2."""

from __future__ import annotations

import io
import json
import os

import pytest

from tests.mail.conftest import COMMUNE, PASSWORDS, PROVINCE, embedded_store, received
from ui import cli


@pytest.fixture
def store_location(tmp_path):
    """This module on the embedded store only (see tests/mail/conftest.embedded_store)."""
    return embedded_store(tmp_path)


@pytest.fixture
def run(office, monkeypatch, capsys):
    monkeypatch.setattr(cli.CliContext, "store", lambda self, **kw: office.store)
    monkeypatch.setenv("NGHISU_MAIL_SECRETS_DIR", str(office.secrets.parent / "cli-secrets"))

    def run(*args: str, stdin: str | None = None):
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = cli.main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_account_password_queue_send_and_status(run, office, mail_servers):
    unit = str(office.unit_id)
    code, out, err = run("mail", "account", "set", "--unit", unit, "--address", PROVINCE,
                         "--name", "Văn phòng UBND tỉnh Quảng Trị", "--smtp-host", "127.0.0.1",
                         "--smtp-port", str(mail_servers.smtp.port), "--imap-host", "127.0.0.1",
                         "--imap-port", str(mail_servers.dovecot.imaps_port), "--ca-file", str(mail_servers.cafile))
    assert code == 0, err
    code, out, err = run("mail", "send-queue", "--unit", unit)
    assert code == 0 and "Không có thư nào" in out  # nothing queued: nothing asked of the password
    code, out, err = run("mail", "send-document", str(office.invitation_doc), "--unit", unit, "--to", COMMUNE)
    assert code == 0 and "1 thư" in out
    code, out, err = run("mail", "send-queue", "--unit", unit)
    assert code == 2 and "nghisu mail password" in err and err.count("\n") == 1  # no password yet: one line

    code, out, err = run("mail", "password", "--unit", unit, "--stdin", stdin=PASSWORDS[PROVINCE] + "\n")
    assert code == 0, err
    (secret,) = (office.secrets.parent / "cli-secrets").iterdir()
    assert os.stat(secret).st_mode & 0o777 == 0o600
    with office.store.engine.connect() as conn:  # the password is nowhere in the store
        dump = " ".join(str(r) for r in conn.exec_driver_sql("SELECT key, value FROM settings").fetchall())
    assert PASSWORDS[PROVINCE] not in dump

    code, out, err = run("mail", "send-queue", "--unit", unit)
    assert code == 0, err
    assert f"[1/1] đã gửi: {COMMUNE}" in out
    code, out, err = run("mail", "status", "--unit", unit, "--json")
    (row,) = json.loads(out)
    assert row["status"] == "sent" and row["attempts"] == 1 and row["address"] == COMMUNE
    with office.store.uow() as uow:
        from mail.models import MailMessage

        ref = uow.session.get(MailMessage, row["message_id"]).message_ref
    assert len(received(mail_servers, COMMUNE, ref)) == 1


def test_bad_input_is_one_line_and_exit_2(run, office):
    unit = str(office.unit_id)
    for args in (("mail", "account", "set", "--unit", unit, "--address", "không-hợp-lệ", "--name", "X",
                  "--smtp-host", "h"),
                 ("mail", "send-document", str(office.invitation_doc), "--unit", unit),
                 ("mail", "send-document", "99999", "--unit", unit, "--to", COMMUNE),
                 ("mail", "account", "show", "--unit", "99999")):
        code, out, err = run(*args)
        assert code == 2 and err.startswith("nghisu: ") and err.count("\n") == 1, (args, err)
