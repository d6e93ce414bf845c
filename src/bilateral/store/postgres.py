"""The PostgreSQL connection: the same record, many writers at once, search with tsvector and GIN.

The store and the query layer write SQL once, in SQLite's dialect; ``translate`` turns it into
PostgreSQL's (placeholders, ``json_each``, ``INSERT OR REPLACE``, ``instr``, case-blind ``LIKE``),
and ``translate_ddl`` does the same for the migration scripts. Two things keep the record byte
for byte the same as SQLite's: every text column compares in code-point order (``COLLATE "C"``,
SQLite's BINARY), and every table has a ``rowid`` that numbers rows in the order they were
written, as SQLite's does, for the lists kept in reading order.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from bilateral.store.connection import Cursor, StoreError, index_keys, migrations
from bilateral.store.sqlite import split_sql

# Advisory lock keys: one for migrations, others named by what they guard.
_MIGRATION_LOCK = 0x6269_6C61  # "bila"


def _lock_key(name: str) -> int:
    return zlib.crc32(name.encode()) + (1 << 32)


class Row(tuple[Any, ...]):
    """A result row as sqlite3.Row reads: by position, by name, and ``dict(row)``. The ``rowid``
    column that SQLite keeps hidden is hidden here from ``keys()`` (a ``SELECT *``)."""

    _index: dict[str, int]
    _keys: tuple[str, ...]

    def __new__(cls, values: Sequence[Any], index: dict[str, int], keys: tuple[str, ...]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        row._keys = keys
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> tuple[str, ...]:
        return self._keys


def _plain(value: Any) -> Any:
    # sum() and some arithmetic come back as numeric: integers and floats, as from SQLite.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _row_factory(cursor: Any) -> Any:
    names = [c.name for c in cursor.description or ()]
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)
    keys = tuple(n for n in names if n != "rowid")

    def make(values: Sequence[Any]) -> Row:
        return Row([_plain(v) for v in values], index, keys)

    return make


class PostgresConnection:
    dialect = "postgresql"
    errors: tuple[type[Exception], ...] = (psycopg.Error,)

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            # Client-side binding: values are written into the statement as SQLite binds them,
            # untyped, so "? IS NULL" and text compared with a number work as they do there.
            self.db = psycopg.connect(
                url, autocommit=True, cursor_factory=psycopg.ClientCursor, row_factory=_row_factory
            )
        except psycopg.OperationalError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"{_safe(url)}: cannot connect ({first})") from None
        self._local = threading.local()
        self._migrate()
        self._columns = self._table_columns()

    # -- statements --------------------------------------------------------------------------
    def execute(self, sql: str, args: Sequence[Any] = ()) -> Cursor:
        cur = self.db.cursor()
        if args:
            cur.execute(translate(sql, self._columns), tuple(args))
        else:
            cur.execute(translate(sql, self._columns, params=False))
        return cur

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            self.db.cursor().executemany(translate(sql, self._columns), rows)

    @property
    def in_transaction(self) -> bool:
        return self.db.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.db.close()

    def tables(self) -> list[str]:
        return [t for t, _, _ in self._columns]

    def columns(self, table: str) -> list[str]:
        return next((list(c) for t, c, _ in self._columns if t == table), [])

    def data_version(self) -> str:
        # Every committed write moves the write-ahead log on; reads do not.
        row = self.db.execute("SELECT pg_current_wal_lsn()::text").fetchone()
        return str(row[0]) if row else ""

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """A session advisory lock: writers in other processes wait here, not in the middle of
        rewriting the same derived rows."""
        self.db.execute("SELECT pg_advisory_lock(%s)", (_lock_key(name),))
        try:
            yield
        finally:
            self.db.execute("SELECT pg_advisory_unlock(%s)", (_lock_key(name),))

    def lock_rows(self) -> str:
        return " FOR UPDATE"

    def defer_foreign_keys(self) -> None:
        # The keys to entities are declared DEFERRABLE INITIALLY DEFERRED (translate_ddl).
        return None

    def after_copy(self) -> None:
        for table, column in self.db.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'"
        ).fetchall():
            self.db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                f"COALESCE((SELECT max({column}) FROM {table}), 0) + 1, false)"
            )

    # -- schema ------------------------------------------------------------------------------
    def _migrate(self) -> None:
        """The same scripts as SQLite's, translated, each in its transaction; an advisory lock
        makes first uses at once take turns, and the second finds the work done."""
        scripts = migrations()
        known = {v for v, _ in scripts}
        self.db.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
        try:
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)"
            )
            applied = {int(r[0]) for r in self.db.execute("SELECT version FROM schema_migrations")}
            if applied - known:
                raise StoreError(
                    f"{_safe(self.url)}: schema version {max(applied)} is newer than this "
                    f"bilateral ({max(known)}); upgrade bilateral"
                )
            for version, script in scripts:
                if version in applied:
                    continue
                with self.db.transaction():
                    for statement in split_sql(script):
                        if _FTS_REBUILD.search(statement):
                            self._rebuild_index()
                        elif "ru_keys(" in statement:
                            self._fill_stems()
                        else:
                            for translated in translate_ddl(statement):
                                self.db.execute(translated)
                    self.db.execute("INSERT INTO schema_migrations VALUES (%s)", (version,))
        finally:
            self.db.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))

    def _fill_stems(self) -> None:
        """Migration 0010's ``stems`` of the stored Russian documents, from Python (SQLite
        calls the same function from its SQL)."""
        rows = self.db.execute(
            "SELECT id, title, text FROM documents WHERE language = 'ru'"
        ).fetchall()
        with self.db.cursor() as cur:
            cur.executemany(
                "UPDATE documents SET stems = %s WHERE id = %s",
                [(index_keys(f"{r[1] or ''} {r[2]}"), r[0]) for r in rows],
            )

    def _rebuild_index(self) -> None:
        """The full-text index made anew from the documents (SQLite's FTS5 'rebuild')."""
        has_stems = self.db.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = 'documents' AND column_name = 'stems'"
        ).fetchone()
        self.db.execute(
            "INSERT INTO documents_fts (doc, tsv) SELECT id, "
            + _tsvector("language", "COALESCE(title, '')", "text", "stems" if has_stems else None)
            + " FROM documents"
        )

    @property
    def schema_version(self) -> int:
        row = self.db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0) if row else 0

    def _table_columns(self) -> Columns:
        """Per table, its columns in order (without rowid) and its primary key."""
        cols: dict[str, list[str]] = {}
        for table, column in self.db.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        ):
            if column != "rowid":
                cols.setdefault(table, []).append(column)
        keys: dict[str, list[str]] = {}
        for table, column in self.db.execute(
            "SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.key_column_usage kcu "
            "ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema "
            "WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() "
            "ORDER BY tc.table_name, kcu.ordinal_position"
        ):
            keys.setdefault(table, []).append(column)
        return tuple((t, tuple(c), tuple(keys.get(t, ()))) for t, c in sorted(cols.items()))

    # -- full-text search --------------------------------------------------------------------
    def index_document(
        self, doc_id: str, title: str, text: str, language: str, stems: str | None
    ) -> None:
        self.db.execute(
            "INSERT INTO documents_fts (doc, tsv) SELECT v.doc, "
            + _tsvector("v.language", "v.title", "v.text", "v.stems")
            + " FROM (VALUES (%s, %s, %s, %s, %s)) AS v(doc, language, title, text, stems)",
            (doc_id, language, title, text, stems),
        )

    def index_stored(self, doc_ids: Sequence[str]) -> None:
        self.db.execute(
            "INSERT INTO documents_fts (doc, tsv) SELECT d.id, "
            + _tsvector("d.language", "COALESCE(d.title, '')", "d.text", "d.stems")
            + " FROM documents d WHERE d.id = ANY(%s)",
            (list(doc_ids),),
        )

    def _matches(self, match: str, where: str) -> str:
        query = tsquery(match)
        if not query:
            return "false"
        cond = f"f.tsv @@ {query}"
        if where:
            cond += f" AND f.doc IN (SELECT d.id FROM documents d WHERE {where})"
        return cond

    def fts_rows(
        self, match: str, *, where: str, args: Sequence[Any], limit: int, offset: int
    ) -> list[Any]:
        rank = f"-ts_rank(f.tsv, {tsquery(match) or 'NULL'})"
        sql = (
            "SELECT d.id, d.title, d.published, d.doc_type, d.publisher, d.language, d.text, "
            f"d.segments, r.rank FROM (SELECT f.doc, {rank} AS rank FROM documents_fts f "
            f"WHERE {self._matches(match, where)} ORDER BY rank, f.doc LIMIT ? OFFSET ?) r "
            "JOIN documents d ON d.id = r.doc ORDER BY r.rank, d.id"
        )
        return self.execute(sql, [*args, limit, offset]).fetchall()

    def fts_count(self, match: str, *, where: str, args: Sequence[Any]) -> int:
        sql = f"SELECT count(*) FROM documents_fts f WHERE {self._matches(match, where)}"
        return int(self.execute(sql, args).fetchone()[0])


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def _tsvector(language: str, title: str, text: str, stems: str | None) -> str:
    """The indexed form of a document, from SQL expressions for its columns. The title weighs
    more than the body (A against B), as in SQLite's bm25 weights; the Russian words' keys
    (``stems``, migration 0010) are weight C, as written (the 'simple' configuration), so that a
    query's key matches them exactly as FTS5's ``stems`` column does."""
    config = f"(CASE WHEN {language} = 'ru' THEN 'russian' ELSE 'english' END)::regconfig"
    out = (
        f"setweight(to_tsvector({config}, {title}), 'A') || "
        f"setweight(to_tsvector({config}, {text}), 'B')"
    )
    if stems is not None:
        out += f" || setweight(to_tsvector('simple', COALESCE({stems}, '')), 'C')"
    return out


