"""Outgoing documents (văn bản đi): the document, its versions, reviewers, comments, dispatches.

Revision ID: 0019_outgoing_documents
Revises: 0018_meeting_rsvps
Create Date: 2026-12-03

A draft goes from its drafter to the reviewers they name (comments per version, a new version
answers them), to approval, to the competent signer's signature, to the văn thư, who numbers,
dates and releases it with the organisation's signature, and to one dispatch row per
recipient (a unit of this store finds it in its incoming register).

Shared store (PostgreSQL), who may do what:

- a document is read by the people of its issuing or drafting unit (offices and agencies
  included), its drafter, signer and reviewers, and by the units it was sent to, up to their
  clearance (``nghisu_can_see_outgoing``); its versions, comments and dispatches likewise,
  and so are the blobs of its versions (``nghisu_can_see_blob`` now says so too);
- a draft is inserted by its drafter, in a unit they work in, as a draft with no number;
- it is changed by those who work on it (drafter, signer, a leader of the drafting or
  issuing unit, its reviewers, the issuing unit's văn thư), and the guard trigger
  ``nghisu_guard_outgoing`` decides which change each may make: the drafter the draft (while
  it is one), the signer or a leader the approval, the signer the signature, the văn thư the
  number (one of its own unit's register, taken for this document), the release and its
  cancellation (the number cancelled first);
- versions are inserted only of the kind the person's part allows
  (``nghisu_may_add_outgoing_version``); nothing is deleted or rewritten.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_outgoing_documents"
down_revision = "0018_meeting_rsvps"
branch_labels = None
depends_on = None

_DEFINER = "SECURITY DEFINER SET search_path = {schema}, pg_temp"
OWNER = "session_user = current_user"
ME = "nghisu_current_person()"
SERIES = "CASE WHEN d.classification = 'thuong' THEN 'di' ELSE 'di_mat' END"

FUNCTIONS = {
    "nghisu_is_unit_leader(p_unit integer)": """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = nghisu_current_person() AND r.unit_id = p_unit
                       AND r.role = 'lanh_dao' AND (r.until IS NULL OR (timezone('utc', clock_timestamp())
                       + interval '7 hours')::date < r.until)) $$""",
    "nghisu_can_see_outgoing(p_id integer)": """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = p_id
                       AND nghisu_rank(d.classification) <= nghisu_clearance()
                       AND (nghisu_in_unit(d.unit_id) OR nghisu_in_unit(d.drafting_unit_id)
                            OR d.drafter_id = nghisu_current_person() OR d.signer_id = nghisu_current_person()
                            OR EXISTS (SELECT 1 FROM outgoing_reviewers r WHERE r.outgoing_id = d.id
                                       AND r.person_id = nghisu_current_person())
                            OR EXISTS (SELECT 1 FROM outgoing_dispatches x WHERE x.outgoing_id = d.id
                                       AND x.recipient_unit_id IS NOT NULL AND nghisu_in_unit(x.recipient_unit_id)))) $$""",
    "nghisu_outgoing_part(p_id integer)": """RETURNS text[] LANGUAGE sql STABLE {definer} AS $$
        SELECT array_remove(ARRAY[
                 CASE WHEN d.drafter_id = nghisu_current_person() THEN 'drafter' END,
                 CASE WHEN d.signer_id = nghisu_current_person() THEN 'signer' END,
                 CASE WHEN nghisu_is_unit_leader(d.unit_id) OR nghisu_is_unit_leader(d.drafting_unit_id)
                      THEN 'leader' END,
                 CASE WHEN EXISTS (SELECT 1 FROM outgoing_reviewers r WHERE r.outgoing_id = d.id
                                   AND r.person_id = nghisu_current_person()) THEN 'reviewer' END,
                 CASE WHEN nghisu_may_number(d.unit_id, """ + SERIES + """, d.doc_type, NULL) THEN 'clerk' END], NULL)
        FROM outgoing_documents d WHERE d.id = p_id AND nghisu_rank(d.classification) <= nghisu_clearance() $$""",
    "nghisu_may_add_outgoing_version(p_id integer, p_kind text)": """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT COALESCE(nghisu_outgoing_part(p_id) && CASE p_kind
                 WHEN 'draft' THEN ARRAY['drafter'] WHEN 'revision' THEN ARRAY['drafter']
                 WHEN 'fields' THEN ARRAY['signer', 'leader'] WHEN 'signed' THEN ARRAY['signer']
                 WHEN 'numbered' THEN ARRAY['clerk'] WHEN 'released' THEN ARRAY['clerk']
                 ELSE ARRAY[]::text[] END, false) $$""",
    "nghisu_guard_outgoing()": """RETURNS trigger LANGUAGE plpgsql {definer} AS $$
        DECLARE v_part text[]; v_number record; v_kind text;
        BEGIN
          IF {owner} THEN RETURN NEW; END IF;
          v_part := COALESCE(nghisu_outgoing_part(OLD.id), ARRAY[]::text[]);
          IF (NEW.id, NEW.unit_id, NEW.drafting_unit_id, NEW.drafter_id, NEW.created_at, NEW.created_by_id)
             IS DISTINCT FROM (OLD.id, OLD.unit_id, OLD.drafting_unit_id, OLD.drafter_id, OLD.created_at, OLD.created_by_id) THEN
            RAISE EXCEPTION 'who drafts and issues a document does not change' USING ERRCODE = '42501';
          END IF;
          IF (NEW.signer_id, NEW.doc_type, NEW.subject, NEW.classification, NEW.authority, NEW.recipients::text)
             IS DISTINCT FROM (OLD.signer_id, OLD.doc_type, OLD.subject, OLD.classification, OLD.authority,
                               OLD.recipients::text)
             AND NOT ('drafter' = ANY(v_part) AND OLD.status IN ('draft', 'in_review')) THEN
            RAISE EXCEPTION 'only the drafter changes a draft, while it is one' USING ERRCODE = '42501';
          END IF;
          IF (NEW.approved_at, NEW.approved_by_id) IS DISTINCT FROM (OLD.approved_at, OLD.approved_by_id)
             AND NOT (NEW.status = 'approved' AND OLD.status IN ('draft', 'in_review')) THEN
            RAISE EXCEPTION 'an approval is recorded only by approving' USING ERRCODE = '42501';
          END IF;
          IF NEW.signed_at IS DISTINCT FROM OLD.signed_at AND NOT (NEW.status = 'signed' AND OLD.status = 'approved') THEN
            RAISE EXCEPTION 'a signature is recorded only by signing' USING ERRCODE = '42501';
          END IF;
          -- Where the fields go is fixed by the drafter, or by the approval that adds the fields.
          IF NEW.layout::text IS DISTINCT FROM OLD.layout::text AND OLD.status NOT IN ('draft', 'in_review') THEN
            RAISE EXCEPTION 'the layout is fixed once approved' USING ERRCODE = '42501';
          END IF;
          IF NEW.current_version_no IS DISTINCT FROM OLD.current_version_no THEN
            SELECT kind INTO v_kind FROM outgoing_versions WHERE outgoing_id = OLD.id AND version_no = NEW.current_version_no;
            IF v_kind IS NULL OR NOT nghisu_may_add_outgoing_version(OLD.id, v_kind) THEN
              RAISE EXCEPTION 'not a version this person may make current' USING ERRCODE = '42501';
            END IF;
          END IF;
          IF NEW.number_id IS DISTINCT FROM OLD.number_id OR NEW.released_on IS DISTINCT FROM OLD.released_on
             OR NEW.released_at IS DISTINCT FROM OLD.released_at OR NEW.released_by_id IS DISTINCT FROM OLD.released_by_id THEN
            IF NOT 'clerk' = ANY(v_part) THEN
              RAISE EXCEPTION 'only the unit''s clerk numbers and releases' USING ERRCODE = '42501';
            END IF;
            IF NEW.number_id IS NOT NULL THEN
              SELECT * INTO v_number FROM register_numbers WHERE id = NEW.number_id;
              IF v_number.id IS NULL OR v_number.unit_id <> OLD.unit_id OR v_number.subject_type IS DISTINCT FROM 'outgoing'
                 OR v_number.subject_id IS DISTINCT FROM OLD.id OR v_number.series NOT LIKE 'di%' THEN
                RAISE EXCEPTION 'the number must be one the unit''s register gave this document' USING ERRCODE = '42501';
              END IF;
            END IF;
          END IF;
          IF NEW.status IS DISTINCT FROM OLD.status THEN
            IF NOT (
                 (NEW.status = 'in_review' AND OLD.status IN ('draft', 'in_review') AND 'drafter' = ANY(v_part))
              OR (NEW.status = 'approved' AND OLD.status IN ('draft', 'in_review') AND v_part && ARRAY['signer', 'leader']
                  AND NEW.approved_by_id = nghisu_current_person())
              OR (NEW.status = 'signed' AND OLD.status = 'approved' AND 'signer' = ANY(v_part))
              OR (NEW.status = 'released' AND OLD.status = 'signed' AND 'clerk' = ANY(v_part) AND NEW.number_id IS NOT NULL
                  AND NEW.released_on IS NOT NULL)
              OR (NEW.status = 'cancelled' AND OLD.status = 'released' AND 'clerk' = ANY(v_part)
                  AND EXISTS (SELECT 1 FROM register_numbers n WHERE n.id = OLD.number_id AND n.cancelled_at IS NOT NULL))
            ) THEN
              RAISE EXCEPTION 'not this person''s step (% to %)', OLD.status, NEW.status USING ERRCODE = '42501';
            END IF;
          END IF;
          RETURN NEW;
        END $$""",
    # 0016's rule (meeting papers, incoming files) plus the versions of outgoing documents.
    "nghisu_can_see_blob(text)": """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (SELECT 1 FROM document_versions v WHERE v.blob_sha256 = $1 AND nghisu_can_see_document(v.document_id))
            OR EXISTS (SELECT 1 FROM incoming_documents e WHERE e.file_sha256 = $1 AND nghisu_can_see_incoming(e.id))
            OR EXISTS (SELECT 1 FROM outgoing_versions v WHERE v.blob_sha256 = $1 AND nghisu_can_see_outgoing(v.outgoing_id)) $$""",
}
PUBLIC = ("nghisu_can_see_outgoing(integer)", "nghisu_outgoing_part(integer)",
          "nghisu_may_add_outgoing_version(integer, text)", "nghisu_is_unit_leader(integer)")
SEE = "nghisu_can_see_outgoing(outgoing_id)"
POLICIES = {
    "outgoing_documents": {
        "select": "nghisu_can_see_outgoing(id)",
        "insert": f"drafter_id = {ME} AND created_by_id = {ME} AND (nghisu_in_unit(drafting_unit_id)) AND status = 'draft' "
                  "AND number_id IS NULL AND released_on IS NULL AND approved_at IS NULL AND signed_at IS NULL "
                  "AND nghisu_rank(classification) <= nghisu_clearance()",
        "update": "cardinality(nghisu_outgoing_part(id)) > 0"},
    "outgoing_versions": {"select": SEE, "insert": f"nghisu_may_add_outgoing_version(outgoing_id, kind) AND created_by_id = {ME}"},
    "outgoing_reviewers": {"select": SEE, "insert": "'drafter' = ANY(nghisu_outgoing_part(outgoing_id))"},
    "outgoing_comments": {
        "select": SEE,
        "insert": f"author_id = {ME} AND 'reviewer' = ANY(nghisu_outgoing_part(outgoing_id)) AND answered_in_version_no IS NULL",
        "update": "'drafter' = ANY(nghisu_outgoing_part(outgoing_id))"},
    "outgoing_dispatches": {
        "select": f"{SEE} OR (recipient_unit_id IS NOT NULL AND nghisu_in_unit(recipient_unit_id))",
        "insert": "'clerk' = ANY(nghisu_outgoing_part(outgoing_id))",
        "update": "'clerk' = ANY(nghisu_outgoing_part(outgoing_id)) OR (recipient_unit_id IS NOT NULL AND "
                  "nghisu_may_number(recipient_unit_id, 'den', NULL, NULL))"},
}
#: The drafter answers a comment; its words, author and version stay as written.
COLUMN_GRANTS = {("outgoing_comments", "update"): "answered_in_version_no, answer"}
OLD_SEE_BLOB = """RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
        SELECT EXISTS (SELECT 1 FROM document_versions v WHERE v.blob_sha256 = $1 AND nghisu_can_see_document(v.document_id))
            OR EXISTS (SELECT 1 FROM incoming_documents e WHERE e.file_sha256 = $1 AND nghisu_can_see_incoming(e.id)) $$"""


def _create_tables() -> None:
    op.create_table(
        "outgoing_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("drafting_unit_id", sa.Integer(), nullable=False),
        sa.Column("drafter_id", sa.Integer(), nullable=False),
        sa.Column("signer_id", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=1000), nullable=False),
        sa.Column("classification", sa.String(length=16), nullable=False),
        sa.Column("authority", sa.String(length=16), nullable=False),
        sa.Column("layout", sa.JSON(), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("current_version_no", sa.Integer(), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("number_id", sa.Integer(), nullable=True),
        sa.Column("released_on", sa.Date(), nullable=True),
        sa.Column("released_at", sa.DateTime(), nullable=True),
        sa.Column("released_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_outgoing_documents_unit_id_units"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["drafting_unit_id"], ["units.id"],
                                name=op.f("fk_outgoing_documents_drafting_unit_id_units"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["drafter_id"], ["persons.id"], name=op.f("fk_outgoing_documents_drafter_id_persons"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["signer_id"], ["persons.id"], name=op.f("fk_outgoing_documents_signer_id_persons"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["number_id"], ["register_numbers.id"],
                                name=op.f("fk_outgoing_documents_number_id_register_numbers"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_documents")),
    )
    for col in ("unit_id", "drafting_unit_id", "drafter_id", "signer_id", "status"):
        op.create_index(op.f(f"ix_outgoing_documents_{col}"), "outgoing_documents", [col], unique=False)
    op.create_table(
        "outgoing_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outgoing_id", sa.Integer(), nullable=False),
        sa.Column("version_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("blob_sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["outgoing_id"], ["outgoing_documents.id"],
                                name=op.f("fk_outgoing_versions_outgoing_id_outgoing_documents"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["blob_sha256"], ["blobs.sha256"], name=op.f("fk_outgoing_versions_blob_sha256_blobs"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_versions")),
        sa.UniqueConstraint("outgoing_id", "version_no", name="uq_outgoing_versions_no"),
    )
    op.create_index(op.f("ix_outgoing_versions_outgoing_id"), "outgoing_versions", ["outgoing_id"], unique=False)
    op.create_table(
        "outgoing_reviewers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outgoing_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("asked_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["outgoing_id"], ["outgoing_documents.id"],
                                name=op.f("fk_outgoing_reviewers_outgoing_id_outgoing_documents"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_outgoing_reviewers_person_id_persons"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_reviewers")),
        sa.UniqueConstraint("outgoing_id", "person_id", name="uq_outgoing_reviewers_person"),
    )
    op.create_index(op.f("ix_outgoing_reviewers_outgoing_id"), "outgoing_reviewers", ["outgoing_id"], unique=False)
    op.create_index(op.f("ix_outgoing_reviewers_person_id"), "outgoing_reviewers", ["person_id"], unique=False)
    op.create_table(
        "outgoing_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outgoing_id", sa.Integer(), nullable=False),
        sa.Column("version_no", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("agrees", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("answered_in_version_no", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["outgoing_id"], ["outgoing_documents.id"],
                                name=op.f("fk_outgoing_comments_outgoing_id_outgoing_documents"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["persons.id"], name=op.f("fk_outgoing_comments_author_id_persons"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_comments")),
    )
    op.create_index(op.f("ix_outgoing_comments_outgoing_id"), "outgoing_comments", ["outgoing_id"], unique=False)
    op.create_index(op.f("ix_outgoing_comments_author_id"), "outgoing_comments", ["author_id"], unique=False)
    op.create_table(
        "outgoing_dispatches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outgoing_id", sa.Integer(), nullable=False),
        sa.Column("recipient_unit_id", sa.Integer(), nullable=True),
        sa.Column("recipient_name", sa.String(length=300), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("dispatched_at", sa.DateTime(), nullable=False),
        sa.Column("dispatched_by_id", sa.Integer(), nullable=True),
        sa.Column("incoming_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["outgoing_id"], ["outgoing_documents.id"],
                                name=op.f("fk_outgoing_dispatches_outgoing_id_outgoing_documents"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recipient_unit_id"], ["units.id"],
                                name=op.f("fk_outgoing_dispatches_recipient_unit_id_units"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_dispatches")),
    )
    op.create_index(op.f("ix_outgoing_dispatches_outgoing_id"), "outgoing_dispatches", ["outgoing_id"], unique=False)
    op.create_index(op.f("ix_outgoing_dispatches_recipient_unit_id"), "outgoing_dispatches", ["recipient_unit_id"],
                    unique=False)


TABLES = ("outgoing_documents", "outgoing_versions", "outgoing_reviewers", "outgoing_comments", "outgoing_dispatches")


def upgrade() -> None:
    _create_tables()
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # embedded mode has no logins: whoever opens the folder is trusted
    schema = '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'
    for signature, body in FUNCTIONS.items():
        verb = "CREATE OR REPLACE FUNCTION" if signature.startswith("nghisu_can_see_blob") else "CREATE FUNCTION"
        sql = f"{verb} {signature} " + body.format(definer=_DEFINER.format(schema=schema), owner=OWNER)
        bind.exec_driver_sql(sql.replace("%", "%%"))
    for signature in PUBLIC:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO nghisu_desktop")
    op.execute("REVOKE ALL ON FUNCTION nghisu_guard_outgoing() FROM PUBLIC")
    op.execute("CREATE TRIGGER nghisu_guard_outgoing BEFORE UPDATE ON outgoing_documents "
               "FOR EACH ROW EXECUTE FUNCTION nghisu_guard_outgoing()")
    for table, policies in POLICIES.items():
        grants = ["SELECT"] + [c.upper() for c in ("insert", "update") if c in policies and (table, c) not in COLUMN_GRANTS]
        op.execute(f"GRANT {', '.join(grants)} ON {table} TO nghisu_desktop")
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        for command, predicate in policies.items():
            clause = {"select": "USING ({p})", "insert": "WITH CHECK ({p})",
                      "update": "USING ({p}) WITH CHECK ({p})"}[command].format(p=predicate)
            op.execute(f'CREATE POLICY "{table}_{command}" ON "{table}" FOR {command.upper()} TO nghisu_desktop {clause}')
    for (table, command), columns in COLUMN_GRANTS.items():
        op.execute(f"GRANT {command.upper()} ({columns}) ON {table} TO nghisu_desktop")
    op.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO nghisu_desktop')


def downgrade() -> None:
    bind = op.get_bind()
    for table in reversed(TABLES):
        op.drop_table(table)
    if bind.dialect.name == "postgresql":
        schema = '"' + bind.execute(sa.text("SELECT current_schema()")).scalar_one() + '"'
        sql = "CREATE OR REPLACE FUNCTION nghisu_can_see_blob(text) " + OLD_SEE_BLOB.format(
            definer=_DEFINER.format(schema=schema))
        bind.exec_driver_sql(sql.replace("%", "%%"))
        for signature in (*PUBLIC, "nghisu_guard_outgoing()"):
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
