"""The command line on a store where people say who they are: a change with no `--as` is one
line, exit 2, and nothing changes; once this computer account is bound to a person
(`nghisu people whoami --bind`), that person acts when `--as` is left out."""

from __future__ import annotations

import getpass
import json

from sqlalchemy import select

from store.directory import set_pin
from store.engine import open_store
from store.location import StoreLocation
from store.models import AuditEntry
from tests.ui.test_cli_foundation import nghisu


def people(home) -> list[str]:
    return [p["full_name"] for p in json.loads(nghisu("people", "--json", store=home).stdout)]


def test_no_person_no_change_until_this_account_is_someone(tmp_path):
    home = tmp_path / "store"
    nghisu("--create", "units", "add", "--code", "QT", "--name", "Tỉnh Quảng Trị", "--level", "province",
           "--official-name", "Ủy ban nhân dân tỉnh Quảng Trị", "--place-name", "Quảng Trị", store=home)
    nghisu("people", "add", "--name", "Lê Thị Hoa", "--position", "Văn thư", "--unit", "QT", store=home)
    nghisu("people", "add", "--name", "Võ Minh", "--position", "Chủ tịch", "--unit", "QT", store=home)
    store = open_store(StoreLocation(home=home))
    with store.uow(2) as uow:  # the chair sets his PIN: from now on every change names its person
        set_pin(uow, 2, "482913")
        uow.commit()
    store.close()

    refused = nghisu("people", "add", "--name", "Trần Văn Nam", "--position", "Chủ tịch", "--unit", "QT",
                     store=home, check=False)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "Chưa biết ai làm việc này" in refused.stderr
    assert sorted(people(home)) == ["Lê Thị Hoa", "Võ Minh"]

    taken = nghisu("people", "whoami", "--bind", "2", store=home, check=False)  # the chair's PIN is asked
    assert taken.returncode == 2 and "mã PIN" in taken.stderr
    bound = json.loads(nghisu("people", "whoami", "--bind", "1", "--json", store=home).stdout)
    assert bound == {"os_user": getpass.getuser(), "person_id": 1, "full_name": "Lê Thị Hoa"}
    nghisu("people", "add", "--name", "Trần Văn Nam", "--position", "Chủ tịch", "--unit", "QT", store=home)
    assert sorted(people(home)) == ["Lê Thị Hoa", "Trần Văn Nam", "Võ Minh"]
    store = open_store(StoreLocation(home=home))
    with store.read() as s:
        last = s.execute(select(AuditEntry.action, AuditEntry.actor_id, AuditEntry.actor_name)
                         .order_by(AuditEntry.seq.desc()).limit(1)).one()
    store.close()
    assert tuple(last) == ("person.create", 1, "Lê Thị Hoa")
