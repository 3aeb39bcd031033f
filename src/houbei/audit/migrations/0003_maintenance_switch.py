"""Deleting audit entries stays impossible, except inside a maintenance transaction.

`houbei flush` (development and tests only) empties every table, the audit log included. It
does so in one transaction that first puts a row into `audit_maintenance`, a table no model
owns, and removes it again before committing; the delete triggers let deletes through only
while that row exists. Updates stay refused always.
"""

from django.db import migrations

MARKER = "CREATE TABLE audit_maintenance (reason varchar(100) NOT NULL)"
SQLITE = [
    "DROP TRIGGER IF EXISTS audit_entry_no_delete",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_auditentry
       WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance)
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]
POSTGRES = [
    "DROP TRIGGER IF EXISTS audit_entry_no_change ON audit_auditentry",
    "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry",
    """CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP IN ('DELETE', 'TRUNCATE') AND EXISTS (SELECT 1 FROM audit_maintenance) THEN
           IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
           RETURN NULL;
         END IF;
         RAISE EXCEPTION 'audit log is append-only';
       END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()""",
    """CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()""",
]
SQLITE_BACK = [
    "DROP TRIGGER IF EXISTS audit_entry_no_delete",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    "DROP TABLE audit_maintenance",
]
POSTGRES_BACK = [
    """CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql""",
    "DROP TABLE audit_maintenance",
]


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in [MARKER, *(POSTGRES if postgres else SQLITE)]:
        schema_editor.execute(statement)


def uninstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in POSTGRES_BACK if postgres else SQLITE_BACK:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(install, uninstall)]
