"""Screening results sealed (docs/decisions/0016-trust.md): the kind and note of a person's
fact, a joint review's note, a disqualifier decision's reason and the political screening's
findings are encrypted and bound to their table, row and column (houbei.lib.sealed).

Existing rows are sealed in place; the plaintext columns (and the unbound ciphertexts) are
dropped. Not reversible: going back would write the screening results out in plaintext."""

import importlib

from django.db import migrations, models

from houbei.lib import crypto
from houbei.lib.sealed import seal_value

# SQLite rebuilds a table to drop a column, which breaks the pool guard's trigger that names
# reserves_jointreview: the guard is taken down for the change and put back after it.
GUARD = importlib.import_module("houbei.reserves.migrations.0002_pool_guard")
BATCH = 500
# model, {sealed name: (old column, old column is a v1 ciphertext)}
MOVES = {
    "personfact": {"kind": ("kind", False), "note": ("note_encrypted", True)},
    "disqualifierdecision": {"reason": ("reason", False)},
    "jointreview": {"note": ("note", False)},
    "politicalscreening": {"findings": ("findings_encrypted", True)},
}


def seal_rows(apps, schema_editor):  # type: ignore[no-untyped-def]
    alias = schema_editor.connection.alias
    for model_name, moves in MOVES.items():
        model = apps.get_model("reserves", model_name)
        table = model._meta.db_table
        batch = []
        rows = model._base_manager.using(alias).order_by("pk")
        for row in rows.iterator(chunk_size=BATCH):
            for name, (old, encrypted) in moves.items():
                value = getattr(row, old) or ""
                text = crypto.decrypt(value) if encrypted and value else value
                setattr(row, f"{name}_sealed", seal_value(table, name, row.pk, text))
            batch.append(row)
            if len(batch) >= BATCH:
                model._base_manager.using(alias).bulk_update(
                    batch, [f"{n}_sealed" for n in moves]
                )
                batch = []
        if batch:
            model._base_manager.using(alias).bulk_update(batch, [f"{n}_sealed" for n in moves])


class Migration(migrations.Migration):
    dependencies = [("reserves", "0002_pool_guard")]

    operations = [
        migrations.RunPython(GUARD.uninstall, GUARD.install),
        migrations.AddField(
            model_name="personfact",
            name="kind_sealed",
            field=models.TextField(default="", editable=False, verbose_name="情形（密文）"),
        ),
        migrations.AddField(
            model_name="personfact",
            name="note_sealed",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="disqualifierdecision",
            name="reason_sealed",
            field=models.TextField(default="", editable=False, verbose_name="理由（密文）"),
        ),
        migrations.AddField(
            model_name="jointreview",
            name="note_sealed",
            field=models.TextField(default="", editable=False, verbose_name="说明（密文）"),
        ),
        migrations.AddField(
            model_name="politicalscreening",
            name="findings_sealed",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(seal_rows, elidable=False),
        migrations.RemoveIndex(model_name="personfact", name="reserves_pe_person__e30360_idx"),
        migrations.RemoveField(model_name="personfact", name="kind"),
        migrations.RemoveField(model_name="personfact", name="note_encrypted"),
        migrations.RemoveField(model_name="disqualifierdecision", name="reason"),
        migrations.RemoveField(model_name="jointreview", name="note"),
        migrations.RemoveField(model_name="politicalscreening", name="findings_encrypted"),
        migrations.RunPython(GUARD.install, GUARD.uninstall),
    ]