# -- translating SQLite's dialect ----------------------------------------------------------------
_FTS_TOKEN = re.compile(r'(stems\s*:\s*)?"([^"]*)"(\*?)|\(|\)|AND|OR|NOT')
_FTS_REBUILD = re.compile(r"INTO\s+documents_fts\s*\(\s*documents_fts\s*\)", re.I)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def tsquery(match: str) -> str:
    """An FTS5 expression as search.py writes it (quoted phrases, a trailing * for a prefix,
    ``stems : "..."`` for Russian words' keys, AND / OR / NOT, parentheses) as a SQL expression
    of type tsquery, "" if it has no words. A phrase matches as English or as Russian; FTS5's
    precedence (NOT, then AND, then OR) is kept by the parentheses written here."""
    tokens: list[str] = []
    for m in _FTS_TOKEN.finditer(match):
        if m.group(2) is None:
            tokens.append(m.group(0))
            continue
        words = m.group(2).split()
        if not words:
            continue
        if m.group(1):
            text = " <-> ".join(f"{_literal(w)}:C" for w in words)
            tokens.append(f"to_tsquery('simple', {_literal(text)})")
            continue
        quoted = [_literal(w) for w in words]
        if m.group(3):
            quoted[-1] += ":*"
        text = _literal(" <-> ".join(quoted))
        tokens.append(f"(to_tsquery('english', {text}) || to_tsquery('russian', {text}))")
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def either() -> str:
        parts = [both()]
        while peek() == "OR":
            take()
            parts.append(both())
        return parts[0] if len(parts) == 1 else "(" + " || ".join(parts) + ")"

    def both() -> str:
        parts = [unless()]
        while peek() not in (None, "OR", ")"):
            if peek() == "AND":
                take()
            parts.append(unless())
        return parts[0] if len(parts) == 1 else "(" + " && ".join(parts) + ")"

    def unless() -> str:
        out = operand()
        while peek() == "NOT":
            take()
            out = f"({out} && !! {operand()})"
        return out

    def operand() -> str:
        tok = take()
        if tok == "(":
            inner = either()
            if peek() == ")":
                take()
            return inner
        return tok

    return either() if tokens else ""


