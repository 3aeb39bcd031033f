"""Opinions entered by the town on a department's behalf (代录): the letter or joint review
meeting they came from (ReviewAnswer), its optional scan sealed in the database (ReviewScan), and
the review's link to it. An answered-on-behalf review is never pending (database constraint).

SQLite rebuilds reserves_jointreview to add the constraint, which breaks the pool guard's trigger
that names it: the guard is taken down for the change and put back after it (as 0003 does)."""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

GUARD = importlib.import_module("houbei.reserves.migrations.0002_pool_guard")


class Migration(migrations.Migration):

    dependencies = [
        ('reserves', '0004_approvals'),
        ('rounds', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(GUARD.uninstall, GUARD.install),
        migrations.CreateModel(
            name='ReviewScan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='文件名')),
                ('content_type', models.CharField(max_length=40, verbose_name='文件类型')),
                ('size', models.PositiveIntegerField(verbose_name='大小（字节）')),
                ('content_sealed', models.TextField(default='', editable=False, verbose_name='内容（密文）')),
            ],
            options={
                'verbose_name': '联审答复扫描件',
                'verbose_name_plural': '联审答复扫描件',
            },
        ),
        migrations.CreateModel(
            name='ReviewAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('letter', '函复'), ('meeting', '联审会')], max_length=10, verbose_name='答复方式')),
                ('reference', models.CharField(max_length=100, verbose_name='文号或会议名称')),
                ('answered_on', models.DateField(verbose_name='函复或会议日期')),
                ('entered_at', models.DateTimeField(auto_now_add=True, verbose_name='代录时间')),
                ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='review_answers', to='reserves.candidate', verbose_name='后备人选')),
                ('entered_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='代录人')),
            ],
            options={
                'verbose_name': '代录联审答复',
                'verbose_name_plural': '代录联审答复',
                'ordering': ['candidate', '-entered_at'],
            },
        ),
        migrations.AddField(
            model_name='jointreview',
            name='answer',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='reserves.reviewanswer', verbose_name='代录依据'),
        ),
        migrations.AddConstraint(
            model_name='jointreview',
            constraint=models.CheckConstraint(condition=models.Q(('answer__isnull', True), models.Q(('outcome', 'pending'), _negated=True), _connector='OR'), name='review_on_behalf_is_answered'),
        ),
        migrations.AddField(
            model_name='reviewanswer',
            name='scan',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='answer', to='reserves.reviewscan', verbose_name='扫描件'),
        ),
        migrations.RunPython(GUARD.install, GUARD.uninstall),
    ]
