"""Copy a live schema's access rules onto a scratch schema, so that they can be probed there.

The behaviour check never writes into the store it checks: it builds its scenery in a
throw-away schema of the same database (migrated by this version), then replaces that
schema's rules with the live schema's own, as they are now: row-level security switches,
policies, table and column grants, and the ``nghisu_*`` functions the policies call. A policy
loosened by hand in the live schema is thus loosened in the probe too.
"""

from __future__ import annotations

import re

import psycopg
from psycopg import sql

GRANTEES = ("nghisu_desktop", "nghisu_admin")


def _functions(conn: psycopg.Connection, live: str, scratch: str) -> None:
    for (ddl,) in conn.execute(
            "SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = %s AND p.proname LIKE 'nghisu%%' AND p.prokind = 'f'", (live,)).fetchall():
        head, sep, body = ddl.partition("AS $function$")
        # Only the header names the schema (the function's own name and its pinned search_path).
        head = re.sub(rf"(?<![\w$]){re.escape(live)}(?![\w$])", scratch, head)
        head = head.replace(f'"{scratch}"', scratch)
        conn.execute(head + sep + body)


def _policies(conn: psycopg.Connection, live: str, scratch: str) -> None:
    for table, name in conn.execute("SELECT tablename, policyname FROM pg_policies WHERE schemaname = %s",
                                    (scratch,)).fetchall():
        conn.execute(sql.SQL("DROP POLICY {} ON {}.{}").format(
            sql.Identifier(name), sql.Identifier(scratch), sql.Identifier(table)))
    conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(live)))
    rows = conn.execute("SELECT tablename, policyname, permissive, roles::text[], cmd, qual, with_check "
                        "FROM pg_policies WHERE schemaname = %s", (live,)).fetchall()
    conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(scratch)))
    for table, name, permissive, roles, cmd, qual, check in rows:
        stmt = sql.SQL("CREATE POLICY {} ON {} AS {} FOR {} TO {}").format(
            sql.Identifier(name), sql.Identifier(table), sql.SQL(permissive), sql.SQL(cmd),
            sql.SQL(", ").join(sql.SQL("PUBLIC") if r == "public" else sql.Identifier(r) for r in roles))
        if qual is not None:
            stmt += sql.SQL(" USING ({})").format(sql.SQL(qual))
        if check is not None:
            stmt += sql.SQL(" WITH CHECK ({})").format(sql.SQL(check))
        conn.execute(stmt)


def _grants(conn: psycopg.Connection, live: str, scratch: str) -> None:
    tables = [t for (t,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (scratch,))]
    for table in tables:
        for grantee in (*GRANTEES, "PUBLIC"):
            who = sql.SQL("PUBLIC") if grantee == "PUBLIC" else sql.Identifier(grantee)
            conn.execute(sql.SQL("REVOKE ALL ON {}.{} FROM {}").format(sql.Identifier(scratch), sql.Identifier(table), who))
    for table, column, privilege, grantee in conn.execute(
            "SELECT c.relname, NULL::text, a.privilege_type, COALESCE(r.rolname, 'PUBLIC') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a "
            "LEFT JOIN pg_roles r ON r.oid = a.grantee "
            "WHERE n.nspname = %s AND c.relkind = 'r' AND (r.rolname = ANY(%s) OR a.grantee = 0) "
            "UNION ALL "
            "SELECT c.relname, t.attname, a.privilege_type, COALESCE(r.rolname, 'PUBLIC') "
            "FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace, "
            "aclexplode(t.attacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee "
            "WHERE n.nspname = %s AND c.relkind = 'r' AND (r.rolname = ANY(%s) OR a.grantee = 0)",
            (live, list(GRANTEES), live, list(GRANTEES))).fetchall():
        if table not in tables:
            continue
        who = sql.SQL("PUBLIC") if grantee == "PUBLIC" else sql.Identifier(grantee)
        cols = sql.SQL("") if column is None else sql.SQL(" ({})").format(sql.Identifier(column))
        conn.execute(sql.SQL("GRANT {}{} ON {}.{} TO {}").format(
            sql.SQL(privilege), cols, sql.Identifier(scratch), sql.Identifier(table), who))


def _switches(conn: psycopg.Connection, live: str, scratch: str) -> None:
    for table, rls, force in conn.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r'", (live,)).fetchall():
        target = sql.SQL("{}.{}").format(sql.Identifier(scratch), sql.Identifier(table))
        if not conn.execute("SELECT to_regclass(%s)", (f'"{scratch}"."{table}"',)).fetchone()[0]:
            continue
        conn.execute(sql.SQL("ALTER TABLE {} {} ROW LEVEL SECURITY").format(
            target, sql.SQL("ENABLE" if rls else "DISABLE")))
        conn.execute(sql.SQL("ALTER TABLE {} {} ROW LEVEL SECURITY").format(
            target, sql.SQL("FORCE" if force else "NO FORCE")))


def copy_access_rules(conn: psycopg.Connection, live: str, scratch: str) -> None:
    """Give ``scratch`` the live schema's rules (one transaction: all or nothing)."""
    with conn.transaction():
        _functions(conn, live, scratch)
        _policies(conn, live, scratch)
        _grants(conn, live, scratch)
        _switches(conn, live, scratch)
