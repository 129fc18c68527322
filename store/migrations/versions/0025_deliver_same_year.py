"""A delivery between units finds the same document as a receipt does: the same sender's symbol
of the same year, not of the same exact date.

Revision ID: 0025_deliver_same_year
Revises: 0024_read_rule_plans_kept
Create Date: 2026-12-03

``nghisu_deliver_incoming`` (migration 0016) linked an arrival to an entry of the receiving
register holding the same file, or the same sender's same symbol with exactly the same date.
The Python receive path (``register.incoming.find_duplicate``, which the embedded store's
deliveries use too) has since followed Decree 30's yearly numbering: a sender's symbol names one
document per year. So the same symbol with another date of the same year (a re-release, a scan
the văn thư received by file and dated by hand) was linked on SQLite and registered a second
time on PostgreSQL.

Now the function asks what ``find_duplicate`` asks, in the same order:
1. the same file in the receiving register (the first such entry);
2. else, for a document with a symbol, the same sender (``sender_key``) and symbol and
   - the document dated: an entry dated in the same calendar year, or an undated entry
     received within the last 365 days before this arrival;
   - the document undated: an entry received within the last 365 days before this arrival.
"This arrival" is the time the function writes as the arrival (the server's clock; the
``received_at`` given only in the schema owner's own session), as ``find_duplicate`` uses the
unit of work's clock. Everything else is 0016's text: who may deliver, the lock, what is written.
"""

from store.migrations.functions import create_or_replace, earlier_text, edited, store_schema

revision = "0025_deliver_same_year"
down_revision = "0024_read_rule_plans_kept"
branch_labels = None
depends_on = None

HEAD = "nghisu_deliver_incoming(p_entry jsonb)"

OLD_DECLARE = "v_at timestamp; v_year integer; v_symbol text;"
NEW_DECLARE = OLD_DECLARE + " v_date date; v_recent timestamp;"
OLD_MATCH = """SELECT id INTO v_found FROM incoming_documents
            WHERE unit_id = v_unit AND (file_sha256 = p_entry->>'file_sha256'
                  OR (v_symbol <> '' AND sender_key = p_entry->>'sender_key' AND doc_symbol = v_symbol
                      AND doc_date IS NOT DISTINCT FROM (p_entry->>'doc_date')::date))
            ORDER BY id LIMIT 1;"""
#: register.incoming.receive.SAME_SYMBOL_DAYS is 365.
NEW_MATCH = """SELECT id INTO v_found FROM incoming_documents
            WHERE unit_id = v_unit AND file_sha256 = p_entry->>'file_sha256' ORDER BY id LIMIT 1;
          IF v_found IS NULL AND v_symbol <> '' THEN
            v_date := (p_entry->>'doc_date')::date;
            v_recent := v_at - interval '365 days';
            SELECT id INTO v_found FROM incoming_documents
              WHERE unit_id = v_unit AND sender_key = p_entry->>'sender_key' AND doc_symbol = v_symbol
                AND CASE WHEN v_date IS NULL THEN received_at >= v_recent
                         ELSE doc_date BETWEEN make_date(extract(year FROM v_date)::integer, 1, 1)
                                           AND make_date(extract(year FROM v_date)::integer, 12, 31)
                              OR (doc_date IS NULL AND received_at >= v_recent) END
              ORDER BY id LIMIT 1;
          END IF;"""


def _body(new: bool) -> str:
    # 0016's text is the old body, so the downgrade restores it exactly.
    body = earlier_text("0016_incoming_register", HEAD)
    edits = ((OLD_DECLARE, NEW_DECLARE), (OLD_MATCH, NEW_MATCH))
    return edited(body, edits, "0016_incoming_register", "nghisu_deliver_incoming") if new else body


def upgrade() -> None:
    schema = store_schema()
    if schema is not None:  # embedded mode: deliveries go through find_duplicate itself
        create_or_replace(HEAD, _body(new=True), schema)


def downgrade() -> None:
    schema = store_schema()
    if schema is not None:
        create_or_replace(HEAD, _body(new=False), schema)
