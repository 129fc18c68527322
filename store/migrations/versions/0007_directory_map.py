"""The administrative map as data: level schemes, unit kinds and particulars, unit history and
reorganisations, people's roles, body rules and how a person proves who they are.

Revision ID: 0007_directory_map
Revises: 0006_ballot_box
Create Date: 2026-12-01

Until now the code fixed three levels (province → district → commune) and guessed a unit's
place name and its People's Committee's name from its name. Now:
- ``level_schemes`` / ``unit_levels`` / ``level_parents`` hold the levels of each map, their
  Vietnamese (and English) names and which level may sit under which. Two schemes ship:
  ``2025`` (trung ương → tỉnh → xã, since 1 July 2025) and ``2019`` (tỉnh → huyện → xã).
  A store created by this revision uses ``2025``; a store that already holds units keeps
  ``2019``, and every unit keeps its level.
- ``units`` gain their scheme, kind (administrative body, office, agency, board), official
  and short names, place name for date lines, abbreviation for document symbols, the
  identifier code for inter-agency exchange (QCVN 102:2016/BTTTT), validity dates, a
  successor, and the body's quorum and passing rules (NULL: the law's defaults).
  Existing units get, once, what the code used to derive at run time ("Tỉnh X" →
  "Ủy ban nhân dân tỉnh X", "UBND tỉnh X", place "X", abbreviation "UBND"); from now on
  these are data and nobody derives them.
- ``unit_history`` keeps what a unit was called (and where it sat) before each change, so
  old meetings, papers and signatures still show the names of their day;
  ``reorganisations`` records each decision (merge, rename, move, dissolve, new scheme).
- ``person_roles``: văn thư, thư ký, lãnh đạo, chuyên viên, đại biểu, thành viên (of the
  body, for quorum and votes), per unit, with dates.
- ``person_identities``: in embedded mode, how a person proves who they are on this
  computer (a PIN's scrypt hash, or the operating-system account they use).

The seed below is the only place the shipped schemes are written down; code reads them
from the store.
"""

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0007_directory_map"
down_revision = "0006_ballot_box"
branch_labels = None
depends_on = None

SCHEMES = [
    # code, name, valid_from, valid_to
    ("2025", "Chính quyền địa phương hai cấp (từ 01/7/2025): trung ương → tỉnh → xã", "2025-07-01", None),
    ("2019", "Chính quyền địa phương ba cấp (đến 30/6/2025): tỉnh → huyện → xã", None, "2025-07-01"),
]
# scheme, code, rank, name, short, name_en, short_en, may_be_root, default_abbreviation
LEVELS = [
    ("2025", "central", 0, "trung ương", "trung ương", "central government", "central", True, "CP"),
    ("2025", "province", 1, "tỉnh, thành phố trực thuộc trung ương", "tỉnh",
     "province or centrally-run city", "province", True, "UBND"),
    ("2025", "commune", 2, "xã, phường, đặc khu", "xã", "commune, ward or special zone", "commune", False, "UBND"),
    ("2019", "province", 0, "tỉnh, thành phố trực thuộc trung ương", "tỉnh",
     "province or centrally-run city", "province", True, "UBND"),
    ("2019", "district", 1, "huyện, quận, thị xã, thành phố thuộc tỉnh", "huyện",
     "district, town or provincial city", "district", False, "UBND"),
    ("2019", "commune", 2, "xã, phường, thị trấn", "xã", "commune, ward or township", "commune", False, "UBND"),
]
# scheme, parent level, child level
PARENTS = [
    ("2025", "central", "province"),
    ("2025", "province", "commune"),
    ("2019", "province", "district"),
    ("2019", "district", "commune"),
]
# What run-time code used to cut off a unit's name to get its place name, applied once to
# existing units (longest first, so "Thành phố" is not read as "Thành").
_OLD_PREFIXES = ("huyện đảo ", "thành phố ", "thị trấn ", "đặc khu ", "thị xã ", "huyện ", "phường ", "quận ",
                 "tỉnh ", "xã ")

NEW_TABLES = ("level_schemes", "unit_levels", "level_parents", "unit_history", "reorganisations",
              "person_roles", "person_identities")
