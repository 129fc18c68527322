"""The scenery ``nghisu rls check`` probes in: a throw-away schema beside the live one, with a
province meeting, one person per probe role and their own logins, and one row in every table.

Built through the services where a table's rows mean something to its rules (meetings,
participants, a paper, votes, opinions, the presenter's page), and with one plain row per
remaining table. Everything is removed afterwards (schema, logins), whatever happened.
"""

from __future__ import annotations

import io
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import psycopg
from psycopg import sql

from documents.records import DocumentMeta
from store.codes import RsvpAnswer
from store.engine import open_store
from store.location import StoreLocation
from store.rls.matrix import INTENDED
from store.rls.probe import ProbeReport, ProbeRole, compare, probe_rows, probe_table
from store.rls.rules import copy_access_rules

PEOPLE = {
    ProbeRole.CHAIR: "Chủ tọa Kiểm Tra",
    ProbeRole.SECRETARY: "Thư ký Kiểm Tra",
    ProbeRole.MEMBER: "Thành viên Kiểm Tra",
    ProbeRole.SITE_CLERK: "Cán bộ điểm cầu Kiểm Tra",
    ProbeRole.ORGANISER: "Văn phòng Kiểm Tra",
    ProbeRole.ADMIN: "Quản trị Kiểm Tra",
    ProbeRole.OUTSIDER: "Người ngoài Kiểm Tra",
}


@dataclass
class Scenery:
    schema: str
    people: dict[ProbeRole, int] = field(default_factory=dict)
    logins: dict[ProbeRole, str] = field(default_factory=dict)
    password: str = ""
    prefer: dict[str, int | str] = field(default_factory=dict)  # column → value of the probe rows
    filled: dict[str, str] = field(default_factory=dict)  # table → why it has no row, if any


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas  # noqa: PLC0415 -- heavy library deferred for start-up: reportlab

    from documents.papers import typeset as ts  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    ts.register_fonts()  # every font embedded, even in a probe paper
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, initialFontName=ts.FONT)
    c.drawString(60, 760, "Kiểm tra quyền truy cập")
    c.showPage()
    c.save()
    return buf.getvalue()


def _services(store, sc: Scenery) -> None:
    from meetings.agenda import add_agenda_item  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.lifecycle import change_status, create_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.attendance import record_attendance  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.follow import set_presenter_position  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.opinions import ask_opinions  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.live.votes import cast_vote, close_vote, open_vote  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.materials import import_material, publish_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.rsvp import answer_invitation  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.sites import add_participant, add_site  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.accounts import grant_unit_role  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import create_person, create_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    now = store.clock.now()
    with store.uow() as uow:
        p = create_unit(uow, code="KT", name="Tỉnh Kiểm Tra", level="province", scheme="2019",
                        official_name="Ủy ban nhân dân tỉnh Kiểm Tra", place_name="Kiểm Tra").id
        site = create_unit(uow, code="KTX", name="Huyện Kiểm Tra", level="district", scheme="2019",
                           official_name="Ủy ban nhân dân huyện Kiểm Tra", place_name="Kiểm Tra", parent_id=p).id
        other = create_unit(uow, code="KTN", name="Tỉnh Ngoài", level="province", scheme="2019",
                            official_name="Ủy ban nhân dân tỉnh Ngoài", place_name="Ngoài").id
        for role, name in PEOPLE.items():
            unit = other if role is ProbeRole.OUTSIDER else site if role is ProbeRole.SITE_CLERK else p
            sc.people[role] = create_person(uow, full_name=name, position="Kiểm tra", unit_id=unit).id
        grant_unit_role(uow, sc.people[ProbeRole.ORGANISER], p, "organiser")
        grant_unit_role(uow, sc.people[ProbeRole.SITE_CLERK], site, "site_clerk")
        m = create_meeting(uow, unit_id=p, title="Phiên họp kiểm tra quyền", kind="online",
                           starts_at=now + timedelta(days=1), location="Phòng họp")
        add_site(uow, m.id, site)
        for role in (ProbeRole.CHAIR, ProbeRole.SECRETARY, ProbeRole.MEMBER):
            add_participant(uow, m.id, sc.people[role], str(role))
        answer_invitation(uow, m.id, sc.people[ProbeRole.MEMBER], RsvpAnswer.YES)
        item = add_agenda_item(uow, m.id, title="Mục kiểm tra", planned_minutes=10)
        uow.commit()
    doc = import_material(store, None, m.id, "1", _pdf(), DocumentMeta(title="Tài liệu kiểm tra", doc_type="khac"))
    chair, member = sc.people[ProbeRole.CHAIR], sc.people[ProbeRole.MEMBER]
    with store.uow() as uow:
        publish_meeting(uow, m.id)
        change_status(uow, m.id, "in_progress")
        for role in (ProbeRole.CHAIR, ProbeRole.MEMBER):
            record_attendance(uow, m.id, sc.people[role])
        set_presenter_position(uow, m.id, item.id, doc.id, 1)
        secret = open_vote(uow, m.id, item_id=item.id, kind="secret", question="Bỏ phiếu kín", options=["Có", "Không"])
        cast_vote(uow, secret.id, member, "Có")
        close_vote(uow, secret.id)
        roll = open_vote(uow, m.id, item_id=item.id, kind="roll_call", question="Điểm danh", options=["Có", "Không"])
        cast_vote(uow, roll.id, member, "Có")
        ask_opinions(uow, unit_id=p, meeting_id=m.id, question="Lấy ý kiến", options=["Có", "Không"],
                     deadline=datetime.now(UTC) + timedelta(days=7), member_ids=[member, chair])
        _queue_mail(uow, p, m.id)
        uow.commit()
    # blob_sha256: an outgoing version's plain row names the paper's blob (a stored file must exist).
    sc.prefer = {"meeting_id": m.id, "document_id": doc.id, "person_id": member, "unit_id": p, "vote_id": roll.id,
                 "entry_id": _incoming(store, sc, p), "blob_sha256": doc.current_version.sha256}


