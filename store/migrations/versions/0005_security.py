"""Security: people's logins, clearances and unit roles, encryption keys of classified papers,
and (PostgreSQL) row-level security on every table.

Joins the signing and live-meeting branches: its policies cover their tables too.

Revision ID: 0005_security
Revises: 0003_signing, 0004_live
Create Date: 2026-11-28

How access is decided in the shared store (see store/accounts.py for the roles):
- Desktops connect as a person's own login (member of ``nghisu_desktop``); the schema owner
  (who runs these migrations) is never used by desktops and bypasses row-level security
  as table owner (RLS is enabled, not forced, so migrations and the functions below work).
- ``nghisu_current_person()`` maps ``session_user`` to an active person through
  ``person_logins``; every predicate starts from it, so a switched-off login sees nothing,
  even in a session opened before.
- The predicates are SECURITY DEFINER functions owned by the schema owner with a fixed
  search_path: they read the tables they need without recursing into policies, and nobody
  can shadow a table with one of their own.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_security"
down_revision = ("0003_signing", "0004_live")
branch_labels = None
depends_on = None

NEW_TABLES = "person_logins, person_clearances, unit_roles, person_keys, person_key_secrets, document_keys"

_DEF = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp"
FUNCTIONS = {
    "nghisu_current_person()": ("integer", """
        SELECT l.person_id FROM person_logins l JOIN persons p ON p.id = l.person_id
        WHERE l.role_name = session_user AND l.enabled AND p.active"""),
    "nghisu_is_admin()": ("boolean", """
        SELECT nghisu_current_person() IS NOT NULL AND pg_has_role(session_user, 'nghisu_admin', 'MEMBER')"""),
    "nghisu_rank(text)": ("integer", "SELECT CASE $1 WHEN 'toi_mat' THEN 2 WHEN 'mat' THEN 1 ELSE 0 END"),
    "nghisu_clearance()": ("integer", """
        SELECT COALESCE((SELECT nghisu_rank(c.clearance) FROM person_clearances c
                         WHERE c.person_id = nghisu_current_person()), 0)"""),
    "nghisu_has_unit_role(integer, text)": ("boolean", """
        SELECT EXISTS (SELECT 1 FROM unit_roles r WHERE r.person_id = nghisu_current_person()
                       AND r.unit_id = $1 AND r.role = $2)"""),
    "nghisu_can_see_meeting(integer)": ("boolean", """
        SELECT EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = $1 AND p.person_id = nghisu_current_person())
            OR EXISTS (SELECT 1 FROM meetings m WHERE m.id = $1 AND nghisu_has_unit_role(m.unit_id, 'organiser'))
            OR EXISTS (SELECT 1 FROM meeting_sites s WHERE s.meeting_id = $1
                       AND nghisu_has_unit_role(s.unit_id, 'site_clerk'))"""),
    "nghisu_can_manage_meeting(integer)": ("boolean", """
        SELECT EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = $1 AND p.person_id = nghisu_current_person()
                       AND p.role IN ('chair', 'secretary'))
            OR EXISTS (SELECT 1 FROM meetings m WHERE m.id = $1 AND nghisu_has_unit_role(m.unit_id, 'organiser'))"""),
    "nghisu_can_see_document(integer)": ("boolean", """
        SELECT EXISTS (SELECT 1 FROM documents d WHERE d.id = $1 AND nghisu_can_see_meeting(d.meeting_id)
                       AND nghisu_rank(d.classification) <= nghisu_clearance())"""),
    "nghisu_is_signer(integer)": ("boolean", """
        SELECT EXISTS (SELECT 1 FROM signing_slots sl JOIN signing_requests rq ON rq.id = sl.request_id
                       WHERE rq.document_id = $1 AND sl.person_id = nghisu_current_person())"""),
    "nghisu_can_edit_document(integer)": ("boolean", """
        SELECT EXISTS (SELECT 1 FROM documents d WHERE d.id = $1 AND nghisu_rank(d.classification) <= nghisu_clearance()
                       AND (nghisu_can_manage_meeting(d.meeting_id) OR nghisu_is_signer(d.id)))"""),
    "nghisu_can_see_blob(text)": ("boolean", """
        SELECT EXISTS (SELECT 1 FROM document_versions v WHERE v.blob_sha256 = $1
                       AND nghisu_can_see_document(v.document_id))"""),
    "nghisu_may_hold_key(integer, integer)": ("boolean", """
        SELECT EXISTS (SELECT 1 FROM documents d WHERE d.id = $1 AND nghisu_rank(d.classification)
                       <= COALESCE((SELECT nghisu_rank(c.clearance) FROM person_clearances c WHERE c.person_id = $2), 0))"""),
    "nghisu_vote_open(integer)": ("boolean", "SELECT EXISTS (SELECT 1 FROM votes v WHERE v.id = $1 AND v.status = 'open')"),
    "nghisu_is_poll_member(integer)": ("boolean", """
        SELECT EXISTS (SELECT 1 FROM opinion_members m WHERE m.poll_id = $1 AND m.person_id = nghisu_current_person())"""),
    "nghisu_can_manage_poll(integer)": ("boolean", """
        SELECT EXISTS (SELECT 1 FROM opinion_polls o WHERE o.id = $1 AND (nghisu_has_unit_role(o.unit_id, 'organiser')
                       OR (o.meeting_id IS NOT NULL AND nghisu_can_manage_meeting(o.meeting_id))))"""),
}

# Logins are made by these functions only (granted to nghisu_admin; the schema owner may call
# them too, to make the first administrator). The password arrives as a SCRAM verifier.
LOGIN_FUNCTIONS = [
    """CREATE FUNCTION nghisu_may_manage_logins() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
       SET search_path = {schema}, pg_temp AS $$ SELECT session_user = current_user OR nghisu_is_admin() $$""",
    r"""CREATE FUNCTION nghisu_create_login(p_person integer, p_role text, p_verifier text, p_admin boolean)
       RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
       DECLARE v_unit integer;
       BEGIN
         IF NOT nghisu_may_manage_logins() THEN
           RAISE EXCEPTION 'permission denied: only nghisu_admin manages logins' USING ERRCODE = '42501';
         END IF;
         IF p_role !~ '^[a-z][a-z0-9_]{{2,62}}$' THEN RAISE EXCEPTION 'invalid login name %', p_role; END IF;
         IF p_verifier !~ '^SCRAM-SHA-256\$' THEN RAISE EXCEPTION 'a SCRAM-SHA-256 verifier is required'; END IF;
         SELECT unit_id INTO v_unit FROM persons WHERE id = p_person;
         IF NOT FOUND THEN RAISE EXCEPTION 'no person %', p_person; END IF;
         IF EXISTS (SELECT 1 FROM person_logins WHERE person_id = p_person)
            OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_role) THEN
           RAISE EXCEPTION 'login % already exists', p_role USING ERRCODE = '42710';
         END IF;
         EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE nghisu_desktop', p_role, p_verifier);
         IF p_admin THEN EXECUTE format('GRANT nghisu_admin TO %I', p_role); END IF;
         INSERT INTO person_logins (person_id, unit_id, role_name, enabled, is_admin, created_at, changed_at)
         VALUES (p_person, v_unit, p_role, true, p_admin, timezone('utc', now()), timezone('utc', now()));
       END $$""",
    """CREATE FUNCTION nghisu_set_login_enabled(p_person integer, p_enabled boolean)
       RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
       DECLARE v_role text;
       BEGIN
         IF NOT nghisu_may_manage_logins() THEN
           RAISE EXCEPTION 'permission denied: only nghisu_admin manages logins' USING ERRCODE = '42501';
         END IF;
         SELECT role_name INTO v_role FROM person_logins WHERE person_id = p_person;
         IF NOT FOUND THEN RETURN false; END IF;
         EXECUTE format('ALTER ROLE %I %s', v_role, CASE WHEN p_enabled THEN 'LOGIN' ELSE 'NOLOGIN' END);
         UPDATE person_logins SET enabled = p_enabled, changed_at = timezone('utc', now()) WHERE person_id = p_person;
         IF NOT p_enabled THEN
           BEGIN  -- end the person's open sessions too, where the owner may (they already see nothing)
             PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = v_role AND pid <> pg_backend_pid();
           EXCEPTION WHEN insufficient_privilege THEN NULL;
           END;
         END IF;
         RETURN true;
       END $$""",
    r"""CREATE FUNCTION nghisu_reset_password(p_person integer, p_verifier text)
       RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
       DECLARE v_role text;
       BEGIN
         IF NOT nghisu_may_manage_logins() THEN
           RAISE EXCEPTION 'permission denied: only nghisu_admin manages logins' USING ERRCODE = '42501';
         END IF;
         IF p_verifier !~ '^SCRAM-SHA-256\$' THEN RAISE EXCEPTION 'a SCRAM-SHA-256 verifier is required'; END IF;
         SELECT role_name INTO v_role FROM person_logins WHERE person_id = p_person;
         IF NOT FOUND THEN RETURN false; END IF;
         EXECUTE format('ALTER ROLE %I PASSWORD %L', v_role, p_verifier);
         RETURN true;
       END $$""",
    # Blobs are content-addressed and shared: storing bytes someone else already stored (in a
    # meeting this person cannot see) must not fail on the hidden row, nor reveal it.
    """CREATE FUNCTION nghisu_blob_once() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
       SET search_path = {schema}, pg_temp AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM blobs WHERE sha256 = NEW.sha256) THEN RETURN NULL; END IF;
         RETURN NEW;
       END $$""",
    """CREATE FUNCTION nghisu_blob_chunk_once() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
       SET search_path = {schema}, pg_temp AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM blob_chunks WHERE sha256 = NEW.sha256 AND seq = NEW.seq) THEN RETURN NULL; END IF;
         RETURN NEW;
       END $$""",
    "CREATE TRIGGER blobs_once BEFORE INSERT ON blobs FOR EACH ROW EXECUTE FUNCTION nghisu_blob_once()",
    "CREATE TRIGGER blob_chunks_once BEFORE INSERT ON blob_chunks FOR EACH ROW EXECUTE FUNCTION nghisu_blob_chunk_once()",
]

ME = "nghisu_current_person()"
ANYONE = "nghisu_current_person() IS NOT NULL"
ADMIN = "nghisu_is_admin()"
SEE_M = "nghisu_can_see_meeting(meeting_id)"
MANAGE_M = "nghisu_can_manage_meeting(meeting_id)"
SEE_D = "nghisu_can_see_document(document_id)"
EDIT_D = "nghisu_can_edit_document(document_id)"
CLEARED = "nghisu_rank(classification) <= nghisu_clearance()"
SITE_CLERK = "(nghisu_has_unit_role(site_unit_id, 'site_clerk') AND nghisu_can_see_meeting(meeting_id))"
DIRECTORY = {"select": ANYONE, "insert": ADMIN, "update": ADMIN, "delete": ADMIN}
BY_MEETING = {"select": SEE_M, "insert": MANAGE_M, "update": MANAGE_M, "delete": MANAGE_M}
BY_DOCUMENT = {"select": SEE_D, "insert": EDIT_D, "update": MANAGE_M, "delete": MANAGE_M}
OWN = f"person_id = {ME}"

#: table → {command: predicate}; a command left out is refused to every desktop. An update's
#: predicate may be a pair (USING: rows one may lock or touch, WITH CHECK: what one may write).
POLICIES: dict[str, dict[str, str | tuple[str, str]]] = {
    "units": DIRECTORY, "persons": DIRECTORY, "settings": DIRECTORY, "office_policy": DIRECTORY,
    "trust_roots": DIRECTORY, "person_clearances": DIRECTORY, "unit_roles": DIRECTORY,
    "office_test_ca": {"select": ADMIN, "insert": ADMIN, "update": ADMIN, "delete": ADMIN},
    "person_logins": {"select": f"{OWN} OR {ADMIN}"},
    "audit_head": {"select": ANYONE, "update": ANYONE},
    "audit_log": {"select": f"{ADMIN} OR actor_id = {ME} OR (meeting_id IS NOT NULL AND nghisu_can_see_meeting(meeting_id))",
                  "insert": f"actor_id = {ME}"},
    "blobs": {"select": "nghisu_can_see_blob(sha256)", "insert": ANYONE},
    "blob_chunks": {"select": "nghisu_can_see_blob(sha256)", "insert": ANYONE},
    "meetings": {"select": "nghisu_can_see_meeting(id) OR nghisu_has_unit_role(unit_id, 'organiser')",
                 "insert": "nghisu_has_unit_role(unit_id, 'organiser')",
                 "update": "nghisu_can_manage_meeting(id)", "delete": "nghisu_has_unit_role(unit_id, 'organiser')"},
    "meeting_sites": BY_MEETING, "participants": BY_MEETING, "agenda_items": BY_MEETING,
    "documents": {"select": f"{SEE_M} AND {CLEARED}", "insert": f"{MANAGE_M} AND {CLEARED}",
                  "update": f"({MANAGE_M} OR nghisu_is_signer(id)) AND {CLEARED}", "delete": MANAGE_M},
    "document_versions": BY_DOCUMENT, "document_pages": BY_DOCUMENT,
    "deliveries": {"select": f"({OWN} AND {SEE_D}) OR {MANAGE_M}", "insert": EDIT_D,
                   "update": f"{OWN} OR {MANAGE_M}", "delete": MANAGE_M},
    "person_certificates": {"select": ANYONE, "insert": f"{OWN} OR {ADMIN}", "update": f"{OWN} OR {ADMIN}",
                            "delete": f"{OWN} OR {ADMIN}"},
    "signing_requests": {"select": f"{SEE_M} AND {SEE_D}", "insert": f"{MANAGE_M} AND {SEE_D}",
                         "update": f"{MANAGE_M} OR nghisu_is_signer(document_id)", "delete": MANAGE_M},
    # A signer signs in their own slot only; nobody else may fill it in.
    "signing_slots": {"select": SEE_M, "insert": MANAGE_M, "update": OWN, "delete": MANAGE_M},
    "verification_reports": {"select": SEE_D, "insert": SEE_D, "update": MANAGE_M, "delete": MANAGE_M},
    "live_settings": BY_MEETING, "minutes": BY_MEETING, "conclusions": BY_MEETING,
    "conclusion_tasks": BY_MEETING, "presenter_positions": BY_MEETING,
    # A voter's cast locks the vote row (SELECT ... FOR UPDATE checks the UPDATE policy's USING):
    # participants may lock it, only the chair and secretary (and organisers) may change it.
    "votes": {**BY_MEETING, "update": (f"{MANAGE_M} OR {SEE_M}", MANAGE_M)},
    "speaker_requests": {"select": SEE_M, "insert": f"({OWN} AND {SEE_M}) OR {MANAGE_M}",
                         "update": f"{OWN} OR {MANAGE_M}", "delete": MANAGE_M},
    "attendance": {"select": SEE_M, "insert": f"{MANAGE_M} OR {SITE_CLERK}", "update": f"{MANAGE_M} OR {SITE_CLERK}",
                   "delete": MANAGE_M},
    "vote_site_counts": {"select": SEE_M, "insert": f"{MANAGE_M} OR {SITE_CLERK}",
                         "update": f"{MANAGE_M} OR {SITE_CLERK}", "delete": f"{MANAGE_M} OR {SITE_CLERK}"},
    "roll_call_votes": {"select": SEE_M, "insert": f"({OWN} AND {SEE_M} AND nghisu_vote_open(vote_id)) OR {MANAGE_M}",
                        "update": f"({OWN} AND nghisu_vote_open(vote_id)) OR {MANAGE_M}", "delete": MANAGE_M},
    # Who voted is public to the meeting; how is in secret_ballots, which names nobody.
    "secret_voters": {"select": SEE_M, "insert": f"{OWN} AND {SEE_M} AND nghisu_vote_open(vote_id)",
                      "delete": MANAGE_M},
    "secret_ballots": {"select": SEE_M, "insert": f"{SEE_M} AND nghisu_vote_open(vote_id)",
                       "delete": f"{SEE_M} AND nghisu_vote_open(vote_id)"},
    "opinion_polls": {
        "select": "(meeting_id IS NOT NULL AND nghisu_can_see_meeting(meeting_id)) OR "
                  "nghisu_has_unit_role(unit_id, 'organiser') OR nghisu_is_poll_member(id)",
        "insert": "nghisu_has_unit_role(unit_id, 'organiser') OR (meeting_id IS NOT NULL AND "
                  "nghisu_can_manage_meeting(meeting_id))",
        "update": "nghisu_can_manage_poll(id)", "delete": "nghisu_can_manage_poll(id)"},
    "opinion_members": {"select": f"{OWN} OR nghisu_can_manage_poll(poll_id)",
                        "insert": "nghisu_can_manage_poll(poll_id)",
                        "update": f"{OWN} OR nghisu_can_manage_poll(poll_id)", "delete": "nghisu_can_manage_poll(poll_id)"},
    "private_notes": {"select": f"{OWN} OR (shared AND {SEE_D})", "insert": f"{OWN} AND {SEE_D}",
                      "update": OWN, "delete": OWN},
    "person_keys": {"select": ANYONE, "insert": OWN, "update": OWN, "delete": OWN},
    "person_key_secrets": {"select": OWN, "insert": OWN, "update": OWN, "delete": OWN},
    "document_keys": {"select": f"{OWN} OR {MANAGE_M}",
                      "insert": f"{SEE_D} AND nghisu_may_hold_key(document_id, person_id)",
                      "delete": f"{OWN} OR {MANAGE_M}"},
}


def _create_tables() -> None:
    op.create_table('person_logins',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('role_name', sa.String(length=63), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_person_logins_person_id_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_person_logins_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_person_logins')),
    sa.UniqueConstraint('role_name', name=op.f('uq_person_logins_role_name'))
    )
    op.create_index(op.f('ix_person_logins_unit_id'), 'person_logins', ['unit_id'], unique=False)
    op.create_table('person_clearances',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('clearance', sa.String(length=16), nullable=False),
    sa.Column('set_at', sa.DateTime(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_person_clearances_person_id_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_person_clearances_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_person_clearances'))
    )
    op.create_index(op.f('ix_person_clearances_unit_id'), 'person_clearances', ['unit_id'], unique=False)
    op.create_table('unit_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('granted_at', sa.DateTime(), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_unit_roles_person_id_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_roles_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_roles')),
    sa.UniqueConstraint('person_id', 'unit_id', 'role', name='uq_unit_roles_person_unit_role')
    )
    op.create_index(op.f('ix_unit_roles_person_id'), 'unit_roles', ['person_id'], unique=False)
    op.create_index(op.f('ix_unit_roles_unit_id'), 'unit_roles', ['unit_id'], unique=False)
    op.create_table('person_keys',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('public_key', sa.LargeBinary(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_person_keys_person_id_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_person_keys_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_person_keys'))
    )
    op.create_index(op.f('ix_person_keys_unit_id'), 'person_keys', ['unit_id'], unique=False)
    op.create_table('person_key_secrets',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('salt', sa.LargeBinary(), nullable=False),
    sa.Column('scrypt_n', sa.Integer(), nullable=False),
    sa.Column('scrypt_r', sa.Integer(), nullable=False),
    sa.Column('scrypt_p', sa.Integer(), nullable=False),
    sa.Column('nonce', sa.LargeBinary(), nullable=False),
    sa.Column('sealed', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person_keys.person_id'], name=op.f('fk_person_key_secrets_person_id_person_keys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_person_key_secrets'))
    )
    op.create_index(op.f('ix_person_key_secrets_unit_id'), 'person_key_secrets', ['unit_id'], unique=False)
    op.create_table('document_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('version_no', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('ephemeral_public', sa.LargeBinary(), nullable=False),
    sa.Column('nonce', sa.LargeBinary(), nullable=False),
    sa.Column('wrapped', sa.LargeBinary(), nullable=False),
    sa.Column('granted_at', sa.DateTime(), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_keys_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_document_keys_person_id_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'], name=op.f('fk_document_keys_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_keys')),
    sa.UniqueConstraint('version_id', 'person_id', name='uq_document_keys_version_person')
    )
    op.create_index(op.f('ix_document_keys_document_id'), 'document_keys', ['document_id'], unique=False)
    op.create_index(op.f('ix_document_keys_meeting_id'), 'document_keys', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_document_keys_person_id'), 'document_keys', ['person_id'], unique=False)
    op.create_index(op.f('ix_document_keys_version_id'), 'document_keys', ['version_id'], unique=False)


def _postgres(schema: str) -> None:
    q = f'"{schema}"'
    op.execute("""DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nghisu_admin') THEN
                      CREATE ROLE nghisu_admin NOLOGIN;
                    END IF;
                  END $$""")
    op.execute("GRANT nghisu_desktop TO nghisu_admin")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {NEW_TABLES} TO nghisu_desktop")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q} TO nghisu_desktop")
    # Desktops read the schema revision (to refuse a newer store) but never write it.
    op.execute("REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM nghisu_desktop")
    for signature, (returns, body) in FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION {signature} RETURNS {returns} {_DEF.format(schema=q)} AS $$ {body} $$")
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO nghisu_desktop")
    for stmt in LOGIN_FUNCTIONS:
        op.execute(stmt.format(schema=q))
    op.execute("REVOKE ALL ON FUNCTION nghisu_blob_once(), nghisu_blob_chunk_once() FROM PUBLIC")
    for fn in ("nghisu_may_manage_logins()", "nghisu_create_login(integer, text, text, boolean)",
               "nghisu_set_login_enabled(integer, boolean)", "nghisu_reset_password(integer, text)"):
        op.execute(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {fn} TO nghisu_admin")
    tables = op.get_bind().execute(sa.text(
        "SELECT tablename FROM pg_tables WHERE schemaname = :s AND tablename <> 'alembic_version'"), {"s": schema}
    ).scalars().all()
    missing = sorted(set(tables) - set(POLICIES))
    if missing:  # a table nobody wrote a policy for is closed to desktops, never open
        import logging

        logging.getLogger(__name__).warning("no row-level policy for %s: closed to desktops", ", ".join(missing))
    for table in tables:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        for command, predicate in POLICIES.get(table, {}).items():
            using, check = predicate if isinstance(predicate, tuple) else (predicate, predicate)
            clause = {"select": "USING ({u})", "insert": "WITH CHECK ({c})", "delete": "USING ({u})",
                      "update": "USING ({u}) WITH CHECK ({c})"}[command].format(u=using, c=check)
            op.execute(f'CREATE POLICY "{table}_{command}" ON "{table}" FOR {command.upper()} TO nghisu_desktop {clause}')


def upgrade() -> None:
    _create_tables()
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _postgres(bind.execute(sa.text("SELECT current_schema()")).scalar_one())


def downgrade() -> None:
    raise NotImplementedError("restore a backup instead")
