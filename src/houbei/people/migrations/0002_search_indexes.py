"""Indexes for the person search on PostgreSQL (docs/performance.md G4, issue 15 §4).

The search (PersonQuerySet.search) is `name LIKE '%…%'` or a prefix of the pinyin or initials.
On PostgreSQL a plain b-tree serves neither under a non-C collation: a trigram index serves the
substring and `varchar_pattern_ops` b-trees serve the prefixes. SQLite has no such index kinds
and needs none at a town's or a county's size; nothing is done there.

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. Where it
cannot be created (a role without the right), the substring index is left out and the search
still works, only slower; `houbei check` does not depend on it.
"""

from django.db import migrations

PATTERN_INDEXES = [
    "CREATE INDEX IF NOT EXISTS people_person_pinyin_prefix "
    "ON people_person (name_pinyin varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS people_person_initials_prefix "
    "ON people_person (name_initials varchar_pattern_ops)",
]
TRIGRAM = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS people_person_name_trgm "
    "ON people_person USING gin (name gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS people_person_name_trgm",
    "DROP INDEX IF EXISTS people_person_initials_prefix",
    "DROP INDEX IF EXISTS people_person_pinyin_prefix",
]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.db import DatabaseError, transaction

    with schema_editor.connection.cursor() as cursor:
        for statement in PATTERN_INDEXES:
            cursor.execute(statement)
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                for statement in TRIGRAM:
                    cursor.execute(statement)
        except DatabaseError:
            pass  # no right to create the extension: substring search without an index


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in DROP:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
