"""Trusted writes (PostgreSQL), part 3: written-opinion answers, the presenter's position, and
audit rows of classified papers.

Revision ID: 0011_trusted_opinions_follow
Revises: 0010_trusted_slots_ballots
Create Date: 2026-12-03

Written opinions. A member could ``UPDATE opinion_members SET poll_id = …, unit_id = …`` on
their own row, move into a provincial poll and answer it. Now desktops cannot update
``opinion_members``; an answer is entered by ``nghisu_answer_opinion(poll, person, option,
comment, at)``, which takes the person from the login, needs their row in that poll, an
offered option and a deadline not yet passed (server clock), and writes only the answer.

Follow the chair. Any login may ``pg_notify('nghisu_follow', …)`` and readers obeyed the
payload. Now the position is written only by ``nghisu_move_presenter(meeting, item,
document, page, at)`` (the meeting's chair or secretary, item and document of that meeting,
page within the document), which then notifies with the schema, the meeting and the new
sequence number only. Readers treat a notification as "something moved", re-read
``presenter_positions`` and ignore anything malformed (``meetings.live.follow``).

Classified audit rows. Audit rows about a paper (subject ``document``, or details naming a
``document_id`` or a ``classification``) are readable only by people cleared for the
paper's class, besides the actor themselves: before, a member cleared "thường" read the
title, type and hash of a "mật" paper in the log.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_trusted_opinions_follow"
down_revision = "0010_trusted_slots_ballots"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
OWNER = "session_user = current_user"  # inside a definer function: the schema owner's own session
NOW = "CASE WHEN {owner} THEN COALESCE(p_at, timezone('utc', clock_timestamp())) ELSE timezone('utc', clock_timestamp()) END"

FUNCTIONS = {
    "nghisu_answer_opinion(p_poll integer, p_person integer, p_option text, p_comment text, p_at timestamp)":
    """RETURNS void LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v_person integer; v_poll record; v_at timestamp;
        BEGIN
          v_person := CASE WHEN {owner} THEN p_person ELSE nghisu_current_person() END;
          IF v_person IS NULL OR v_person IS DISTINCT FROM p_person THEN
            RAISE EXCEPTION 'an opinion is given with the member''s own login' USING ERRCODE = '42501';
          END IF;
          SELECT id, options::jsonb AS options, deadline INTO v_poll FROM opinion_polls WHERE id = p_poll FOR SHARE;
          PERFORM 1 FROM opinion_members WHERE poll_id = p_poll AND person_id = v_person FOR UPDATE;
          IF v_poll.id IS NULL OR NOT FOUND THEN
            RAISE EXCEPTION 'not among those asked in poll %', p_poll USING ERRCODE = '42501';
          END IF;
          v_at := {now};
          IF v_at >= v_poll.deadline THEN RAISE EXCEPTION 'the poll is closed' USING ERRCODE = '55000'; END IF;
          IF NOT (v_poll.options ? p_option) THEN
            RAISE EXCEPTION 'option not offered' USING ERRCODE = '22023';
          END IF;
          UPDATE opinion_members SET option = p_option, comment = COALESCE(p_comment, ''), responded_at = v_at
            WHERE poll_id = p_poll AND person_id = v_person;
        END $$""",
    "nghisu_move_presenter(p_meeting integer, p_item integer, p_document integer, p_page integer, p_at timestamp)":
    """RETURNS integer LANGUAGE plpgsql VOLATILE {definer} AS $$
        DECLARE v_person integer; v_pages integer; v_seq integer;
        BEGIN
          v_person := nghisu_current_person();
          IF NOT {owner} AND NOT EXISTS (SELECT 1 FROM participants WHERE meeting_id = p_meeting
                                          AND person_id = v_person AND role IN ('chair', 'secretary')) THEN
            RAISE EXCEPTION 'only the chair or the secretary leads the shared page' USING ERRCODE = '42501';
          END IF;
          IF p_item IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agenda_items WHERE id = p_item AND meeting_id = p_meeting) THEN
            RAISE EXCEPTION 'no agenda item % in meeting %', p_item, p_meeting USING ERRCODE = '22023';
          END IF;
          IF p_document IS NOT NULL THEN
            SELECT v.page_count INTO v_pages FROM documents d JOIN document_versions v ON v.id = d.current_version_id
              WHERE d.id = p_document AND d.meeting_id = p_meeting;
            IF v_pages IS NULL OR p_page NOT BETWEEN 1 AND v_pages THEN
              RAISE EXCEPTION 'no page % of document % in meeting %', p_page, p_document, p_meeting USING ERRCODE = '22023';
            END IF;
          ELSIF p_page IS NULL OR p_page < 1 THEN
            RAISE EXCEPTION 'pages start at 1' USING ERRCODE = '22023';
          END IF;
          INSERT INTO presenter_positions AS pp (meeting_id, seq, item_id, document_id, page, set_at, set_by_id)
            VALUES (p_meeting, 1, p_item, p_document, p_page, {now}, v_person)
            ON CONFLICT (meeting_id) DO UPDATE SET seq = pp.seq + 1, item_id = EXCLUDED.item_id,
              document_id = EXCLUDED.document_id, page = EXCLUDED.page, set_at = EXCLUDED.set_at,
              set_by_id = EXCLUDED.set_by_id
            RETURNING seq INTO v_seq;
          -- Only "this meeting moved" (and the server's clock, to measure the delay): readers
          -- re-read the row above and never take a position from a payload.
          PERFORM pg_notify('nghisu_follow', json_build_object('schema', current_schema(), 'meeting_id', p_meeting,
                                                               'seq', v_seq,
                                                               'sent_at', extract(epoch FROM clock_timestamp()))::text);
          RETURN v_seq;
        END $$""",
    # The class of the paper an audit row is about (0: none or "thường").
    "nghisu_audit_rank(p_subject_type text, p_subject_id text, p_details jsonb)":
    """RETURNS integer LANGUAGE sql STABLE {definer} AS $$
        SELECT GREATEST(
          nghisu_rank(p_details ->> 'classification'),
          COALESCE((SELECT nghisu_rank(d.classification) FROM documents d
                    WHERE d.id = CASE WHEN p_subject_type = 'document' AND p_subject_id ~ '^[0-9]{{1,9}}$'
                                      THEN p_subject_id::integer END), 0),
          COALESCE((SELECT nghisu_rank(d.classification) FROM documents d
                    WHERE d.id = CASE WHEN jsonb_typeof(p_details -> 'document_id') = 'number'
                                           AND (p_details ->> 'document_id') ~ '^[0-9]{{1,9}}$'
                                      THEN (p_details ->> 'document_id')::integer END), 0)) $$""",
}
PUBLIC_FUNCTIONS = (
    "nghisu_answer_opinion(integer, integer, text, text, timestamp)",
    "nghisu_move_presenter(integer, integer, integer, integer, timestamp)",
    "nghisu_audit_rank(text, text, jsonb)",
)
ME = "nghisu_current_person()"
ADMIN = "nghisu_is_admin()"
MANAGE_M = "nghisu_can_manage_meeting(meeting_id)"
OLD_AUDIT_SELECT = (f"{ADMIN} OR actor_id = {ME} OR (meeting_id IS NOT NULL AND nghisu_can_see_meeting(meeting_id))")
#: (table, command) → (old predicate, new predicate or None when dropped); 0005 made the old ones.
POLICIES = {
    ("opinion_members", "update"): (f"person_id = {ME} OR nghisu_can_manage_poll(poll_id)", None),
    ("presenter_positions", "insert"): (MANAGE_M, None),
    ("presenter_positions", "update"): (MANAGE_M, None),
    ("presenter_positions", "delete"): (MANAGE_M, None),
    ("audit_log", "select"): (OLD_AUDIT_SELECT,
                              f"actor_id = {ME} OR (({OLD_AUDIT_SELECT}) AND "
                              "nghisu_audit_rank(subject_type, subject_id, details::jsonb) <= nghisu_clearance())"),
}


def _schema() -> str | None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None  # embedded mode has no logins: whoever opens the folder is trusted
    return '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'


def _set_policies(new: bool) -> None:
    for (table, command), (old_predicate, new_predicate) in POLICIES.items():
        op.execute(f'DROP POLICY IF EXISTS "{table}_{command}" ON "{table}"')
        predicate = new_predicate if new else old_predicate
        if predicate is None:
            continue
        clause = {"select": "USING ({p})", "insert": "WITH CHECK ({p})", "delete": "USING ({p})",
                  "update": "USING ({p}) WITH CHECK ({p})"}[command].format(p=predicate)
        op.execute(f'CREATE POLICY "{table}_{command}" ON "{table}" FOR {command.upper()} TO nghisu_desktop {clause}')


def upgrade() -> None:
    schema = _schema()
    if schema is None:
        return
    for signature, body in FUNCTIONS.items():
        sql = f"CREATE FUNCTION {signature} " + body.format(
            definer=_DEFINER.format(schema=schema), owner=OWNER, now=NOW.format(owner=OWNER))
        op.get_bind().exec_driver_sql(sql.replace("%", "%%"))  # the driver reads %% as %
    for signature in PUBLIC_FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO nghisu_desktop")
    op.execute("REVOKE UPDATE ON opinion_members FROM nghisu_desktop")
    op.execute("REVOKE INSERT, UPDATE, DELETE ON presenter_positions FROM nghisu_desktop")
    _set_policies(True)


def downgrade() -> None:
    schema = _schema()
    if schema is None:
        return
    _set_policies(False)
    op.execute("GRANT UPDATE ON opinion_members TO nghisu_desktop")
    op.execute("GRANT INSERT, UPDATE, DELETE ON presenter_positions TO nghisu_desktop")
    for signature in PUBLIC_FUNCTIONS:
        op.execute(f"DROP FUNCTION {signature}")