_STRING = re.compile(r"'(?:[^']|'')*'")
_INSERT = re.compile(
    r"^\s*INSERT\s+(?:OR\s+(REPLACE|IGNORE)\s+)?INTO\s+(\w+)\s*(\([^)]*\))?\s*(VALUES|SELECT)",
    re.I,
)
_KEYWORDS = frozenset(
    "where join left inner on and or group order limit union intersect except select from "
    "having cross natural using as".split()
)


def _function_args(sql: str, name: str, rewrite: Any) -> str:
    """Each call of ``name(...)`` with its argument text (parentheses balanced) rewritten."""
    pattern = re.compile(rf"\b{name}\(", re.I)
    out, pos = [], 0
    while m := pattern.search(sql, pos):
        depth, i = 1, m.end()
        while depth and i < len(sql):
            depth += {"(": 1, ")": -1}.get(sql[i], 0)
            i += 1
        out.append(sql[pos : m.start()])
        replacement, i = rewrite(sql[m.end() : i - 1], sql, i)
        out.append(replacement)
        pos = i
    out.append(sql[pos:])
    return "".join(out)


def _json_each(arg: str, sql: str, end: int) -> tuple[str, int]:
    alias = re.match(r"\s+(?:AS\s+)?(\w+)", sql[end:], re.I)
    if alias and alias.group(1).lower() not in _KEYWORDS:
        return (
            f"json_array_elements_text(({arg})::json) AS {alias.group(1)}(value)",
            end + alias.end(),
        )
    return "json_array_elements_text((" + arg + ")::json) AS json_each(value)", end


