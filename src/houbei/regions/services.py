"""Writes to the region tree."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.lib.pinyin import search_keys
from houbei.regions.models import Level, Region

_CHILD_LEVEL = {
    Level.PROVINCE: {Level.CITY},
    Level.CITY: {Level.COUNTY},
    Level.COUNTY: {Level.TOWN},
    Level.TOWN: {Level.DISTRICT, Level.VILLAGE},
    Level.DISTRICT: {Level.VILLAGE},
}


def build_region(
    *,
    name: str,
    level: Level,
    parent: Region | None,
    code: str | None = None,
    valid_from: dt.date | None = None,
) -> Region:
    """An unsaved Region with its search keys and ancestors filled; validates the tree shape."""
    if parent is not None and level not in _CHILD_LEVEL.get(Level(parent.level), set()):
        raise ValueError(f"{parent.get_level_display()}下不能设{level.label}")
    full, initials = search_keys(name)
    region = Region(
        name=name,
        level=level,
        parent=parent,
        code=code,
        valid_from=valid_from,
        name_pinyin=full,
        name_initials=initials,
        **(parent.ancestors_for_child() if parent else {}),
    )
    return region


@transaction.atomic
def create_region(
    *,
    name: str,
    level: Level,
    parent: Region | None,
    code: str | None = None,
    actor: Actor | None = None,
) -> Region:
    region = build_region(name=name, level=level, parent=parent, code=code)
    region.save()
    if level == Level.COUNTY:
        Region.objects.filter(pk=region.pk).update(county=region)
        region.county = region
    elif level == Level.TOWN:
        Region.objects.filter(pk=region.pk).update(town=region)
        region.town = region
    elif level == Level.DISTRICT:
        Region.objects.filter(pk=region.pk).update(district=region)
        region.district = region
    record(actor, "regions.region.created", region, {"name": name, "code": code})
    return region
