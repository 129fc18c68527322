"""Row-level security: what each person's own login sees and may change, in raw SQL over a
plain psycopg connection (no Nghị Sự code between the person and the database).

Run with ``-s`` to print the raw-SQL report (what each role sees) for the closing note.
"""

from __future__ import annotations

import psycopg
import pytest

from store.accounts import grant_unit_role, open_as_person
from tests.conftest import PG_URL
from tests.security import PASSPHRASE, PASSWORD, connect_as

REPORT: list[str] = []
#: Tables without a meeting, a document or a person's secret in them: still RLS-enabled,
#: with policies, but they are allowed to be readable by every person.
DIRECTORY = {"units", "persons", "settings", "office_policy", "trust_roots", "person_clearances", "unit_roles",
             "person_keys", "person_certificates", "audit_head"}


def rows(conn, who: str, sql: str, params=()) -> list[tuple]:
    found = conn.execute(sql, params).fetchall()
    REPORT.append(f"{who:<24} {sql % tuple(params) if params else sql:<78} -> {len(found)} row(s)")
    return found


def changed(conn, who: str, sql: str, params=()) -> str:
    try:
        n = conn.execute(sql, params).rowcount
        outcome = f"{n} row(s) changed"
    except psycopg.Error as exc:
        outcome = f"refused: {type(exc).__name__}"
    REPORT.append(f"{who:<24} {sql % tuple(params) if params else sql:<78} -> {outcome}")
    return outcome


def test_every_table_has_row_level_security_and_meeting_data_has_real_policies(shared):
    store, world, schema = shared
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        tables = dict(conn.execute(
            "SELECT c.relname, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r'", (schema,)).fetchall())
        policies: dict[str, list[tuple[str, str]]] = {}
        for table, cmd, qual in conn.execute("SELECT tablename, cmd, coalesce(qual, with_check) FROM pg_policies "
                                             "WHERE schemaname = %s ORDER BY 1, 2", (schema,)):
            policies.setdefault(table, []).append((cmd, qual))
        columns = {}
        for table, column in conn.execute("SELECT table_name, column_name FROM information_schema.columns "
                                          "WHERE table_schema = %s", (schema,)):
            columns.setdefault(table, set()).add(column)
        bypass = conn.execute("SELECT rolname FROM pg_roles WHERE (rolbypassrls OR rolsuper) AND rolname = ANY(%s)",
                              (["nghisu_desktop", "nghisu_admin", *world.logins.values()],)).fetchall()
    assert bypass == []
    for table, rls in sorted(tables.items()):
        if table == "alembic_version":
            continue
        assert rls, f"{table}: row-level security is not enabled"
        assert table in policies, f"{table}: no policy (closed, but nobody decided who may see it)"
        holds_meeting_data = columns[table] & {"meeting_id", "document_id", "sha256", "version_id", "poll_id"}
        if holds_meeting_data or table not in DIRECTORY:
            selects = [q for cmd, q in policies[table] if cmd == "SELECT"]
            assert selects and all("nghisu_" in q for q in selects), f"{table}: reading it is not limited"
    REPORT.append("policies per table:")
    REPORT.extend(f"  {t:<22} " + "; ".join(f"{c}: {q}" for c, q in policies[t]) for t in sorted(policies))


def test_an_uninvited_commune_member_sees_nothing_of_the_provincial_meeting(shared):
    store, world, schema = shared
    m, doc = world.meeting_id, world.secret.id
    shas = [world.plain.current_version.sha256, world.secret.current_version.sha256]
    who = "commune member (xã)"
    with connect_as(schema, world.logins["commune"]) as conn:
        assert rows(conn, who, "SELECT id, title FROM meetings WHERE id = %s", (m,)) == []
        assert rows(conn, who, "SELECT id FROM meetings") == [(world.commune_meeting_id,)]  # only their own
        assert rows(conn, who, "SELECT id, title FROM documents WHERE meeting_id = %s", (m,)) == []
        assert rows(conn, who, "SELECT * FROM document_versions WHERE meeting_id = %s", (m,)) == []
        assert rows(conn, who, "SELECT text FROM document_pages WHERE meeting_id = %s", (m,)) == []
        assert rows(conn, who, "SELECT sha256 FROM blobs WHERE sha256 = ANY(%s)", (shas,)) == []
        assert rows(conn, who, "SELECT data FROM blob_chunks WHERE sha256 = ANY(%s)", (shas,)) == []
        assert rows(conn, who, "SELECT * FROM deliveries WHERE meeting_id = %s", (m,)) == []
        assert rows(conn, who, "SELECT * FROM agenda_items WHERE meeting_id = %s", (m,)) == []
        assert rows(conn, who, "SELECT * FROM participants WHERE meeting_id = %s", (m,)) == []
        assert rows(conn, who, "SELECT * FROM audit_log WHERE meeting_id = %s", (m,)) == []
        assert rows(conn, who, "SELECT * FROM document_keys WHERE document_id = %s", (doc,)) == []
        assert rows(conn, who, "SELECT * FROM person_key_secrets WHERE person_id <> %s", (world.commune,)) == []
        assert changed(conn, who, "UPDATE agenda_items SET title = 'Đã sửa' WHERE meeting_id = %s", (m,)) == "0 row(s) changed"
        assert changed(conn, who, "DELETE FROM documents WHERE meeting_id = %s", (m,)) == "0 row(s) changed"
        assert changed(conn, who, "UPDATE units SET name = 'X' WHERE id = %s", (world.qt,)) == "0 row(s) changed"
        assert changed(conn, who, "INSERT INTO agenda_items (meeting_id, position, title, presenter, planned_minutes, "
                                  "notes, version) VALUES (%s, 9, 'Chen', '', 0, '', 1)", (m,)).startswith("refused")
        assert changed(conn, who, "UPDATE audit_log SET action = 'x'").startswith("refused")


