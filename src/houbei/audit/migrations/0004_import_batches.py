"""Batch items: the objects an import created, each with a keyed digest of its values, filed
under the import's one audit entry (docs/decisions/0027-import-audit-per-batch.md). Append-only
like the entries: the same triggers, the same maintenance switch for `houbei flush`."""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    """CREATE TRIGGER audit_batchitem_no_update BEFORE UPDATE ON audit_batchitem
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_batchitem_no_delete BEFORE DELETE ON audit_batchitem
       WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance)
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]
POSTGRES = [  # audit_entry_append_only() honours the maintenance switch (migration 0003)
    """CREATE TRIGGER audit_batchitem_no_change BEFORE UPDATE OR DELETE ON audit_batchitem
       FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()""",
    """CREATE TRIGGER audit_batchitem_no_truncate BEFORE TRUNCATE ON audit_batchitem
       FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()""",
]


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def uninstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_batchitem_no_change ON audit_batchitem")
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS audit_batchitem_no_truncate ON audit_batchitem"
        )
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_batchitem_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_batchitem_no_delete")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_maintenance_switch")]

    operations = [
        migrations.CreateModel(
            name="BatchItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("target_type", models.CharField(max_length=60)),
                ("target_id", models.BigIntegerField()),
                ("digest", models.CharField(max_length=64)),
                (
                    "entry",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="audit.auditentry",
                    ),
                ),
            ],
            options={
                "verbose_name": "批量记录条目",
                "verbose_name_plural": "批量记录条目",
                "indexes": [models.Index(fields=["target_id"], name="audit_batchitem_target")],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
