"""PostgreSQL's audit function refuses a row in nobody's name, as the desktop does.

Revision ID: 0023_audit_names_a_person
Revises: 0022_ballots_count_the_body
Create Date: 2026-12-03

Since issue 13 nothing is written in nobody's name: ``store.audit._require_person`` refuses a
change with no person (``ActorRequired``) once anyone on the store has said who they are
(a row in ``person_identities``); before that the store is being set up and may write with no
person. That check lives in Python, so a connection calling ``nghisu_append_audit`` itself
skipped it. A person's login was never the gap: the function names the login's own person
whatever actor it is passed, and refuses a login with no active person. The schema owner's
session, whose ``actor`` argument counts as given, still got a row with actor NULL at any time.

Now the function applies the same rule: a row whose actor is NULL is refused (42501, nothing
written, the head unmoved) once ``person_identities`` has a row; during set-up it is written as
before. The definer function reads ``person_identities`` as the schema owner, so no policy
hides a row from the count.
"""

import importlib

import sqlalchemy as sa
from alembic import op

revision = "0023_audit_names_a_person"
down_revision = "0022_ballots_count_the_body"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
OWNER = "session_user = current_user"

HEAD = ("nghisu_append_audit(p_actor integer, p_action text, p_subject_type text, p_subject_id text, "
        "p_details jsonb, p_meeting integer, p_unit integer, p_at timestamp)")
#: The check goes right before the action check of 0009's body, after the actor is settled.
BEFORE = "IF COALESCE(p_action, '') = '' THEN"
CHECK = """IF v_actor IS NULL AND EXISTS (SELECT 1 FROM person_identities) THEN
            RAISE EXCEPTION 'permission denied: nobody is named as doing this (the store''s people say who they are)'
              USING ERRCODE = '42501';
          END IF;
          """


def _schema() -> str | None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return None  # embedded mode: store.audit's own check is the only writer's check
    return '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'


def _body(new: bool) -> str:
    # 0009's text is the old body, so the downgrade restores it exactly.
    body = importlib.import_module("store.migrations.versions.0009_trusted_audit_blobs").FUNCTIONS[HEAD]
    if body.count(BEFORE) != 1:  # the earlier revision changed under us: refuse rather than guess
        raise RuntimeError("0009_trusted_audit_blobs: nghisu_append_audit no longer holds the text this revision extends")
    return body.replace(BEFORE, CHECK + BEFORE) if new else body


def _create(body: str, schema: str) -> None:
    sql = f"CREATE OR REPLACE FUNCTION {HEAD} " + body.format(definer=_DEFINER.format(schema=schema), owner=OWNER)
    op.get_bind().exec_driver_sql(sql.replace("%", "%%"))  # the driver reads %% as %


def upgrade() -> None:
    schema = _schema()
    if schema is not None:
        _create(_body(new=True), schema)


def downgrade() -> None:
    schema = _schema()
    if schema is not None:
        _create(_body(new=False), schema)
