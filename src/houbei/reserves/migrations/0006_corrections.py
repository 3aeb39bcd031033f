"""Interviews, screenings, recommendation votes and talks can be voided (作废): who, when, why
(docs/decisions/0028-record-corrections.md)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reserves', '0005_review_on_behalf'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='interview',
            name='void_reason',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='作废理由'),
        ),
        migrations.AddField(
            model_name='interview',
            name='voided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间'),
        ),
        migrations.AddField(
            model_name='interview',
            name='voided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人'),
        ),
        migrations.AddField(
            model_name='politicalscreening',
            name='void_reason',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='作废理由'),
        ),
        migrations.AddField(
            model_name='politicalscreening',
            name='voided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间'),
        ),
        migrations.AddField(
            model_name='politicalscreening',
            name='voided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人'),
        ),
        migrations.AddField(
            model_name='recommendationvote',
            name='void_reason',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='作废理由'),
        ),
        migrations.AddField(
            model_name='recommendationvote',
            name='voided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间'),
        ),
        migrations.AddField(
            model_name='recommendationvote',
            name='voided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人'),
        ),
        migrations.AddField(
            model_name='talk',
            name='void_reason',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='作废理由'),
        ),
        migrations.AddField(
            model_name='talk',
            name='voided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间'),
        ),
        migrations.AddField(
            model_name='talk',
            name='voided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人'),
        ),
    ]
