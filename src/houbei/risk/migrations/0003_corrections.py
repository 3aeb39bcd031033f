"""Surveys and problems can be voided (作废); a voided problem has the status 已作废
(docs/decisions/0028-record-corrections.md)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('risk', '0002_rollups'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='problem',
            name='void_reason',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='作废理由'),
        ),
        migrations.AddField(
            model_name='problem',
            name='voided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间'),
        ),
        migrations.AddField(
            model_name='problem',
            name='voided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人'),
        ),
        migrations.AddField(
            model_name='survey',
            name='void_reason',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='作废理由'),
        ),
        migrations.AddField(
            model_name='survey',
            name='voided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间'),
        ),
        migrations.AddField(
            model_name='survey',
            name='voided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人'),
        ),
        migrations.AlterField(
            model_name='problem',
            name='status',
            field=models.CharField(choices=[('open', '整改中'), ('closed', '已销号'), ('voided', '已作废')], default='open', max_length=10, verbose_name='状态'),
        ),
    ]
