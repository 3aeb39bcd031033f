"""The region a command works on, given by its 12-digit code (or everything)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import Q

from houbei.regions.models import Level, Region


def region_by_code(code: str | None) -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise CommandError(f"没有代码为 {code} 的区划")
    return region


def under(region: Region | None, path: str) -> Q:
    """Rows whose `path` leads to a village in the region (all rows without a region)."""
    if region is None:
        return Q()
    if region.level == Level.VILLAGE:
        return Q(**{path: region.pk})
    if region.level in (Level.COUNTY, Level.TOWN, Level.DISTRICT):
        return Q(**{f"{path}__{region.level}": region.pk})
    raise CommandError("请给出县、乡镇、管理区或村的区划代码")
