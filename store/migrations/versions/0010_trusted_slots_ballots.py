"""Trusted writes (PostgreSQL), part 2: signing slots and the close of a secret ballot.

Revision ID: 0010_trusted_slots_ballots
Revises: 0009_trusted_audit_blobs
Create Date: 2026-12-03

Signing slots. A signer could ``UPDATE signing_slots SET request_id = …, position = …,
signed_at = NULL`` on their own slot: they became a signer of another meeting's paper and
their signature vanished from a completed request. Now desktops have no UPDATE on the table;
a signature is entered by ``nghisu_sign_slot(request, person, version, cert, at)``, which
takes the person from the login, finds their slot, checks that the request is open and that
it is their turn, that the version belongs to the request's document, and fills in the time
from the server's clock. Slots are inserted only unsigned, into a request of the same
meeting, and deleted only unsigned, by those who manage the meeting.

Secret ballots. Ballots were readable once ``votes.status`` said closed, and managers may
update ``votes``: inside one transaction the secretary set it to closed, counted, and rolled
back. Now a ballot is readable only after ``nghisu_close_secret_vote`` has written its close
into ``secret_vote_closures`` **and that transaction committed**: the row names the closing
transaction, and the read rule refuses it inside that same transaction (other transactions
see it only once committed). The close function counts the ballots itself (as the table's
owner) and writes the vote's status, time and result; desktops can no longer change a
closed vote, nor close a secret one, by UPDATE.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_trusted_slots_ballots"
down_revision = "0009_trusted_audit_blobs"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
OWNER = "session_user = current_user"  # inside a definer function: the schema owner's own session
MANAGE_M = "nghisu_can_manage_meeting(meeting_id)"
SEE_M = "nghisu_can_see_meeting(meeting_id)"

FUNCTIONS = {
    "nghisu_request_meeting(p_request integer)": """RETURNS integer LANGUAGE sql STABLE {definer} AS $$
        SELECT meeting_id FROM signing_requests WHERE id = p_request $$""",
    "nghisu_sign_slot(p_request integer, p_person integer, p_version integer, p_cert text, p_at timestamp)":
    """RETURNS integer LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v_person integer; v_slot record; v_req record; v_no integer;
        BEGIN
          v_person := CASE WHEN {owner} THEN p_person ELSE nghisu_current_person() END;
          IF v_person IS NULL OR v_person IS DISTINCT FROM p_person THEN
            RAISE EXCEPTION 'a signature is entered with the signer''s own login' USING ERRCODE = '42501';
          END IF;
          SELECT id, document_id, status, turn INTO v_req FROM signing_requests WHERE id = p_request FOR UPDATE;
          SELECT id, position, signed_at INTO v_slot FROM signing_slots
            WHERE request_id = p_request AND person_id = v_person FOR UPDATE;
          IF v_req.id IS NULL OR v_slot.id IS NULL THEN
            RAISE EXCEPTION 'not a signer of request %', p_request USING ERRCODE = '42501';
          END IF;
          IF v_slot.signed_at IS NOT NULL OR v_req.status <> 'open' OR v_req.turn IS DISTINCT FROM v_slot.position THEN
            RAISE EXCEPTION 'not this signer''s turn in request %', p_request USING ERRCODE = '55000';
          END IF;
          SELECT version_no INTO v_no FROM document_versions WHERE id = p_version AND document_id = v_req.document_id;
          IF v_no IS NULL THEN
            RAISE EXCEPTION 'version % is not of the request''s document', p_version USING ERRCODE = '22023';
          END IF;
          UPDATE signing_slots SET signed_at = CASE WHEN {owner} THEN COALESCE(p_at, timezone('utc', clock_timestamp()))
                                                    ELSE timezone('utc', clock_timestamp()) END,
                                   cert_sha256 = p_cert, version_id = p_version, version_no = v_no
            WHERE id = v_slot.id;
          RETURN v_slot.position;
        END $$""",
    "nghisu_secret_vote_counted(p_vote integer)": """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (SELECT 1 FROM secret_vote_closures c WHERE c.vote_id = p_vote
                       AND c.closed_txid IS DISTINCT FROM txid_current_if_assigned()) $$""",
    "nghisu_close_secret_vote(p_vote integer, p_at timestamp)": """RETURNS jsonb LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v record; v_counts jsonb; v_receipts jsonb; v_result jsonb; v_voted integer; v_eligible integer;
                v_at timestamp; v_actor integer;
        BEGIN
          SELECT id, meeting_id, kind, status, options::jsonb AS options INTO v FROM votes WHERE id = p_vote FOR UPDATE;
          IF NOT FOUND OR NOT ({owner} OR nghisu_can_manage_meeting(v.meeting_id)) THEN
            RAISE EXCEPTION 'permission denied for vote %', p_vote USING ERRCODE = '42501';
          END IF;
          IF v.kind <> 'secret' OR v.status <> 'open' OR EXISTS (SELECT 1 FROM secret_vote_closures WHERE vote_id = p_vote) THEN
            RAISE EXCEPTION 'not an open secret ballot' USING ERRCODE = '55000';
          END IF;
          PERFORM nghisu_rewrite_secret_ballots(p_vote, v.meeting_id, NULL, NULL);
          SELECT COALESCE(jsonb_object_agg(o.opt, (SELECT count(*) FROM secret_ballots b
                                                   WHERE b.vote_id = p_vote AND b.option = o.opt)), '{{}}'::jsonb)
            INTO v_counts FROM jsonb_array_elements_text(v.options) AS o(opt);
          SELECT COALESCE(jsonb_agg(jsonb_build_array(receipt_hash, option) ORDER BY receipt_hash), '[]'::jsonb)
            INTO v_receipts FROM secret_ballots WHERE vote_id = p_vote;
          SELECT count(*) INTO v_voted FROM secret_voters WHERE vote_id = p_vote;
          SELECT count(*) INTO v_eligible FROM participants WHERE meeting_id = v.meeting_id AND role IN ('chair', 'member');
          v_result := jsonb_build_object('counts', v_counts, 'eligible', v_eligible, 'voted', v_voted);
          v_at := CASE WHEN {owner} THEN COALESCE(p_at, timezone('utc', clock_timestamp()))
                       ELSE timezone('utc', clock_timestamp()) END;
          v_actor := nghisu_current_person();
          UPDATE votes SET status = 'closed', closed_at = v_at, result = v_result::json, version = version + 1,
                           updated_at = v_at, updated_by_id = COALESCE(v_actor, updated_by_id)
            WHERE id = p_vote;
          INSERT INTO secret_vote_closures (vote_id, meeting_id, closed_txid) VALUES (p_vote, v.meeting_id, txid_current());
          RETURN v_result || jsonb_build_object('receipts', v_receipts);
        END $$""",
}
PUBLIC_FUNCTIONS = (
    "nghisu_sign_slot(integer, integer, integer, text, timestamp)",
    "nghisu_close_secret_vote(integer, timestamp)",
    "nghisu_request_meeting(integer)",
    "nghisu_secret_vote_counted(integer)",
)

#: (table, command) → (old predicate, new predicate or None when dropped); 0005/0006 made the old ones.
POLICIES = {
    ("signing_slots", "update"): ("person_id = nghisu_current_person()", None),
    ("signing_slots", "insert"): (MANAGE_M, f"{MANAGE_M} AND nghisu_request_meeting(request_id) = meeting_id "
                                            "AND signed_at IS NULL AND cert_sha256 IS NULL AND version_id IS NULL"),
    ("signing_slots", "delete"): (MANAGE_M, f"{MANAGE_M} AND signed_at IS NULL"),
    ("secret_ballots", "select"): (f"{SEE_M} AND NOT nghisu_vote_open(vote_id)",
                                   f"{SEE_M} AND nghisu_secret_vote_counted(vote_id)"),
    # A voter's cast locks the open vote row; only managers change it, never once it is closed,
    # and a secret ballot is closed only by nghisu_close_secret_vote.
    ("votes", "update"): ((f"{MANAGE_M} OR {SEE_M}", MANAGE_M),
                          (f"({MANAGE_M} OR {SEE_M}) AND status = 'open'",
                           f"{MANAGE_M} AND (kind <> 'secret' OR status = 'open')")),
}


def _schema() -> str | None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None  # embedded mode has no logins: whoever opens the folder is trusted
    return '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'


def _create_policy(table: str, command: str, predicate) -> None:
    using, check = predicate if isinstance(predicate, tuple) else (predicate, predicate)
    clause = {"select": "USING ({u})", "insert": "WITH CHECK ({c})", "delete": "USING ({u})",
              "update": "USING ({u}) WITH CHECK ({c})"}[command].format(u=using, c=check)
    op.execute(f'CREATE POLICY "{table}_{command}" ON "{table}" FOR {command.upper()} TO nghisu_desktop {clause}')


def _set_policies(new: bool) -> None:
    for (table, command), (old_predicate, new_predicate) in POLICIES.items():
        op.execute(f'DROP POLICY IF EXISTS "{table}_{command}" ON "{table}"')
        predicate = new_predicate if new else old_predicate
        if predicate is not None:
            _create_policy(table, command, predicate)


def upgrade() -> None:
    schema = _schema()
    if schema is None:
        return
    op.execute("""CREATE TABLE secret_vote_closures (
                    vote_id integer PRIMARY KEY REFERENCES votes (id) ON DELETE CASCADE,
                    meeting_id integer NOT NULL,
                    closed_txid bigint NOT NULL)""")
    op.execute("GRANT SELECT ON secret_vote_closures TO nghisu_desktop")
    op.execute("ALTER TABLE secret_vote_closures ENABLE ROW LEVEL SECURITY")
    _create_policy("secret_vote_closures", "select", SEE_M)
    # Secret ballots closed before this revision stay readable (0 is no transaction's id).
    op.execute("INSERT INTO secret_vote_closures (vote_id, meeting_id, closed_txid) "
               "SELECT id, meeting_id, 0 FROM votes WHERE kind = 'secret' AND status = 'closed'")
    for signature, body in FUNCTIONS.items():
        sql = f"CREATE FUNCTION {signature} " + body.format(definer=_DEFINER.format(schema=schema), owner=OWNER)
        op.get_bind().exec_driver_sql(sql.replace("%", "%%"))  # the driver reads %% as %
    for signature in PUBLIC_FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO nghisu_desktop")
    op.execute("REVOKE UPDATE ON signing_slots FROM nghisu_desktop")
    _set_policies(True)


def downgrade() -> None:
    schema = _schema()
    if schema is None:
        return
    _set_policies(False)
    op.execute("GRANT UPDATE ON signing_slots TO nghisu_desktop")
    for signature in PUBLIC_FUNCTIONS:
        op.execute(f"DROP FUNCTION {signature}")
    op.execute("DROP TABLE secret_vote_closures")
