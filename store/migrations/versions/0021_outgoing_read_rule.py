"""Outgoing documents: a drafter's own new draft passes the read rule it is inserted under.

Revision ID: 0021_outgoing_read_rule
Revises: 0020_incoming_list_indexes
Create Date: 2026-12-03

Over a person's own login, drafting failed: an INSERT … RETURNING checks the new row against
the table's read policy, and ``nghisu_can_see_outgoing(id)`` looked the row up by its id, which
the statement inserting it cannot see yet. The read policy of ``outgoing_documents`` now decides
on the row's own columns (``nghisu_outgoing_visible``: the same rule, the unit, drafting unit,
drafter, signer, reviewers, recipients, clearance); ``nghisu_can_see_outgoing`` uses it too.
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_outgoing_read_rule"
down_revision = "0020_incoming_list_indexes"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
VISIBLE = ("nghisu_outgoing_visible(p_id integer, p_unit integer, p_drafting integer, p_drafter integer, "
           "p_signer integer, p_class text)")
VISIBLE_BODY = """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT nghisu_rank(p_class) <= nghisu_clearance()
               AND (nghisu_in_unit(p_unit) OR nghisu_in_unit(p_drafting)
                    OR p_drafter = nghisu_current_person() OR p_signer = nghisu_current_person()
                    OR EXISTS (SELECT 1 FROM outgoing_reviewers r WHERE r.outgoing_id = p_id
                               AND r.person_id = nghisu_current_person())
                    OR EXISTS (SELECT 1 FROM outgoing_dispatches x WHERE x.outgoing_id = p_id
                               AND x.recipient_unit_id IS NOT NULL AND nghisu_in_unit(x.recipient_unit_id))) $$"""
SEE_BODY = """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = p_id AND nghisu_outgoing_visible(
                       d.id, d.unit_id, d.drafting_unit_id, d.drafter_id, d.signer_id, d.classification)) $$"""
OLD_SEE_BODY = """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = p_id
                       AND nghisu_rank(d.classification) <= nghisu_clearance()
                       AND (nghisu_in_unit(d.unit_id) OR nghisu_in_unit(d.drafting_unit_id)
                            OR d.drafter_id = nghisu_current_person() OR d.signer_id = nghisu_current_person()
                            OR EXISTS (SELECT 1 FROM outgoing_reviewers r WHERE r.outgoing_id = d.id
                                       AND r.person_id = nghisu_current_person())
                            OR EXISTS (SELECT 1 FROM outgoing_dispatches x WHERE x.outgoing_id = d.id
                                       AND x.recipient_unit_id IS NOT NULL AND nghisu_in_unit(x.recipient_unit_id)))) $$"""
NEW_SELECT = "nghisu_outgoing_visible(id, unit_id, drafting_unit_id, drafter_id, signer_id, classification)"
OLD_SELECT = "nghisu_can_see_outgoing(id)"


def _schema() -> str | None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None
    return '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'


def _function(head: str, body: str, schema: str, *, replace: bool) -> None:
    verb = "CREATE OR REPLACE FUNCTION" if replace else "CREATE FUNCTION"
    op.get_bind().exec_driver_sql(f"{verb} {head} {body.format(definer=_DEFINER.format(schema=schema))}"
                                  .replace("%", "%%"))


def _select_policy(predicate: str) -> None:
    op.execute('DROP POLICY "outgoing_documents_select" ON outgoing_documents')
    op.execute(f'CREATE POLICY "outgoing_documents_select" ON outgoing_documents FOR SELECT TO nghisu_desktop '
               f"USING ({predicate})")


def upgrade() -> None:
    schema = _schema()
    if schema is None:
        return  # embedded mode has no logins
    _function(VISIBLE, VISIBLE_BODY, schema, replace=False)
    signature = "nghisu_outgoing_visible(integer, integer, integer, integer, integer, text)"
    op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO nghisu_desktop")
    _function("nghisu_can_see_outgoing(p_id integer)", SEE_BODY, schema, replace=True)
    _select_policy(NEW_SELECT)


def downgrade() -> None:
    schema = _schema()
    if schema is None:
        return
    _select_policy(OLD_SELECT)
    _function("nghisu_can_see_outgoing(p_id integer)", OLD_SEE_BODY, schema, replace=True)
    op.execute("DROP FUNCTION nghisu_outgoing_visible(integer, integer, integer, integer, integer, text)")