def _incoming(store, sc: Scenery, unit_id: int) -> int:
    """An incoming document of the province, registered by the organiser acting as its văn thư,
    handled by the member (the chair co-handles), with the member's progress note in its history."""
    from register.incoming.handling import assign, record_progress  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.incoming.receive import receive_file  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.incoming.records import IncomingMeta  # noqa: PLC0415 -- deferred for start-up: beside receive_file
    from store.directory.people import grant_role  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    clerk = sc.people[ProbeRole.ORGANISER]
    with store.uow() as uow:
        grant_role(uow, clerk, unit_id, "van_thu")
        uow.commit()
    entry = receive_file(store, unit_id, _pdf(), IncomingMeta("Bộ Kiểm Tra", "Văn bản đến kiểm tra", "01/BKT"),
                         actor_id=clerk).entry.id
    member = sc.people[ProbeRole.MEMBER]
    with store.uow(clerk) as uow:
        assign(uow, entry, handler_id=member, co_handler_ids=[sc.people[ProbeRole.CHAIR]],
               due_on=store.clock.now().date() + timedelta(days=7), instruction="Kiểm tra")
        uow.commit()
    with store.uow(member) as uow:
        record_progress(uow, entry, "Đang kiểm tra")
        uow.commit()
    return entry


def _queue_mail(uow, unit_id: int, meeting_id: int) -> None:
    """A queued invitation of the meeting (its outgoing queue rows name the meeting)."""
    from mail.codes import MailKind  # noqa: PLC0415 -- deferred for start-up: the mail layer
    from mail.outbox import Recipient, queue_mail  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    queue_mail(uow, unit_id=unit_id, kind=MailKind.INVITATION, subject="Giấy mời kiểm tra", body="Kiểm tra",
               recipients=[Recipient("kiemtra@example.invalid")], meeting_id=meeting_id)


#: Column name → which scenery id fills it in a plain row.
_FK_HINTS = ("meeting_id", "document_id", "person_id", "unit_id", "vote_id")