def _json_extract(arg: str, sql: str, end: int) -> tuple[str, int]:
    column, path = arg.rsplit(",", 1)
    key = path.strip().strip("'")
    assert key.startswith("$."), key
    return f"(({column})::jsonb -> '{key[2:]}')", end


def _json_array_length(arg: str, sql: str, end: int) -> tuple[str, int]:
    return f"json_array_length(({arg})::json)", end


# Per table: its columns in order (without rowid) and its primary key.
Columns = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]


@lru_cache(maxsize=4096)
def translate(sql: str, columns: Columns = (), *, params: bool = True) -> str:
    """``sql`` in SQLite's dialect (? placeholders) in PostgreSQL's (%s placeholders when
    ``params``, the way psycopg reads a statement given values)."""
    if sql.strip().upper() == "BEGIN IMMEDIATE":
        return "BEGIN"
    # String literals are set aside from the rewrites below and put back at the end.
    literals: list[str] = []

    def keep(m: re.Match[str]) -> str:
        literals.append(m.group(0))
        return f"\x00{len(literals) - 1}\x00"

    body = _function_args(sql, "json_extract", _json_extract)  # its path is a literal
    body = _STRING.sub(keep, body)
    body = _function_args(body, "json_each", _json_each)
    body = _function_args(body, "json_array_length", _json_array_length)
    body = re.sub(r"\binstr\(", "strpos(", body, flags=re.I)
    # SQLite's LIKE ignores case.
    body = re.sub(r"\bLIKE\b", "ILIKE", body)
    body = re.sub(r'(?<![\w"])end(?=\s*(?:,|\bFROM\b|\bAS\b|\)|$|\s*[<>=]))', '"end"', body)
    body = _nulls_first(body)
    insert = _INSERT.match(body)
    if insert:
        body = _insert(body, insert, {t: (c, k) for t, c, k in columns})
    if params:
        body = body.replace("%", "%%").replace("?", "%s")

    def put_back(m: re.Match[str]) -> str:
        literal = literals[int(m.group(1))]
        return literal.replace("%", "%%") if params else literal

    return re.sub(r"\x00(\d+)\x00", put_back, body)


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.I)
_ORDER_END = re.compile(r"\b(LIMIT|OFFSET|UNION|INTERSECT|EXCEPT)\b", re.I)


