"""Official e-mail, the outgoing queue: messages and one delivery per recipient.

Revision ID: 0015_mail_outbox
Revises: 0014_register_numbers
Create Date: 2026-12-03

``mail_messages`` holds what is sent (subject, body, the attachment as a stored blob, the
invitation's calendar event, the Message-ID); ``mail_deliveries`` one row per recipient: queued,
sent or refused, the attempts, when to try again, the server's last answer.

Shared store (PostgreSQL): the unit's office (unit role ``organiser``), its văn thư (a
``van_thu`` role held today) and, for a meeting's mail, its chair and secretary may read and queue (a new delivery must be queued, never tried).
Nobody may update or delete either table: an attempt is recorded only by
``nghisu_mail_attempt(delivery, status, reply, next_at, at)``, which checks the caller may send
that unit's mail, that the delivery is still queued (a sent or refused one is final), and
counts the attempt with the server's clock.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_mail_outbox"
down_revision = "0014_register_numbers"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
OWNER = "session_user = current_user"  # inside a definer function: the schema owner's own session
NOW = "CASE WHEN {owner} THEN COALESCE(p_at, timezone('utc', clock_timestamp())) ELSE timezone('utc', clock_timestamp()) END"

FUNCTIONS = {
    "nghisu_can_send_mail(p_unit integer, p_meeting integer)":
    """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT nghisu_has_unit_role(p_unit, 'organiser')
            OR EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = nghisu_current_person() AND r.unit_id = p_unit
                       AND r.role = 'van_thu'
                       AND (r.since IS NULL OR r.since <= (timezone('utc', clock_timestamp()) + interval '7 hours')::date)
                       AND (r.until IS NULL OR (timezone('utc', clock_timestamp()) + interval '7 hours')::date < r.until))
            OR (p_meeting IS NOT NULL AND nghisu_can_manage_meeting(p_meeting)) $$""",
    "nghisu_mail_attempt(p_delivery integer, p_status text, p_reply text, p_next timestamp, p_at timestamp)":
    """RETURNS void LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v_row record; v_at timestamp;
        BEGIN
          SELECT id, unit_id, meeting_id, status INTO v_row FROM mail_deliveries WHERE id = p_delivery FOR UPDATE;
          IF v_row.id IS NULL OR NOT ({owner} OR nghisu_can_send_mail(v_row.unit_id, v_row.meeting_id)) THEN
            RAISE EXCEPTION 'not allowed to send mail of unit %', v_row.unit_id USING ERRCODE = '42501';
          END IF;
          IF v_row.status <> 'queued' THEN
            RAISE EXCEPTION 'delivery % is already %', p_delivery, v_row.status USING ERRCODE = '55000';
          END IF;
          IF p_status NOT IN ('queued', 'sent', 'refused') THEN
            RAISE EXCEPTION 'unknown delivery status %', p_status USING ERRCODE = '22023';
          END IF;
          v_at := {now};
          UPDATE mail_deliveries SET status = p_status, attempts = attempts + 1, last_attempt_at = v_at,
                 reply = left(COALESCE(p_reply, ''), 2000),
                 next_attempt_at = CASE WHEN p_status = 'queued' THEN p_next END,
                 sent_at = CASE WHEN p_status = 'sent' THEN v_at END
           WHERE id = p_delivery;
        END $$""",
}
PUBLIC_FUNCTIONS = (
    "nghisu_can_send_mail(integer, integer)",
    "nghisu_mail_attempt(integer, text, text, timestamp, timestamp)",
)
MAY_SEND = "nghisu_can_send_mail(unit_id, meeting_id)"
POLICIES = {
    "mail_messages": {"select": MAY_SEND, "insert": MAY_SEND},
    "mail_deliveries": {
        "select": MAY_SEND,
        "insert": f"{MAY_SEND} AND status = 'queued' AND attempts = 0 AND sent_at IS NULL AND last_attempt_at IS NULL",
    },
}


def _create_tables() -> None:
    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachment_sha256", sa.String(length=64), nullable=True),
        sa.Column("attachment_name", sa.String(length=300), nullable=False),
        sa.Column("attachment_size", sa.Integer(), nullable=False),
        sa.Column("calendar", sa.Text(), nullable=True),
        sa.Column("message_ref", sa.String(length=250), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_mail_messages_unit_id_units"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_mail_messages_meeting_id_meetings"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_mail_messages_document_id_documents"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["attachment_sha256"], ["blobs.sha256"],
                                name=op.f("fk_mail_messages_attachment_sha256_blobs"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_messages")),
        sa.UniqueConstraint("message_ref", name=op.f("uq_mail_messages_message_ref")),
    )
    op.create_index(op.f("ix_mail_messages_unit_id"), "mail_messages", ["unit_id"], unique=False)
    op.create_index(op.f("ix_mail_messages_meeting_id"), "mail_messages", ["meeting_id"], unique=False)
    op.create_table(
        "mail_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="queued", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("reply", sa.Text(), server_default="", nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('queued', 'sent', 'refused')", name=op.f("ck_mail_deliveries_status")),
        sa.ForeignKeyConstraint(["message_id"], ["mail_messages.id"],
                                name=op.f("fk_mail_deliveries_message_id_mail_messages"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_mail_deliveries_unit_id_units"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_mail_deliveries_meeting_id_meetings"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_mail_deliveries_person_id_persons"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_deliveries")),
        sa.UniqueConstraint("message_id", "address", name="uq_mail_deliveries_message_address"),
    )
    op.create_index(op.f("ix_mail_deliveries_message_id"), "mail_deliveries", ["message_id"], unique=False)
    op.create_index(op.f("ix_mail_deliveries_unit_id"), "mail_deliveries", ["unit_id"], unique=False)
    op.create_index(op.f("ix_mail_deliveries_status"), "mail_deliveries", ["status"], unique=False)


def _postgres(schema: str) -> None:
    for signature, body in FUNCTIONS.items():
        sql = f"CREATE FUNCTION {signature} " + body.format(
            definer=_DEFINER.format(schema=schema), owner=OWNER, now=NOW.format(owner=OWNER))
        op.get_bind().exec_driver_sql(sql.replace("%", "%%"))  # the driver reads %% as %
    for signature in PUBLIC_FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO nghisu_desktop")
    op.execute("GRANT SELECT, INSERT ON mail_messages, mail_deliveries TO nghisu_desktop")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO nghisu_desktop")
    for table, commands in POLICIES.items():
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        for command, predicate in commands.items():
            clause = {"select": "USING ({p})", "insert": "WITH CHECK ({p})"}[command].format(p=predicate)
            op.execute(f'CREATE POLICY "{table}_{command}" ON "{table}" FOR {command.upper()} TO nghisu_desktop {clause}')


def upgrade() -> None:
    _create_tables()
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _postgres('"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"')


def downgrade() -> None:
    op.drop_table("mail_deliveries")  # their policies go with them, then the functions they called
    op.drop_table("mail_messages")
    if op.get_bind().dialect.name == "postgresql":
        for signature in PUBLIC_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
