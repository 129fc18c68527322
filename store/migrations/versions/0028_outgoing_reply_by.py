"""An outgoing document's reply deadline (hạn báo cáo, trả lời), and the recipient units' copies
that carry it as their deadline.

Revision ID: 0028_outgoing_reply_by
Revises: 0027_read_rule_roles_in_force
Create Date: 2026-12-04

A province asking its communes to report by a date wrote the date only in the letter's text: the
communes' incoming copies had no deadline and the cascade board never showed one late. Now:

- ``outgoing_documents.reply_by`` (a date, empty by default), set with the draft and changed
  until the release. On PostgreSQL the guard trigger ``nghisu_guard_outgoing`` (migration 0019)
  lets it change only by the drafter, the signer or a leader of the drafting or issuing unit,
  while the document is a draft, in review, approved or signed and no number is being taken
  for it (the release reads it to deliver the copies);
- ``nghisu_deliver_incoming`` (0016, as 0025 left it) also writes the arrival's deadline
  (``due_on``, from the entry's ``due_on``) and the note of its "received" line of history (the
  entry's ``note``: the sender asks for an answer by that date), so the receiving văn thư sees
  both when registering it. Everything else is 0025's text;
- the row policy that lets a recipient unit's văn thư update the dispatch row sent to it
  (0019) called ``nghisu_may_number``, which desktops may not execute (0014): any update of a
  dispatch row over a person's login failed, so a release to a unit of the store, delivered,
  then failed to mark its dispatch rows delivered and reported an error. It now asks
  ``nghisu_register_office`` (0016: the unit's văn thư on the server's date, what
  ``nghisu_may_number`` answers for the ordinary incoming series), which desktops may call.

Each function's new text is an edit of the text the earlier revision keeps, which the downgrade
restores exactly (``store.migrations.functions``).
"""

import importlib

import sqlalchemy as sa
from alembic import op

from store.migrations.functions import create_or_replace, earlier_text, edited, store_schema

revision = "0028_outgoing_reply_by"
down_revision = "0027_read_rule_roles_in_force"
branch_labels = None
depends_on = None

GUARD = "nghisu_guard_outgoing()"
DELIVER = "nghisu_deliver_incoming(p_entry jsonb)"

GUARD_AT = "          IF NEW.current_version_no IS DISTINCT FROM OLD.current_version_no THEN\n"
GUARD_RULE = """          -- The reply deadline (0028): by those who work on the document, until it is released.
          IF NEW.reply_by IS DISTINCT FROM OLD.reply_by AND NOT (v_part && ARRAY['drafter', 'signer', 'leader']
             AND OLD.status IN ('draft', 'in_review', 'approved', 'signed') AND OLD.number_id IS NULL) THEN
            RAISE EXCEPTION 'the reply deadline changes only before the release' USING ERRCODE = '42501';
          END IF;
"""
OLD_COLUMNS = "search_folded, source_outgoing_id, reply_due_on, instruction, done_note, version, updated_at,"
NEW_COLUMNS = "search_folded, source_outgoing_id, reply_due_on, due_on, instruction, done_note, version, updated_at,"
OLD_VALUES = "(p_entry->>'reply_due_on')::date, '', '', 1, v_at, v_actor)"
NEW_VALUES = "(p_entry->>'reply_due_on')::date, (p_entry->>'due_on')::date, '', '', 1, v_at, v_actor)"
OLD_NOTE = "VALUES (v_id, v_unit, v_at, v_actor, COALESCE(v_name, ''), 'received', '',"
NEW_NOTE = "VALUES (v_id, v_unit, v_at, v_actor, COALESCE(v_name, ''), 'received', COALESCE(p_entry->>'note', ''),"

OLD_RECIPIENT_CLERK = "nghisu_may_number(recipient_unit_id, 'den', NULL, NULL)"
NEW_RECIPIENT_CLERK = "nghisu_register_office(recipient_unit_id)"


def _guard(new: bool) -> str:
    body = earlier_text("0019_outgoing_documents", GUARD)
    return edited(body, ((GUARD_AT, GUARD_RULE + GUARD_AT),), "0019_outgoing_documents", GUARD) if new else body


def _deliver(new: bool) -> str:
    body: str = importlib.import_module("store.migrations.versions.0025_deliver_same_year")._body(new=True)
    edits = ((OLD_COLUMNS, NEW_COLUMNS), (OLD_VALUES, NEW_VALUES), (OLD_NOTE, NEW_NOTE))
    return edited(body, edits, "0025_deliver_same_year", "nghisu_deliver_incoming") if new else body


def _dispatch_policy(new: bool) -> None:
    old: str = importlib.import_module("store.migrations.versions.0019_outgoing_documents").POLICIES[
        "outgoing_dispatches"]["update"]
    predicate = edited(old, ((OLD_RECIPIENT_CLERK, NEW_RECIPIENT_CLERK),), "0019_outgoing_documents",
                       "outgoing_dispatches_update") if new else old
    op.execute(f'ALTER POLICY "outgoing_dispatches_update" ON "outgoing_dispatches" USING ({predicate}) '
               f"WITH CHECK ({predicate})")


def upgrade() -> None:
    op.add_column("outgoing_documents", sa.Column("reply_by", sa.Date(), nullable=True))
    schema = store_schema()
    if schema is not None:  # embedded mode: no logins, no guard, deliveries in Python
        create_or_replace(GUARD, _guard(new=True), schema)
        create_or_replace(DELIVER, _deliver(new=True), schema)
        _dispatch_policy(new=True)


def downgrade() -> None:
    schema = store_schema()
    if schema is not None:
        _dispatch_policy(new=False)
        create_or_replace(DELIVER, _deliver(new=False), schema)
        create_or_replace(GUARD, _guard(new=False), schema)
    op.drop_column("outgoing_documents", "reply_by")
