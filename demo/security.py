"""Demo clearances and encryption keys, so the demo's classified paper (mật) has readers.

The provincial leaders and the office clerk who attaches papers get clearance "mật" and a
key pair sealed under the demo passphrase (the same one as the demo signing keys). A real
office sets clearances by decision and each person chooses their own passphrase.
"""

from __future__ import annotations

from store.engine import Store

DEMO_PASSPHRASE = "nghisu-demo"
CLEARED = ("minh.nv@quangtri.gov.vn", "ha.ttt@quangtri.gov.vn", "dung.lq@quangtri.gov.vn",
           "huy.lq@quangtri.gov.vn", "anh.ptn@quangtri.gov.vn")


def ensure_demo_keys(store: Store, people: dict[str, int]) -> int:
    """Clearance and a key pair for each cleared demo official who has none; returns how many."""
    from documents.classified.models import PersonKey  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from documents.classified.service import init_keys  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.accounts import clearance_of, set_clearance  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    made = 0
    with store.uow() as uow:
        for email in CLEARED:
            pid = people[email]
            if clearance_of(uow.session, pid) == "thuong":
                set_clearance(uow, pid, "mat")
            if uow.session.get(PersonKey, pid) is None:
                init_keys(uow, pid, DEMO_PASSPHRASE)
                made += 1
        uow.commit()
    return made
