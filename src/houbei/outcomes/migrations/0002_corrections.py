"""Evaluations and polls can be voided (作废) (docs/decisions/0028-record-corrections.md)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('outcomes', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='evaluation',
            name='void_reason',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='作废理由'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='voided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='voided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人'),
        ),
        migrations.AddField(
            model_name='poll',
            name='void_reason',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='作废理由'),
        ),
        migrations.AddField(
            model_name='poll',
            name='voided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间'),
        ),
        migrations.AddField(
            model_name='poll',
            name='voided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人'),
        ),
    ]
