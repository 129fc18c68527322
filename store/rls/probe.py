"""What each login may actually do, table by table: probed with raw SQL, compared with the
intended matrix (``store.rls.matrix``).

For every table, the probe takes one row of the scenery (``demo.rls_scenery``) and, for each
probe login, tries in its own rolled-back transaction:

- SELECT of that row (seen or not),
- INSERT of a copy of it (refused: no grant, or a policy's WITH CHECK; a unique or foreign-key
  error after the rules let it through counts as allowed),
- UPDATE of each column to another value of its type (allowed when the row was changed),
- DELETE of it (allowed when the row went).

Nothing a probe does is kept. The result names every difference from the matrix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

import psycopg
from psycopg import sql


class ProbeRole(StrEnum):
    MEMBER = "member"
    SITE_CLERK = "site_clerk"
    SECRETARY = "secretary"
    CHAIR = "chair"
    ORGANISER = "organiser"
    ADMIN = "admin"
    OUTSIDER = "outsider"  # a member of no meeting


class Op(StrEnum):
    SELECT = "select"
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


#: What one role may do to one table: the three row commands, and the columns it may update.
@dataclass(frozen=True)
class Access:
    select: bool = False
    insert: bool = False
    update: frozenset[str] = frozenset()
    delete: bool = False


@dataclass(frozen=True)
class Difference:
    table: str
    role: ProbeRole
    what: str  # "select", "insert", "delete" or "update <column>"
    intended: bool
    observed: bool

    def line(self) -> str:
        verb = "được phép" if self.observed else "bị từ chối"
        meant = "phải bị từ chối" if self.observed else "phải được phép"
        return (f"{self.table}: {self.role} {self.what} {verb} ({meant}) — "
                f"{self.role} may{'' if self.observed else ' not'} {self.what} {self.table}, "
                f"intended{' not' if self.observed else ''}")


@dataclass
class ProbeReport:
    observed: dict[str, dict[ProbeRole, Access]] = field(default_factory=dict)
    unprobed: dict[str, str] = field(default_factory=dict)  # table → why it has no probe row
    differences: list[Difference] = field(default_factory=list)


def _refused(exc: psycopg.Error) -> bool:
    """42501: a missing grant, a policy's WITH CHECK, or a guard trigger. Any other error (a
    unique key, a foreign key, a value too long) came after the rules had let the change in."""
    return exc.sqlstate == "42501"


def _changed(column: str, typ: str) -> sql.Composable:
    """Another value of the column's type (a NULL becomes a value: a guard that only looks at
    changes must be seen to refuse one)."""
    col = sql.Identifier(column)
    if typ in ("integer", "bigint", "smallint") or typ.startswith("numeric"):
        return sql.SQL("COALESCE({} + 1, 1)").format(col)
    if typ == "text" or typ.startswith("character"):
        return sql.SQL("COALESCE({} || 'x', 'x')").format(col)
    if typ == "boolean":
        return sql.SQL("COALESCE(NOT {}, true)").format(col)
    if typ == "date":
        return sql.SQL("COALESCE({} + 1, current_date)").format(col)
    if typ.startswith("timestamp"):
        return sql.SQL("COALESCE({} + interval '1 day', now())").format(col)
    if typ == "bytea":
        return sql.SQL("COALESCE({} || '\\x00'::bytea, '\\x00'::bytea)").format(col)
    if typ in ("json", "jsonb"):
        return sql.SQL("'{{\"probe\": 1}}'::{}").format(sql.SQL(typ))
    return col


@dataclass(frozen=True)
class ProbeRow:
    """One row to probe a table with: its key, and every column's value as text with its type."""

    table: str
    key: dict[str, str]
    values: dict[str, tuple[str | None, str]]  # column → (text value, type)
    generated: frozenset[str]  # key columns filled by a default (left out of the INSERT copy)