def test_a_thuong_member_sees_their_meeting_but_not_its_mat_paper(shared):
    store, world, schema = shared
    m = world.meeting_id
    who = "member, clearance thường"
    with connect_as(schema, world.logins["member_thuong"]) as conn:
        assert rows(conn, who, "SELECT id FROM meetings WHERE id = %s", (m,)) == [(m,)]
        assert rows(conn, who, "SELECT id FROM documents WHERE meeting_id = %s", (m,)) == [(world.plain.id,)]
        assert rows(conn, who, "SELECT id FROM documents WHERE classification = 'mat'") == []
        assert rows(conn, who, "SELECT sha256 FROM blobs WHERE sha256 = %s", (world.secret.current_version.sha256,)) == []
        assert rows(conn, who, "SELECT document_id FROM deliveries WHERE person_id = %s", (world.member_thuong,)) == [
            (world.plain.id,)]
        assert changed(conn, who, "UPDATE agenda_items SET title = 'Đã sửa' WHERE meeting_id = %s", (m,)) == "0 row(s) changed"
    with connect_as(schema, world.logins["member_mat"]) as conn:
        who = "member, clearance mật"
        assert sorted(rows(conn, who, "SELECT id FROM documents WHERE meeting_id = %s", (m,))) == sorted(
            [(world.plain.id,), (world.secret.id,)])
        assert rows(conn, who, "SELECT sha256 FROM blobs WHERE sha256 = %s", (world.secret.current_version.sha256,)) != []
        assert rows(conn, who, "SELECT person_id FROM document_keys") == [(world.member_mat,)]  # only their own key
    with connect_as(schema, world.logins["secretary"]) as conn:
        who = "secretary (thư ký)"
        assert changed(conn, who, "UPDATE agenda_items SET title = title || '' WHERE meeting_id = %s", (m,)) == "1 row(s) changed"


def test_a_signer_signs_only_in_their_own_slot(shared):
    store, world, schema = shared
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        req = conn.execute(
            "INSERT INTO signing_requests (document_id, meeting_id, unit_id, reason, certify_first, status, turn, "
            "fields_version_no, created_at, version) VALUES (%s, %s, %s, 'Ký', false, 'open', 0, 1, now(), 1) RETURNING id",
            (world.plain.id, world.meeting_id, world.qt)).fetchone()[0]
        slots = {}
        for pos, person in enumerate((world.secretary, world.chair)):
            slots[person] = conn.execute(
                "INSERT INTO signing_slots (request_id, meeting_id, position, person_id, field_name) "
                "VALUES (%s, %s, %s, %s, %s) RETURNING id", (req, world.meeting_id, pos, person, f"F{pos}")).fetchone()[0]
    who = "secretary (thư ký)"
    with connect_as(schema, world.logins["secretary"]) as conn:
        sql = "UPDATE signing_slots SET signed_at = now() WHERE id = %s"  # only nghisu_sign_slot fills a slot
        assert changed(conn, who, sql, (slots[world.chair],)).startswith("refused")  # the chair's slot
        assert changed(conn, who, sql, (slots[world.secretary],)).startswith("refused")
        sign = "SELECT nghisu_sign_slot(%s, %s, %s, 'x', NULL)"
        assert changed(conn, who, sign, (req, world.chair, world.plain.current_version.id)).startswith("refused")
        assert changed(conn, who, sign, (req, world.secretary, world.plain.current_version.id)) == "1 row(s) changed"


