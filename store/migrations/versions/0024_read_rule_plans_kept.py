"""The read rule's "who am I" functions keep their plans: ``nghisu_my_units()`` and
``nghisu_clearance()`` in PL/pgSQL, same answers.

Revision ID: 0024_read_rule_plans_kept
Revises: 0023_audit_names_a_person
Create Date: 2026-12-03

Every statement a desktop login sends to the incoming register evaluates the read rule's
``(SELECT nghisu_my_units())`` and ``(SELECT nghisu_clearance())`` once (migration 0020). As SQL
functions they were parsed and planned again on every statement, and so was each call of
``nghisu_current_person()`` inside them (three in ``nghisu_my_units``): 0.9 + 0.5 ms of a
register page's ~2.5 ms on the server. PL/pgSQL keeps its statements' plans for the session and
looks the person up once per call: 0.2 + 0.1 ms (EXPLAIN ANALYZE as a văn thư's login, 200,000
entries, benchmarks/bench_register.py). The queries are those of 0005 and 0020, word for word,
with the person looked up first; owner, grants and SECURITY DEFINER stay as they were.
"""

import sqlalchemy as sa
from alembic import op

revision = "0024_read_rule_plans_kept"
down_revision = "0023_audit_names_a_person"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
NEW = {
    "nghisu_my_units()": """RETURNS integer[] LANGUAGE plpgsql STABLE {definer} AS $$
        DECLARE v_me integer := nghisu_current_person();
        BEGIN
          RETURN (SELECT COALESCE(array_agg(DISTINCT u), '{{}}') FROM (
            SELECT p.unit_id AS u FROM persons p WHERE p.id = v_me
            UNION SELECT r.unit_id FROM person_roles r WHERE r.person_id = v_me
            UNION SELECT r.unit_id FROM unit_roles r WHERE r.person_id = v_me) AS mine);
        END $$""",
    "nghisu_clearance()": """RETURNS integer LANGUAGE plpgsql STABLE {definer} AS $$
        DECLARE v_me integer := nghisu_current_person();
        BEGIN
          RETURN COALESCE((SELECT nghisu_rank(c.clearance) FROM person_clearances c WHERE c.person_id = v_me), 0);
        END $$""",
}
OLD = {
    "nghisu_my_units()": """RETURNS integer[] LANGUAGE sql STABLE {definer} AS $$
    SELECT COALESCE(array_agg(DISTINCT u), '{{}}') FROM (
      SELECT p.unit_id AS u FROM persons p WHERE p.id = nghisu_current_person()
      UNION SELECT r.unit_id FROM person_roles r WHERE r.person_id = nghisu_current_person()
      UNION SELECT r.unit_id FROM unit_roles r WHERE r.person_id = nghisu_current_person()) AS mine $$""",
    "nghisu_clearance()": """RETURNS integer LANGUAGE sql STABLE {definer} AS $$
        SELECT COALESCE((SELECT nghisu_rank(c.clearance) FROM person_clearances c
                         WHERE c.person_id = nghisu_current_person()), 0) $$""",
}


def _schema() -> str | None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None
    return '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'


def _replace(functions: dict[str, str]) -> None:
    schema = _schema()
    if schema is None:
        return  # embedded mode has no logins, no read rule
    for head, body in functions.items():
        # CREATE OR REPLACE may change a function's language; its owner and grants stay.
        op.get_bind().exec_driver_sql(
            f"CREATE OR REPLACE FUNCTION {head} {body.format(definer=_DEFINER.format(schema=schema))}".replace("%", "%%"))


def upgrade() -> None:
    _replace(NEW)


def downgrade() -> None:
    _replace(OLD)
