"""Guards (PostgreSQL) on what a signer, a voter and a note's author may change in rows they are allowed to touch.

Revision ID: 0012_signer_roll_call_guards
Revises: 0011_trusted_opinions_follow
Create Date: 2026-12-03

A signer must be able to move their paper to the version they signed and advance the
request's turn, so the row policies let signers update ``documents`` and ``signing_requests``;
but they then allowed every column: a signer cleared "mật" could re-class a "mật" paper as
"thường", rename it, or mark the request completed out of turn. A roll-call voter could move
their own vote (``vote_id``) into another meeting's open vote, as hole 5 did with opinions.

Now:
- ``documents``: someone who does not manage the meeting (a signer) may change only the
  current version, its number and the row's version stamp (trigger ``nghisu_guard_signer``).
- ``signing_requests``: likewise only ``turn``, ``status`` (open → completed when the turn
  runs out), ``completed_at`` and the stamp, and the turn only forward by one, after the slot
  whose turn it was has been signed.
- ``roll_call_votes``: a voter inserts only into a vote of the row's own meeting; changing a
  cast vote is for the chair, secretary and organisers (``update`` policy without the voter).
- ``private_notes``: a note moved to another paper must be on one its author may see (a
  shared note is shown to that paper's readers).
Managers (and the schema owner) are not restricted by these triggers.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_signer_roll_call_guards"
down_revision = "0011_trusted_opinions_follow"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
OWNER = "session_user = current_user"
STAMP = "'version', 'updated_at', 'updated_by_id'"

FUNCTIONS = {
    "nghisu_vote_meeting(p_vote integer)": """RETURNS integer LANGUAGE sql STABLE {definer} AS $$
        SELECT meeting_id FROM votes WHERE id = p_vote $$""",
    "nghisu_guard_signer_document()": """RETURNS trigger LANGUAGE plpgsql {definer} AS $$
        BEGIN
          IF {owner} OR nghisu_can_manage_meeting(OLD.meeting_id) THEN RETURN NEW; END IF;
          IF (to_jsonb(NEW) - ARRAY['current_version_id', 'current_version_no', {stamp}])
             IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['current_version_id', 'current_version_no', {stamp}]) THEN
            RAISE EXCEPTION 'a signer may only move the paper to the version they signed' USING ERRCODE = '42501';
          END IF;
          RETURN NEW;
        END $$""",
    "nghisu_guard_signer_request()": """RETURNS trigger LANGUAGE plpgsql {definer} AS $$
        DECLARE v_slots integer;
        BEGIN
          IF {owner} OR nghisu_can_manage_meeting(OLD.meeting_id) THEN RETURN NEW; END IF;
          IF (to_jsonb(NEW) - ARRAY['turn', 'status', 'completed_at', {stamp}])
             IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['turn', 'status', 'completed_at', {stamp}]) THEN
            RAISE EXCEPTION 'a signer may only advance the turn' USING ERRCODE = '42501';
          END IF;
          IF NEW.turn IS NOT DISTINCT FROM OLD.turn AND NEW.status = OLD.status
             AND NEW.completed_at IS NOT DISTINCT FROM OLD.completed_at THEN
            RETURN NEW;  -- only the stamp moved
          END IF;
          SELECT count(*) INTO v_slots FROM signing_slots WHERE request_id = OLD.id;
          IF OLD.status <> 'open' OR OLD.turn IS NULL
             OR NOT EXISTS (SELECT 1 FROM signing_slots WHERE request_id = OLD.id AND position = OLD.turn
                            AND person_id = nghisu_current_person() AND signed_at IS NOT NULL)
             OR (OLD.turn + 1 < v_slots AND (NEW.turn IS DISTINCT FROM OLD.turn + 1 OR NEW.status <> 'open'))
             OR (OLD.turn + 1 >= v_slots AND (NEW.turn IS NOT NULL OR NEW.status <> 'completed')) THEN
            RAISE EXCEPTION 'a signer may only pass the turn on after signing' USING ERRCODE = '42501';
          END IF;
          RETURN NEW;
        END $$""",
}
TRIGGERS = {
    "documents_signer_guard": "BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION nghisu_guard_signer_document()",
    "signing_requests_signer_guard": "BEFORE UPDATE ON signing_requests FOR EACH ROW "
                                     "EXECUTE FUNCTION nghisu_guard_signer_request()",
}
MANAGE_M = "nghisu_can_manage_meeting(meeting_id)"
SEE_M = "nghisu_can_see_meeting(meeting_id)"
OWN = "person_id = nghisu_current_person()"
#: (table, command) → (old predicate, new predicate); 0005 made the old ones.
POLICIES = {
    ("roll_call_votes", "insert"): (f"({OWN} AND {SEE_M} AND nghisu_vote_open(vote_id)) OR {MANAGE_M}",
                                    f"(({OWN} AND {SEE_M} AND nghisu_vote_open(vote_id)) OR {MANAGE_M}) "
                                    "AND nghisu_vote_meeting(vote_id) = meeting_id"),
    ("roll_call_votes", "update"): (f"({OWN} AND nghisu_vote_open(vote_id)) OR {MANAGE_M}",
                                    f"{MANAGE_M} AND nghisu_vote_meeting(vote_id) = meeting_id"),
    # A note moved to another paper must be one the author may see (a shared note is shown to that paper's readers).
    ("private_notes", "update"): (OWN, (OWN, f"{OWN} AND nghisu_can_see_document(document_id)")),
}


def _schema() -> str | None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None  # embedded mode has no logins: whoever opens the folder is trusted
    return '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'


def _set_policies(new: bool) -> None:
    for (table, command), (old_predicate, new_predicate) in POLICIES.items():
        predicate = new_predicate if new else old_predicate
        using, check = predicate if isinstance(predicate, tuple) else (predicate, predicate)
        clause = {"insert": "WITH CHECK ({c})", "update": "USING ({u}) WITH CHECK ({c})"}[command].format(u=using, c=check)
        op.execute(f'DROP POLICY IF EXISTS "{table}_{command}" ON "{table}"')
        op.execute(f'CREATE POLICY "{table}_{command}" ON "{table}" FOR {command.upper()} TO nghisu_desktop {clause}')


def upgrade() -> None:
    schema = _schema()
    if schema is None:
        return
    for signature, body in FUNCTIONS.items():
        sql = f"CREATE FUNCTION {signature} " + body.format(
            definer=_DEFINER.format(schema=schema), owner=OWNER, stamp=STAMP)
        op.get_bind().exec_driver_sql(sql.replace("%", "%%"))  # the driver reads %% as %
        op.execute(f"REVOKE ALL ON FUNCTION {signature.replace('p_vote ', '')} FROM PUBLIC")
    op.execute("GRANT EXECUTE ON FUNCTION nghisu_vote_meeting(integer) TO nghisu_desktop")
    for name, spec in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {spec}")
    _set_policies(True)


def downgrade() -> None:
    schema = _schema()
    if schema is None:
        return
    _set_policies(False)
    for name, spec in TRIGGERS.items():
        op.execute(f"DROP TRIGGER {name} ON {spec.split(' ON ')[1].split()[0]}")
    for signature in FUNCTIONS:
        op.execute(f"DROP FUNCTION {signature.replace('p_vote ', '')}")
