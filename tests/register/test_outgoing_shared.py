"""Outgoing documents on the shared store, each person over their own login: the drafter drafts,
the leader approves and signs, the văn thư numbers and releases; raw SQL shows that nobody
skips a step or takes another's (the guard trigger and the row policies of migration 0019), nor
changes the reply deadline once released (0028); the commune's văn thư finds it as its copy's
deadline."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from documents.intake.service import inspect_pdf
from register.outgoing.drafts import draft_outgoing, set_reply_by
from register.outgoing.records import Authority, OutgoingStatus
from register.outgoing.release import approve_outgoing, release_outgoing, sign_outgoing
from store.accounts import create_login, open_as_person
from store.engine import open_store
from tests.conftest import PG_URL
from tests.register.conftest import build_office
from tests.register.outgoing_world import make_keys, register_keys
from tests.register.test_outgoing import decision_pdf
from tests.security import PASSWORD, connect_as

#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


def sqlstate(conn, sql: str, params=()) -> str | None:
    try:
        conn.execute(sql, params)
    except psycopg.Error as exc:
        return exc.sqlstate
    return None


def test_each_person_does_their_own_step_over_their_own_login(pg_schema, clock):
    keys = make_keys()
    owner = open_store(pg_schema.migrated().location(), clock=clock)
    office = build_office(owner)
    register_keys(owner, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    logins: dict[str, str] = {}
    stores = {}
    try:
        with owner.uow() as uow:
            for key in ("clerk", "leader", "drafter", "commune_clerk"):
                logins[key] = create_login(uow, getattr(office, key), PASSWORD).role_name
            uow.commit()
        stores = {k: open_as_person(owner.location, v, PASSWORD, clock=clock) for k, v in logins.items()}
        data, layout = decision_pdf()
        with stores["drafter"].uow(office.drafter) as uow:
            info = draft_outgoing(uow, inspect_pdf(data), filename="qd.pdf", doc_type="QĐ", subject="Kế hoạch năm 2027",
                                  drafting_unit_id=office.office, signer_id=office.leader, authority=Authority.TM,
                                  layout=layout, recipients=["VG"], reply_by=date(2026, 12, 8))
            uow.commit()
        schema = pg_schema.name
        with connect_as(schema, logins["drafter"]) as conn:  # the drafter cannot approve, sign or release it
            for status in ("approved", "signed", "released"):
                assert sqlstate(conn, "UPDATE outgoing_documents SET status = %s WHERE id = %s", (status, info.id)) == "42501"
            assert sqlstate(conn, "UPDATE outgoing_documents SET unit_id = %s WHERE id = %s",
                            (office.commune, info.id)) == "42501"
        with connect_as(schema, logins["commune_clerk"]) as conn:  # another unit sees nothing of it
            assert conn.execute("SELECT count(*) FROM outgoing_documents").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM outgoing_versions").fetchone()[0] == 0
        with stores["leader"].uow(office.leader) as uow:
            approve_outgoing(uow, info.id)
            uow.commit()
        with stores["leader"].uow(office.leader) as uow:  # the signer moves the reply deadline before signing
            assert set_reply_by(uow, info.id, date(2026, 12, 10)).reply_by == date(2026, 12, 10)
            uow.commit()
        with connect_as(schema, logins["commune_clerk"]) as conn:  # nor may anyone else
            assert sqlstate(conn, "UPDATE outgoing_documents SET reply_by = NULL WHERE id = %s", (info.id,)) is None
            assert conn.execute("SELECT reply_by FROM outgoing_documents").fetchall() == []  # sees no row to change
        with connect_as(schema, logins["leader"]) as conn:  # the signer does not number it himself
            assert sqlstate(conn, "UPDATE outgoing_documents SET number_id = 1, released_on = current_date "
                                  "WHERE id = %s", (info.id,)) == "42501"
        sign_outgoing(stores["leader"], info.id, office.leader, keys.leader)
        with connect_as(schema, logins["clerk"]) as conn:  # nor does the văn thư slip in a version of the signer's
            v = conn.execute("SELECT blob_sha256, size, page_count FROM outgoing_versions WHERE outgoing_id = %s "
                             "ORDER BY version_no DESC LIMIT 1", (info.id,)).fetchone()
            assert sqlstate(conn, "INSERT INTO outgoing_versions (outgoing_id, version_no, kind, blob_sha256, size, "
                                  "page_count, filename, note, created_at, created_by_id) VALUES "
                                  "(%s, 99, 'signed', %s, %s, %s, '', '', now(), %s)",
                            (info.id, v[0], v[1], v[2], office.clerk)) == "42501"
        released = release_outgoing(stores["clerk"], info.id, office.clerk, keys.clerk)
        assert (released.status, released.symbol) == (OutgoingStatus.RELEASED, "01/QĐ-UBND")
        with connect_as(schema, logins["drafter"]) as conn:  # the drafter reads it, and the file, as released
            assert conn.execute("SELECT status FROM outgoing_documents WHERE id = %s", (info.id,)).fetchone() == (
                "released",)
            assert conn.execute("SELECT count(*) FROM blobs b JOIN outgoing_versions v ON v.blob_sha256 = b.sha256 "
                                "WHERE v.outgoing_id = %s", (info.id,)).fetchone()[0] == 5
        with connect_as(schema, logins["clerk"]) as conn:  # a release is not undone by hand
            assert sqlstate(conn, "UPDATE outgoing_documents SET status = 'cancelled' WHERE id = %s",
                            (info.id,)) == "42501"
        with connect_as(schema, logins["drafter"]) as conn:  # the deadline went out with it: it stays
            assert sqlstate(conn, "UPDATE outgoing_documents SET reply_by = NULL WHERE id = %s", (info.id,)) == "42501"
        # The commune's copy, delivered over the văn thư's own login (nghisu_deliver_incoming, 0028),
        # carries the date as its deadline and says so in its history; its văn thư sees both.
        with connect_as(schema, logins["commune_clerk"]) as conn:
            assert conn.execute("SELECT due_on, reply_due_on FROM incoming_documents WHERE source_outgoing_id = %s",
                                (info.id,)).fetchall() == [(date(2026, 12, 10), date(2026, 12, 10))]
            assert conn.execute("SELECT e.note FROM incoming_events e JOIN incoming_documents d ON d.id = e.entry_id "
                                "WHERE d.source_outgoing_id = %s AND e.kind = 'received'", (info.id,)).fetchall() == [
                ("Ủy ban nhân dân tỉnh Quảng Trị đề nghị báo cáo, trả lời trước ngày 10/12/2026.",)]
    finally:
        for st in stores.values():
            st.close()
        owner.close()
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            for role in logins.values():
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')
