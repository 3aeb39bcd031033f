"""The region a command works on, given by its 12-digit code (or everything)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import Q

from houbei.regions.models import Region, subtree_q


def region_by_code(code: str | None) -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise CommandError(f"没有代码为 {code} 的区划")
    return region


def under(region: Region | None, path: str) -> Q:
    """Rows whose `path` leads to a region in the region's subtree (all rows without a region)."""
    return Q() if region is None else subtree_q(region, path)
