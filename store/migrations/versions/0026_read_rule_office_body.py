"""The incoming register's read rule counts the body a person's office belongs to, as
``nghisu_in_unit`` does: the Văn phòng's people read their UBND's register.

Revision ID: 0026_read_rule_office_body
Revises: 0025_deliver_same_year
Create Date: 2026-12-03

Who reads a unit's incoming register was, in 0016, "the people of its unit" in the sense of
``nghisu_in_unit`` (migration 0014): their own unit, the administrative body their office,
agency or board belongs to (the Văn phòng UBND works for the UBND), or a unit they hold a
person or unit role in. 0020 replaced the per-row calls by one array, ``nghisu_my_units()``,
meant to hold the same units, but it left out that body. So a Văn phòng officer or văn thư with
a role only in the Văn phòng read the UBND's register numbers, outgoing documents and an
incoming entry's history (all through ``nghisu_in_unit``) and not the UBND's incoming entries
themselves, nor what the UBND delivered to the communes (the cascade board).

``nghisu_my_units()`` now adds the parent of the person's own unit when that unit is not an
administrative body: exactly the units ``nghisu_in_unit`` answers true for, no more. An
administrative body is never part of the one above it: a ward's or district's people still do
not read the province's register, and a role held elsewhere counts only where it is held.
Still PL/pgSQL with the person looked up once (0024): one more branch of the same UNION, a
primary-key join of ``persons`` and ``units``; owner, grants and SECURITY DEFINER stay.
"""

from store.migrations.functions import create_or_replace, earlier_text, store_schema

revision = "0026_read_rule_office_body"
down_revision = "0025_deliver_same_year"
branch_labels = None
depends_on = None

HEAD = "nghisu_my_units()"
NEW = """RETURNS integer[] LANGUAGE plpgsql STABLE {definer} AS $$
        DECLARE v_me integer := nghisu_current_person();
        BEGIN
          RETURN (SELECT COALESCE(array_agg(DISTINCT u), '{{}}') FROM (
            SELECT p.unit_id AS u FROM persons p WHERE p.id = v_me
            UNION SELECT o.parent_id FROM persons p JOIN units o ON o.id = p.unit_id
                  WHERE p.id = v_me AND o.kind <> 'administrative' AND o.parent_id IS NOT NULL
            UNION SELECT r.unit_id FROM person_roles r WHERE r.person_id = v_me
            UNION SELECT r.unit_id FROM unit_roles r WHERE r.person_id = v_me) AS mine);
        END $$"""


def _replace(body: str) -> None:
    schema = store_schema()
    if schema is not None:  # embedded mode has no logins, no read rule
        create_or_replace(HEAD, body, schema)


def upgrade() -> None:
    _replace(NEW)


def downgrade() -> None:
    # 0024's text is the old body, so the downgrade restores it exactly.
    _replace(earlier_text("0024_read_rule_plans_kept", HEAD, table="NEW"))