ANYONE = "nghisu_current_person() IS NOT NULL"
ADMIN = "nghisu_is_admin()"
OWN_OR_ADMIN = f"person_id = nghisu_current_person() OR {ADMIN}"
DIRECTORY = {"select": ANYONE, "insert": ADMIN, "update": ADMIN, "delete": ADMIN}
POLICIES = {
    "level_schemes": DIRECTORY, "unit_levels": DIRECTORY, "level_parents": DIRECTORY, "unit_history": DIRECTORY,
    "reorganisations": DIRECTORY, "person_roles": DIRECTORY,
    # PIN hashes: a person's own row, and administrators (who reset a forgotten PIN).
    "person_identities": {"select": OWN_OR_ADMIN, "insert": OWN_OR_ADMIN, "update": OWN_OR_ADMIN,
                          "delete": OWN_OR_ADMIN},
}


def _create_tables() -> None:
    op.create_table(
        "level_schemes",
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_level_schemes")),
    )
    op.create_table(
        "unit_levels",
        sa.Column("scheme", sa.String(16), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("short", sa.String(50), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("short_en", sa.String(50), nullable=False),
        sa.Column("may_be_root", sa.Boolean(), nullable=False),
        sa.Column("default_abbreviation", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["scheme"], ["level_schemes.code"], name=op.f("fk_unit_levels_scheme_level_schemes"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("scheme", "code", name=op.f("pk_unit_levels")),
    )
    op.create_table(
        "level_parents",
        sa.Column("scheme", sa.String(16), nullable=False),
        sa.Column("parent_level", sa.String(16), nullable=False),
        sa.Column("child_level", sa.String(16), nullable=False),
        sa.ForeignKeyConstraint(["scheme", "parent_level"], ["unit_levels.scheme", "unit_levels.code"],
                                name="fk_level_parents_parent_unit_levels", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["scheme", "child_level"], ["unit_levels.scheme", "unit_levels.code"],
                                name="fk_level_parents_child_unit_levels", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("scheme", "parent_level", "child_level", name=op.f("pk_level_parents")),
    )
    op.create_table(
        "reorganisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("decision", sa.String(300), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reorganisations")),
    )
    op.create_table(
        "unit_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("official_name", sa.String(300), nullable=False),
        sa.Column("short_name", sa.String(200), nullable=False),
        sa.Column("place_name", sa.String(100), nullable=False),
        sa.Column("abbreviation", sa.String(32), nullable=False),
        sa.Column("identifier", sa.String(16), nullable=True),
        sa.Column("scheme", sa.String(16), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("reorganisation_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_unit_history_unit_id_units"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reorganisation_id"], ["reorganisations.id"],
                                name=op.f("fk_unit_history_reorganisation_id_reorganisations"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_history")),
    )
    op.create_index(op.f("ix_unit_history_unit_id"), "unit_history", ["unit_id"], unique=False)
    op.create_table(
        "person_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_person_roles_person_id_persons"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_person_roles_unit_id_units"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_roles")),
    )
    op.create_index(op.f("ix_person_roles_person_id"), "person_roles", ["person_id"], unique=False)
    op.create_index(op.f("ix_person_roles_unit_id"), "person_roles", ["unit_id"], unique=False)
    op.create_table(
        "person_identities",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("os_user", sa.String(128), nullable=True),
        sa.Column("pin_hash", sa.String(200), nullable=True),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_person_identities_person_id_persons"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_person_identities")),
    )
    op.create_index(op.f("ix_person_identities_os_user"), "person_identities", ["os_user"], unique=True)


def _extend_units() -> None:
    # ADD COLUMN only: SQLite would otherwise rebuild ``units``, which every table references.
    add = op.add_column
    add("units", sa.Column("scheme", sa.String(16), nullable=False, server_default="2019"))
    add("units", sa.Column("kind", sa.String(16), nullable=False, server_default="administrative"))
    add("units", sa.Column("official_name", sa.String(300), nullable=False, server_default=""))
    add("units", sa.Column("short_name", sa.String(200), nullable=False, server_default=""))
    add("units", sa.Column("place_name", sa.String(100), nullable=False, server_default=""))
    add("units", sa.Column("abbreviation", sa.String(32), nullable=False, server_default=""))
    add("units", sa.Column("identifier", sa.String(16), nullable=True))
    add("units", sa.Column("valid_from", sa.Date(), nullable=True))
    add("units", sa.Column("valid_to", sa.Date(), nullable=True))
    add("units", sa.Column("successor_id", sa.Integer(), nullable=True))
    add("units", sa.Column("quorum_rule", sa.String(16), nullable=True))
    add("units", sa.Column("passing_rule", sa.String(16), nullable=True))
    op.create_index("ix_units_identifier", "units", ["identifier"], unique=True)
    op.create_index(op.f("ix_units_scheme"), "units", ["scheme"], unique=False)


def _place_name(name: str) -> str:
    lowered = name.casefold()
    for prefix in _OLD_PREFIXES:
        if lowered.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):].strip()
    return name


