"""Work logs, mentor ratings and test results can be voided (作废); one valid rating per month and
one valid result per attempt (docs/decisions/0028-record-corrections.md)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cultivation', '0001_initial'),
        ('rounds', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='examresult',
            name='exam_attempt_once',
        ),
        migrations.RemoveConstraint(
            model_name='mentorrating',
            name='mentor_rating_monthly',
        ),
        migrations.AddField(
            model_name='examresult',
            name='void_reason',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='作废理由'),
        ),
        migrations.AddField(
            model_name='examresult',
            name='voided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间'),
        ),
        migrations.AddField(
            model_name='examresult',
            name='voided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人'),
        ),
        migrations.AddField(
            model_name='mentorrating',
            name='void_reason',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='作废理由'),
        ),
        migrations.AddField(
            model_name='mentorrating',
            name='voided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间'),
        ),
        migrations.AddField(
            model_name='mentorrating',
            name='voided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人'),
        ),
        migrations.AddField(
            model_name='worklog',
            name='void_reason',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='作废理由'),
        ),
        migrations.AddField(
            model_name='worklog',
            name='voided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间'),
        ),
        migrations.AddField(
            model_name='worklog',
            name='voided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='作废人'),
        ),
        migrations.AddConstraint(
            model_name='examresult',
            constraint=models.UniqueConstraint(condition=models.Q(('voided_at__isnull', True)), fields=('trainee', 'attempt'), name='exam_attempt_once'),
        ),
        migrations.AddConstraint(
            model_name='mentorrating',
            constraint=models.UniqueConstraint(condition=models.Q(('voided_at__isnull', True)), fields=('placement', 'month'), name='mentor_rating_monthly'),
        ),
    ]
