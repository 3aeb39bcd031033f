"""One scan for several candidates' answers: a department's letter or a joint review meeting
answering for several candidates at once is stored once, each candidate's ReviewAnswer points to
it (the one-to-one link becomes a foreign key; the unique index goes)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reserves', '0006_corrections'),
    ]

    operations = [
        migrations.AlterField(
            model_name='reviewanswer',
            name='scan',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='answers', to='reserves.reviewscan', verbose_name='扫描件'),
        ),
    ]