def _seed(bind) -> None:
    existing = bind.execute(sa.text("SELECT id, name FROM units")).all()
    current = "2019" if existing else "2025"
    schemes = sa.table("level_schemes", sa.column("code"), sa.column("name"), sa.column("valid_from", sa.Date),
                       sa.column("valid_to", sa.Date), sa.column("current"))
    def day(text: str | None):
        return date.fromisoformat(text) if text else None

    op.bulk_insert(schemes, [{"code": c, "name": n, "valid_from": day(f), "valid_to": day(t), "current": c == current}
                             for c, n, f, t in SCHEMES])
    levels = sa.table("unit_levels", *(sa.column(c) for c in (
        "scheme", "code", "rank", "name", "short", "name_en", "short_en", "may_be_root", "default_abbreviation")))
    op.bulk_insert(levels, [dict(zip(("scheme", "code", "rank", "name", "short", "name_en", "short_en", "may_be_root",
                                      "default_abbreviation"), row, strict=True)) for row in LEVELS])
    parents = sa.table("level_parents", sa.column("scheme"), sa.column("parent_level"), sa.column("child_level"))
    op.bulk_insert(parents, [{"scheme": s, "parent_level": p, "child_level": c} for s, p, c in PARENTS])
    for unit_id, name in existing:
        lower = name[:1].lower() + name[1:]
        bind.execute(sa.text(
            "UPDATE units SET official_name = :o, short_name = :s, place_name = :p, abbreviation = 'UBND' "
            "WHERE id = :id"), {"o": f"Ủy ban nhân dân {lower}", "s": f"UBND {lower}", "p": _place_name(name),
                                "id": unit_id})


def _postgres(bind) -> None:
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    op.create_foreign_key("fk_units_level_unit_levels", "units", "unit_levels", ["scheme", "level"],
                          ["scheme", "code"], ondelete="RESTRICT")
    op.create_foreign_key("fk_units_successor_id_units", "units", "units", ["successor_id"], ["id"],
                          ondelete="RESTRICT")
    tables = ", ".join(NEW_TABLES)
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO nghisu_desktop")
    op.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO nghisu_desktop')
    for table in NEW_TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        for command, predicate in POLICIES[table].items():
            clause = {"select": f"USING ({predicate})", "insert": f"WITH CHECK ({predicate})",
                      "delete": f"USING ({predicate})",
                      "update": f"USING ({predicate}) WITH CHECK ({predicate})"}[command]
            op.execute(f'CREATE POLICY "{table}_{command}" ON "{table}" FOR {command.upper()} TO nghisu_desktop {clause}')


def upgrade() -> None:
    bind = op.get_bind()
    _create_tables()
    _extend_units()
    _seed(bind)
    if bind.dialect.name == "postgresql":
        _postgres(bind)


NEW_UNIT_COLUMNS = ("scheme", "kind", "official_name", "short_name", "place_name", "abbreviation", "identifier",
                    "valid_from", "valid_to", "successor_id", "quorum_rule", "passing_rule")


def downgrade() -> None:
    """Back to fixed levels: the map's tables and the units' new columns go (their content
    with them: take a backup first); every unit keeps its code, name, level and parent."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.drop_constraint("fk_units_level_unit_levels", "units", type_="foreignkey")
        op.drop_constraint("fk_units_successor_id_units", "units", type_="foreignkey")
    op.drop_index("ix_units_identifier", table_name="units")
    op.drop_index(op.f("ix_units_scheme"), table_name="units")
    for column in NEW_UNIT_COLUMNS:
        # SQLite (3.35+) drops a column in place; rebuilding ``units`` would trip every reference to it.
        op.execute(f'ALTER TABLE units DROP COLUMN "{column}"')
    for table in ("person_identities", "person_roles", "unit_history", "reorganisations", "level_parents",
                  "unit_levels", "level_schemes"):
        op.drop_table(table)

