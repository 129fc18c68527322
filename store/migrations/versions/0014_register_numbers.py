"""The register's numbers: a counter per unit, year and series, and every number given.

Revision ID: 0014_register_numbers
Revises: 0013_agenda_positions
Create Date: 2026-12-03

Decree 30/2020 (Điều 15): an issuing organisation numbers its documents from 01 on 1 January
to 31 December, secret documents in a series of their own; a number and symbol are unique in
the year. Incoming documents get the next number of the sổ đến the same way. Four series:
``di``, ``di_mat``, ``den``, ``den_mat``.

- ``register_counters`` (unit, year, series → last number). Taking a number updates this row,
  which locks it: a second văn thư numbering at the same moment waits for the first
  transaction and then reads its number, so two never get the same one; the counter and the
  number's row commit or roll back together, so no gap is left either.
- ``register_numbers``: every number given, with its printed symbol (``15/QĐ-UBND``), the
  document it went to, who took it and when. A number is never deleted nor reused: a
  cancelled release keeps its row with ``cancelled_at``, who and why.

Shared store (PostgreSQL): desktops only read these tables, and only the rows of a unit they
work in, directly or through its office or agencies (secret series: with a "mật" clearance). Numbers are written by two definer functions
that take the person from the login:

- ``nghisu_take_number(unit, series, suffix, doc_type, subject_type, subject_id, meeting, actor, at)``
  lets the unit's văn thư (a ``van_thu`` role held today) number, or, for the minutes and
  conclusion notices of a meeting of that unit, someone who manages that meeting. The year
  and time come from the server's clock (Vietnam time decides the year) and the taker from the
  login; ``actor`` and ``at`` count only in the schema owner's own session. The symbol is the number (two digits at least) followed
  by ``suffix``, which must end with the unit's own abbreviation group (an outgoing series)
  or be empty (an incoming one).
- ``nghisu_cancel_number(id, reason, actor, at)``: the same people record a cancellation, once.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_register_numbers"
down_revision = "0013_agenda_positions"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
OWNER = "session_user = current_user"  # inside a definer function: the schema owner's own session
SERIES = ("di", "di_mat", "den", "den_mat")

FUNCTIONS = {
    # Works in the unit: it is their unit or the body their office or agency belongs to (the
    # Văn phòng drafts for the UBND), or they hold a role there.
    "nghisu_in_unit(p_unit integer)": """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (SELECT 1 FROM persons p JOIN units u ON u.id = p.unit_id WHERE p.id = nghisu_current_person()
                       AND (u.id = p_unit OR (u.parent_id = p_unit AND u.kind <> 'administrative')))
            OR EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = nghisu_current_person() AND r.unit_id = p_unit)
            OR EXISTS (SELECT 1 FROM unit_roles r WHERE r.person_id = nghisu_current_person() AND r.unit_id = p_unit) $$""",
    "nghisu_sees_series(p_unit integer, p_series text)": """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT nghisu_in_unit(p_unit) AND (p_series NOT LIKE '%\\_mat' OR nghisu_clearance() >= 1) $$""",
    # The unit's văn thư on the server's date (Vietnam time), or a manager of one of its meetings
    # numbering that meeting's minutes or conclusion notice.
    "nghisu_may_number(p_unit integer, p_series text, p_doc_type text, p_meeting integer)":
    """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT {owner} OR (
          (p_series NOT LIKE '%\\_mat' OR nghisu_clearance() >= 1) AND (
            EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = nghisu_current_person() AND r.unit_id = p_unit
                    AND r.role = 'van_thu'
                    AND (r.since IS NULL OR r.since <= (timezone('utc', clock_timestamp()) + interval '7 hours')::date)
                    AND (r.until IS NULL OR (timezone('utc', clock_timestamp()) + interval '7 hours')::date < r.until))
            OR (p_meeting IS NOT NULL AND p_series = 'di' AND p_doc_type IN ('bien_ban', 'thong_bao')
                AND nghisu_can_manage_meeting(p_meeting)
                AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = p_meeting AND m.unit_id = p_unit)))) $$""",
    "nghisu_take_number(p_unit integer, p_series text, p_suffix text, p_doc_type text, p_subject_type text, "
    "p_subject_id integer, p_meeting integer, p_actor integer, p_at timestamp)": """RETURNS integer LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v_at timestamp; v_year integer; v_no integer; v_abbr text; v_symbol text; v_id integer;
        BEGIN
          IF p_series IS NULL OR p_series NOT IN ('di', 'di_mat', 'den', 'den_mat') THEN
            RAISE EXCEPTION 'unknown register series %', p_series USING ERRCODE = '22023';
          END IF;
          IF NOT nghisu_may_number(p_unit, p_series, p_doc_type, p_meeting) THEN
            RAISE EXCEPTION 'permission denied: not a clerk (văn thư) of unit %', p_unit USING ERRCODE = '42501';
          END IF;
          SELECT abbreviation INTO v_abbr FROM units WHERE id = p_unit;
          IF v_abbr IS NULL THEN RAISE EXCEPTION 'no unit %', p_unit USING ERRCODE = '22023'; END IF;
          IF p_series LIKE 'di%' THEN
            IF p_suffix IS NULL OR p_suffix !~ ('^/([^/-]+-)?' || regexp_replace(v_abbr, '([^[:alnum:]])', '\\\\\\1', 'g')
                                                 || '(-[^/]+)?$') THEN
              RAISE EXCEPTION 'symbol % does not name unit %', p_suffix, v_abbr USING ERRCODE = '22023';
            END IF;
          ELSIF COALESCE(p_suffix, '') <> '' THEN
            RAISE EXCEPTION 'an incoming number has no symbol of ours' USING ERRCODE = '22023';
          END IF;
          v_at := CASE WHEN {owner} THEN COALESCE(p_at, timezone('utc', clock_timestamp()))
                       ELSE timezone('utc', clock_timestamp()) END;
          v_year := extract(year FROM v_at + interval '7 hours');
          INSERT INTO register_counters (unit_id, year, series, last_number) VALUES (p_unit, v_year, p_series, 0)
            ON CONFLICT DO NOTHING;
          UPDATE register_counters SET last_number = last_number + 1
            WHERE unit_id = p_unit AND year = v_year AND series = p_series RETURNING last_number INTO v_no;
          IF p_series LIKE 'di%' THEN
            v_symbol := lpad(v_no::text, 2, '0') || p_suffix;
          END IF;
          INSERT INTO register_numbers (unit_id, year, series, number, symbol, doc_type, subject_type, subject_id,
                                        taken_at, taken_by_id)
            VALUES (p_unit, v_year, p_series, v_no, v_symbol, p_doc_type, p_subject_type, p_subject_id, v_at,
                    CASE WHEN {owner} THEN p_actor ELSE nghisu_current_person() END)
            RETURNING id INTO v_id;
          RETURN v_id;
        END $$""",
    "nghisu_cancel_number(p_id integer, p_reason text, p_actor integer, p_at timestamp)":
    """RETURNS void LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v record;
        BEGIN
          SELECT * INTO v FROM register_numbers WHERE id = p_id FOR UPDATE;
          IF NOT FOUND OR NOT nghisu_may_number(v.unit_id, v.series, v.doc_type, NULL) THEN
            RAISE EXCEPTION 'permission denied for register number %', p_id USING ERRCODE = '42501';
          END IF;
          IF v.cancelled_at IS NOT NULL THEN
            RAISE EXCEPTION 'register number % is already cancelled', p_id USING ERRCODE = '55000';
          END IF;
          IF COALESCE(btrim(p_reason), '') = '' THEN
            RAISE EXCEPTION 'a cancellation needs its reason' USING ERRCODE = '22023';
          END IF;
          UPDATE register_numbers
            SET cancelled_at = CASE WHEN {owner} THEN COALESCE(p_at, timezone('utc', clock_timestamp()))
                                    ELSE timezone('utc', clock_timestamp()) END,
                cancelled_by_id = CASE WHEN {owner} THEN p_actor ELSE nghisu_current_person() END,
                cancel_reason = btrim(p_reason)
            WHERE id = p_id;
        END $$""",
}
PUBLIC_FUNCTIONS = (
    "nghisu_take_number(integer, text, text, text, text, integer, integer, integer, timestamp)",
    "nghisu_cancel_number(integer, text, integer, timestamp)",
    "nghisu_in_unit(integer)",
    "nghisu_sees_series(integer, text)",
)
PRIVATE_FUNCTIONS = ("nghisu_may_number(integer, text, text, integer)",)


def _create_tables() -> None:
    op.create_table(
        "register_counters",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_register_counters_unit_id_units"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("unit_id", "year", "series", name=op.f("pk_register_counters")),
    )
    op.create_table(
        "register_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(length=100), nullable=True),
        sa.Column("doc_type", sa.String(length=32), nullable=True),
        sa.Column("subject_type", sa.String(length=32), nullable=True),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("taken_by_id", sa.Integer(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_by_id", sa.Integer(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_register_numbers_unit_id_units"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_numbers")),
        sa.UniqueConstraint("unit_id", "year", "series", "number", name="uq_register_numbers_number"),
    )
    op.create_index(op.f("ix_register_numbers_unit_id"), "register_numbers", ["unit_id"], unique=False)
    op.create_index("ix_register_numbers_subject", "register_numbers", ["subject_type", "subject_id"], unique=False)


def upgrade() -> None:
    _create_tables()
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # embedded mode has no logins: whoever opens the folder is trusted
    schema = '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'
    for signature, body in FUNCTIONS.items():
        # Through the driver (the bodies hold colons that are not parameters); the driver reads %% as %.
        sql = f"CREATE FUNCTION {signature} " + body.format(definer=_DEFINER.format(schema=schema), owner=OWNER)
        bind.exec_driver_sql(sql.replace("%", "%%"))
    for signature in PUBLIC_FUNCTIONS + PRIVATE_FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
    for signature in PUBLIC_FUNCTIONS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO nghisu_desktop")
    for table in ("register_counters", "register_numbers"):
        op.execute(f"GRANT SELECT ON {table} TO nghisu_desktop")
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(f'CREATE POLICY "{table}_select" ON "{table}" FOR SELECT TO nghisu_desktop '
                   "USING (nghisu_sees_series(unit_id, series))")


def downgrade() -> None:
    op.drop_table("register_numbers")  # their read policies go with them, before the functions they call
    op.drop_table("register_counters")
    if op.get_bind().dialect.name == "postgresql":
        for signature in PUBLIC_FUNCTIONS + PRIVATE_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
