"""Secret ballots on PostgreSQL count the body's own members, as the desktop does.

Revision ID: 0022_ballots_count_the_body
Revises: 0021_outgoing_read_rule
Create Date: 2026-12-03

Since the map is data (issue 13), a meeting's members are the people holding the role
"thành viên" of the host unit on the meeting's day (``meetings.live.attendance``); only a
body with none recorded falls back to the invited chair and members. The server's ballot box
still used the invitation: ``nghisu_close_secret_vote`` stated a provincial session's result
against every commune chair joining from a site (13 instead of the committee's 7), and
``nghisu_cast_secret_ballot`` let such a chair drop a ballot in over their own login. Both now
ask ``nghisu_counts_as_member`` and ``nghisu_member_count``, which read the same rule.
"""

from alembic import op

from store.migrations.functions import create_or_replace, earlier_text, edited, store_schema

revision = "0022_ballots_count_the_body"
down_revision = "0021_outgoing_read_rule"
branch_labels = None
depends_on = None


#: The holders of "thành viên" of the meeting's unit on its day in Vietnam (``held_on``:
#: from ``since``, until the day before ``until``).
HELPERS = {
    "nghisu_body_roles(p_meeting integer)": """RETURNS TABLE (person_id integer) LANGUAGE sql STABLE {definer} AS $$
        SELECT DISTINCT r.person_id FROM person_roles r JOIN meetings m ON m.unit_id = r.unit_id
        WHERE m.id = p_meeting AND r.role = 'thanh_vien'
          AND (r.since IS NULL OR r.since <= ((m.starts_at AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
          AND (r.until IS NULL OR ((m.starts_at AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < r.until) $$""",
    "nghisu_counts_as_member(p_meeting integer, p_person integer, p_role text)": """RETURNS boolean LANGUAGE sql STABLE
        {definer} AS $$
        SELECT CASE WHEN EXISTS (SELECT 1 FROM nghisu_body_roles(p_meeting))
                    THEN p_person IN (SELECT person_id FROM nghisu_body_roles(p_meeting))
                    ELSE p_role IN ('chair', 'member') END $$""",
    "nghisu_member_count(p_meeting integer)": """RETURNS integer LANGUAGE sql STABLE {definer} AS $$
        SELECT CASE WHEN EXISTS (SELECT 1 FROM nghisu_body_roles(p_meeting))
                    THEN (SELECT count(*) FROM nghisu_body_roles(p_meeting))::integer
                    ELSE (SELECT count(*) FROM participants WHERE meeting_id = p_meeting
                          AND role IN ('chair', 'member'))::integer END $$""",
}
HELPER_SIGNATURES = ("nghisu_member_count(integer)", "nghisu_counts_as_member(integer, integer, text)",
                     "nghisu_body_roles(integer)")

#: (migration, function's key there, its head, text replaced, replacement): the old bodies are
#: taken from the revisions that wrote them, so the downgrade restores them exactly.
CHANGES = (
    ("0006_ballot_box", "nghisu_cast_secret_ballot(integer, integer, text)",
     "nghisu_cast_secret_ballot(p_vote integer, p_person integer, p_option text)",
     "AND p.role IN ('chair', 'member')", "AND nghisu_counts_as_member(v.meeting_id, p.person_id, p.role)"),
    ("0010_trusted_slots_ballots", "nghisu_close_secret_vote(p_vote integer, p_at timestamp)",
     "nghisu_close_secret_vote(p_vote integer, p_at timestamp)",
     "SELECT count(*) INTO v_eligible FROM participants WHERE meeting_id = v.meeting_id AND role IN ('chair', 'member');",
     "v_eligible := nghisu_member_count(v.meeting_id);"),
)


def _bodies(new: bool) -> list[tuple[str, str]]:
    out = []
    for module, key, head, old, replacement in CHANGES:
        body = earlier_text(module, key)
        out.append((head, edited(body, ((old, replacement),), module, key) if new else body))
    return out


def upgrade() -> None:
    schema = store_schema()  # None in embedded mode: the desktop's own count is the only one
    if schema is None:
        return
    for head, body in HELPERS.items():
        create_or_replace(head, body, schema)
    for signature in HELPER_SIGNATURES:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")  # called only inside the definer functions
    for head, body in _bodies(new=True):
        create_or_replace(head, body, schema)


def downgrade() -> None:
    schema = store_schema()
    if schema is None:
        return
    for head, body in _bodies(new=False):
        create_or_replace(head, body, schema)
    for signature in HELPER_SIGNATURES:
        op.execute(f"DROP FUNCTION {signature}")
