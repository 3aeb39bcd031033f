"""Indexes on people that no query uses, dropped: each import row paid for them (docs/decisions/
0027-import-audit-per-batch.md, with the query plans). The village's own index is the first
column of (village, name); nothing filters or sorts people by birth date; a b-tree on the
initials serves no `LIKE 'x%'` (SQLite: a BINARY index never does; PostgreSQL: the
`varchar_pattern_ops` index of migration 0002 does)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_search_indexes"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="person",
            name="people_pers_name_in_d714d7_idx",
        ),
        migrations.RemoveIndex(
            model_name="person",
            name="people_pers_birth_d_47824e_idx",
        ),
        migrations.AlterField(
            model_name="person",
            name="village",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="residents",
                to="regions.region",
                verbose_name="户籍所在村",
            ),
        ),
    ]
