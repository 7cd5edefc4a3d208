"""Full-text search on both databases, with the same results on each.

Searched rows keep a `search_text` column: the distinct search tokens of their text, made
here in Python, so both databases index exactly the same words:

- a word in a spaced script (Latin, Hangul, Cyrillic…) is one token: case-folded,
  width-normalised ("１００" = "100"), accents dropped ("Zürich" = "zurich");
- Chinese and Japanese are written without spaces, so a run of Han or kana characters
  becomes its overlapping character pairs plus its last character alone (外相会談 →
  外相, 相会, 会談, 談), Traditional characters read as Simplified;
- a token outside ASCII is written as "0x" and its UTF-8 bytes in hex, so each database's
  own word splitter sees plain ASCII and cuts it exactly where we did.

A query word matches a token it begins ("minist" finds "ministers", "외교부" finds
"외교부는", Korean particles being suffixes); a number or a single letter matches
whole. A Chinese or Japanese query word matches a text holding all its character pairs;
a single such character, any text holding it. Every word of a query must match.

PostgreSQL matches with a GIN index on a stored generated column
`to_tsvector('simple', search_text)`; SQLite with an FTS5 table kept by triggers.
`install(connection)` creates both after every migrate, so a table that SQLite rebuilt in
a migration gets its triggers back.
"""

import re
import unicodedata

from django.db import models

from languages.detect import to_simplified

# Han ideographs (with extensions and compatibility forms) and kana.
_UNSPACED = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{_UNSPACED}]+|[^\W_{_UNSPACED}]+")
_UNSPACED_RUN = re.compile(rf"[{_UNSPACED}]")
# PostgreSQL's stored tsvector of search_text: made by the database, unknown to the ORM.
PG_VECTOR_COLUMN = "search_vector"
# PostgreSQL drops lexemes over 2 KB; no real word is near this.
MAX_TOKEN_CHARS = 60
MAX_QUERY_WORDS = 8


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text)  # Hangul syllables back together


def _encode(token: str) -> str:
    return token if token.isascii() else "0x" + token.encode().hex()


def _runs(text: str):
    """(run, unspaced?) for each word or Han/kana run of the folded text."""
    for match in _RUNS.finditer(_fold(text)):
        run = match.group()
        if _UNSPACED_RUN.match(run):
            yield to_simplified(run), True
        else:
            yield run[:MAX_TOKEN_CHARS], False


def document_tokens(*texts: str) -> set[str]:
    tokens: set[str] = set()
    for text in texts:
        for run, unspaced in _runs(text or ""):
            if unspaced:
                tokens.update(run[i : i + 2] for i in range(len(run) - 1))
                tokens.add(run[-1])
            else:
                tokens.add(run)
    return {_encode(t) for t in tokens}


def search_text(*texts: str) -> str:
    """The value of a row's `search_text` column for these texts."""
    return " ".join(sorted(document_tokens(*texts)))


def merged_search_text(*values: str) -> str:
    """The search text of rows taken together (a claim merged into another)."""
    return " ".join(sorted({t for v in values for t in (v or "").split()}))


def query_terms(query: str) -> list[tuple[str, bool]]:
    """(token, prefix?) that a text must all hold to match query; empty if none."""
    terms: dict[str, bool] = {}
    for word in query.split()[:MAX_QUERY_WORDS]:
        for run, unspaced in _runs(word):
            if unspaced and len(run) > 1:
                for i in range(len(run) - 1):
                    terms.setdefault(_encode(run[i : i + 2]), False)
            elif unspaced:
                terms[_encode(run)] = True
            else:
                terms[_encode(run)] = terms.get(_encode(run), False) or (
                    len(run) > 1 and not run.isdigit()
                )
    return list(terms.items())


class FullTextMatch(models.Expression):
    """True for rows of the queryset's model whose search_text holds every query term."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, model, terms: list[tuple[str, bool]]):
        super().__init__()
        self.model, self.terms = model, terms
        self.pk, self.column = models.F("pk"), models.F("search_text")

    def __repr__(self) -> str:
        return f"FullTextMatch({self.model.__name__}, {self.terms!r})"

    def get_source_expressions(self):
        return [self.pk, self.column]

    def set_source_expressions(self, exprs):
        self.pk, self.column = exprs

    def as_sql(self, compiler, connection):
        raise NotImplementedError(f"full-text search is not built for {connection.vendor}")

    def as_postgresql(self, compiler, connection):
        quote = compiler.quote_name_unless_alias
        vector = f"{quote(self.column.alias)}.{quote(PG_VECTOR_COLUMN)}"
        tsquery = " & ".join(f"{t}:*" if prefix else t for t, prefix in self.terms)
        return f"{vector} @@ to_tsquery('simple'::regconfig, %s)", (tsquery,)

    def as_sqlite(self, compiler, connection):
        pk, params = compiler.compile(self.pk)
        table = fts_table(self.model)
        match = " AND ".join(f'"{t}"*' if prefix else f'"{t}"' for t, prefix in self.terms)
        return (
            f"{pk} IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)",
            (*params, match),
        )


def matching(queryset, query: str):
    """The rows of queryset whose search text matches every word of query.

    A blank query is no filter; one of punctuation alone finds nothing, not everything.
    """
    if not query.strip():
        return queryset
    terms = query_terms(query)
    if not terms:
        return queryset.none()
    return queryset.filter(FullTextMatch(queryset.model, terms))


def fts_table(model) -> str:
    return f"{model._meta.db_table}_fts"


def install(connection, models_with_text) -> None:
    """Create the index of each model's search_text if it is missing (idempotent)."""
    with connection.cursor() as cursor:
        for model in models_with_text:
            table = model._meta.db_table
            if connection.vendor == "postgresql":
                # Stored, so a search matching most rows does not parse each row's text.
                cursor.execute(
                    f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {PG_VECTOR_COLUMN} tsvector "
                    f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
                )
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} "
                    f"USING gin ({PG_VECTOR_COLUMN})"
                )
            elif connection.vendor == "sqlite":
                _install_sqlite(cursor, table, fts_table(model))


def _install_sqlite(cursor, table: str, fts: str) -> None:
    # No trigger means a new index or a table SQLite rebuilt (dropping its triggers) in a
    # migration: the index is then read afresh from the table.
    cursor.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s", [f"{fts}_insert"]
    )
    stale = cursor.fetchone() is None
    cursor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
        f"search_text, content='{table}', content_rowid='id', tokenize='ascii')"
    )
    cursor.execute(
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END"
    )
    cursor.execute(
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) "
        f"VALUES ('delete', old.id, old.search_text); END"
    )
    cursor.execute(
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF search_text ON {table} "
        f"BEGIN INSERT INTO {fts}({fts}, rowid, search_text) "
        f"VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END"
    )
    if stale:
        cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
