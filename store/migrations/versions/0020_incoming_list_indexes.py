"""The incoming register's pages made fast: indexes for newest-first and open deadlines, and a
read rule computed once per query instead of once per row.

Revision ID: 0020_incoming_list_indexes
Revises: 0019_outgoing_documents
Create Date: 2026-12-03

- ``ix_incoming_documents_unit_received``: a unit's register newest first.
- ``ix_incoming_documents_open_due`` (partial, open documents only): the overdue and due-soon
  lists read a unit's open documents by deadline; closed ones are most of a year's register.
- The read rule of ``incoming_documents`` (0016) called three SECURITY DEFINER functions per
  row, which PostgreSQL cannot inline: listing 50 entries of a unit with 200,000 in the table
  cost hundreds of milliseconds as a desktop login. It now compares ``unit_id`` and
  ``sender_unit_id`` with the array of the person's units, ``nghisu_my_units()``, and the
  classification with the clearance, each a scalar subquery that PostgreSQL evaluates once
  per statement (an InitPlan). Same rows as before: the units ``nghisu_in_unit`` answers for
  (its văn thư hold a role in it, so they are included).

Measured by benchmarks/bench_register.py.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_incoming_list_indexes"
down_revision = "0019_outgoing_documents"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
MY_UNITS = """CREATE FUNCTION nghisu_my_units() RETURNS integer[] LANGUAGE sql STABLE {definer} AS $$
    SELECT COALESCE(array_agg(DISTINCT u), '{{}}') FROM (
      SELECT p.unit_id AS u FROM persons p WHERE p.id = nghisu_current_person()
      UNION SELECT r.unit_id FROM person_roles r WHERE r.person_id = nghisu_current_person()
      UNION SELECT r.unit_id FROM unit_roles r WHERE r.person_id = nghisu_current_person()) AS mine $$"""
RANK = "(CASE classification WHEN 'toi_mat' THEN 2 WHEN 'mat' THEN 1 ELSE 0 END)"
OLD_SELECT = ("(nghisu_in_unit(unit_id) OR nghisu_register_office(unit_id) OR (sender_unit_id IS NOT NULL "
              "AND nghisu_in_unit(sender_unit_id))) AND nghisu_rank(classification) <= nghisu_clearance()")
NEW_SELECT = (f"(unit_id = ANY ((SELECT nghisu_my_units())::integer[]) "
              f"OR sender_unit_id = ANY ((SELECT nghisu_my_units())::integer[])) "
              f"AND {RANK} <= (SELECT nghisu_clearance())")


def _schema() -> str | None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None
    return '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'


def _select_policy(predicate: str) -> None:
    op.execute('DROP POLICY IF EXISTS "incoming_documents_select" ON incoming_documents')
    op.execute(f'CREATE POLICY "incoming_documents_select" ON incoming_documents FOR SELECT TO nghisu_desktop '
               f"USING ({predicate})")


def upgrade() -> None:
    op.execute("CREATE INDEX ix_incoming_documents_unit_received ON incoming_documents (unit_id, received_at, id)")
    op.execute("CREATE INDEX ix_incoming_documents_open_due ON incoming_documents (unit_id, due_on) "
               "WHERE status <> 'done'")
    schema = _schema()
    if schema is None:
        return
    op.get_bind().exec_driver_sql(MY_UNITS.format(definer=_DEFINER.format(schema=schema)))
    op.execute("REVOKE ALL ON FUNCTION nghisu_my_units() FROM PUBLIC")
    op.execute("GRANT EXECUTE ON FUNCTION nghisu_my_units() TO nghisu_desktop")
    _select_policy(NEW_SELECT)


def downgrade() -> None:
    if _schema() is not None:
        _select_policy(OLD_SELECT)
        op.execute("DROP FUNCTION IF EXISTS nghisu_my_units()")
    op.execute("DROP INDEX IF EXISTS ix_incoming_documents_open_due")
    op.execute("DROP INDEX IF EXISTS ix_incoming_documents_unit_received")