def test_services_as_people_reveal_nothing_about_a_meeting_they_cannot_see(shared, clock):
    from documents.circulation import open_for_reading
    from meetings.lifecycle import get_meeting
    from store.errors import NotFound

    store, world, schema = shared
    commune = open_as_person(store.location, world.logins["commune"], PASSWORD, clock=clock)
    member = open_as_person(store.location, world.logins["member_mat"], PASSWORD, clock=clock)
    try:
        answers = []
        for meeting_id in (world.meeting_id, 987_654):
            with pytest.raises(NotFound) as err, commune.read() as s:
                get_meeting(s, meeting_id)
            answers.append(err.value.vi.replace(str(meeting_id), "#"))
        assert answers[0] == answers[1]
        with member.uow(world.member_mat) as uow:
            data = open_for_reading(uow, world.secret.id, world.member_mat, passphrase=PASSPHRASE)
            uow.commit()
        assert data.startswith(b"%PDF")
    finally:
        commune.close()
        member.close()


def test_unit_roles_open_meetings_to_organisers_and_site_clerks(shared):
    store, world, schema = shared
    with connect_as(schema, world.logins["admin"]) as conn:
        assert rows(conn, "administrator", "SELECT id FROM meetings") == []  # administers people, not meetings
    with store.uow() as uow:
        grant_unit_role(uow, world.admin, world.qt, "organiser")
        grant_unit_role(uow, world.commune, world.vl, "site_clerk")  # Vĩnh Linh is a connected site
        uow.commit()
    with connect_as(schema, world.logins["admin"]) as conn:
        assert rows(conn, "organiser of the province", "SELECT id FROM meetings WHERE id = %s",
                    (world.meeting_id,)) == [(world.meeting_id,)]
        assert rows(conn, "organiser, clearance thường", "SELECT id FROM documents WHERE classification <> 'thuong'") == []
    with connect_as(schema, world.logins["commune"]) as conn:
        assert rows(conn, "site clerk at Vĩnh Linh", "SELECT id FROM meetings WHERE id = %s",
                    (world.meeting_id,)) == [(world.meeting_id,)]


def test_secret_ballots_cast_through_own_logins_stay_unlinkable_even_to_administrators(shared, clock):
    from meetings.lifecycle import change_status
    from meetings.live.attendance import record_attendance
    from meetings.live.votes import cast_vote, close_vote, open_vote

    store, world, schema = shared
    secretary = open_as_person(store.location, world.logins["secretary"], PASSWORD, clock=clock)
    voters = [world.chair, world.member_mat, world.member_thuong]
    try:
        with secretary.uow(world.secretary) as uow:
            change_status(uow, world.meeting_id, "in_progress")
            for person in voters:
                record_attendance(uow, world.meeting_id, person)
            vote = open_vote(uow, world.meeting_id, item_id=None, kind="secret", question="Bầu Trưởng ban",
                             options=["Đồng ý", "Không đồng ý"])
            uow.commit()
        for person, option in zip(voters, ["Đồng ý", "Không đồng ý", "Đồng ý"], strict=True):
            key = {world.chair: "chair", world.member_mat: "member_mat", world.member_thuong: "member_thuong"}[person]
            voter = open_as_person(store.location, world.logins[key], PASSWORD, clock=clock)
            try:
                with voter.uow(person) as uow:
                    assert cast_vote(uow, vote.id, person, option)
                    uow.commit()
            finally:
                voter.close()
        with secretary.uow(world.secretary) as uow:
            result = close_vote(uow, vote.id)
            uow.commit()
        assert dict(result.counts) == {"Đồng ý": 2, "Không đồng ý": 1}
    finally:
        secretary.close()
    with connect_as(schema, world.logins["admin"]) as conn:
        assert rows(conn, "administrator", "SELECT * FROM secret_ballots") == []
        assert rows(conn, "administrator", "SELECT * FROM secret_voters") == []
    with psycopg.connect(PG_URL, autocommit=True) as conn:  # the schema owner (a superuser here) reads everything
        conn.execute(f'SET search_path TO "{schema}"')
        cols = [r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
                                           "AND table_name = 'secret_ballots'", (schema,))]
        assert set(cols) == {"id", "vote_id", "meeting_id", "option", "receipt_hash"}
        fks = conn.execute("SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = 'secret_ballots'::regclass "
                           "AND contype = 'f'").fetchall()
        assert fks == [("votes",)]  # no link to persons, voters or audit rows
        xmins = rows(conn, "schema owner", "SELECT DISTINCT xmin::text FROM secret_ballots WHERE vote_id = %s", (vote.id,))
        assert len(xmins) == 1  # all three rewritten at the close: storage order and xmin tell nothing


def test_zz_print_the_raw_sql_report(capsys):
    with capsys.disabled():
        print("\n--- what each role sees (raw SQL over its own login) ---")
        for line in REPORT:
            print(line)