def _nulls_first(sql: str) -> str:
    """NULL sorts first in SQLite and last in PostgreSQL: each ORDER BY term says which."""
    out, pos = [], 0
    while m := _ORDER_BY.search(sql, pos):
        out.append(sql[pos : m.end()])
        depth, i, start, terms = 0, m.end(), m.end(), []
        while i < len(sql):
            ch = sql[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            elif ch == "," and depth == 0:
                terms.append(sql[start:i])
                start = i + 1
            elif depth == 0 and _ORDER_END.match(sql, i) and not sql[i - 1].isalnum():
                break
            i += 1
        terms.append(sql[start:i])
        out.append(",".join(_null_order(t) for t in terms))
        pos = i
    out.append(sql[pos:])
    return "".join(out)


def _null_order(term: str) -> str:
    stripped = term.rstrip()
    if re.search(r"\bNULLS\s+(FIRST|LAST)$", stripped, re.I):
        return term
    last = " NULLS LAST" if re.search(r"\bDESC$", stripped, re.I) else " NULLS FIRST"
    return stripped + last + term[len(stripped) :]


def _insert(
    body: str, m: re.Match[str], columns: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
) -> str:
    """INSERT OR IGNORE / OR REPLACE as ON CONFLICT, and a column list where SQLite's VALUES
    relies on the table's order (the hidden rowid column is not part of it here)."""
    mode, table, listed = m.group(1), m.group(2), m.group(3)
    cols, key = columns.get(table, ((), ()))
    names: tuple[str, ...]
    if listed:
        names = tuple(c.strip().strip('"') for c in listed.strip("()").split(","))
    else:
        values = body[m.end() :]
        n = values.count("?") or values.count(",") + 1
        names = cols[:n]
    head = "INSERT INTO " + table + " (" + ", ".join(_quote(c) for c in names) + ") " + m.group(4)
    body = head + body[m.end() :]
    if mode and mode.upper() == "IGNORE":
        return body + " ON CONFLICT DO NOTHING"
    if mode and mode.upper() == "REPLACE":
        # SQLite replaces the row whole, under a new rowid: the same here.
        updates = [f"{_quote(c)} = EXCLUDED.{_quote(c)}" for c in names if c not in key]
        updates.append("rowid = DEFAULT")
        target = ", ".join(_quote(c) for c in key)
        return body + f" ON CONFLICT ({target}) DO UPDATE SET " + ", ".join(updates)
    return body


def _quote(column: str) -> str:
    return '"end"' if column.lower() == "end" else column


def translate_ddl(statement: str) -> list[str]:
    """A migration statement as PostgreSQL statements (SQLite's full-text table becomes a
    tsvector table with a GIN index)."""
    body = re.sub(r"--[^\n]*", "", statement).strip().rstrip(";")
    if re.match(r"CREATE\s+VIRTUAL\s+TABLE\s+documents_fts\b", body, re.I):
        return [
            'CREATE TABLE documents_fts (doc TEXT COLLATE "C" PRIMARY KEY REFERENCES '
            "documents(id) ON DELETE CASCADE, tsv tsvector NOT NULL)",
            "CREATE INDEX documents_fts_tsv ON documents_fts USING GIN (tsv)",
        ]
    if re.match(r"CREATE\s+VIRTUAL\s+TABLE", body, re.I):
        raise StoreError(f"a migration's virtual table has no PostgreSQL form: {body[:80]}")
    copied = re.match(
        r"INSERT\s+INTO\s+(\w+)\s*\(\s*id\s*,[^)]*\)\s*SELECT\s+rowid\s*,", body, re.I
    )
    if copied:
        # A table rebuilt with a key (0009): the key is the old rowid, rows keep their order,
        # and the key's sequence goes on after the highest.
        table = copied.group(1)
        return [
            translate(body + " ORDER BY rowid", params=False),
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)",
            # The copied rows' deferred key checks now: an index is not built over a table
            # with checks pending.
            "SET CONSTRAINTS ALL IMMEDIATE",
        ]
    body = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', body)
    body = re.sub(r"\bINTEGER\b", "BIGINT", body)
    body = re.sub(r"\bREAL\b", "DOUBLE PRECISION", body)
    body = re.sub(r"(\w+)\s+COLLATE\s+NOCASE", r"lower(\1)", body, flags=re.I)
    body = re.sub(r"(^|[(,\s])end(\s+BIGINT)", r'\1"end"\2', body)
    # A key of its own, numbered as SQLite numbers an INTEGER PRIMARY KEY.
    body = re.sub(r"\bid\s+BIGINT\s+PRIMARY\s+KEY\b", "id BIGSERIAL PRIMARY KEY", body)
    # Entities are written at the end of a batch, after the rows that name them (Store.batch).
    body = re.sub(
        r"\bREFERENCES\s+entities\s*\(\s*id\s*\)",
        "REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED",
        body,
    )
    if re.match(r"CREATE\s+TABLE", body, re.I):
        close = body.rindex(")")
        body = body[:close].rstrip() + ",\n    rowid BIGSERIAL\n" + body[close:]
    return [body]