def probe_rows(conn: psycopg.Connection, tables: Iterable[str], prefer: Mapping[str, int | str]) -> dict[str, ProbeRow]:
    """One row per table as the schema owner sees it, preferring rows of the probe meeting,
    document and member (``prefer``: column → value)."""
    rows: dict[str, ProbeRow] = {}
    for table in tables:
        cols = conn.execute(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.atthasdef OR a.attidentity <> '' "
            "FROM pg_attribute a WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped "
            "AND a.attgenerated = '' "  # computed by the server from the other columns: nobody writes it"
            "ORDER BY a.attnum", (table,)).fetchall()
        key_cols = [r[0] for r in conn.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            "WHERE i.indrelid = %s::regclass AND i.indisprimary", (table,))]
        names = [c for c, _, _ in cols]
        order = [sql.SQL("({} IS DISTINCT FROM {})").format(sql.Identifier(c), sql.Literal(v))
                 for c, v in prefer.items() if c in names]
        query = sql.SQL("SELECT {} FROM {} ORDER BY {} LIMIT 1").format(
            sql.SQL(", ").join(sql.SQL("{}::text").format(sql.Identifier(c)) for c in names),
            sql.Identifier(table),
            sql.SQL(", ").join([*order, *(sql.Identifier(k) for k in key_cols)] or [sql.SQL("1")]))
        found = conn.execute(query).fetchone()
        if found is None or not key_cols:
            continue
        values = {c: (v, t) for (c, t, _), v in zip(cols, found, strict=True)}
        generated = frozenset(c for c, _, has_default in cols if has_default and c in key_cols and len(key_cols) == 1)
        rows[table] = ProbeRow(table, {k: values[k][0] for k in key_cols}, values, generated)
    return rows


def _where(row: ProbeRow) -> sql.Composable:
    return sql.SQL(" AND ").join(
        sql.SQL("{} = {}::{}").format(sql.Identifier(k), sql.Literal(v), sql.SQL(row.values[k][1]))
        for k, v in row.key.items())


def _attempt(conn: psycopg.Connection, statement: sql.Composable, *, counts: bool) -> bool:
    """Run in a transaction that is always rolled back; True when the rules let it act."""
    try:
        with conn.transaction(force_rollback=True):
            cur = conn.execute(statement)
            if counts:
                return cur.rowcount > 0
            return True
    except psycopg.Error as exc:
        return not _refused(exc)


def probe_table(conn: psycopg.Connection, row: ProbeRow) -> Access:
    table = sql.Identifier(row.table)
    where = _where(row)
    seen = _attempt(conn, sql.SQL("SELECT 1 FROM {} WHERE {}").format(table, where), counts=True)
    cols = [c for c in row.values if c not in row.generated]
    insert = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
        table, sql.SQL(", ").join(sql.Identifier(c) for c in cols),
        sql.SQL(", ").join(sql.SQL("{}::{}").format(sql.Literal(row.values[c][0]), sql.SQL(row.values[c][1]))
                           for c in cols))
    inserted = _attempt(conn, insert, counts=False)
    updatable = frozenset(
        c for c, (_, typ) in row.values.items()
        if _attempt(conn, sql.SQL("UPDATE {} SET {} = {} WHERE {}").format(
            table, sql.Identifier(c), _changed(c, typ), where), counts=True))
    deleted = _attempt(conn, sql.SQL("DELETE FROM {} WHERE {}").format(table, where), counts=True)
    return Access(seen, inserted, updatable, deleted)


def compare(observed: Mapping[str, Mapping[ProbeRole, Access]], intended: Mapping[str, Mapping[ProbeRole, Access]],
            columns: Mapping[str, Iterable[str]]) -> list[Difference]:
    """Every difference; a table the matrix does not know counts as closed to everyone."""
    out: list[Difference] = []
    for table in sorted(observed):
        for role in ProbeRole:
            got = observed[table].get(role, Access())
            want = intended.get(table, {}).get(role, Access())
            if "*" in want.update:
                want = replace(want, update=frozenset(columns[table]))
            for op in (Op.SELECT, Op.INSERT, Op.DELETE):
                if getattr(got, op) != getattr(want, op):
                    out.append(Difference(table, role, str(op), getattr(want, op), getattr(got, op)))
            for column in sorted(got.update ^ want.update):
                out.append(Difference(table, role, f"update {column}", column in want.update, column in got.update))
    return out
