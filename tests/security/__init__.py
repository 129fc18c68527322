"""Shared scenery for the security tests: a provincial meeting with an ordinary and a "mật"
paper, people of three clearances, and (PostgreSQL) their own login roles."""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from documents.records import DocumentInfo, DocumentMeta
from store.clock import VN_TZ

PASSPHRASE = "trống đồng Đông Sơn 1945"
PASSWORD = "Mật-khẩu-đủ-dài-2026"
FAST_SCRYPT = 2**12  # tests only: the real default is 2**15
SECRET_SENTENCE = "KE HOACH SO 7 VE PHONG CHONG BAO: SO TAU THUYEN NEO DAU LA 1742 CHIEC"
PLAIN_SENTENCE = "THONG BAO LICH TIEP CONG DAN THANG MUOI HAI"


def sentence_pdf(sentence: str, pages: int = 2) -> bytes:
    """A real PDF whose raw bytes carry the sentence in clear (no stream compression, a
    standard font), so a byte search of the store would find it if it were stored plain."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pageCompression=0, invariant=1)
    for page in range(pages):
        c.setFont("Helvetica", 11)
        c.drawString(60, 760, sentence)
        c.drawString(60, 740, f"Trang {page + 1}")
        c.showPage()
    c.save()
    data = buf.getvalue()
    assert sentence.encode() in data
    return data


@dataclass
class World:
    qt: int
    vl: int
    vg: int
    chair: int        # chủ trì, clearance tối mật
    secretary: int    # thư ký, clearance mật
    member_mat: int   # thành viên, clearance mật
    member_thuong: int  # thành viên, clearance thường
    commune: int      # xã Vĩnh Giang, clearance mật, not invited to the provincial meeting
    admin: int        # văn phòng tỉnh, administrator (no meeting role)
    meeting_id: int
    commune_meeting_id: int
    plain: DocumentInfo
    secret: DocumentInfo
    logins: dict[str, str] = field(default_factory=dict)


def build_world(store) -> World:
    from documents.classified.service import init_keys
    from meetings.agenda import add_agenda_item
    from meetings.lifecycle import create_meeting
    from meetings.materials import import_material, publish_meeting
    from meetings.sites import add_participant, add_site
    from store.accounts import set_clearance
    from store.directory import create_person, create_unit

    with store.uow() as uow:
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2019", official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị").id
        vl = create_unit(uow, code="VL", name="Huyện Vĩnh Linh", level="district", official_name="Ủy ban nhân dân huyện Vĩnh Linh", place_name="Vĩnh Linh", parent_id=qt).id
        vg = create_unit(uow, code="VG", name="Xã Vĩnh Giang", level="commune", official_name="Ủy ban nhân dân xã Vĩnh Giang", place_name="Vĩnh Giang", parent_id=vl).id
        people = {
            "chair": ("Nguyễn Văn Minh", "Chủ tịch UBND tỉnh", qt, "toi_mat"),
            "secretary": ("Phạm Thị Ngọc Ánh", "Chuyên viên Văn phòng", qt, "mat"),
            "member_mat": ("Lê Quang Đạo", "Giám đốc Sở Tài chính", qt, "mat"),
            "member_thuong": ("Võ Thanh Tùng", "Phó Chủ tịch UBND huyện", vl, "thuong"),
            "commune": ("Hoàng Thị Lan", "Chủ tịch UBND xã", vg, "mat"),
            "admin": ("Trần Đức Hải", "Quản trị hệ thống", qt, "thuong"),
        }
        ids = {}
        for key, (name, position, unit, clearance) in people.items():
            ids[key] = create_person(uow, full_name=name, position=position, unit_id=unit).id
            set_clearance(uow, ids[key], clearance)
        for key in ("chair", "secretary", "member_mat", "member_thuong", "commune"):
            init_keys(uow, ids[key], PASSPHRASE, scrypt_n=FAST_SCRYPT)
        uow.commit()
    with store.uow(ids["secretary"]) as uow:
        m = create_meeting(uow, unit_id=qt, title="Phiên họp UBND tỉnh tháng 12", kind="online",
                           starts_at=datetime(2026, 12, 8, 8, 0, tzinfo=VN_TZ),
                           ends_at=datetime(2026, 12, 8, 11, 30, tzinfo=VN_TZ), location="Phòng họp số 1")
        add_site(uow, m.id, vl)
        add_participant(uow, m.id, ids["chair"], "chair")
        add_participant(uow, m.id, ids["secretary"], "secretary")
        add_participant(uow, m.id, ids["member_mat"], "member")
        add_participant(uow, m.id, ids["member_thuong"], "member", site_unit_id=vl)
        add_agenda_item(uow, m.id, title="Phòng chống bão lũ", planned_minutes=30)
        cm = create_meeting(uow, unit_id=vg, title="Họp UBND xã Vĩnh Giang", kind="regular",
                            starts_at=datetime(2026, 12, 9, 8, 0, tzinfo=VN_TZ), ends_at=None, location="Hội trường xã")
        add_participant(uow, cm.id, ids["commune"], "chair")
        uow.commit()
    plain = import_material(store, ids["secretary"], m.id, "1", sentence_pdf(PLAIN_SENTENCE),
                            DocumentMeta(title="Thông báo lịch tiếp dân", doc_type="thong_bao"))
    secret = import_material(store, ids["secretary"], m.id, "1", sentence_pdf(SECRET_SENTENCE),
                             DocumentMeta(title="Kế hoạch phòng chống bão số 7", doc_type="ke_hoach", classification="mat"))
    with store.uow(ids["secretary"]) as uow:
        publish_meeting(uow, m.id)
        uow.commit()
    return World(qt, vl, vg, ids["chair"], ids["secretary"], ids["member_mat"], ids["member_thuong"], ids["commune"],
                 ids["admin"], m.id, cm.id, plain, secret)


def raw_database_bytes(store) -> bytes:
    """Every text, JSON and binary value of every table, as the schema owner reads it, plus
    (embedded mode) the database files and every blob file, as raw bytes."""
    from pathlib import Path

    from sqlalchemy import text

    chunks: list[bytes] = []
    if store.dialect == "postgresql":
        with store.engine.connect() as conn:
            cols = conn.execute(text(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND data_type IN ('text', 'character varying', 'bytea', 'json', 'jsonb')")).all()
            for table, column in cols:
                for (value,) in conn.execute(text(f'SELECT "{column}" FROM "{table}"')):
                    if isinstance(value, bytes | memoryview):
                        chunks.append(bytes(value))
                    elif value is not None:
                        chunks.append(str(value).encode())
    else:
        home = Path(store.location.home)
        chunks.extend(p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file())
    return b"\x00".join(chunks)



@contextmanager
def connect_as(schema: str, role: str):
    """A plain psycopg connection as a person's own login: raw SQL, no Nghị Sự code between."""
    import psycopg

    from tests.conftest import PG_URL

    with psycopg.connect(PG_URL, user=role, password=PASSWORD, autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        yield conn


def server_now() -> datetime:
    """The PostgreSQL server's clock (UTC): the read rule counts the roles in force on its date
    in Vietnam, whatever a test's own clock says."""
    import psycopg

    from tests.conftest import PG_URL

    with psycopg.connect(PG_URL) as conn:
        at = conn.execute("SELECT timezone('utc', clock_timestamp())").fetchone()[0]
    return at.replace(tzinfo=UTC)


def server_day() -> date:
    """Vietnam's date on the server's clock, as the read rule and numbering read it."""
    return (server_now() + timedelta(hours=7)).date()


def owner_connection(schema: str):
    """The schema owner's own connection (what migrations use; never a desktop's)."""
    import psycopg

    from tests.conftest import PG_URL

    conn = psycopg.connect(PG_URL, autocommit=True)
    conn.execute(f'SET search_path TO "{schema}"')
    return conn
