"""Trusted writes (PostgreSQL), part 1: the audit chain and blob storage are written by the server.

Revision ID: 0009_trusted_audit_blobs
Revises: 0008_search_terms
Create Date: 2026-12-03

Until now a desktop computed an audit row's seq, prev_hash, row_hash, actor name and time and
inserted it itself, and could ``UPDATE audit_head`` at will: a member moved the head (verify
then blamed "deleted rows" on nobody) and a member of no meeting appended a correctly chained
"meeting.closed" row in the chair's name. Anyone could also insert ``blobs`` and
``blob_chunks`` rows: a junk chunk added to another paper's blob damaged it for everyone, and
a fake blob put in early under the hash of a file not yet imported poisoned its import.

Now desktops have no INSERT, UPDATE or DELETE on ``audit_log``, ``audit_head``, ``blobs`` or
``blob_chunks``. The only ways to write them are two SECURITY DEFINER functions owned by the
schema owner, with a pinned search_path:

- ``nghisu_append_audit(actor, action, subject_type, subject_id, details, meeting, unit, at)``
  derives the actor from ``session_user`` (the ``actor`` and ``at`` arguments count only in the
  schema owner's own session, which may write anything anyway), takes the actor's name from
  ``persons``, the time from the server's clock, the number and previous hash from
  ``audit_head`` (locked), computes the row hash over the same canonical JSON that
  ``store.audit.canonical_content`` makes (keys in code-point order, no spaces), inserts the row
  and moves the head. A row naming a meeting is refused unless the actor can see that meeting.
- ``nghisu_put_blob(bytes)`` hashes the bytes on the server, stores them in 1 MiB chunks, and
  returns the hash and size. A blob already there is read back and re-hashed first: if its
  stored bytes do not hash to its name (poisoned before this revision), they are replaced by
  the bytes being stored, so importing the real file repairs it. A chunk can never be added
  to an existing blob.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_trusted_audit_blobs"
down_revision = "0008_search_terms"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
OWNER = "session_user = current_user"  # inside a definer function: the schema owner's own session

FUNCTIONS = {
    # Python's json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":")) for the
    # values audit details hold (objects, arrays, strings, integers, booleans, null): jsonb's
    # own text form escapes strings exactly as Python does; only the layout differs.
    "nghisu_canonical_json(p jsonb)": """RETURNS text LANGUAGE plpgsql IMMUTABLE {definer} AS $$
        BEGIN
          CASE jsonb_typeof(p)
            WHEN 'object' THEN
              RETURN '{{' || COALESCE((SELECT string_agg(to_jsonb(k)::text || ':' || nghisu_canonical_json(v), ','
                                                         ORDER BY k COLLATE "C") FROM jsonb_each(p) AS e(k, v)), '') || '}}';
            WHEN 'array' THEN
              RETURN '[' || COALESCE((SELECT string_agg(nghisu_canonical_json(v), ',' ORDER BY n)
                                      FROM jsonb_array_elements(p) WITH ORDINALITY AS a(v, n)), '') || ']';
            ELSE RETURN p::text;
          END CASE;
        END $$""",
    "nghisu_append_audit(p_actor integer, p_action text, p_subject_type text, p_subject_id text, p_details jsonb, "
    "p_meeting integer, p_unit integer, p_at timestamp)": """RETURNS bigint LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v_actor integer; v_name text; v_at timestamp; v_head record; v_seq bigint; v_hash text; v_body text;
        BEGIN
          IF {owner} THEN
            v_actor := p_actor;
            v_at := COALESCE(p_at, timezone('utc', clock_timestamp()));
          ELSE
            v_actor := nghisu_current_person();
            IF v_actor IS NULL THEN
              RAISE EXCEPTION 'permission denied: not an active person''s login' USING ERRCODE = '42501';
            END IF;
            IF p_meeting IS NOT NULL AND NOT nghisu_can_see_meeting(p_meeting) THEN
              RAISE EXCEPTION 'permission denied: not a participant of meeting %', p_meeting USING ERRCODE = '42501';
            END IF;
            v_at := timezone('utc', clock_timestamp());
          END IF;
          IF COALESCE(p_action, '') = '' THEN RAISE EXCEPTION 'no audit action' USING ERRCODE = '22023'; END IF;
          SELECT full_name INTO v_name FROM persons WHERE id = v_actor;
          IF v_actor IS NOT NULL AND v_name IS NULL THEN v_name := '#' || v_actor; END IF;
          SELECT last_seq, last_hash INTO v_head FROM audit_head WHERE id = 1 FOR UPDATE;
          v_seq := v_head.last_seq + 1;
          v_body := nghisu_canonical_json(jsonb_build_object(
            'seq', v_seq, 'at', to_char(v_at, 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'),
            'actor_id', v_actor, 'actor_name', v_name, 'action', p_action,
            'subject', jsonb_build_array(p_subject_type, p_subject_id),
            'meeting_id', p_meeting, 'unit_id', p_unit, 'details', COALESCE(p_details, '{{}}'::jsonb)));
          v_hash := encode(sha256(convert_to(v_head.last_hash || v_body, 'UTF8')), 'hex');
          INSERT INTO audit_log (seq, at, actor_id, actor_name, action, subject_type, subject_id, meeting_id, unit_id,
                                 details, prev_hash, row_hash)
          VALUES (v_seq, v_at, v_actor, v_name, p_action, p_subject_type, p_subject_id, p_meeting, p_unit,
                  COALESCE(p_details, '{{}}'::jsonb)::json, v_head.last_hash, v_hash);
          UPDATE audit_head SET last_seq = v_seq, last_hash = v_hash WHERE id = 1;
          RETURN v_seq;
        END $$""",
    "nghisu_put_blob(p_data bytea)": """RETURNS text LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v_sha text; v_stored bytea; v_off integer; v_seq integer := 0;
        BEGIN
          IF NOT {owner} AND nghisu_current_person() IS NULL THEN
            RAISE EXCEPTION 'permission denied: not an active person''s login' USING ERRCODE = '42501';
          END IF;
          IF p_data IS NULL THEN RAISE EXCEPTION 'no bytes to store' USING ERRCODE = '22023'; END IF;
          v_sha := encode(sha256(p_data), 'hex');
          -- Two desktops storing the same new file at once: the second waits, then finds it.
          PERFORM pg_advisory_xact_lock(hashtext(v_sha));
          IF EXISTS (SELECT 1 FROM blobs WHERE sha256 = v_sha) THEN
            SELECT string_agg(data, ''::bytea ORDER BY seq) INTO v_stored FROM blob_chunks WHERE sha256 = v_sha;
            IF v_stored IS NOT NULL AND encode(sha256(v_stored), 'hex') = v_sha THEN
              RETURN v_sha;
            END IF;
            DELETE FROM blob_chunks WHERE sha256 = v_sha;  -- damaged or forged: the real bytes replace them
            UPDATE blobs SET size = length(p_data) WHERE sha256 = v_sha;
          ELSE
            INSERT INTO blobs (sha256, size, created_at) VALUES (v_sha, length(p_data), timezone('utc', now()));
          END IF;
          v_off := 0;
          LOOP
            INSERT INTO blob_chunks (sha256, seq, data) VALUES (v_sha, v_seq, substring(p_data FROM v_off + 1 FOR 1048576));
            v_off := v_off + 1048576;
            v_seq := v_seq + 1;
            EXIT WHEN v_off >= length(p_data);
          END LOOP;
          SELECT string_agg(data, ''::bytea ORDER BY seq) INTO v_stored FROM blob_chunks WHERE sha256 = v_sha;
          IF encode(sha256(v_stored), 'hex') <> v_sha THEN
            RAISE EXCEPTION 'blob % did not read back as stored', v_sha USING ERRCODE = 'XX001';
          END IF;
          RETURN v_sha;
        END $$""",
}
PUBLIC_FUNCTIONS = (
    "nghisu_append_audit(integer, text, text, text, jsonb, integer, integer, timestamp)",
    "nghisu_put_blob(bytea)",
)
PRIVATE_FUNCTIONS = ("nghisu_canonical_json(jsonb)",)
TABLES = "audit_log, audit_head, blobs, blob_chunks"
#: The 0005 policies this revision drops (desktops no longer write these tables), restored by the downgrade.
OLD_POLICIES = {
    ("audit_head", "update"): "nghisu_current_person() IS NOT NULL",
    ("audit_log", "insert"): "actor_id = nghisu_current_person()",
    ("blobs", "insert"): "nghisu_current_person() IS NOT NULL",
    ("blob_chunks", "insert"): "nghisu_current_person() IS NOT NULL",
}


def _schema() -> str | None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None  # embedded mode has no logins: whoever opens the folder is trusted
    return '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'


def upgrade() -> None:
    schema = _schema()
    if schema is None:
        return
    for signature, body in FUNCTIONS.items():
        # Through the driver (the bodies hold colons that are not parameters); the driver reads %% as %.
        sql = f"CREATE FUNCTION {signature} " + body.format(definer=_DEFINER.format(schema=schema), owner=OWNER)
        op.get_bind().exec_driver_sql(sql.replace("%", "%%"))
    for signature in PUBLIC_FUNCTIONS + PRIVATE_FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
    for signature in PUBLIC_FUNCTIONS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO nghisu_desktop")
    op.execute(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {TABLES} FROM nghisu_desktop")
    for table, command in OLD_POLICIES:
        op.execute(f'DROP POLICY "{table}_{command}" ON "{table}"')


def downgrade() -> None:
    schema = _schema()
    if schema is None:
        return
    for (table, command), predicate in OLD_POLICIES.items():
        clause = {"insert": "WITH CHECK ({p})", "update": "USING ({p}) WITH CHECK ({p})"}[command].format(p=predicate)
        op.execute(f'CREATE POLICY "{table}_{command}" ON "{table}" FOR {command.upper()} TO nghisu_desktop {clause}')
    op.execute(f"GRANT INSERT, UPDATE, DELETE ON {TABLES} TO nghisu_desktop")
    for signature in PUBLIC_FUNCTIONS + PRIVATE_FUNCTIONS:
        op.execute(f"DROP FUNCTION {signature}")
