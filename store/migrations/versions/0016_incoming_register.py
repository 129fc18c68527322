"""The incoming register (sổ văn bản đến): entries, co-handlers, history; their access rules.

Revision ID: 0016_incoming_register
Revises: 0015_mail_outbox
Create Date: 2026-12-03

Three tables: ``incoming_documents`` (one row per document received: the register's columns,
the file, the verification kept on receipt, the handling), ``incoming_co_handlers`` and
``incoming_events`` (the history, append-only).

Who may do what (PostgreSQL; embedded stores trust whoever opens the folder):
- The register office of a unit is its văn thư (person role ``van_thu`` in force today, as
  for numbering, migration 0014); its leaders hold the person role ``lanh_dao``.
- An entry is seen by the people of its unit (``nghisu_in_unit``, migration 0014) and its
  văn thư, and by the people of the unit that delivered it (to follow it: the cascade board),
  within their clearance.
- The office registers (inserts) and corrects the registration; the office or a leader assigns
  (handler, deadline, bút phê); the main handler, the office or a leader closes it. A guard
  trigger holds each group to its columns, and nobody changes what was received (unit, file,
  verification, arrival) or a number once given. Entries are never deleted.
- A document released by one unit to another arrives through ``nghisu_deliver_incoming``
  (SECURITY DEFINER): the caller must be the office of the sending unit; it writes the entry
  as received-not-registered into the receiving unit's register, or, when that register
  already holds the same file or the same sender's same symbol, links the arrival to it.
- History rows are written in one's own name by those who may handle the entry, never changed.
- Blobs of incoming files are readable by those who see the entry (``nghisu_can_see_blob``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_incoming_register"
down_revision = "0015_mail_outbox"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
OWNER = "session_user = current_user"  # inside a definer function: the schema owner's own session
#: The register's day: Vietnam's date on the server's clock (as numbering reads it, migration 0014).
TODAY = "(timezone('utc', clock_timestamp()) + interval '7 hours')::date"
STAMP = "'version', 'updated_at', 'updated_by_id', 'search_vector'"  # the server computes search_vector
#: Everything not named in these groups is set on receipt and never changed by anyone (unit, file,
#: verification, arrival); the year and series follow the number the registration takes.
REGISTRATION = ("'year', 'series', 'number', 'registered_at', 'sender_name', 'sender_key', 'doc_symbol', 'doc_type', 'doc_date', "
                "'subject', 'classification', 'urgency', 'reply_due_on', 'search_folded'")
HANDLING = "'handler_id', 'due_on', 'instruction', 'assigned_by_id', 'assigned_at'"
CLOSING = "'status', 'done_at', 'done_by_id', 'done_note', 'reply_outgoing_id'"

FUNCTIONS = {
    "nghisu_register_office(p_unit integer)": """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (
          SELECT 1 FROM person_roles r WHERE r.person_id = nghisu_current_person() AND r.unit_id = p_unit
            AND r.role = 'van_thu' AND (r.since IS NULL OR r.since <= {today})
            AND (r.until IS NULL OR {today} < r.until)) $$""",
    "nghisu_unit_leader(p_unit integer)": """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (
          SELECT 1 FROM person_roles r WHERE r.person_id = nghisu_current_person() AND r.unit_id = p_unit
            AND r.role = 'lanh_dao' AND (r.since IS NULL OR r.since <= {today})
            AND (r.until IS NULL OR {today} < r.until)) $$""",
    "nghisu_can_see_incoming(p_entry integer)": """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (SELECT 1 FROM incoming_documents e WHERE e.id = p_entry
                       AND (nghisu_in_unit(e.unit_id) OR nghisu_register_office(e.unit_id))
                       AND nghisu_rank(e.classification) <= nghisu_clearance()) $$""",
    "nghisu_can_handle_incoming(p_entry integer)": """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (SELECT 1 FROM incoming_documents e WHERE e.id = p_entry
                       AND nghisu_rank(e.classification) <= nghisu_clearance()
                       AND (nghisu_register_office(e.unit_id) OR nghisu_unit_leader(e.unit_id)
                            OR e.handler_id = nghisu_current_person()
                            OR EXISTS (SELECT 1 FROM incoming_co_handlers c WHERE c.entry_id = e.id
                                       AND c.person_id = nghisu_current_person()))) $$""",
    "nghisu_guard_incoming()": """RETURNS trigger LANGUAGE plpgsql {definer} AS $$
        DECLARE v_office boolean; v_leader boolean;
        BEGIN
          IF {owner} THEN RETURN NEW; END IF;
          IF (to_jsonb(NEW) - ARRAY[{registration}, {handling}, {closing}, {stamp}])
             IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[{registration}, {handling}, {closing}, {stamp}]) THEN
            RAISE EXCEPTION 'what was received is never changed' USING ERRCODE = '42501';
          END IF;
          IF OLD.number IS NOT NULL AND (NEW.number, NEW.year, NEW.series) IS DISTINCT FROM (OLD.number, OLD.year, OLD.series) THEN
            RAISE EXCEPTION 'a register number once given is never changed' USING ERRCODE = '42501';
          END IF;
          v_office := nghisu_register_office(OLD.unit_id);
          v_leader := nghisu_unit_leader(OLD.unit_id);
          IF NOT v_office AND (to_jsonb(NEW) - ARRAY[{handling}, {closing}, {stamp}])
             IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[{handling}, {closing}, {stamp}]) THEN
            RAISE EXCEPTION 'only the register office registers a document' USING ERRCODE = '42501';
          END IF;
          IF NOT (v_office OR v_leader) AND (to_jsonb(NEW) - ARRAY[{closing}, {stamp}])
             IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[{closing}, {stamp}]) THEN
            RAISE EXCEPTION 'only the office or a leader assigns a document' USING ERRCODE = '42501';
          END IF;
          RETURN NEW;
        END $$""",
    # The cross-unit arrival: p_entry holds the columns of the new entry (see register.incoming.receive).
    "nghisu_deliver_incoming(p_entry jsonb)": """RETURNS jsonb LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v_unit integer; v_sender integer; v_found integer; v_id integer; v_actor integer; v_name text;
                v_at timestamp; v_year integer; v_symbol text;
        BEGIN
          v_unit := (p_entry->>'unit_id')::integer;
          v_sender := (p_entry->>'sender_unit_id')::integer;
          IF v_sender IS NULL OR NOT ({owner} OR nghisu_register_office(v_sender)) THEN
            RAISE EXCEPTION 'permission denied: only the sending unit''s office delivers its documents'
              USING ERRCODE = '42501';
          END IF;
          IF NOT EXISTS (SELECT 1 FROM units WHERE id = v_unit) THEN
            RAISE EXCEPTION 'no unit %', v_unit USING ERRCODE = '22023';
          END IF;
          v_actor := CASE WHEN {owner} THEN (p_entry->>'received_by_id')::integer ELSE nghisu_current_person() END;
          SELECT full_name INTO v_name FROM persons WHERE id = v_actor;
          v_at := CASE WHEN {owner} THEN COALESCE((p_entry->>'received_at')::timestamp, timezone('utc', clock_timestamp()))
                       ELSE timezone('utc', clock_timestamp()) END;
          v_year := (p_entry->>'year')::integer;
          v_symbol := COALESCE(p_entry->>'doc_symbol', '');
          -- Two deliveries of the same paper to one unit at once: the second waits, then finds the first.
          PERFORM pg_advisory_xact_lock(hashtext('incoming:' || v_unit));
          SELECT id INTO v_found FROM incoming_documents
            WHERE unit_id = v_unit AND (file_sha256 = p_entry->>'file_sha256'
                  OR (v_symbol <> '' AND sender_key = p_entry->>'sender_key' AND doc_symbol = v_symbol
                      AND doc_date IS NOT DISTINCT FROM (p_entry->>'doc_date')::date))
            ORDER BY id LIMIT 1;
          IF v_found IS NOT NULL THEN
            INSERT INTO incoming_events (entry_id, unit_id, at, person_id, person_name, kind, note, details)
            VALUES (v_found, v_unit, v_at, v_actor, COALESCE(v_name, ''), 'duplicate', '',
                    jsonb_build_object('channel', 'unit', 'file_sha256', p_entry->>'file_sha256',
                                       'sender', p_entry->>'sender_name', 'symbol', v_symbol,
                                       'source_outgoing_id', p_entry->'source_outgoing_id')::json);
            RETURN jsonb_build_object('id', v_found, 'duplicate', true);
          END IF;
          INSERT INTO incoming_documents (unit_id, year, series, number, received_at, received_by_id, registered_at, channel,
              status, sender_name, sender_key, sender_unit_id, doc_symbol, doc_type, doc_date, subject,
              classification, urgency, file_sha256, filename, size, page_count, verdict, verification, body_text,
              search_folded, source_outgoing_id, reply_due_on, instruction, done_note, version, updated_at,
              updated_by_id)
          VALUES (v_unit, v_year, p_entry->>'series', NULL, v_at, v_actor, NULL, 'unit', 'received', p_entry->>'sender_name',
              p_entry->>'sender_key', v_sender, v_symbol, COALESCE(p_entry->>'doc_type', ''),
              (p_entry->>'doc_date')::date, p_entry->>'subject', COALESCE(p_entry->>'classification', 'thuong'),
              COALESCE(p_entry->>'urgency', 'thuong'), p_entry->>'file_sha256', COALESCE(p_entry->>'filename', ''),
              (p_entry->>'size')::integer, (p_entry->>'page_count')::integer, p_entry->>'verdict',
              (p_entry->'verification')::json, COALESCE(p_entry->>'body_text', ''),
              COALESCE(p_entry->>'search_folded', ''), (p_entry->>'source_outgoing_id')::integer,
              (p_entry->>'reply_due_on')::date, '', '', 1, v_at, v_actor)
          RETURNING id INTO v_id;
          INSERT INTO incoming_events (entry_id, unit_id, at, person_id, person_name, kind, note, details)
          VALUES (v_id, v_unit, v_at, v_actor, COALESCE(v_name, ''), 'received', '',
                  jsonb_build_object('channel', 'unit', 'sender_unit_id', v_sender,
                                     'verdict', p_entry->>'verdict')::json);
          RETURN jsonb_build_object('id', v_id, 'duplicate', false);
        END $$""",
}
PUBLIC_FUNCTIONS = (
    "nghisu_register_office(integer)", "nghisu_unit_leader(integer)",
    "nghisu_can_see_incoming(integer)", "nghisu_can_handle_incoming(integer)", "nghisu_deliver_incoming(jsonb)",
)
PRIVATE_FUNCTIONS = ("nghisu_guard_incoming()",)

ME = "nghisu_current_person()"
CLEARED = "nghisu_rank(classification) <= nghisu_clearance()"
OFFICE = "nghisu_register_office(unit_id)"
LEADER = "nghisu_unit_leader(unit_id)"
POLICIES = {
    # The sending unit follows what it delivered (the cascade board): sender_unit_id is set only
    # by nghisu_deliver_incoming, which checks the sender's office.
    ("incoming_documents", "select"): f"(nghisu_in_unit(unit_id) OR {OFFICE} OR (sender_unit_id IS NOT NULL "
                                      f"AND nghisu_in_unit(sender_unit_id))) AND {CLEARED}",
    ("incoming_documents", "insert"): f"{OFFICE} AND {CLEARED} AND sender_unit_id IS NULL",
    ("incoming_documents", "update"): f"({OFFICE} OR {LEADER} OR handler_id = {ME}) AND {CLEARED}",
    ("incoming_co_handlers", "select"): "nghisu_can_see_incoming(entry_id)",
    ("incoming_co_handlers", "insert"): f"({OFFICE} OR {LEADER}) AND nghisu_can_see_incoming(entry_id)",
    ("incoming_co_handlers", "delete"): f"{OFFICE} OR {LEADER}",
    ("incoming_events", "select"): "nghisu_can_see_incoming(entry_id)",
    ("incoming_events", "insert"): f"person_id = {ME} AND nghisu_can_handle_incoming(entry_id)",
}

OLD_SEE_BLOB = """SELECT EXISTS (SELECT 1 FROM document_versions v WHERE v.blob_sha256 = $1
                       AND nghisu_can_see_document(v.document_id))"""
NEW_SEE_BLOB = OLD_SEE_BLOB + """
            OR EXISTS (SELECT 1 FROM incoming_documents e WHERE e.file_sha256 = $1
                       AND nghisu_can_see_incoming(e.id))"""

PG_SEARCH = [
    "ALTER TABLE incoming_documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', search_folded)) STORED",
    "ALTER TABLE incoming_documents ALTER COLUMN search_vector SET STORAGE MAIN",
    "CREATE INDEX ix_incoming_documents_fts ON incoming_documents USING gin (search_vector) WITH (fastupdate = off)",
]


def _create_tables() -> None:
    op.create_table(
        "incoming_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("received_by_id", sa.Integer(), nullable=True),
        sa.Column("registered_at", sa.DateTime(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sender_name", sa.String(length=300), nullable=False),
        sa.Column("sender_key", sa.String(length=300), nullable=False),
        sa.Column("sender_unit_id", sa.Integer(), nullable=True),
        sa.Column("doc_symbol", sa.String(length=100), nullable=False),
        sa.Column("doc_type", sa.String(length=16), nullable=False),
        sa.Column("doc_date", sa.Date(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("classification", sa.String(length=16), nullable=False),
        sa.Column("urgency", sa.String(length=16), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("verification", sa.JSON(), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("search_folded", sa.Text(), nullable=False),
        sa.Column("source_outgoing_id", sa.Integer(), nullable=True),
        sa.Column("reply_due_on", sa.Date(), nullable=True),
        sa.Column("handler_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("instruction", sa.Text(), nullable=False),
        sa.Column("assigned_by_id", sa.Integer(), nullable=True),
        sa.Column("assigned_at", sa.DateTime(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("done_note", sa.Text(), nullable=False),
        sa.Column("reply_outgoing_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_incoming_documents_unit_id_units"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["sender_unit_id"], ["units.id"],
                                name=op.f("fk_incoming_documents_sender_unit_id_units"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["file_sha256"], ["blobs.sha256"],
                                name=op.f("fk_incoming_documents_file_sha256_blobs"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["handler_id"], ["persons.id"], name=op.f("fk_incoming_documents_handler_id_persons"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incoming_documents")),
        sa.UniqueConstraint("unit_id", "year", "series", "number", name="uq_incoming_documents_number"),
    )
    for name, cols in (("ix_incoming_documents_unit_year_number", ["unit_id", "year", "series", "number"]),
                       ("ix_incoming_documents_unit_status_due", ["unit_id", "status", "due_on"]),
                       ("ix_incoming_documents_handler_status_due", ["handler_id", "status", "due_on"]),
                       ("ix_incoming_documents_unit_file", ["unit_id", "file_sha256"]),
                       ("ix_incoming_documents_unit_sender_symbol", ["unit_id", "sender_key", "doc_symbol"]),
                       ("ix_incoming_documents_source", ["source_outgoing_id"])):
        op.create_index(name, "incoming_documents", cols, unique=False)
    op.create_table(
        "incoming_co_handlers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["entry_id"], ["incoming_documents.id"],
                                name=op.f("fk_incoming_co_handlers_entry_id_incoming_documents"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_incoming_co_handlers_person_id_persons"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incoming_co_handlers")),
        sa.UniqueConstraint("entry_id", "person_id", name="uq_incoming_co_handlers_entry_person"),
    )
    op.create_index(op.f("ix_incoming_co_handlers_entry_id"), "incoming_co_handlers", ["entry_id"], unique=False)
    op.create_index(op.f("ix_incoming_co_handlers_person_id"), "incoming_co_handlers", ["person_id"], unique=False)
    op.create_table(
        "incoming_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("person_name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["incoming_documents.id"],
                                name=op.f("fk_incoming_events_entry_id_incoming_documents"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incoming_events")),
    )
    op.create_index(op.f("ix_incoming_events_entry_id"), "incoming_events", ["entry_id"], unique=False)


def _schema() -> str | None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None  # embedded mode has no logins: whoever opens the folder is trusted
    return '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'


def _create_policy(table: str, command: str, predicate: str) -> None:
    clause = {"select": "USING ({p})", "insert": "WITH CHECK ({p})", "delete": "USING ({p})",
              "update": "USING ({p}) WITH CHECK ({p})"}[command].format(p=predicate)
    op.execute(f'CREATE POLICY "{table}_{command}" ON "{table}" FOR {command.upper()} TO nghisu_desktop {clause}')


def _see_blob(body: str, schema: str) -> None:
    op.execute(f"CREATE OR REPLACE FUNCTION nghisu_can_see_blob(text) RETURNS boolean LANGUAGE sql STABLE "
               f"{_DEFINER.format(schema=schema)} AS $$ {body} $$")


def upgrade() -> None:
    _create_tables()
    schema = _schema()
    if schema is None:
        return
    for stmt in PG_SEARCH:
        op.execute(stmt)
    for signature, body in FUNCTIONS.items():
        sql = f"CREATE FUNCTION {signature} " + body.format(
            definer=_DEFINER.format(schema=schema), owner=OWNER, stamp=STAMP, registration=REGISTRATION,
            handling=HANDLING, closing=CLOSING, today=TODAY)
        op.get_bind().exec_driver_sql(sql.replace("%", "%%"))  # the driver reads %% as %
    for signature in PUBLIC_FUNCTIONS + PRIVATE_FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
    for signature in PUBLIC_FUNCTIONS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO nghisu_desktop")
    op.execute("GRANT SELECT, INSERT, UPDATE ON incoming_documents TO nghisu_desktop")
    op.execute("GRANT SELECT, INSERT, DELETE ON incoming_co_handlers TO nghisu_desktop")
    op.execute("GRANT SELECT, INSERT ON incoming_events TO nghisu_desktop")
    op.execute("GRANT USAGE, SELECT ON SEQUENCE incoming_documents_id_seq, incoming_co_handlers_id_seq, "
               "incoming_events_id_seq TO nghisu_desktop")
    for table in ("incoming_documents", "incoming_co_handlers", "incoming_events"):
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
    for (table, command), predicate in POLICIES.items():
        _create_policy(table, command, predicate)
    op.execute("CREATE TRIGGER incoming_documents_guard BEFORE UPDATE ON incoming_documents "
               "FOR EACH ROW EXECUTE FUNCTION nghisu_guard_incoming()")
    _see_blob(NEW_SEE_BLOB, schema)


def downgrade() -> None:
    schema = _schema()
    if schema is not None:
        _see_blob(OLD_SEE_BLOB, schema)
        for signature in PUBLIC_FUNCTIONS + PRIVATE_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {signature} CASCADE")
    op.drop_table("incoming_events")
    op.drop_table("incoming_co_handlers")
    op.drop_table("incoming_documents")
