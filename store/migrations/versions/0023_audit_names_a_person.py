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

from store.migrations.functions import create_or_replace, earlier_text, edited, store_schema

revision = "0023_audit_names_a_person"
down_revision = "0022_ballots_count_the_body"
branch_labels = None
depends_on = None

HEAD = ("nghisu_append_audit(p_actor integer, p_action text, p_subject_type text, p_subject_id text, "
        "p_details jsonb, p_meeting integer, p_unit integer, p_at timestamp)")
#: The check goes right before the action check of 0009's body, after the actor is settled.
BEFORE = "IF COALESCE(p_action, '') = '' THEN"
CHECK = """IF v_actor IS NULL AND EXISTS (SELECT 1 FROM person_identities) THEN
            RAISE EXCEPTION 'permission denied: nobody is named as doing this (the store''s people say who they are)'
              USING ERRCODE = '42501';
          END IF;
          """


def _body(new: bool) -> str:
    # 0009's text is the old body, so the downgrade restores it exactly.
    body = earlier_text("0009_trusted_audit_blobs", HEAD)
    return edited(body, ((BEFORE, CHECK + BEFORE),), "0009_trusted_audit_blobs", "nghisu_append_audit") if new else body


def upgrade() -> None:
    schema = store_schema()
    if schema is not None:  # embedded mode: store.audit's own check is the only writer's check
        create_or_replace(HEAD, _body(new=True), schema)


def downgrade() -> None:
    schema = store_schema()
    if schema is not None:
        create_or_replace(HEAD, _body(new=False), schema)