def _plain_rows(conn: psycopg.Connection, sc: Scenery) -> None:
    """One row in each table the services left empty (values of the right type; the rules are
    what is probed, not the meaning)."""
    empty = [t for (t,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                        "AND tablename <> 'alembic_version' ORDER BY 1").fetchall()]
    for _round in range(3):  # parents first, by trying again
        for table in list(empty):
            if conn.execute(sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(table))).fetchone()[0]:
                empty.remove(table)
                continue
            cols = conn.execute(
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typcategory FROM pg_attribute a "
                "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = %s::regclass AND a.attnum > 0 "
                "AND NOT a.attisdropped AND a.attnotnull AND NOT a.atthasdef ORDER BY a.attnum", (table,)).fetchall()
            values = []
            for name, typ, category in cols:
                if name in sc.prefer:
                    value = str(sc.prefer[name])
                elif category == "N":
                    value = "1"
                elif category == "B":
                    value = "false"
                elif category == "D":
                    value = "2026-12-01 00:00:00"
                elif typ in ("json", "jsonb"):
                    value = "{}"
                elif typ == "bytea":
                    value = "\\x00"
                else:
                    value = "kiem-tra"
                values.append(sql.SQL("{}::{}").format(sql.Literal(value), sql.SQL(typ)))
            stmt = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
                sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c, _, _ in cols),
                sql.SQL(", ").join(values)) if cols else sql.SQL("INSERT INTO {} DEFAULT VALUES").format(
                sql.Identifier(table))
            try:
                with conn.transaction():
                    conn.execute(stmt)
                empty.remove(table)
            except psycopg.Error as exc:
                sc.filled[table] = (str(exc).strip().splitlines() or ["?"])[0]
    for table in empty:
        sc.filled.setdefault(table, "no row")
    for table in list(sc.filled):
        if table not in empty:
            del sc.filled[table]


def _logins(store, sc: Scenery) -> None:
    from store.accounts import create_login  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    sc.password = secrets.token_urlsafe(24)
    with store.uow() as uow:
        for role, person in sc.people.items():
            sc.logins[role] = create_login(uow, person, sc.password, admin=role is ProbeRole.ADMIN).role_name
        uow.commit()


@contextmanager
def scenery(location: StoreLocation) -> Iterator[Scenery]:
    """Build the scenery in a new schema of the live store's database; drop it all afterwards."""

    url = location.database_url
    plain_url = libpq_url(url)
    sc = Scenery(schema=f"nghisu_rlscheck_{uuid.uuid4().hex[:10]}")
    with psycopg.connect(plain_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(sc.schema)))
    store = None
    try:
        store = open_store(StoreLocation(database_url=url, schema=sc.schema))
        _services(store, sc)
        _logins(store, sc)
        with psycopg.connect(plain_url, autocommit=True) as conn:
            conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(sc.schema)))
            _plain_rows(conn, sc)
        yield sc
    finally:
        if store is not None:
            store.close()
        with psycopg.connect(plain_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(sc.schema)))
            for role in sc.logins.values():
                with suppress(psycopg.Error):
                    conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def libpq_url(url: str, **parts: str) -> str:
    from sqlalchemy.engine import make_url  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

    return make_url(url).set(drivername="postgresql", **parts).render_as_string(hide_password=False)


def check_store(location: StoreLocation) -> ProbeReport:
    """Probe the live schema's rules as every probe role, and compare with the matrix."""

    report = ProbeReport()
    with psycopg.connect(libpq_url(location.database_url), autocommit=True) as conn:
        if location.schema:
            conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(location.schema)))
        live = conn.execute("SELECT current_schema()").fetchone()[0]
    with scenery(location) as sc:
        with psycopg.connect(libpq_url(location.database_url), autocommit=True) as conn:
            copy_access_rules(conn, live, sc.schema)
            conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(sc.schema)))
            tables = [t for (t,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s "
                                                 "AND tablename <> 'alembic_version' ORDER BY 1", (sc.schema,))]
            rows = probe_rows(conn, tables, sc.prefer)
        report.unprobed = {t: sc.filled.get(t, "no row") for t in tables if t not in rows}
        for role, login in sc.logins.items():
            with psycopg.connect(libpq_url(location.database_url, username=login, password=sc.password),
                                 autocommit=True) as conn:
                conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(sc.schema)))
                for table, row in rows.items():
                    report.observed.setdefault(table, {})[role] = probe_table(conn, row)
    report.differences = compare(report.observed, INTENDED, {t: row.values for t, row in rows.items()})
    return report
