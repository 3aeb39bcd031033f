"""The re-assessment of a whole county (or the starter's whole scope) as a background job
(docs/decisions/0031-export-and-assessment-jobs.md): the weekly assessment run town by town,
each town in its own transaction (`run_assessment`, audited as from the page), the bar moving
by villages done of total after each town."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.models import User
from houbei.jobs.models import Job, Kind
from houbei.jobs.services import JobFailed, finish, progress, running, start_job
from houbei.regions.models import Level, Region
from houbei.risk.models import COLOURS, Colour, RunSource
from houbei.risk.services import run_assessment

# A scope above a town: a county's (or a city's, a province's) account.
WIDE_LEVELS = (Level.COUNTY, Level.CITY, Level.PROVINCE)
NOT_ALLOWED = "发起人已无权对该范围重新研判（账号停用、角色或所属地区已变更），未研判。"


def may_reassess(user: object) -> bool:
    """The capability, and a scope wider than one town."""
    region = getattr(user, "region", None)
    return (
        has_capability(user, Capability.REASSESS_ALL)
        and region is not None
        and region.level in WIDE_LEVELS
    )


def start_reassessment(user: User) -> Job:
    params = {"today": timezone.localdate().isoformat()}
    return start_job(reassess_job, Kind.ASSESSMENT, user, user.region, params)


def _villages(user: User) -> QuerySet[Region]:
    return Region.objects.visible_to(user).villages().current()


@task()
def reassess_job(job_id: int) -> None:
    with running(job_id) as job:
        user = job.started_by
        if not may_reassess(user) or user.region_id != job.region_id:
            raise JobFailed(NOT_ALLOWED)
        today = dt.date.fromisoformat(job.params["today"])
        villages = _villages(user)
        total = villages.count()
        towns = list(
            Region.objects.filter(pk__in=villages.order_by().values("town_id")).order_by("code")
        )
        progress(job, 0, total, f"正在研判：共 {len(towns)} 个乡镇")
        done, counts = 0, Counter[str]()
        for town in towns:
            run = run_assessment(
                region=town,
                actor=user,
                source=RunSource.WEB,
                villages=villages.filter(town=town),
                today=today,
            )
            done += run.villages
            counts.update(run.counts)
            progress(job, done, total, f"已完成{town.name}（{done}/{total} 个村）")
        parts = "，".join(f"{Colour(c).label}色 {counts.get(c, 0)} 个" for c in COLOURS)
        finish(job, f"重新研判完成：{len(towns)} 个乡镇，共 {done} 个村，{parts}。")
