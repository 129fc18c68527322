"""Secret ballots (PostgreSQL): a ballot box nobody can reach into while the vote is open.

Revision ID: 0006_ballot_box
Revises: 0005_security
Create Date: 2026-11-28

Until now a voter's desktop deleted and re-inserted every ballot of the vote on each cast,
so the row-level policies had to let every participant INSERT and DELETE in
``secret_ballots`` while the vote was open: with their own login and ``psql`` they could
remove or add ballots (receipts would show it afterwards, but it should not be possible).

Now desktops may only read ``secret_ballots`` and ``secret_voters``; the only ways to write
them are two SECURITY DEFINER functions owned by the schema owner:
- ``nghisu_cast_secret_ballot(vote, person, option)`` checks that the caller is that person
  (the schema owner may cast for anyone, as it may write anything), that the vote is an
  open secret ballot offering that option, that the person may vote (chair or member, not
  recorded absent or represented) and has not voted; records them in ``secret_voters``,
  then rewrites the vote's ballots with the new one and returns the receipt code.
- ``nghisu_reshuffle_secret_ballots(vote)`` (chair, secretary, organisers) rewrites them
  once more at the close.

Why each cast still rewrites the whole vote, now inside the function: a single INSERT per
cast would leave ballots in heap order (``ctid``) with one ``xmin`` each, i.e. in voting
order, which the public ``secret_voters`` and audit rows would then link to voters. The
rewrite deletes the vote's ballots and inserts them all again in one statement, sorted by
fresh strong randomness (``gen_random_uuid``), each with a new random 128-bit id; so all
live ballots share one ``xmin`` and a random heap order. It runs under the lock on the
vote's row that every cast and the close take first, so two casts never interleave, and
since nobody else may write the table nobody can interfere with it. No time is stored.

Ballots are readable only once the vote is closed (before, any participant could have
counted options after each new ``secret_voters`` row and so learnt each voter's choice);
the tally and receipts are published at the close as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_ballot_box"
down_revision = "0005_security"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
OWNER = "session_user = current_user"  # inside a definer function: the schema owner's own session

FUNCTIONS = {
    # Strong randomness without pgcrypto: gen_random_uuid() draws from pg_strong_random().
    "nghisu_random_hex(integer)": """RETURNS text LANGUAGE sql VOLATILE {definer} AS $$
        SELECT left(encode(sha256(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())), 'hex'), $1) $$""",
    "nghisu_rewrite_secret_ballots(integer, integer, text, text)": """RETURNS void LANGUAGE sql VOLATILE {definer} AS $$
        WITH old AS (DELETE FROM secret_ballots WHERE vote_id = $1 RETURNING option, receipt_hash),
             kept AS (SELECT option, receipt_hash FROM old UNION ALL SELECT $3, $4 WHERE $3 IS NOT NULL)
        INSERT INTO secret_ballots (id, vote_id, meeting_id, option, receipt_hash)
        SELECT nghisu_random_hex(32), $1, $2, option, receipt_hash FROM kept ORDER BY gen_random_uuid() $$""",
    "nghisu_cast_secret_ballot(integer, integer, text)": """RETURNS text LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v record; v_code text;
        BEGIN
          IF NOT {owner} AND p_person IS DISTINCT FROM nghisu_current_person() THEN
            RAISE EXCEPTION 'a secret ballot is cast with the voter''s own login' USING ERRCODE = '42501';
          END IF;
          SELECT id, meeting_id, kind, status, options::jsonb AS options INTO v FROM votes WHERE id = p_vote FOR UPDATE;
          IF NOT FOUND OR NOT ({owner} OR nghisu_can_see_meeting(v.meeting_id)) THEN
            RAISE EXCEPTION 'no vote %', p_vote USING ERRCODE = 'P0002';
          END IF;
          IF v.kind <> 'secret' OR NOT (v.options ? p_option) THEN
            RAISE EXCEPTION 'not a secret ballot offering this option' USING ERRCODE = '22023';
          END IF;
          IF v.status <> 'open' THEN RAISE EXCEPTION 'the vote is closed' USING ERRCODE = '55000'; END IF;
          IF NOT EXISTS (SELECT 1 FROM participants p LEFT JOIN attendance a
                           ON a.meeting_id = p.meeting_id AND a.person_id = p.person_id
                         WHERE p.meeting_id = v.meeting_id AND p.person_id = p_person AND p.role IN ('chair', 'member')
                           AND (a.status IS NULL OR a.status NOT IN ('absent', 'deputy'))) THEN
            RAISE EXCEPTION 'this person may not vote in the meeting' USING ERRCODE = '42501';
          END IF;
          INSERT INTO secret_voters (vote_id, person_id, meeting_id) VALUES (p_vote, p_person, v.meeting_id)
            ON CONFLICT DO NOTHING;
          IF NOT FOUND THEN RAISE EXCEPTION 'already voted' USING ERRCODE = '23505'; END IF;
          v_code := upper(nghisu_random_hex(16));
          v_code := concat_ws('-', substr(v_code, 1, 4), substr(v_code, 5, 4), substr(v_code, 9, 4), substr(v_code, 13, 4));
          PERFORM nghisu_rewrite_secret_ballots(p_vote, v.meeting_id, p_option,
                                                encode(sha256(convert_to(p_vote || ':' || v_code, 'UTF8')), 'hex'));
          RETURN v_code;
        END $$""",
    "nghisu_reshuffle_secret_ballots(integer)": """RETURNS void LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v record;
        BEGIN
          SELECT id, meeting_id, kind, status INTO v FROM votes WHERE id = p_vote FOR UPDATE;
          IF NOT FOUND OR NOT ({owner} OR nghisu_can_manage_meeting(v.meeting_id)) THEN
            RAISE EXCEPTION 'permission denied for vote %', p_vote USING ERRCODE = '42501';
          END IF;
          IF v.kind <> 'secret' OR v.status <> 'open' THEN
            RAISE EXCEPTION 'not an open secret ballot' USING ERRCODE = '55000';
          END IF;
          PERFORM nghisu_rewrite_secret_ballots(p_vote, v.meeting_id, NULL, NULL);
        END $$""",
}
#: Named parameters for the plpgsql bodies (the sql ones use $n).
ARGS = {
    "nghisu_cast_secret_ballot": "p_vote integer, p_person integer, p_option text",
    "nghisu_reshuffle_secret_ballots": "p_vote integer",
}
PUBLIC_FUNCTIONS = (
    "nghisu_cast_secret_ballot(integer, integer, text)",
    "nghisu_reshuffle_secret_ballots(integer)",
)

SEE_M = "nghisu_can_see_meeting(meeting_id)"
OWN = "person_id = nghisu_current_person()"
#: The 0005 policies this revision drops (desktops no longer write these tables), restored by the downgrade.
OLD_POLICIES = {
    ("secret_voters", "insert"): f"{OWN} AND {SEE_M} AND nghisu_vote_open(vote_id)",
    ("secret_voters", "delete"): "nghisu_can_manage_meeting(meeting_id)",
    ("secret_ballots", "insert"): f"{SEE_M} AND nghisu_vote_open(vote_id)",
    ("secret_ballots", "delete"): f"{SEE_M} AND nghisu_vote_open(vote_id)",
}


def _schema() -> str | None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None  # embedded mode has no logins: whoever opens the folder is trusted
    return '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'


def _policy(table: str, command: str, predicate: str) -> str:
    clause = "WITH CHECK" if command == "insert" else "USING"
    return f'CREATE POLICY "{table}_{command}" ON "{table}" FOR {command.upper()} TO nghisu_desktop {clause} ({predicate})'


def upgrade() -> None:
    schema = _schema()
    if schema is None:
        return
    for signature, body in FUNCTIONS.items():
        name = signature.split("(")[0]
        head = f"{name}({ARGS[name]})" if name in ARGS else signature
        op.execute(
            f"CREATE FUNCTION {head} " + body.format(definer=_DEFINER.format(schema=schema), owner=OWNER)
        )
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
    for signature in PUBLIC_FUNCTIONS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO nghisu_desktop")
    op.execute("REVOKE INSERT, UPDATE, DELETE ON secret_ballots, secret_voters FROM nghisu_desktop")
    for table, command in OLD_POLICIES:
        op.execute(f'DROP POLICY "{table}_{command}" ON "{table}"')
    op.execute(
        'ALTER POLICY "secret_ballots_select" ON secret_ballots '
        f"USING ({SEE_M} AND NOT nghisu_vote_open(vote_id))"
    )


def downgrade() -> None:
    schema = _schema()
    if schema is None:
        return
    op.execute(f'ALTER POLICY "secret_ballots_select" ON secret_ballots USING ({SEE_M})')
    for (table, command), predicate in OLD_POLICIES.items():
        op.execute(_policy(table, command, predicate))
    op.execute("GRANT INSERT, UPDATE, DELETE ON secret_ballots, secret_voters TO nghisu_desktop")
    for signature in reversed(FUNCTIONS):
        op.execute(f"DROP FUNCTION {signature}")
